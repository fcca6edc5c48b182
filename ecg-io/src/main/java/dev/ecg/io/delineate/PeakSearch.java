package dev.ecg.io.delineate;

import java.util.Arrays;

/**
 * Peak finding with the semantics of SciPy's {@code scipy.signal.find_peaks} and
 * {@code peak_prominences} (package-private helpers of the delineator).
 *
 * <p>A peak is a sample larger than its left neighbour and larger than the first differing sample
 * to its right; a flat top is reported at its middle sample (rounded down). The first and last
 * samples are never peaks. NaN compares false, as in SciPy, so a NaN never is, nor bounds, a
 * peak's top, and it stops the prominence search like a higher sample.
 */
final class PeakSearch {
  private PeakSearch() {}

  /** Local maxima of {@code x}, as {@code find_peaks(x)[0]}. */
  static int[] localMaxima(double[] x) {
    int n = x.length;
    int[] out = new int[Math.max(0, n / 2 + 1)];
    int count = 0;
    int i = 1;
    int iMax = n - 1;
    while (i < iMax) {
      if (x[i - 1] < x[i]) {
        int ahead = i + 1;
        while (ahead < iMax && x[ahead] == x[i]) {
          ahead++;
        }
        if (x[ahead] < x[i]) {
          out[count++] = (i + ahead - 1) / 2;
          i = ahead;
        }
      }
      i++;
    }
    return Arrays.copyOf(out, count);
  }

  /** Local maxima whose value is at least {@code minHeight}, as {@code find_peaks(x, height=h)}. */
  static int[] localMaximaAtLeast(double[] x, double minHeight) {
    int[] p = localMaxima(x);
    int count = 0;
    for (int k : p) {
      if (minHeight <= x[k]) {
        p[count++] = k;
      }
    }
    return Arrays.copyOf(p, count);
  }

  /** Prominence of each peak, as {@code peak_prominences(x, peaks)[0]} with no window. */
  static double[] prominences(double[] x, int[] peaks) {
    double[] out = new double[peaks.length];
    for (int q = 0; q < peaks.length; q++) {
      int p = peaks[q];
      double top = x[p];
      double leftMin = top;
      for (int i = p; i >= 0 && x[i] <= top; i--) {
        if (x[i] < leftMin) {
          leftMin = x[i];
        }
      }
      double rightMin = top;
      for (int i = p; i < x.length && x[i] <= top; i++) {
        if (x[i] < rightMin) {
          rightMin = x[i];
        }
      }
      out[q] = top - Math.max(leftMin, rightMin);
    }
    return out;
  }

  /**
   * Local maxima whose prominence is not below {@code minProminence}: NeuroKit2's
   * {@code signal_findpeaks(x, height_min=h)}, whose "height" is SciPy's prominence. A NaN
   * threshold keeps every peak (the comparison is false).
   */
  static int[] prominentMaxima(double[] x, double minProminence) {
    int[] p = localMaxima(x);
    double[] prom = prominences(x, p);
    int count = 0;
    for (int q = 0; q < p.length; q++) {
      if (!(prom[q] < minProminence)) {
        p[count++] = p[q];
      }
    }
    return Arrays.copyOf(p, count);
  }

  /** {@code -x} as a new array. */
  static double[] negate(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = -x[i];
    }
    return y;
  }
}
