package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.core.EcgArgumentException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** iirnotch against scipy.signal.iirnotch and sosfiltfilt. */
class NotchTest {
  private static final Map<String, double[]> IN = Fixtures.load("inputs.txt");
  private static final Map<String, double[]> N = Fixtures.load("notch.txt");

  @Test
  void coefficientsAndFilteringMatchScipy() {
    int n = (int) Fixtures.get(N, "notch.count")[0];
    for (int i = 0; i < n; i++) {
      String key = "notch." + i;
      double[] p = Fixtures.get(N, key + ".params");
      double[][] ba = Notch.coefficients(p[0], p[1], p[2]);
      Fixtures.assertClose(Fixtures.get(N, key + ".b"), ba[0], key + " b");
      Fixtures.assertClose(Fixtures.get(N, key + ".a"), ba[1], key + " a");
      double[] y = SosFilter.filtfilt(Notch.design(p[0], p[1], p[2]), Fixtures.get(IN, "x.sine257"));
      Fixtures.assertClose(Fixtures.get(N, key + ".sosfiltfilt"), y, key + " filtfilt");
    }
  }

  @Test
  void zeroGainAtNotchUnitGainAtDc() {
    Sos s = Notch.design(50, 30, 360);
    assertEquals(0.0, s.magnitudeAt(50, 360), 1e-9);
    assertEquals(1.0, s.magnitudeAt(0, 360), 1e-12);
    // -3 dB at f0 +- f0/(2Q)
    assertEquals(Math.sqrt(0.5), s.magnitudeAt(50 + 50 / 60.0, 360), 0.01);
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(EcgArgumentException.class, () -> Notch.design(50, 30, 100));
    assertThrows(EcgArgumentException.class, () -> Notch.design(0, 30, 360));
    assertThrows(EcgArgumentException.class, () -> Notch.design(50, 0, 360));
    assertThrows(EcgArgumentException.class, () -> Notch.design(50, 30, -1));
  }
}
