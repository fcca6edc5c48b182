package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The FIR pass of the NeuroKit-exact filtfilt computes four outputs at a time; each must be the
 * same double as the one-output-at-a-time loop it replaced (same products, added in the same
 * order), written out here.
 */
class FirPassBitIdenticalTest {

  static double[] plainFirPass(double[] b, double[] x, double[] zi, double x0) {
    int n = x.length;
    int m = b.length;
    double[] out = new double[n];
    for (int k = 0; k < n; k++) {
      int lo = Math.max(0, k - m + 1);
      double acc = 0.0;
      for (int i = lo; i <= k; i++) {
        acc += x[i] * b[k - i];
      }
      out[k] = acc;
    }
    for (int k = 0; k < zi.length && k < n; k++) {
      out[k] += zi[k] * x0;
    }
    return out;
  }

  @Property(tries = 300)
  void firPassIsBitIdenticalToThePlainLoop(@ForAll @IntRange(min = 0, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 60) int taps, @ForAll long seed) {
    Random r = new Random(seed);
    double[] b = new double[taps];
    for (int i = 0; i < taps; i++) {
      b[i] = r.nextGaussian() / taps;
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian() * 1e3;
    }
    double[] zi = new double[Math.max(0, taps - 1)];
    for (int i = 0; i < zi.length; i++) {
      zi[i] = r.nextGaussian();
    }
    double x0 = n > 0 ? x[0] : 0;
    double[] want = plainFirPass(b, x, zi, x0);
    double[] got = ScipyFiltfilt.firPass(b, x, zi, x0);
    for (int i = 0; i < n; i++) {
      assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]),
          "n " + n + ", taps " + taps + ", output " + i);
    }
  }
}
