package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Normalisation against NumPy (mean/std/percentile) and the documented degenerate-input policy. */
class NormalizeTest {
  private static final Map<String, double[]> F = Fixtures.load("normalize.txt");

  @Test
  void matchesNumpy() {
    double[] x = Fixtures.get(F, "x");
    Fixtures.assertClose(Fixtures.get(F, "zscore"), Normalize.zScore(x), "zscore");
    Fixtures.assertClose(Fixtures.get(F, "minmax"), Normalize.minMax(x), "minmax");
    Fixtures.assertClose(Fixtures.get(F, "robust"), Normalize.robust(x), "robust");
    Fixtures.assertClose(Fixtures.get(F, "robust10"), Normalize.robust(Fixtures.get(F, "x10")),
        "robust10");
  }

  @Test
  void constantGivesZeros() {
    double[] c = {2.5, 2.5, 2.5};
    assertArrayEquals(new double[3], Normalize.zScore(c));
    assertArrayEquals(new double[3], Normalize.minMax(c));
    assertArrayEquals(new double[3], Normalize.robust(c));
    assertEquals(0, Normalize.zScore(new double[0]).length);
  }

  @Test
  void nanPolicy() {
    double[] x = {1, 2, Double.NaN, 3};
    NanInputException e = assertThrows(NanInputException.class, () -> Normalize.zScore(x));
    assertEquals(2, e.index());
    double[] y = Normalize.minMax(x, Normalize.NanPolicy.IGNORE);
    assertArrayEquals(new double[] {0, 0.5, Double.NaN, 1}, y);
    double[] z = Normalize.zScore(x, Normalize.NanPolicy.IGNORE);
    assertEquals(-Math.sqrt(1.5), z[0], 1e-12);
    assertTrue(Double.isNaN(z[2]));
    double[] r = Normalize.robust(new double[] {Double.NaN, Double.NaN}, Normalize.NanPolicy.IGNORE);
    assertTrue(Double.isNaN(r[0]) && Double.isNaN(r[1]));
  }
}
