package dev.ecg.io.rpeaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonFields;
import dev.ecg.io.testdata.NeuroKitPeaksGolden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link InstantRate} against NeuroKit2's {@code ecg_rate} and hand-computed cases. */
class InstantRateTest {
  private static final double TOL = 1e-12;

  @ParameterizedTest
  @ValueSource(strings = {"100", "119"})
  void equalsNeuroKit2(String name) {
    NeuroKitPeaksGolden g = NeuroKitPeaksGolden.require(name);
    int[] peaks = NeuroKitPeaksGolden.ints(g.object("ecg_peaks"), "peaks");
    double[] r = InstantRate.rate(peaks, NeuroKitPeaksGolden.FS, NeuroKitPeaksGolden.N);
    JsonFields s = g.object("ecg_rate");
    assertEquals(s.wholeNumber("length", 0, 1 << 30), r.length);
    double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
    int nan = 0;
    for (double v : r) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      nan += Double.isNaN(v) ? 1 : 0;
    }
    assertEquals(s.wholeNumber("n_nan", 0, 1 << 30), nan);
    assertEquals(s.number("mean"), dev.ecg.io.dsp.PairwiseSum.mean(r), TOL);
    assertEquals(s.number("min"), min, TOL);
    assertEquals(s.number("max"), max, TOL);
    double[] every = NeuroKitPeaksGolden.doubles(s.object("every_360th"), "values");
    assertEquals(60, every.length);
    for (int k = 0; k < every.length; k++) {
      assertEquals(every[k], r[360 * k], TOL, "sample " + 360 * k);
    }
    double[] at = NeuroKitPeaksGolden.doubles(s, "at_peaks");
    for (int k = 0; k < peaks.length; k++) {
      assertEquals(at[k], r[peaks[k]], TOL, "peak " + k);
    }
  }

  @Test
  void regularPeaksGiveConstantRate() {
    int[] peaks = {100, 400, 700, 1000, 1300};
    double[] r = InstantRate.rate(peaks, 300, 1500);
    for (double v : r) {
      assertEquals(60.0, v, 1e-12);
    }
  }

  @Test
  void holdsAtEndsAndStaysWithinNeighbouringPeriods() {
    // periods 1.0, 0.5, 1.0 s at peaks 2..4 (fs 100); first peak gets their mean 0.8333 s
    int[] peaks = {50, 150, 200, 300};
    double[] p = InstantRate.period(peaks, 100, 400);
    assertEquals((1.0 + 0.5 + 1.0) / 3, p[0], 1e-15);
    assertEquals(p[50], p[0], 0.0);
    assertEquals(1.0, p[150], 1e-15);
    assertEquals(0.5, p[200], 1e-15);
    assertEquals(1.0, p[300], 1e-12);
    assertEquals(p[300], p[399], 0.0);
    for (int t = 150; t <= 200; t++) {
      assertTrue(p[t] <= 1.0 + 1e-15 && p[t] >= 0.5 - 1e-15, "monotone between knots: " + p[t]);
    }
  }

  @Test
  void tooFewPeaksGiveNaNAndBadInputThrows() {
    double[] r = InstantRate.rate(new int[] {10, 20, 30}, 100, 50);
    assertTrue(Double.isNaN(r[0]) && Double.isNaN(r[49]));
    assertThrows(EcgArgumentException.class, () -> InstantRate.rate(new int[] {1, 2, 3, 4}, 0, 10));
    assertThrows(EcgArgumentException.class, () -> InstantRate.rate(new int[] {1, 2, 2, 4}, 1, 10));
    assertThrows(EcgArgumentException.class, () -> InstantRate.rate(new int[] {1, 2, 3, 9}, 1, 9));
    assertThrows(EcgArgumentException.class, () -> InstantRate.rate(null, 1, 9));
  }
}
