package dev.ecg.io.wfdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.labels.AamiClass;
import dev.ecg.io.Annotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads the real MIT-BIH Arrhythmia Database (skipped when the data folder is absent). */
class MitdbDataTest {
  private static Path dir;

  @BeforeAll
  static void find() {
    dir = DataDir.find("mitdb").orElse(null);
  }

  private static void need() {
    assumeTrue(dir != null, DataDir.missingMessage("mitdb"));
  }

  @Test
  void everyRecordReadsWithChecksumsVerified() throws IOException {
    need();
    List<String> names = Files.readAllLines(dir.resolve("RECORDS")).stream()
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
    assertEquals(48, names.size());
    for (String n : names) {
      WfdbRecord r = Wfdb.readRecord(dir.resolve(n));
      assertEquals(650000, r.length(), n);
      assertEquals(2, r.signalCount(), n);
      assertEquals(360.0, r.fs());
      // the header writer gives back an equal header
      assertEquals(r.header(), WfdbHeader.parse(r.header().format(), null));
    }
  }

  @Test
  void record100StartsWithPublishedValues() throws IOException {
    need();
    WfdbRecord r = Wfdb.readRecord(dir.resolve("100"));
    // the header's initial values (995, 1011) are the first samples; rdsamp shows -0.145 -0.065 mV
    assertEquals(995, r.digital()[0][0]);
    assertEquals(1011, r.digital()[1][0]);
    assertEquals(-0.145, r.physical()[0][0], 1e-12);
    assertEquals(-0.065, r.physical()[1][0], 1e-12);
    assertEquals(List.of("MLII", "V5"), r.signalNames());
  }

  @Test
  void readSamplesMatchesDigitalPath() throws IOException {
    need();
    for (String n : List.of("100", "208")) {
      dev.ecg.io.Record a = Wfdb.readRecord(dir.resolve(n)).toRecord();
      dev.ecg.io.Record b = Wfdb.readSamples(dir.resolve(n));
      for (int s = 0; s < 2; s++) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.signals()[s], b.signals()[s], n);
      }
    }
  }

  @Test
  void rangeReadMatchesWholeRead() throws IOException {
    need();
    WfdbRecord all = Wfdb.readRecord(dir.resolve("203"));
    long[][] ranges = {{0, 1}, {1, 2}, {1, 4}, {12345, 67891}, {649999, 650000}, {3, 3}};
    for (long[] rg : ranges) {
      WfdbRecord part = Wfdb.readRecord(dir.resolve("203"), rg[0], rg[1]);
      for (int s = 0; s < 2; s++) {
        int[] want = java.util.Arrays.copyOfRange(all.digital()[s], (int) rg[0], (int) rg[1]);
        assertArrayEquals(want, part.digital()[s], "range " + rg[0] + ".." + rg[1]);
      }
    }
  }

  @Test
  void streamingMatchesWholeRead() throws IOException {
    need();
    WfdbRecord all = Wfdb.readRecord(dir.resolve("201"));
    try (WfdbReader.WfdbStream st = WfdbReader.create().stream(dir.resolve("201"), 77777)) {
      long pos = 0;
      while (st.hasNext()) {
        WfdbRecord b = st.next();
        assertEquals(pos, b.start());
        for (int s = 0; s < 2; s++) {
          for (int i = 0; i < b.length(); i++) {
            if (b.digital()[s][i] != all.digital()[s][(int) (pos + i)]) {
              throw new AssertionError("mismatch at " + (pos + i));
            }
          }
        }
        pos += b.length();
      }
      assertEquals(650000, pos);
    }
  }

  /**
   * Total beats per record as tabulated in the MIT-BIH Arrhythmia Database Directory (Moody and
   * Mark; "Beats" table of each record), 109,494 beats over the 48 records.
   */
  static final String PUBLISHED_BEATS = "100:2273 101:1865 102:2187 103:2084 104:2229 105:2572 106:2027 107:2137 108:1763 109:2532 111:2124 112:2539 113:1795 114:1879 115:1953 116:2412 117:1535 118:2278 119:1987 121:1863 122:2476 123:1518 124:1619 200:2601 201:1963 202:2136 203:2980 205:2656 207:1860 208:2955 209:3005 210:2650 212:2748 213:3251 214:2262 215:3363 217:2208 219:2154 220:2048 221:2427 222:2483 223:2605 228:2053 230:2256 231:1571 232:1780 233:3079 234:2753";

  @Test
  void beatCountsMatchDatabaseDirectory() throws IOException {
    need();
    long total = 0;
    for (String entry : PUBLISHED_BEATS.split(" ")) {
      String[] kv = entry.split(":");
      List<Annotation> ann = Wfdb.readAnnotation(dir.resolve(kv[0]), "atr");
      long beats = ann.stream().filter(a -> isBeat(a.symbol())).count();
      assertEquals(Long.parseLong(kv[1]), beats, "record " + kv[0]);
      total += beats;
    }
    assertEquals(109_494, total);
  }

  /** Beat symbols of the WFDB isqrs() table: every code that marks a QRS complex. */
  static boolean isBeat(String s) {
    return AamiClass.isBeat(s) || "B".equals(s) || "r".equals(s) || "n".equals(s)
        || "?".equals(s);
  }

  @Test
  void record100AnnotationsAndRhythm() throws IOException {
    need();
    List<Annotation> ann = Wfdb.readAnnotation(dir.resolve("100"), "atr");
    assertEquals(2274, ann.size());
    assertEquals("+", ann.get(0).symbol());
    assertEquals("(N", ann.get(0).aux());
    List<RhythmInterval> rh = Wfdb.rhythms(ann, 650000);
    assertEquals(1, rh.size());
    assertEquals(new RhythmInterval("N", ann.get(0).sample(), 650000), rh.get(0));
    assertTrue(ann.stream().filter(a -> a.symbol().equals("A")).count() == 33);
  }

  @Test
  void annotationsRoundTripByteIdentical(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    need();
    for (String n : List.of("100", "203", "208", "232")) {
      byte[] orig = Files.readAllBytes(dir.resolve(n + ".atr"));
      List<Annotation> ann = WfdbAnnotations.decode(orig, dir.resolve(n + ".atr"));
      List<Annotation> back = WfdbAnnotations.decode(WfdbAnnotations.encode(ann), null);
      assertEquals(ann, back, n);
    }
  }
}
