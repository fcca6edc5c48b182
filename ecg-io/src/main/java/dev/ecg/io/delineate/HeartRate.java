package dev.ecg.io.delineate;

import java.util.Arrays;

/**
 * Heart rate from R-peak indices as NeuroKit2's {@code signal_rate} computes it
 * (package-private helpers of the delineator).
 *
 * <p>Periods are {@code diff(peaks) / fs} seconds; the first peak has no period of its own and
 * gets the mean of the others. The rate is {@code 60 / period} beats per minute.
 */
final class HeartRate {
  private HeartRate() {}

  /** Period of each peak in seconds; needs at least two peaks. */
  static double[] periods(int[] peaks, double fs) {
    double[] per = new double[peaks.length];
    double sum = 0.0;
    for (int i = 1; i < peaks.length; i++) {
      per[i] = (peaks[i] - peaks[i - 1]) / fs;
      sum += per[i];
    }
    per[0] = sum / (peaks.length - 1);
    return per;
  }

  /** Median of the per-peak rates, as {@code np.median(signal_rate(peaks, fs))}. */
  static double medianRate(int[] peaks, double fs) {
    double[] per = periods(peaks, fs);
    double[] rate = new double[per.length];
    for (int i = 0; i < per.length; i++) {
      rate[i] = 60.0 / per[i];
    }
    Arrays.sort(rate);
    int m = rate.length / 2;
    return rate.length % 2 == 1 ? rate[m] : (rate[m - 1] + rate[m]) / 2.0;
  }

  /**
   * Mean over samples {@code 0 .. length-1} of the rate interpolated with a monotone cubic (PCHIP,
   * Fritsch and Carlson 1980, SciPy's {@code PchipInterpolator}) through the per-peak periods, held
   * constant before the first and after the last peak: the mean of
   * {@code signal_rate(peaks, fs, desired_length=length)}.
   */
  static double meanInterpolatedRate(int[] peaks, double fs, int length) {
    double[] per = periods(peaks, fs);
    int n = peaks.length;
    double[] d = pchipSlopes(peaks, per);
    double sum = 0.0;
    int seg = 0;
    for (int s = 0; s < length; s++) {
      double p;
      if (s < peaks[0]) {
        p = per[0];
      } else if (s >= peaks[n - 1]) {
        p = per[n - 1];
      } else {
        while (s >= peaks[seg + 1]) {
          seg++;
        }
        double h = peaks[seg + 1] - peaks[seg];
        double slope = (per[seg + 1] - per[seg]) / h;
        double t = (d[seg] + d[seg + 1] - 2.0 * slope) / h;
        double c0 = t / h;
        double c1 = (slope - d[seg]) / h - t;
        double c2 = d[seg];
        double c3 = per[seg];
        double u = s - peaks[seg];
        // SciPy's PPoly evaluation order: sum of c_k u^k with the powers built up
        double z = 1.0;
        double r = c3 * z;
        z *= u;
        r += c2 * z;
        z *= u;
        r += c1 * z;
        z *= u;
        r += c0 * z;
        p = r;
      }
      sum += 60.0 / p;
    }
    return sum / length;
  }

  /** PCHIP derivatives at the knots (SciPy's {@code PchipInterpolator._find_derivatives}). */
  static double[] pchipSlopes(int[] x, double[] y) {
    int n = x.length;
    double[] d = new double[n];
    double[] h = new double[n - 1];
    double[] m = new double[n - 1];
    for (int k = 0; k < n - 1; k++) {
      h[k] = x[k + 1] - x[k];
      m[k] = (y[k + 1] - y[k]) / h[k];
    }
    if (n == 2) {
      d[0] = m[0];
      d[1] = m[0];
      return d;
    }
    for (int k = 1; k < n - 1; k++) {
      if (Math.signum(m[k]) != Math.signum(m[k - 1]) || m[k] == 0.0 || m[k - 1] == 0.0) {
        d[k] = 0.0;
      } else {
        double w1 = 2.0 * h[k] + h[k - 1];
        double w2 = h[k] + 2.0 * h[k - 1];
        double whmean = (w1 / m[k - 1] + w2 / m[k]) / (w1 + w2);
        d[k] = 1.0 / whmean;
      }
    }
    d[0] = edge(h[0], h[1], m[0], m[1]);
    d[n - 1] = edge(h[n - 2], h[n - 3], m[n - 2], m[n - 3]);
    return d;
  }

  private static double edge(double h0, double h1, double m0, double m1) {
    double d = ((2.0 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
    if (Math.signum(d) != Math.signum(m0)) {
      return 0.0;
    }
    if (Math.signum(m0) != Math.signum(m1) && Math.abs(d) > Math.abs(3.0 * m0)) {
      return 3.0 * m0;
    }
    return d;
  }
}
