package dev.ecg.io.wfdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.EcgFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt and hostile input must give a typed exception naming the file and position. */
class WfdbRobustnessTest {
  @TempDir Path tmp;

  private Path record(String hea, byte[] dat) throws IOException {
    Files.writeString(tmp.resolve("r.hea"), hea, StandardCharsets.ISO_8859_1);
    if (dat != null) {
      Files.write(tmp.resolve("r.dat"), dat);
    }
    return tmp.resolve("r");
  }

  private EcgFormatException fails(Path rec) {
    return assertThrows(EcgFormatException.class, () -> Wfdb.readRecord(rec));
  }

  @Test
  void sampleCountBeyondFile() throws IOException {
    Path r = record("r 1 360 11\nr.dat 16 200 16 0 0 0 0 x\n", new byte[20]);
    EcgFormatException e = fails(r);
    assertTrue(e.getMessage().contains("claims 11 samples"), e.getMessage());
    assertTrue(e.getMessage().contains("r.dat"), e.getMessage());
  }

  @Test
  void truncatedDat212() throws IOException {
    // 4 frames of 2 signals in 212 need 12 bytes; give 10
    Path r = record("r 2 360 4\nr.dat 212 200 12 0 0 0 0 a\nr.dat 212 200 12 0 0 0 0 b\n",
        new byte[10]);
    EcgFormatException e = fails(r);
    assertTrue(e.getMessage().contains("holds only 3 frames"), e.getMessage());
  }

  @Test
  void unknownFormat() throws IOException {
    EcgFormatException e = fails(record("r 1 360 4\nr.dat 13 200 12 0 0 0 0 a\n", new byte[8]));
    assertEquals(2, e.position());
    assertEquals("line", e.positionKind());
    assertTrue(e.getMessage().contains("unsupported signal format 13"), e.getMessage());
  }

  @Test
  void malformedSignalLines() throws IOException {
    String[] bad = {
      "r.dat 16 2x0(0)/mV 16 0 0 0 0 a",
      "r.dat 16 200(0/mV 16 0 0 0 0 a",
      "r.dat 16x0 200 16 0 0 0 0 a",
      "r.dat 16:-1 200 16 0 0 0 0 a",
      "r.dat 16+abc 200 16 0 0 0 0 a",
      "r.dat 16 200 16 zero 0 0 0 a",
      "r.dat 16 -5 16 0 0 0 0 a",
      "r.dat",
    };
    for (String line : bad) {
      EcgFormatException e = fails(record("r 1 360 4\n" + line + "\n", new byte[8]));
      assertEquals(2, e.position(), line);
      assertTrue(e.getMessage().contains("r.hea"), e.getMessage());
    }
  }

  @Test
  void negativeOrBadSamplingFrequency() throws IOException {
    for (String fs : List.of("-360", "0", "NaN", "abc", "1e999")) {
      EcgFormatException e = fails(record("r 1 " + fs + " 4\nr.dat 16 200 16 0 0 0 0 a\n",
          new byte[8]));
      assertEquals(1, e.position(), fs);
    }
  }

  @Test
  void missingSignalLinesAndHugeSignalCount() throws IOException {
    EcgFormatException e = fails(record("r 3 360 4\nr.dat 16 200 16 0 0 0 0 a\n", new byte[8]));
    assertTrue(e.getMessage().contains("declares 3 signal lines but has 1"), e.getMessage());
    e = fails(record("r 1000000 360 4\n", new byte[8]));
    assertTrue(e.getMessage().contains("signal count"), e.getMessage());
  }

  @Test
  void trillionSamplesDoesNotAllocate() throws IOException {
    Path r = record("r 2 360 1000000000000\nr.dat 16 200 16 0 0 0 0 a\nr.dat 16 200 16 0 0 0 0 b\n",
        new byte[400]);
    EcgFormatException e = fails(r);
    assertTrue(e.getMessage().contains("claims 1000000000000 samples"), e.getMessage());
    // a big but real file is refused by the configurable cap, before allocation
    Path r2 = record("r 2 360 100\nr.dat 16 200 16 0 0 0 0 a\nr.dat 16 200 16 0 0 0 0 b\n",
        new byte[400]);
    EcgFormatException capped = assertThrows(EcgFormatException.class,
        () -> WfdbReader.options().maxSamples(199).reader().read(r2));
    assertTrue(capped.getMessage().contains("exceeds the limit of 199"), capped.getMessage());
    assertEquals(100, WfdbReader.options().maxSamples(200).reader().read(r2).length());
  }

  @Test
  void badInitialValue() throws IOException {
    Path r = record("r 1 360 2\nr.dat 16 200 16 0 7 0 0 a\n", new byte[] {5, 0, 0, 0});
    ChecksumException e = assertThrows(ChecksumException.class,
        () -> WfdbReader.options().strict(true).reader().read(r));
    assertTrue(e.getMessage().contains("initial value 7"), e.getMessage());
    // by default read, as the WFDB C library and wfdb-python do, with the mismatch as a warning
    WfdbRecord read = Wfdb.readRecord(r);
    assertEquals(5, read.digital()[0][0]);
    // (its checksum field, 0, does not match the sum 5 either)
    assertEquals(2, read.warnings().size(), read.warnings().toString());
    assertTrue(read.warnings().get(0).contains("initial value 7"), read.warnings().toString());
    assertTrue(read.warnings().get(1).contains("checksum 5"), read.warnings().toString());
  }

