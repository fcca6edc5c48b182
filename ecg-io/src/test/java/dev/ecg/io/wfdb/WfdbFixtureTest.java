package dev.ecg.io.wfdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.Record;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decodes records packed by {@code src/test/python/make_wfdb_fixtures.py} (struct-based packing
 * from the WFDB signal(5) bit layouts, independent of the Java decoder) and compares with the
 * sample values the script wrote, with checksums and initial values verified.
 */
class WfdbFixtureTest {
  static Path dir() {
    try {
      return Path.of(WfdbFixtureTest.class.getResource("/wfdb/f16.hea").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Expected digital values: 'x' marks an invalid sample. */
  static String[][] expected(String name, String kind) throws IOException {
    List<String> lines = Files.readAllLines(dir().resolve(name + "." + kind + ".txt"));
    return lines.stream().filter(l -> !l.isBlank()).map(l -> l.strip().split(" "))
        .toArray(String[][]::new);
  }

  @ParameterizedTest
  @ValueSource(strings = {"f8", "f16", "f24", "f32", "f61", "f80", "f160", "f212odd", "f310",
      "f310b", "f311", "f311b", "f311c", "spfskew", "twofiles", "msf",
      "flac508", "flac516", "flac516fixed", "flac516lpc", "flac516const", "flac516wasted",
      "flac524", "flac516sf", "flac524sf", "flac516spf", "flac516nototal"})
  void decodesPackedFixture(String name) throws IOException {
    WfdbRecord r = Wfdb.readRecord(dir().resolve(name));
    assertEquals(List.of(), r.warnings(), name); // checksums and initial values all match
    String[][] dig = expected(name, "digital");
    String[][] phys = expected(name, "physical");
    assertEquals(dig.length, r.signalCount());
    for (int s = 0; s < dig.length; s++) {
      int[] d = r.digital()[s];
      double[] p = r.physical()[s];
      assertEquals(dig[s].length, d.length, name + " signal " + s);
      for (int i = 0; i < d.length; i++) {
        if (dig[s][i].equals("x")) {
          assertTrue(Double.isNaN(p[i]), name + " s" + s + " i" + i + " should be NaN");
        } else {
          assertEquals(Integer.parseInt(dig[s][i]), d[i], name + " s" + s + " i" + i);
          assertEquals(Double.parseDouble(phys[s][i]), p[i], 1e-12 * Math.max(1, Math.abs(p[i])),
              name + " s" + s + " i" + i);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"f8", "f16", "f24", "f32", "f61", "f80", "f160", "f212odd", "f310",
      "f310b", "f311", "f311b", "f311c", "twofiles"})
  void everyRangeMatchesWholeRead(String name) throws IOException {
    assertRangesMatchWholeRead(name, 3, 5);
  }

  /** FLAC range reads (each decodes the stream): a coarse grid of ranges, any samples per frame. */
  @ParameterizedTest
  @ValueSource(strings = {"flac508", "flac516lpc", "flac524", "flac516spf", "flac516nototal"})
  void flacRangesMatchWholeRead(String name) throws IOException {
    assertRangesMatchWholeRead(name, 397, 311);
  }

  private static void assertRangesMatchWholeRead(String name, int stepA, int stepB)
      throws IOException {
    WfdbRecord all = Wfdb.readRecord(dir().resolve(name));
    int n = (int) all.length();
    for (int a = 0; a <= n; a += stepA) {
      for (int b = a; b <= n; b += stepB) {
        WfdbRecord part = Wfdb.readRecord(dir().resolve(name), a, b);
        for (int s = 0; s < all.signalCount(); s++) {
          int k = all.samplesPerFrame(s);
          assertArrayEquals(Arrays.copyOfRange(all.digital()[s], a * k, b * k),
              part.digital()[s], name + " [" + a + "," + b + ")");
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"f8", "f16", "f24", "f32", "f61", "f80", "f160", "f212odd", "f310",
      "f310b", "f311", "f311b", "f311c", "spfskew", "twofiles", "mf", "mv", "msf",
      "flac508", "flac516", "flac516fixed", "flac516lpc", "flac516const", "flac516wasted",
      "flac524", "flac516sf", "flac524sf", "flac516spf", "flac516nototal"})
  void readSamplesEqualsReadRecordToRecord(String name) throws IOException {
    Record viaDigital = Wfdb.readRecord(dir().resolve(name)).toRecord();
    Record direct = Wfdb.readSamples(dir().resolve(name));
    assertEquals(viaDigital.channelNames(), direct.channelNames());
    assertEquals(viaDigital.units(), direct.units());
    for (int s = 0; s < direct.channelCount(); s++) {
      assertArrayEquals(viaDigital.signals()[s], direct.signals()[s], name + " signal " + s);
    }
  }

  @Test
  void readSamplesVerifiesChecksums(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    for (String f : List.of("f16.hea", "f16.dat")) {
      Files.copy(dir().resolve(f), tmp.resolve(f));
    }
    byte[] b = Files.readAllBytes(tmp.resolve("f16.dat"));
    b[b.length - 2] ^= 0x04;
    Files.write(tmp.resolve("f16.dat"), b);
    assertThrows(ChecksumException.class,
        () -> WfdbReader.options().strict(true).reader().readPhysical(tmp.resolve("f16")));
    // the default reads it, as WFDB does, and warns
    assertEquals(Wfdb.readHeader(tmp.resolve("f16")).signalCount(),
        Wfdb.readSamples(tmp.resolve("f16")).channelCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"f8", "f212odd", "f310b", "f311c", "spfskew", "twofiles",
      "flac508", "flac516", "flac516fixed", "flac516lpc", "flac516const", "flac516wasted",
      "flac524", "flac516sf", "flac524sf", "flac516spf", "flac516nototal"})
  void streamBlocksMatchWholeRead(String name) throws IOException {
    WfdbRecord all = WfdbReader.options().verifyChecksums(false).reader()
        .read(dir().resolve(name));
    for (int block : new int[] {1, 3, 7, 1000}) {
      try (WfdbReader.WfdbStream st = WfdbReader.create().stream(dir().resolve(name), block)) {
        long pos = 0;
        while (st.hasNext()) {
          WfdbRecord b = st.next();
          assertEquals(pos, b.start());
          for (int s = 0; s < all.signalCount(); s++) {
            int k = all.samplesPerFrame(s);
            assertArrayEquals(Arrays.copyOfRange(all.digital()[s], (int) pos * k,
                (int) (pos + b.length()) * k), b.digital()[s], name + " block " + block);
          }
          pos += b.length();
        }
        assertEquals(all.length(), pos);
      }
    }
  }

  @Test
  void failedWriteLeavesExistingRecordIntact(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    Path base = tmp.resolve("w");
    int[][] ok = {{1, 2, 3}};
    Wfdb.writeRecord(base, 100, 212, ok, new double[] {200}, new int[] {0}, new String[] {"mV"},
        new String[] {"a"});
    byte[] dat = Files.readAllBytes(tmp.resolve("w.dat"));
    String hea = Files.readString(tmp.resolve("w.hea"));
    int[][] bad = {{1, 5000, 3}}; // 5000 does not fit 12 bits
    assertThrows(dev.ecg.core.EcgArgumentException.class, () -> Wfdb.writeRecord(base, 100, 212,
        bad, new double[] {200}, new int[] {0}, new String[] {"mV"}, new String[] {"a"}));
    assertArrayEquals(dat, Files.readAllBytes(tmp.resolve("w.dat")));
    assertEquals(hea, Files.readString(tmp.resolve("w.hea")));
    // bytes of 212 by hand: s0 = 1, s1 = 2 -> 0x01, 0x00, 0x02; s2 = 3 -> 0x03, 0x00
    assertArrayEquals(new byte[] {1, 0, 2, 3, 0}, dat);
    assertTrue(hea.contains("w.dat 212 200(0)/mV 12 0 1 6 0 a"), hea);
  }

  @Test
  void spfAndSkewHeaderFields() throws IOException {
    WfdbHeader h = Wfdb.readHeader(dir().resolve("spfskew"));
    assertEquals(2, h.signals().get(0).samplesPerFrame());
    assertEquals(24, h.signals().get(0).byteOffset());
    assertEquals(2, h.signals().get(1).skew());
    assertEquals(-3, h.signals().get(0).baseline());
    assertEquals("uV", h.signals().get(1).units());
    assertEquals(List.of("CRLF header with a comment"), h.comments());
    Record rec = Wfdb.readRecord(dir().resolve("spfskew")).toRecord();
    assertEquals(20, rec.length());
    String[][] phys = expected("spfskew", "physical");
    // frame average of the two samples of signal A
    double want = (Double.parseDouble(phys[0][2]) + Double.parseDouble(phys[0][3])) / 2;
    assertEquals(want, rec.signals()[0][1], 1e-12);
  }

  @Test
  void twoFilesHeaderKeepsTimeAndDate() throws IOException {
    WfdbHeader h = Wfdb.readHeader(dir().resolve("twofiles"));
    assertEquals("10:20:30", h.baseTime());
    assertEquals("01/02/2003", h.baseDate());
    assertEquals(250.0, h.fs());
    assertEquals(h, WfdbHeader.parse(h.format(), null));
  }

  @Test
  void multiSegmentFixedLayoutWithNullSegment() throws IOException {
    WfdbRecord r = Wfdb.readRecord(dir().resolve("mf"));
    String[][] dig = expected("mf", "digital");
    String[][] phys = expected("mf", "physical");
    assertEquals(24, r.length());
    for (int s = 0; s < 2; s++) {
      for (int i = 0; i < 24; i++) {
        if (dig[s][i].equals("x")) {
          assertEquals(WfdbRecord.INVALID_DIGITAL, r.digital()[s][i]);
          assertTrue(Double.isNaN(r.physical()[s][i]));
        } else {
          assertEquals(Integer.parseInt(dig[s][i]), r.digital()[s][i]);
          assertEquals(Double.parseDouble(phys[s][i]), r.physical()[s][i], 1e-12);
        }
      }
    }
    WfdbRecord part = Wfdb.readRecord(dir().resolve("mf"), 10, 20);
    for (int s = 0; s < 2; s++) {
      assertArrayEquals(Arrays.copyOfRange(r.digital()[s], 10, 20), part.digital()[s]);
    }
  }

  @Test
  void multiSegmentVariableLayout() throws IOException {
    WfdbRecord r = Wfdb.readRecord(dir().resolve("mv"));
    String[][] phys = expected("mv", "physical");
    assertEquals(List.of("II", "V1", "I"), r.signalNames());
    assertEquals(19, r.length());
    for (int s = 0; s < 3; s++) {
      for (int i = 0; i < 19; i++) {
        double want = phys[s][i].equals("nan") ? Double.NaN : Double.parseDouble(phys[s][i]);
        double got = r.physical()[s][i];
        if (Double.isNaN(want)) {
          assertTrue(Double.isNaN(got), "s" + s + " i" + i);
        } else {
          assertEquals(want, got, 1e-12, "s" + s + " i" + i);
        }
      }
    }
  }

  @Test
  void corruptedSampleFailsChecksumUnlessDisabled(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    for (String f : List.of("f24.hea", "f24.dat")) {
      Files.copy(dir().resolve(f), tmp.resolve(f));
    }
    byte[] b = Files.readAllBytes(tmp.resolve("f24.dat"));
    b[b.length - 3] ^= 0x01; // last sample of signal 1, low byte
    Files.write(tmp.resolve("f24.dat"), b);
    ChecksumException e = assertThrows(ChecksumException.class,
        () -> WfdbReader.options().strict(true).reader().read(tmp.resolve("f24")));
    assertEquals(1, e.signal());
    assertTrue(e.getMessage().contains("sig1"), e.getMessage());
    WfdbRecord warned = Wfdb.readRecord(tmp.resolve("f24"));
    assertEquals(List.of(e.getMessage()), warned.warnings());
    assertEquals(List.of(), Wfdb.readRecord(dir().resolve("f24")).warnings());
    WfdbRecord r = WfdbReader.options().verifyChecksums(false).reader().read(tmp.resolve("f24"));
    assertEquals(40, r.length());
  }

  @Test
  void writePhysicalDigitizesAndKeepsNaN(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    double[][] x = {{0.0, 1.234, -2.5, Double.NaN, 10.2349}, {0.001, 0.0026, -0.0024, 5, -5}};
    Record rec = new Record("p", 250, List.of("I", "II"), List.of("mV", "mV"), x, List.of());
    WfdbWriter.writePhysical(tmp.resolve("p"), rec, 16, 1000);
    WfdbRecord back = Wfdb.readRecord(tmp.resolve("p"));
    // round(x * 1000) by hand
    assertArrayEquals(new int[] {0, 1234, -2500, -32768, 10235}, back.digital()[0]);
    assertArrayEquals(new int[] {1, 3, -2, 5000, -5000}, back.digital()[1]);
    assertTrue(Double.isNaN(back.physical()[0][3]));
    assertEquals(1.234, back.physical()[0][1], 1e-12);
    assertThrows(dev.ecg.core.EcgArgumentException.class,
        () -> WfdbWriter.writePhysical(tmp.resolve("q"), rec, 212, 1000));
  }
}
