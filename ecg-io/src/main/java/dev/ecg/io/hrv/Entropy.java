package dev.ecg.io.hrv;

import java.util.Arrays;

/**
 * Entropy estimators of NeuroKit2's complexity module as {@code hrv_nonlinear} calls them
 * (package-private). Templates are delay-1 embeddings, distances Chebyshev, and a match means
 * {@code distance <= r}.
 */
final class Entropy {
  enum Multiscale { MSEN, CMSEN, RCMSEN }

  private Entropy() {}

  /** Number of templates of length {@code m} a series of length {@code n} has. */
  private static int rows(int n, int m) {
    return Math.max(0, n - m + 1);
  }

  /** Chebyshev distance between the templates at i and j, of length m. */
  private static double cheb(double[] x, int i, int j, int m) {
    double d = 0;
    for (int k = 0; k < m; k++) {
      double v = Math.abs(x[i + k] - x[j + k]);
      if (v > d) {
        d = v;
      }
    }
    return d;
  }

  /** Matches (self included) of each of the first {@code rows} templates among those rows. */
  private static double[] counts(double[] x, int m, int rows, double r) {
    double[] c = new double[rows];
    for (int i = 0; i < rows; i++) {
      c[i] += 1; // self
      for (int j = i + 1; j < rows; j++) {
        if (cheb(x, i, j, m) <= r) {
          c[i] += 1;
          c[j] += 1;
        }
      }
    }
    return c;
  }

  /**
   * Approximate entropy (S. M. Pincus, "Approximate entropy as a measure of system complexity",
   * PNAS 88(6):2297-2301, 1991), self-matches included: {@code |Phi_m - Phi_m+1|}.
   */
  static double approximate(double[] x, int m, double r) {
    int n = x.length;
    int r1 = rows(n, m);
    int r2 = rows(n, m + 1);
    if (r2 < 1) {
      return Double.NaN;
    }
    double[] c1 = counts(x, m, r1, r);
    double[] c2 = counts(x, m + 1, r2, r);
    double[] l1 = new double[r1];
    for (int i = 0; i < r1; i++) {
      l1[i] = Math.log(c1[i] / r1);
    }
    double[] l2 = new double[r2];
    for (int i = 0; i < r2; i++) {
      l2[i] = Math.log(c2[i] / r2);
    }
    return Math.abs(Np.mean(l1) - Np.mean(l2));
  }

  /** {@code [phi_m, phi_m+1]}: mean share of matches, self excluded, over the first n-m templates. */
  static double[] phi(double[] x, int m, double r) {
    int rows = x.length - m;
    if (rows < 2) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double[] c1 = counts(x, m, rows, r);
    double[] c2 = counts(x, m + 1, rows, r);
    for (int i = 0; i < rows; i++) {
      c1[i] = (c1[i] - 1) / (rows - 1);
      c2[i] = (c2[i] - 1) / (rows - 1);
    }
    return new double[] {Np.mean(c1), Np.mean(c2)};
  }

  /** {@code -ln(phi1 / phi0)} with NeuroKit2's limits: -inf when phi0 is 0, +inf when phi1 is 0. */
  static double divide(double phi0, double phi1) {
    if (phi0 == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double d = phi1 / phi0;
    if (d == 0) {
      return Double.POSITIVE_INFINITY;
    }
    return -Math.log(d);
  }

  /**
   * Sample entropy (J. S. Richman and J. R. Moorman, "Physiological time-series analysis using
   * approximate entropy and sample entropy", Am J Physiol Heart Circ Physiol 278(6), 2000).
   */
  static double sample(double[] x, int m, double r) {
    double[] p = phi(x, m, r);
    return divide(p[0], p[1]);
  }

  /**
   * Fuzzy entropy (W. Chen et al., "Characterization of surface EMG signal based on fuzzy
   * entropy", IEEE Trans Neural Syst Rehabil Eng 15(2):266-272, 2007): templates minus their own
   * mean, similarity {@code exp(-d / r)}.
   */
  static double fuzzy(double[] x, int m, double r) {
    int rows = x.length - m;
    if (rows < 2) {
      return Double.NaN;
    }
    double p0 = fuzzyPhi(x, m, rows, r);
    double p1 = fuzzyPhi(x, m + 1, rows, r);
    return divide(p0, p1);
  }

  private static double fuzzyPhi(double[] x, int m, int rows, double r) {
    double[][] t = new double[rows][m];
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int k = 0; k < m; k++) {
        s += x[i + k];
      }
      double mean = s / m;
      for (int k = 0; k < m; k++) {
        t[i][k] = x[i + k] - mean;
      }
    }
    double[] sum = new double[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < rows; j++) {
        double d = 0;
        for (int k = 0; k < m; k++) {
          double v = Math.abs(t[i][k] - t[j][k]);
          if (v > d) {
            d = v;
          }
        }
        sum[j] += Math.exp(-d / r);
      }
    }
    for (int i = 0; i < rows; i++) {
      sum[i] = (sum[i] - 1) / (rows - 1);
    }
    return Np.mean(sum);
  }

  /** Shannon entropy in bits of the frequencies of the distinct values. */
  static double shannon(double[] x) {
    double[] s = Np.sorted(x);
    int n = s.length;
    double[] terms = new double[n];
    int k = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && s[j] == s[i]) {
        j++;
      }
      double f = (double) (j - i) / n;
      terms[k++] = f * Math.log(f);
      i = j;
    }
    return -Np.sum(Arrays.copyOf(terms, k)) / Math.log(2);
  }

  /**
   * Multiscale sample entropies (M. Costa, A. L. Goldberger and C.-K. Peng, "Multiscale entropy
   * analysis of complex physiologic time series", Phys Rev Lett 89(6):068102, 2002; composite and
   * refined composite variants of S.-D. Wu et al. 2013 and 2014) over scales
   * {@code 1 .. n/(m+10) - 1} with a fixed r; summarised as the trapezoid area under the finite
   * values divided by their number.
   */
  static double multiscale(double[] x, int m, double r, Multiscale method) {
    int n = x.length;
    int maxScale = n / (m + 10);
    double[] values = new double[Math.max(0, maxScale - 1)];
    for (int s = 1; s < maxScale; s++) {
      double v;
      switch (method) {
        case MSEN -> {
          int len = n / s;
          double[] y = new double[len];
          for (int i = 0; i < len; i++) {
            y[i] = Np.sum(x, i * s, s) / s;
          }
          v = sample(y, m, r);
        }
        case CMSEN -> {
          double[] e = new double[s];
          for (int k = 0; k < s; k++) {
            e[k] = sample(decimate(x, k, s), m, r);
          }
          double[] f = Np.finite(e);
          v = f.length == 0 ? Double.NaN : Np.mean(f);
        }
        case RCMSEN -> {
          double[] p0 = new double[s];
          double[] p1 = new double[s];
          for (int k = 0; k < s; k++) {
            double[] p = phi(decimate(x, k, s), m, r);
            p0[k] = p[0];
            p1[k] = p[1];
          }
          v = divide(Np.mean(p0), Np.mean(p1));
        }
        default -> throw new AssertionError(method);
      }
      values[s - 1] = v;
    }
    double[] f = Np.finite(values);
    if (f.length == 0) {
      return Double.NaN;
    }
    return Np.trapezoid(f) / f.length;
  }

  /** {@code x[k::s]} truncated to {@code n / s} points. */
  private static double[] decimate(double[] x, int k, int s) {
    int len = x.length / s;
    double[] y = new double[len];
    for (int i = 0; i < len; i++) {
      y[i] = x[k + i * s];
    }
    return y;
  }
}
