package dev.ecg.io.wfdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.edf.Edf;
import dev.ecg.io.edf.EdfFile;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Wfdb.readRecord} on an {@code .edf} path, as wfdb-python's {@code rdrecord} allows. */
class WfdbEdfTest {

  static Path edf(String name) throws Exception {
    return Path.of(WfdbEdfTest.class.getResource("/edf/" + name).toURI());
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain.edf", "plus_c_mixed.edf", "plus_d.edf"})
  void edfSignalsComeThroughTheWfdbRecordApiUnchanged(String name) throws Exception {
    EdfFile e = Edf.read(edf(name));
    WfdbRecord r = Wfdb.readRecord(edf(name));
    int[] ordinary = e.ordinarySignals();
    assertEquals(ordinary.length, r.signalCount());
    for (int k = 0; k < ordinary.length; k++) {
      int s = ordinary[k];
      short[] d = e.digital(s);
      int[] expected = new int[d.length];
      for (int i = 0; i < d.length; i++) {
        expected[i] = d[i];
      }
      assertArrayEquals(expected, r.digital()[k], name + " signal " + s);
      assertArrayEquals(e.physical(s), r.physical()[k], 0.0, name + " signal " + s);
      // each signal keeps its own rate: frame rate x samples per frame
      assertEquals(e.sampleRate(s), r.fs() * r.samplesPerFrame(k), 1e-9, name);
      assertEquals(e.signals().get(s).label(), r.signals().get(k).description());
    }
    assertEquals(java.util.List.of(), r.warnings());
    // a frame range is a slice of the whole
    long n = r.length();
    WfdbRecord part = Wfdb.readRecord(edf(name), 1, n - 1);
    int spf = r.samplesPerFrame(0);
    assertArrayEquals(Arrays.copyOfRange(r.digital()[0], spf, (int) (n - 1) * spf),
        part.digital()[0]);
    assertThrows(EcgArgumentException.class, () -> Wfdb.readRecord(edf(name), 0, n + 1));
  }
}
