package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

/** A kept plan gives bit for bit what a fresh plan gives, whatever ran on it before. */
class FftPlanCacheTest {

  @Test
  void keptPlansEqualFreshPlans() {
    Random rnd = new Random(1);
    int[] lengths = {250, 1000, 3000, 4096, 5003, 7, 65_536};
    for (int round = 0; round < 3; round++) {
      for (int n : lengths) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
          x[i] = rnd.nextGaussian();
        }
        double[] a = x.clone();
        double[] b = x.clone();
        Fft.plan(n).realForward(a);
        new DoubleFFT_1D(n).realForward(b);
        assertArrayEquals(b, a, 0.0, "n " + n + " round " + round);
        double[] c = x.clone();
        double[] d = x.clone();
        double[] z = new double[2 * n]; // another use of the same plan in between
        for (int i = 0; i < z.length; i++) {
          z[i] = rnd.nextGaussian();
        }
        Fft.plan(n).complexForward(z);
        Fft.plan(n).realInverse(c, true);
        new DoubleFFT_1D(n).realInverse(d, true);
        assertArrayEquals(d, c, 0.0, "inverse n " + n);
      }
    }
    assertSame(Fft.plan(1000), Fft.plan(1000));
    assertNotSame(Fft.plan(Fft.CACHED_MAX + 2), Fft.plan(Fft.CACHED_MAX + 2));
  }
}