  @Test
  void badChecksumNamesSignal() throws IOException {
    Path r = record("r 1 360 2\nr.dat 16 200 16 0 5 6 0 lead\n", new byte[] {5, 0, 2, 0});
    ChecksumException e = assertThrows(ChecksumException.class,
        () -> WfdbReader.options().strict(true).reader().read(r));
    assertEquals(1, Wfdb.readRecord(r).warnings().size());
    assertEquals(0, e.signal());
    assertEquals("lead", e.signalName());
    assertTrue(e.getMessage().contains("r.dat"), e.getMessage());
    // checksum 7 = 5 + 2 passes
    Path ok = record("r 1 360 2\nr.dat 16 200 16 0 5 7 0 lead\n", new byte[] {5, 0, 2, 0});
    assertEquals(2, Wfdb.readRecord(ok).length());
  }

  @Test
  void missingFilesAreTyped() throws IOException {
    EcgFormatException e = assertThrows(EcgFormatException.class,
        () -> Wfdb.readRecord(tmp.resolve("nothing")));
    assertTrue(e.getMessage().contains("nothing.hea"), e.getMessage());
    Path r = record("r 1 360 2\nother.dat 16 200 16 0 5 7 0 lead\n", null);
    e = fails(r);
    assertTrue(e.getMessage().contains("other.dat"), e.getMessage());
  }

  @Test
  void annotationFileCutMidRecord() throws IOException {
    byte[] full = WfdbAnnotations.encode(List.of(
        new dev.ecg.io.Annotation(5, "N", 0, 0, 0, ""),
        new dev.ecg.io.Annotation(5000, "+", 0, 0, 0, "(AFIB"),
        new dev.ecg.io.Annotation(5001, "V", 0, 0, 0, "")));
    for (int cut = 1; cut < full.length; cut++) {
      byte[] part = Arrays.copyOf(full, cut);
      Path f = tmp.resolve("c" + cut + ".atr");
      Files.write(f, part);
      EcgFormatException e = assertThrows(EcgFormatException.class, () -> WfdbAnnotations.read(f),
          "cut at " + cut);
      assertEquals("byte", e.positionKind());
      assertTrue(e.position() >= 0 && e.position() <= cut, "cut " + cut + ": " + e.getMessage());
    }
    assertEquals(3, WfdbAnnotations.decode(full, null).size());
  }

  @Test
  void undefinedAnnotationCode() {
    byte[] b = {1, (byte) (52 << 2), 0, 0};
    EcgFormatException e = assertThrows(EcgFormatException.class,
        () -> WfdbAnnotations.decode(b, null));
    assertEquals(0, e.position());
  }

  @Test
  void headerWithExtraSignalLines() throws IOException {
    EcgFormatException e = fails(record(
        "r 1 360 2\nr.dat 16 200 16 0 5 7 0 a\nr.dat 16 200 16 0 5 7 0 b\n", new byte[4]));
    assertEquals(3, e.position());
  }

  @Test
  void hugeSegmentCountRejected() throws IOException {
    EcgFormatException e = fails(record("r/1000000000 2 360 5\n", null));
    assertTrue(e.getMessage().contains("segment count"), e.getMessage());
  }

  @Test
  void nullSignalWithHugeLengthIsCappedNotOverflowed() throws IOException {
    // format 0 has no file to check the length against; the cap must still hold without overflow
    Path r = record("r 2 360 9223372036854775807\n~ 0x1000 200 12 0 0 0 0 a\n"
        + "~ 0 200 12 0 0 0 0 b\n", null);
    EcgFormatException e = fails(r);
    assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
    Path ok = record("r 1 360 4\n~ 0 200 12 0 0 0 0 a\n", null);
    WfdbRecord rec = Wfdb.readRecord(ok);
    assertEquals(4, rec.length());
    assertTrue(Double.isNaN(rec.physical()[0][3]));
  }

  @Test
  void streamReadsARecordLargerThanTheCapInBlocks() throws IOException {
    int n = 1_000_000;
    int[][] d = new int[2][n];
    for (int i = 0; i < n; i++) {
      d[0][i] = (i * 7) % 4000 - 2000;
      d[1][i] = (i % 13) - 6;
    }
    Path base = tmp.resolve("long");
    Wfdb.writeRecord(base, 360, 212, d, new double[] {200, 200}, new int[] {0, 0},
        new String[] {"mV", "mV"}, new String[] {"a", "b"});
    WfdbReader small = WfdbReader.options().maxSamples(20_000).reader();
    assertThrows(EcgFormatException.class, () -> small.read(base));
    long pos = 0;
    try (WfdbReader.WfdbStream st = small.stream(base, 10_000)) {
      while (st.hasNext()) {
        WfdbRecord b = st.next();
        for (int i = 0; i < b.length(); i++) {
          int k = (int) (pos + i);
          if (b.digital()[0][i] != d[0][k] || b.digital()[1][i] != d[1][k]) {
            throw new AssertionError("mismatch at " + k);
          }
        }
        pos += b.length();
      }
    }
    assertEquals(n, pos);
  }
}
