package dev.ecg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Temperature scaling recovers a known temperature and leaves the predicted class alone. */
class TemperatureScalingTest {

  /** Labels drawn from softmax(z / T0); the model reports softmax(z): overconfident for T0 > 1. */
  @Test
  void recoversTheTemperatureThatGeneratedTheLabels() {
    for (double t0 : new double[] {0.5, 1.0, 2.5}) {
      Random rnd = new Random(7);
      int n = 40_000;
      int k = 4;
      int[] y = new int[n];
      double[][] p = new double[n][];
      for (int i = 0; i < n; i++) {
        double[] z = new double[k];
        for (int j = 0; j < k; j++) {
          z[j] = 3 * rnd.nextGaussian();
        }
        p[i] = softmax(z, 1);
        double[] truth = softmax(z, t0);
        double u = rnd.nextDouble();
        int c = 0;
        for (double acc = truth[0]; acc < u && c < k - 1; acc += truth[++c]) {
          // draw the label
        }
        y[i] = c;
      }
      double t = Calibration.fitTemperature(y, p);
      assertEquals(t0, t, 0.06 * t0, "T0 " + t0);
      double before = Calibration.expectedCalibrationError(y, p, 15);
      double[][] q = new double[n][];
      for (int i = 0; i < n; i++) {
        q[i] = Calibration.scale(p[i], t);
      }
      double after = Calibration.expectedCalibrationError(y, q, 15);
      assertTrue(after < 0.02, "ECE after " + after + " (before " + before + ")");
      if (t0 != 1.0) {
        assertTrue(after < before / 2, "before " + before + " after " + after);
      }
    }
  }

  @Test
  void scalingIsSoftmaxOfLogitsOverTAndKeepsTheArgmax() {
    double[] z = {2.0, -1.0, 0.5};
    double[] p = softmax(z, 1);
    assertArrayEquals(softmax(z, 3), Calibration.scale(p, 3), 1e-12);
    assertArrayEquals(p, Calibration.scale(p, 1), 1e-15);
    double[] sharp = Calibration.scale(p, 0.2);
    assertTrue(sharp[0] > p[0] && sharp[0] > sharp[2]);
  }

  @Test
  void reliabilityBinsAddUpToTheEce() {
    int[] y = {0, 1, 1, 0, 1};
    double[][] p = {{0.9, 0.1}, {0.3, 0.7}, {0.6, 0.4}, {0.55, 0.45}, {0.05, 0.95}};
    List<Calibration.Bin> bins = Calibration.reliability(y, p, 10);
    assertEquals(10, bins.size());
    double ece = 0;
    long n = 0;
    for (Calibration.Bin b : bins) {
      n += b.count();
      if (b.count() > 0) {
        ece += b.count() / 5.0 * Math.abs(b.accuracy() - b.confidence());
      }
    }
    assertEquals(5, n);
    assertEquals(Calibration.expectedCalibrationError(y, p, 10), ece, 1e-12);
    // bin (0.5, 0.6] holds 0.6 (wrong) and 0.55 (right)
    assertEquals(2, bins.get(5).count());
    assertEquals(0.5, bins.get(5).accuracy(), 1e-12);
  }

  static double[] softmax(double[] z, double t) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v / t);
    }
    double[] e = new double[z.length];
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      e[i] = Math.exp(z[i] / t - max);
      s += e[i];
    }
    for (int i = 0; i < z.length; i++) {
      e[i] /= s;
    }
    return e;
  }
}
