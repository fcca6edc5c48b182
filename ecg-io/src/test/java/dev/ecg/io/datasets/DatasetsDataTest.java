package dev.ecg.io.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.labels.CincClass;
import dev.ecg.io.EcgFormatException;
import dev.ecg.io.Record;
import dev.ecg.io.wfdb.RhythmInterval;
import dev.ecg.io.wfdb.WfdbRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads the reference databases (skipped when the data folder is absent). */
class DatasetsDataTest {

  @Test
  void mitBihBeatsAndRhythms() throws IOException {
    Path dir = DataDir.find("mitdb").orElse(null);
    assumeTrue(dir != null, DataDir.missingMessage("mitdb"));
    MitBih db = new MitBih(dir);
    assertEquals(48, db.records().size());
    // MIT-BIH Arrhythmia Database Directory, record 100: 2239 N, 33 A, 1 V
    Map<AamiClass, Integer> counts = new EnumMap<>(AamiClass.class);
    for (MitBih.Beat b : db.beats("100")) {
      counts.merge(b.aami(), 1, Integer::sum);
    }
    assertEquals(Map.of(AamiClass.N, 2239, AamiClass.S, 33, AamiClass.V, 1), counts);
    Record r = db.load("100");
    assertEquals(2274, r.annotations().size());
    assertEquals(650000, r.length());
    // record 201 contains atrial fibrillation episodes (database directory)
    List<RhythmInterval> rh = db.rhythms("201");
    assertTrue(rh.stream().anyMatch(i -> i.rhythm().equals("AFIB")), rh.toString());
    long covered = rh.stream().mapToLong(RhythmInterval::length).sum();
    assertEquals(650000 - rh.get(0).start(), covered);
    assertTrue(MitBih.DS1.stream().noneMatch(MitBih.DS2::contains));
    assertThrows(EcgFormatException.class, () -> db.load("999"));
  }

  @Test
  void everyCincRecordReadsWithMatHeaderVerified() throws IOException {
    Path dir = DataDir.find("cinc2017").map(p -> p.resolve("training")).orElse(null);
    assumeTrue(dir != null, DataDir.missingMessage("cinc2017"));
    Cinc2017 db = new Cinc2017(dir);
    assertEquals(7248, db.records().size());
    Map<CincClass, Integer> counts = new EnumMap<>(CincClass.class);
    db.labels().values().forEach(c -> counts.merge(c, 1, Integer::sum));
    // label counts of this subset as documented in shared/data/README.md
    assertEquals(Map.of(CincClass.NORMAL, 4292, CincClass.AF, 627, CincClass.OTHER, 2088,
        CincClass.NOISY, 241), counts);
    for (String id : db.records()) {
      WfdbRecord r = db.readRecord(id);
      assertEquals(r.header().sampleCount(), r.length(), id);
      assertEquals(300.0, r.fs(), id);
      assertTrue(r.length() >= 9 * 300 && r.length() <= 61 * 300, id);
    }
    Record a1 = db.load("A00001");
    assertEquals(9000, a1.length());
    // header initial value -127 adu at 1000 adu/mV
    assertEquals(-0.127, a1.signals()[0][0], 1e-12);
  }

  @Test
  void cincPlaceholderChecksumAndCorruptMatHeader(@TempDir Path tmp) throws IOException {
    Path dir = DataDir.find("cinc2017").map(p -> p.resolve("training")).orElse(null);
    assumeTrue(dir != null, DataDir.missingMessage("cinc2017"));
    // the Challenge headers carry checksum 0: a strict reader rejects them, the default warns
    assertThrows(dev.ecg.io.wfdb.ChecksumException.class,
        () -> dev.ecg.io.wfdb.WfdbReader.options().strict(true).reader()
            .read(dir.resolve("A00001")));
    assertEquals(1, dev.ecg.io.wfdb.Wfdb.readRecord(dir.resolve("A00001")).warnings().size());
    java.nio.file.Files.writeString(tmp.resolve("REFERENCE.csv"), "A00001,N\n");
    java.nio.file.Files.copy(dir.resolve("A00001.hea"), tmp.resolve("A00001.hea"));
    byte[] mat = java.nio.file.Files.readAllBytes(dir.resolve("A00001.mat"));
    mat[8] = 7; // column count no longer 9000
    java.nio.file.Files.write(tmp.resolve("A00001.mat"), mat);
    EcgFormatException e = assertThrows(EcgFormatException.class,
        () -> new Cinc2017(tmp).load("A00001"));
    assertTrue(e.getMessage().contains("MAT v4 header"), e.getMessage());
  }

  @Test
  void everyPtbXlRecordReadsWithChecksums() throws IOException {
    Path dir = DataDir.find("ptbxl").orElse(null);
    assumeTrue(dir != null, DataDir.missingMessage("ptbxl"));
    PtbXl db = new PtbXl(dir);
    assertEquals(500, db.rows().size());
    PtbXl.Row first = db.row(1);
    assertEquals(15709, first.patientId());
    assertEquals("{'NORM': 100.0, 'LVOLT': 0.0, 'SR': 0.0}", first.scpCodes());
    assertEquals(3, first.stratFold());
    assertEquals("records100/00000/00001_lr", first.filenameLr());
    for (PtbXl.Row row : db.rows()) {
      WfdbRecord r = db.readRecord(row.ecgId());
      assertEquals(1000, r.length(), "ecg_id " + row.ecgId());
      assertEquals(12, r.signalCount());
      assertTrue(row.stratFold() >= 1 && row.stratFold() <= 10);
    }
    Record r = db.load(1);
    assertEquals(List.of("I", "II", "III", "AVR", "AVL", "AVF", "V1", "V2", "V3", "V4", "V5",
        "V6"), r.channelNames());
    assertEquals(-0.119, r.signals()[0][0], 1e-12);
  }

  @Test
  void missingFoldersGiveClearMessages(@TempDir Path tmp) {
    EcgFormatException e = assertThrows(EcgFormatException.class, () -> new MitBih(tmp));
    assertTrue(e.getMessage().contains("RECORDS"), e.getMessage());
    e = assertThrows(EcgFormatException.class, () -> new Cinc2017(tmp.resolve("nope")));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
    e = assertThrows(EcgFormatException.class, () -> new PtbXl(tmp));
    assertTrue(e.getMessage().contains("ptbxl_database.csv"), e.getMessage());
  }
}
