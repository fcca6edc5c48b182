package dev.ecg.io.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.EcgFormatException;
import dev.ecg.io.Record;
import dev.ecg.io.mat.TestJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden tables written by src/test/python/make_csv_fixtures.py. */
class CsvSignalTest {
  @TempDir Path tmp;
  static Map<String, Object> expected;

  @BeforeAll
  static void load() throws IOException {
    expected = TestJson.obj(TestJson.parse(HeartbeatCsvTest.resource("csv_expected.json")));
  }

  private static void check(String file, Record r) {
    Map<String, Object> e = TestJson.obj(expected.get(file));
    assertEquals(e.get("names"), r.channelNames());
    if (e.containsKey("units")) {
      assertEquals(e.get("units"), r.units());
    }
    if (e.containsKey("fs")) {
      assertEquals(((Number) e.get("fs")).doubleValue(), r.fs(), 1e-3 * r.fs());
    }
    List<?> sig = (List<?>) e.get("signals");
    for (int c = 0; c < sig.size(); c++) {
      assertArrayEquals(TestJson.doubles(sig.get(c)), r.channel(c), 0.0, file + " channel " + c);
    }
  }

  @Test
  void timeColumnGivesRate() throws IOException {
    Record r = CsvSignal.read(HeartbeatCsvTest.resource("signal_time.csv"));
    check("signal_time.csv", r);
    assertEquals("signal_time", r.name());
  }

  @Test
  void millisecondsAndSemicolons() throws IOException {
    Record r = CsvSignal.read(HeartbeatCsvTest.resource("signal_ms_semicolon.csv"));
    check("signal_ms_semicolon.csv", r);
    assertEquals(List.of("mV"), r.units());
  }

  @Test
  void sampleIndexColumnNeedsFs() throws IOException {
    Path f = HeartbeatCsvTest.resource("signal_index.csv");
    EcgFormatException e = assertThrows(EcgFormatException.class, () -> CsvSignal.read(f));
    assertTrue(e.getMessage().contains("fs"), e.getMessage());
    Record r = CsvSignal.read(f, CsvSignal.Options.defaults().fs(360).unit("adu"));
    check("signal_index.csv", r);
    assertEquals(360.0, r.fs(), 0.0);
    assertEquals(List.of("adu", "adu"), r.units());
    Record g = CsvSignal.read(f, CsvSignal.Options.defaults().fs(360).gain(200));
    assertEquals(r.channel(0)[3] / 200, g.channel(0)[3], 0.0);
  }

  private EcgFormatException fails(String content, CsvSignal.Options o) throws IOException {
    Path f = Files.writeString(tmp.resolve("bad.csv"), content);
    EcgFormatException e = assertThrows(EcgFormatException.class, () -> CsvSignal.read(f, o));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    return e;
  }

  @Test
  void badInputsNamedByLine() throws IOException {
    CsvSignal.Options d = CsvSignal.Options.defaults();
    EcgFormatException e = fails("time,a\n0,1\n0.1,x\n", d);
    assertEquals(3, e.position());
    assertTrue(e.getMessage().contains("column 2 (a)"), e.getMessage());
    assertEquals(3, fails("time,a\n0,1\n0.1\n", d).position());
    assertEquals(4, fails("time,a\n0,1\n0.1,2\n0.1,3\n", d).position()); // not increasing
    assertEquals(5, fails("time,a\n0,1\n0.1,2\n0.2,3\n0.9,3\n", d).position()); // off grid
    fails("", d);
    fails("time,a\n0,1\n", d); // one row: no rate
    fails("a,b\n1,2\n", d); // no time column, no fs
    fails("time,a\n0,1\n0.1,\n", d);
    fails("time,a\n0,1\n0.1,2\n", d.fs(500)); // disagrees with the time column
    fails("time,a\n0,\"1\n", d); // unterminated quote
  }

  @Test
  void missingValuesOnRequest() throws IOException {
    Path f = Files.writeString(tmp.resolve("m.csv"), "a;b\n1;NaN\n;2\n");
    Record r = CsvSignal.read(f, CsvSignal.Options.defaults().fs(100).missingAsNaN(true));
    assertEquals(1.0, r.channel(0)[0], 0.0);
    assertTrue(Double.isNaN(r.channel(1)[0]));
    assertTrue(Double.isNaN(r.channel(0)[1]));
    assertEquals(2.0, r.channel(1)[1], 0.0);
    assertThrows(EcgArgumentException.class, () -> CsvSignal.Options.defaults().fs(-1));
    Record named = CsvSignal.read(Files.writeString(tmp.resolve("n.csv"), "x,t2\n1,2\n3,4\n"),
        CsvSignal.Options.defaults().timeColumn("x"));
    assertEquals(0.5, named.fs(), 0.0);
    assertEquals(List.of("t2"), named.channelNames());
  }
}
