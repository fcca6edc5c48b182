package dev.ecg.core.split;

/**
 * Floating-point sums and standard deviations in the order of operations numpy 1.x uses, so that
 * near-ties are broken as in scikit-learn (see {@link StratifiedGroupKFold}).
 */
final class NumpyFloat {
  private NumpyFloat() {}

  /**
   * Sum of a contiguous run as numpy's pairwise summation does it: plain left-to-right below 8
   * values, eight running partial sums up to 128 values, halving recursion above.
   */
  static double sum(double[] a, int off, int n) {
    if (n < 8) {
      double res = 0.0;
      for (int i = 0; i < n; i++) {
        res += a[off + i];
      }
      return res;
    }
    if (n <= 128) {
      double[] r = new double[8];
      System.arraycopy(a, off, r, 0, 8);
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        for (int j = 0; j < 8; j++) {
          r[j] += a[off + i + j];
        }
      }
      double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) {
        res += a[off + i];
      }
      return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return sum(a, off, n2) + sum(a, off + n2, n - n2);
  }

  /** Population standard deviation of a contiguous vector ({@code np.std(row)}). */
  static double std(double[] a) {
    int n = a.length;
    double mean = sum(a, 0, n) / n;
    double[] sq = new double[n];
    for (int i = 0; i < n; i++) {
      double d = a[i] - mean;
      sq[i] = d * d;
    }
    return Math.sqrt(sum(sq, 0, n) / n);
  }

  /**
   * Population standard deviation as numpy computes it along axis 0 of a 2-D array, where each
   * column is reduced row by row (left-to-right sums).
   */
  static double stdSequential(double[] a) {
    int n = a.length;
    double s = 0.0;
    for (double v : a) {
      s += v;
    }
    double mean = s / n;
    double ss = 0.0;
    for (double v : a) {
      double d = v - mean;
      ss += d * d;
    }
    return Math.sqrt(ss / n);
  }
}
