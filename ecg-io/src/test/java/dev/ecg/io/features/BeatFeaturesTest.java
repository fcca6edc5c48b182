package dev.ecg.io.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Beat features on hand-made signals whose answers are known without the code. */
class BeatFeaturesTest {
  private static final double FS = 250;

  private static int col(String name) {
    return BeatFeatures.names().indexOf(name);
  }

  /** Gaussian "QRS" of the given width (sd, seconds) and height at each peak. */
  private static double[] signal(int n, int[] peaks, double[] sd, double[] height) {
    double[] x = new double[n];
    for (int b = 0; b < peaks.length; b++) {
      int rad = (int) (6 * sd[b] * FS);
      for (int i = Math.max(0, peaks[b] - rad); i < Math.min(n, peaks[b] + rad); i++) {
        double t = (i - peaks[b]) / FS;
        x[i] += height[b] * Math.exp(-t * t / (2 * sd[b] * sd[b]));
      }
    }
    return x;
  }

  @Test
  void rhythmFeaturesAreRelativeToTheRunningAverage() {
    // 40 beats every 0.8 s (200 samples), then one premature beat 0.5 s after the last one,
    // then a compensatory 1.1 s pause, then 0.8 s again
    List<Integer> p = new java.util.ArrayList<>();
    int at = 250;
    for (int b = 0; b < 40; b++) {
      p.add(at);
      at += 200;
    }
    at -= 200;
    at += 125; // premature: 0.5 s
    p.add(at);
    at += 275; // 1.1 s
    p.add(at);
    at += 200;
    p.add(at);
    int[] peaks = p.stream().mapToInt(Integer::intValue).toArray();
    double[] sd = new double[peaks.length];
    double[] h = new double[peaks.length];
    java.util.Arrays.fill(sd, 0.01);
    java.util.Arrays.fill(h, 1.0);
    double[][] f = BeatFeatures.compute(signal(at + 500, peaks, sd, h), FS, peaks);
    assertEquals(peaks.length, f.length);
    assertTrue(Double.isNaN(f[0][col("rr_pre")]), "the first beat has no RR before it");
    assertEquals(0.8, f[0][col("rr_post")], 1e-9);
    int pvc = 40;
    assertEquals(0.5, f[pvc][col("rr_pre")], 1e-9);
    assertEquals(1.1, f[pvc][col("rr_post")], 1e-9);
    // the running average before it: 39 intervals of 0.8 s and this 0.5 s one
    double avg = (39 * 0.8 + 0.5) / 40;
    assertEquals(avg, f[pvc][col("rr_avg")], 1e-9);
    assertEquals(0.5 / avg, f[pvc][col("rr_pre_avg")], 1e-9);
    assertEquals((9 * 0.8 + 0.5) / 10, f[pvc][col("rr_local")], 1e-9);
    assertEquals(1.1 / 0.5, f[pvc][col("rr_post_pre")], 1e-9);
    assertEquals(1.0, f[20][col("rr_pre_avg")], 1e-9, "a regular beat is at the average");
    assertTrue(Double.isNaN(f[peaks.length - 1][col("rr_post")]));
  }

  @Test
  void aWideBeatIsUnlikeTheTemplate() {
    int[] peaks = new int[30];
    double[] sd = new double[30];
    double[] h = new double[30];
    for (int b = 0; b < 30; b++) {
      peaks[b] = 250 + 200 * b;
      sd[b] = 0.012;
      h[b] = 1.0;
    }
    sd[25] = 0.04; // a wide beat, same height
    double[][] f = BeatFeatures.compute(signal(250 + 200 * 30 + 250, peaks, sd, h), FS, peaks);
    // beats like the template: QRS correlation and amplitude and width ratios near 1
    assertEquals(1.0, f[24][col("corr_qrs")], 1e-3);
    assertEquals(1.0, f[24][col("qrs_amp_ratio")], 0.05);
    assertEquals(1.0, f[24][col("qrs_width_ratio")], 0.1);
    // the wide one. Width = span above 30 % of the peak over the value 80 ms before it.
    // Wide (sd 40 ms): that value is e^-2 = 0.135, so the span is where the Gaussian exceeds
    // 0.135 + 0.3 (1 - 0.135) = 0.395, |t| < 40 ms sqrt(2 ln(1 / 0.395)) = 54.5 ms: 27 samples.
    // Narrow (sd 12 ms): after the cleaner's 5-sample (20 ms) powerline moving average its sd is
    // sqrt(12^2 + 20^2 / 12) = 13.3 ms, |t| < 13.3 ms sqrt(2 ln(1 / 0.3)) = 20.7 ms: 9 to 11
    // samples. So the ratio lies between 27 / 11 = 2.45 and 27 / 9 = 3.
    double ratio = f[25][col("qrs_width_ratio")];
    assertTrue(ratio >= 2.4 && ratio <= 3.05, "width ratio " + ratio);
    assertTrue(f[25][col("corr_qrs")] < 0.95, "corr " + f[25][col("corr_qrs")]);
    assertEquals(1.0, f[25][col("r_sign")], 0.0);
  }

  @Test
  void invalidInputIsRefused() {
    double[] x = new double[1000];
    assertThrows(EcgArgumentException.class, () -> BeatFeatures.compute(x, 10, new int[] {5}));
    assertThrows(EcgArgumentException.class,
        () -> BeatFeatures.compute(x, FS, new int[] {5, 5}));
    assertThrows(EcgArgumentException.class,
        () -> BeatFeatures.compute(x, FS, new int[] {1000}));
    double[] nan = new double[1000];
    nan[3] = Double.NaN;
    assertThrows(EcgArgumentException.class, () -> BeatFeatures.compute(nan, FS, new int[] {}));
    assertEquals(0, BeatFeatures.compute(x, FS, new int[] {}).length);
  }
}
