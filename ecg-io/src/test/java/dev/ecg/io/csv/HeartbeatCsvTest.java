package dev.ecg.io.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.EcgFormatException;
import dev.ecg.io.mat.TestJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden values: numpy.loadtxt of the numpy.savetxt file (src/test/python/make_csv_fixtures.py). */
class HeartbeatCsvTest {
  @TempDir Path tmp;

  static Path resource(String name) {
    try {
      return Path.of(HeartbeatCsvTest.class.getResource("/csv/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsNumpyWrittenFile() throws IOException {
    Map<String, Object> e = TestJson.obj(
        TestJson.obj(TestJson.parse(resource("csv_expected.json"))).get("heartbeat_small.csv"));
    HeartbeatData d = HeartbeatCsv.read(resource("heartbeat_small.csv"));
    List<?> beats = (List<?>) e.get("beats");
    assertEquals(6, d.size());
    assertEquals(187, d.beatLength());
    for (int i = 0; i < beats.size(); i++) {
      double[] want = TestJson.doubles(beats.get(i));
      for (int j = 0; j < want.length; j++) {
        assertEquals((float) want[j], d.beats()[i][j], "beat " + i + " sample " + j);
      }
    }
    double[] labels = TestJson.doubles(e.get("labels"));
    for (int i = 0; i < labels.length; i++) {
      assertEquals((int) labels[i], d.labels()[i]);
    }
  }

  private EcgFormatException fails(String content, int samples) throws IOException {
    Path f = Files.writeString(tmp.resolve("bad.csv"), content);
    EcgFormatException e =
        assertThrows(EcgFormatException.class, () -> HeartbeatCsv.read(f, samples));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    return e;
  }

  @Test
  void strictValidationNamesLineAndColumn() throws IOException {
    EcgFormatException e = fails("0.1,0.2,1.0\n0.1,abc,0.0\n", 2);
    assertEquals("line", e.positionKind());
    assertEquals(2, e.position());
    assertTrue(e.getMessage().contains("column 2"), e.getMessage());
    assertEquals(3, fails("0.1,0.2,1.0\n0.1,0.2,0.0\n0.1,0.2\n", 2).position());
    assertEquals(1, fails("0.1,0.2,1.0,5\n", 2).position());
    assertTrue(fails("0.1,0.2,1.5\n", 2).getMessage().contains("column 3"));
    assertTrue(fails("0.1,0.2,-1.0\n", 2).getMessage().contains("label"));
    fails("0.1,NaN,1.0\n", 2);
    fails("0.1,Infinity,1.0\n", 2);
    fails("0.1,0x1p3,1.0\n", 2);
    fails("0.1,1e99,1.0\n", 2); // overflows float
    fails("0.1,1d,1.0\n", 2);
    fails("0.1,,1.0\n", 2);
    assertEquals(2, fails("0.1,0.2,1.0\n\n0.1,0.2,1.0\n", 2).position());
    fails("0.1," + "1".repeat(100) + ",1.0\n", 2);
    assertTrue(fails("0,1,2\n0.1,0.2,1.0\n", 2).getMessage().contains("header"));
  }

  @Test
  void acceptsCrlfAndTrailingNewlines() throws IOException {
    Path f = Files.writeString(tmp.resolve("ok.csv"), "0.5,-0.25,2.0\r\n1e-3,7,0\r\n\r\n");
    HeartbeatData d = HeartbeatCsv.read(f, 2);
    assertArrayEquals(new float[] {0.5f, -0.25f}, d.beats()[0]);
    assertArrayEquals(new float[] {1e-3f, 7f}, d.beats()[1]);
    assertArrayEquals(new int[] {2, 0}, d.labels());
  }

  @Test
  void writerRejectsNonFinite() {
    HeartbeatData bad = new HeartbeatData(new float[][] {{Float.NaN}}, new int[] {0});
    assertThrows(EcgArgumentException.class, () -> HeartbeatCsv.write(tmp.resolve("x.csv"), bad));
    assertThrows(EcgArgumentException.class,
        () -> new HeartbeatData(new float[][] {{1f}, {1f, 2f}}, new int[] {0, 1}));
    assertThrows(EcgArgumentException.class,
        () -> HeartbeatCsv.read(tmp.resolve("x.csv"), 0));
  }
}
