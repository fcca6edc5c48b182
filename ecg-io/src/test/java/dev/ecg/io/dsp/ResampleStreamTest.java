package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming resampler's output is the batch output, sample for sample, for any chunking. */
class ResampleStreamTest {

  static double[] streamed(ResampleStream st, double[] x, Random chunks, int maxChunk) {
    double[] out = new double[0];
    int i = 0;
    while (i < x.length) {
      int c = Math.min(x.length - i, 1 + chunks.nextInt(maxChunk));
      out = concat(out, st.push(x, i, c));
      i += c;
    }
    return concat(out, st.finish());
  }

  static double[] concat(double[] a, double[] b) {
    double[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void equalsBatchForCommonRateChangesAndAnyChunking() {
    Random rnd = new Random(1);
    double[][] pairs = {{360, 125}, {500, 360}, {250, 500}, {300, 100}, {128, 125}, {360, 360},
        {1000, 250}};
    for (double[] pr : pairs) {
      double[] x = new double[20_000 + rnd.nextInt(500)];
      for (int i = 0; i < x.length; i++) {
        x[i] = Math.sin(i * 0.013) + 0.3 * rnd.nextGaussian();
      }
      double[] want = Resample.toRate(x, pr[0], pr[1]);
      for (int maxChunk : new int[] {1, 13, 1000, x.length}) {
        double[] got = streamed(Resample.stream(pr[0], pr[1]), x, new Random(maxChunk),
            maxChunk);
        assertArrayEquals(want, got, pr[0] + " -> " + pr[1] + " Hz, chunks up to " + maxChunk);
      }
    }
  }

  @Test
  void shortInputsEndAsBatchDoes() {
    for (int n : new int[] {1, 2, 5, 40, 150}) {
      double[] x = new double[n];
      Arrays.fill(x, 1.0);
      assertArrayEquals(Resample.toRate(x, 360, 125),
          streamed(Resample.stream(360, 125), x, new Random(n), 3), "n=" + n);
    }
  }

  @Test
  void outputComesAfterAtMostHalfAFilter() {
    ResampleStream st = Resample.stream(360, 125);
    double[] second = new double[360];
    long out = 0;
    for (int s = 1; s <= 10; s++) {
      out += st.push(second).length;
      // after s seconds, all but the last half filter (about 0.2 s) of the output is out
      assertTrue(out >= 125L * s - 30, "after " + s + " s: " + out);
    }
  }

  @Test
  void refusesNonFiniteSamples() {
    ResampleStream st = Resample.stream(360, 125);
    assertThrows(NanInputException.class, () -> st.push(new double[] {1, Double.NaN}));
  }
}
