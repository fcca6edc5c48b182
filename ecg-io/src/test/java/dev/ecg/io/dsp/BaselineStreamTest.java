package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Streaming running median and baseline removal equal their batch twins exactly. */
class BaselineStreamTest {

  static double[] concat(double[] a, double[] b) {
    double[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void runningMedianEqualsBatchForAnyWindowAndChunking() {
    Random rnd = new Random(7);
    for (int w : new int[] {1, 3, 5, 71, 217}) {
      double[] x = new double[3000];
      for (int i = 0; i < x.length; i++) {
        // ties on purpose: values on a coarse grid
        x[i] = Math.round(10 * (Math.sin(i * 0.05) + rnd.nextGaussian())) / 10.0;
      }
      for (int maxChunk : new int[] {1, 9, 500, x.length}) {
        RunningMedianStream st = new RunningMedianStream(w);
        double[] got = new double[0];
        Random c = new Random(maxChunk);
        int i = 0;
        while (i < x.length) {
          int k = Math.min(x.length - i, 1 + c.nextInt(maxChunk));
          got = concat(got, st.push(x, i, k));
          i += k;
        }
        got = concat(got, st.finish());
        assertArrayEquals(RunningMedian.filter(x, w), got, "window " + w + ", chunks "
            + maxChunk);
      }
    }
  }

  @Test
  void baselineRemovalEqualsBatch() {
    Random rnd = new Random(8);
    for (double fs : new double[] {125, 360, 500}) {
      double[] x = new double[(int) (fs * 20)];
      for (int i = 0; i < x.length; i++) {
        x[i] = Math.sin(2 * Math.PI * 0.3 * i / fs) + 0.2 * rnd.nextGaussian();
      }
      double[] want = Baseline.medianFilterRemoval(x, fs);
      for (int maxChunk : new int[] {1, 37, x.length}) {
        BaselineStream st = new BaselineStream(fs);
        double[] got = new double[0];
        Random c = new Random(maxChunk);
        int i = 0;
        while (i < x.length) {
          int k = Math.min(x.length - i, 1 + c.nextInt(maxChunk));
          got = concat(got, st.push(x, i, k));
          i += k;
        }
        got = concat(got, st.finish());
        assertArrayEquals(want, got, fs + " Hz, chunks " + maxChunk);
      }
    }
  }

  @Test
  void shortSignalsAndBadSamples() {
    for (int n : new int[] {1, 2, 10}) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = i * i;
      }
      BaselineStream st = new BaselineStream(360);
      double[] got = concat(st.push(x), st.finish());
      assertEquals(n, got.length);
      assertArrayEquals(Baseline.medianFilterRemoval(x, 360), got);
    }
    assertThrows(NanInputException.class,
        () -> new BaselineStream(360).push(new double[] {1, Double.NaN}));
  }
}
