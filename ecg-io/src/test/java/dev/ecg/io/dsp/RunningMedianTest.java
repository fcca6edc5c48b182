package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Running median and baseline removal against scipy.ndimage.median_filter and brute force. */
class RunningMedianTest {
  private static final Map<String, double[]> M = Fixtures.load("median.txt");

  @Test
  void matchesScipyNdimage() {
    double[] x = Fixtures.get(M, "x");
    for (int size : new int[] {1, 3, 5, 71, 217, 401}) {
      // medians are sample values, so the match is exact
      assertArrayEquals(Fixtures.get(M, "median." + size), RunningMedian.filter(x, size),
          "size " + size);
    }
  }

  @Test
  void baselineRemovalMatchesScipy() {
    double[] x = Fixtures.get(M, "baseline.x");
    Fixtures.assertClose(Fixtures.get(M, "baseline.360"), Baseline.medianFilterRemoval(x, 360),
        "baseline 360");
    Fixtures.assertClose(Fixtures.get(M, "baseline.250"), Baseline.medianFilterRemoval(x, 250),
        "baseline 250");
    assertEquals(73, Baseline.oddWindow(360, 0.2));
    assertEquals(217, Baseline.oddWindow(360, 0.6));
    assertEquals(51, Baseline.oddWindow(250, 0.2));
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(EcgArgumentException.class, () -> RunningMedian.filter(new double[3], 4));
    assertThrows(EcgArgumentException.class, () -> RunningMedian.filter(new double[3], 0));
    assertThrows(EcgArgumentException.class,
        () -> RunningMedian.filter(new double[3], Integer.MAX_VALUE));
    assertThrows(EcgArgumentException.class, () -> Baseline.medianFilterRemoval(new double[9], 1e12));
    assertThrows(NanInputException.class,
        () -> RunningMedian.filter(new double[] {1, Double.NaN}, 3));
    assertThrows(EcgArgumentException.class, () -> Baseline.medianFilterRemoval(new double[9], 0));
    assertEquals(0, RunningMedian.filter(new double[0], 5).length);
  }

  static double[] bruteForce(double[] x, int w) {
    int n = x.length, h = w / 2;
    double[] y = new double[n];
    double[] win = new double[w];
    for (int i = 0; i < n; i++) {
      for (int k = -h; k <= h; k++) {
        win[k + h] = x[Math.min(n - 1, Math.max(0, i + k))];
      }
      Arrays.sort(win);
      y[i] = win[h];
    }
    return y;
  }

  @Property(tries = 200)
  void equalsBruteForceMedian(@ForAll @Size(min = 1, max = 120) double[] raw,
      @ForAll @IntRange(min = 0, max = 40) int half, @ForAll boolean quantise) {
    double[] x = raw.clone();
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        x[i] = 0;
      }
      if (quantise) {
        x[i] = Math.rint(x[i] % 4); // many ties
      }
    }
    int w = 2 * half + 1;
    // delta 0: equal values, but -0.0 and 0.0 may swap places among ties
    assertArrayEquals(bruteForce(x, w), RunningMedian.filter(x, w), 0.0);
  }

  @Property(tries = 50)
  void movingAverageOfConstantIsConstant(@ForAll @DoubleRange(min = -1e3, max = 1e3) double c,
      @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 0, max = 20) int h) {
    double[] x = new double[n];
    Arrays.fill(x, c);
    double[] y = MovingAverage.centered(x, 2 * h + 1);
    for (double v : y) {
      assertEquals(c, v, 1e-9 * Math.max(1, Math.abs(c)));
    }
  }
}
