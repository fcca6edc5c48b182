package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Pchip} and {@link PairwiseSum} on cases worked by hand; the values were confirmed with
 * {@code scipy.interpolate.PchipInterpolator} and {@code numpy.sum}.
 */
class PchipAndPairwiseSumTest {
  @Test
  void pchipPeakIsFlatAndEndsUseThreePointFormula() {
    // slopes +1, -1: interior derivative 0; end derivative ((2h0 + h1) m0 - h0 m1) / (h0 + h1) = 2
    Pchip f = Pchip.of(new double[] {0, 1, 2}, new double[] {0, 1, 0});
    // Hermite on [0, 1] with d0 = 2, d1 = 0 at t = 0.5: 2 * 0.125 + 1 * 0.5
    assertEquals(0.75, f.value(0.5), 1e-15);
    assertEquals(0.75, f.value(1.5), 1e-15);
    assertEquals(1.0, f.value(1.0), 0.0);
    // extrapolation continues the end cubic: 2 * (-0.5) - 1 * 0.25
    assertEquals(-1.25, f.value(-0.5), 1e-15);
    assertEquals(-1.25, f.value(2.5), 1e-15);
  }

  @Test
  void pchipKeepsFlatStretchFlat() {
    Pchip f = Pchip.of(new double[] {0, 1, 3, 4}, new double[] {1, 2, 2, 5});
    assertEquals(1.412, f.value(0.3), 1e-15);
    assertEquals(2.0, f.value(1.7), 1e-15);
    assertEquals(2.0, f.value(2.2), 1e-15);
    assertEquals(4.592, f.value(3.9), 1e-14);
    assertEquals(6.5, f.value(4.5), 1e-14);
    assertTrue(Double.isNaN(f.value(Double.NaN)));
  }

  @Test
  void pchipRejectsBadKnots() {
    assertThrows(EcgArgumentException.class, () -> Pchip.of(new double[] {0}, new double[] {1}));
    assertThrows(EcgArgumentException.class,
        () -> Pchip.of(new double[] {0, 0}, new double[] {1, 2}));
    assertThrows(EcgArgumentException.class,
        () -> Pchip.of(new double[] {0, 1}, new double[] {1, Double.NaN}));
  }

  @Test
  void pairwiseSumFollowsNumpy() {
    double[] a = new double[1000];
    Arrays.fill(a, 0.1);
    // numpy.sum gives 100.00000000000001; a left-to-right loop gives 99.9999999999986
    assertEquals(100.00000000000001, PairwiseSum.sum(a), 0.0);
    assertEquals(0.1 + 0.1 + 0.1, PairwiseSum.sum(new double[] {0.1, 0.1, 0.1}), 0.0);
    assertEquals(2.5, PairwiseSum.mean(new double[] {1, 2, 3, 4}), 0.0);
    assertTrue(Double.isNaN(PairwiseSum.mean(new double[0])));
    assertThrows(EcgArgumentException.class, () -> PairwiseSum.sum(a, 5, 2000));
  }
}
