package dev.ecg.io.qrs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The faster Pan-Tompkins moving average (two running sums, then one division pass) must give
 * the very same doubles as the plain prefix-sum form it replaced, written out here: the
 * detector's results, and everything tested against NeuroKit2 and the MIT-BIH annotations
 * downstream, stay bit-identical.
 */
class BitIdenticalKernelsTest {

  /** The form before: a prefix array, then (prefix[hi] - prefix[lo]) / (hi - lo) per sample. */
  static double[] prefixMovingAverage(double[] x, int w) {
    int n = x.length;
    double[] prefix = new double[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] + x[i];
    }
    double[] y = new double[n];
    int left = (w - 1) / 2;
    int right = w / 2;
    for (int i = 0; i < n; i++) {
      int lo = Math.max(0, i - left);
      int hi = Math.min(n, i + right + 1);
      y[i] = (prefix[hi] - prefix[lo]) / (hi - lo);
    }
    return y;
  }

  @Property(tries = 300)
  void movingAverageIsBitIdenticalToThePrefixForm(@ForAll @IntRange(min = 0, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 120) int w, @ForAll long seed) {
    Random r = new Random(seed);
    double[] x = new double[n];
    double scale = Math.pow(10, r.nextInt(9) - 4);
    for (int i = 0; i < n; i++) {
      x[i] = scale * (r.nextGaussian() + (r.nextInt(20) == 0 ? 50 : 0));
    }
    double[] want = prefixMovingAverage(x, w);
    double[] got = PanTompkins.movingAverage(x, w);
    for (int i = 0; i < n; i++) {
      assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]),
          "n " + n + ", w " + w + ", sample " + i + ": " + want[i] + " vs " + got[i]);
    }
  }
}
