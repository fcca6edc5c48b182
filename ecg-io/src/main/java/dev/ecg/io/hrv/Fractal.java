package dev.ecg.io.hrv;

import java.util.Arrays;

/**
 * Fractal and symbolic indices of NeuroKit2's complexity module as {@code hrv_nonlinear} calls
 * them (package-private): DFA and MFDFA, correlation dimension, Higuchi and Katz fractal
 * dimensions, Lempel-Ziv complexity and 4-level equal-probability symbolic dynamics.
 */
final class Fractal {
  /** Variances at or below this are treated as degenerate windows and left out of DFA. */
  static final double MIN_VARIANCE = 1e-8;
  /** The q orders of MFDFA: -5 .. 5. */
  static final int Q_MAX = 5;

  private Fractal() {}

  /** DFA result: alpha (q = 2) and the 8 MFDFA summaries in {@link Nonlinear#MFDFA} order. */
  record Dfa(double alpha, double[] multifractal) {}

  /** Detrended residual variances (ddof 0) of the overlapping windows of one scale. */
  static double[] variances(double[] profile, int w) {
    int n = profile.length;
    int step = w / 2;
    if (step < 1 || n - w <= 0) {
      return new double[0];
    }
    int count = 0;
    for (int s = 0; s < n - w; s += step) {
      count++;
    }
    double[] v = new double[count];
    double xm = (w - 1) / 2.0;
    double sxx = 0;
    for (int i = 0; i < w; i++) {
      sxx += (i - xm) * (i - xm);
    }
    double[] e = new double[w];
    int k = 0;
    for (int s = 0; s < n - w; s += step) {
      double ym = Np.mean(profile, s, s + w);
      double sxy = 0;
      for (int i = 0; i < w; i++) {
        sxy += (i - xm) * (profile[s + i] - ym);
      }
      double b = sxy / sxx;
      for (int i = 0; i < w; i++) {
        e[i] = (profile[s + i] - ym) - b * (i - xm);
      }
      v[k++] = Np.var(e, 0);
    }
    int kept = 0;
    for (double x : v) {
      kept += x > MIN_VARIANCE ? 1 : 0;
    }
    double[] out = new double[kept];
    int j = 0;
    for (double x : v) {
      if (x > MIN_VARIANCE) {
        out[j++] = x;
      }
    }
    return out;
  }

  /**
   * Detrended fluctuation analysis (C.-K. Peng et al., "Quantification of scaling exponents and
   * crossover phenomena in nonstationary heartbeat time series", Chaos 5(1):82-87, 1995) and its
   * multifractal form (J. W. Kantelhardt et al., Physica A 316:87-114, 2002): profile of the
   * mean-removed series, 50 % overlapping windows, linear detrending.
   */
  static Dfa dfa(double[] x, int[] scales) {
    double mean = Np.mean(x);
    double[] profile = new double[x.length];
    double acc = 0;
    for (int i = 0; i < x.length; i++) {
      acc += x[i] - mean;
      profile[i] = acc;
    }
    int nq = 2 * Q_MAX + 1;
    double[] logW = new double[scales.length];
    double[] logF2 = new double[scales.length];
    double[][] logFq = new double[nq][scales.length];
    for (int si = 0; si < scales.length; si++) {
      double[] var = variances(profile, scales[si]);
      logW[si] = Np.log2(scales[si]);
      logF2[si] = Np.log2(Math.sqrt(Np.mean(var)));
      for (int qi = 0; qi < nq; qi++) {
        int q = qi - Q_MAX;
        double f;
        if (q == 0) {
          double[] l = new double[var.length];
          for (int i = 0; i < l.length; i++) {
            l[i] = Math.log(var[i]);
          }
          f = Math.exp(0.5 * Np.mean(l));
        } else {
          double[] p = new double[var.length];
          for (int i = 0; i < p.length; i++) {
            p[i] = Math.pow(var[i], q / 2.0);
          }
          f = Math.pow(Np.mean(p), 1.0 / q);
        }
        logFq[qi][si] = Np.log2(f);
      }
    }
    double alpha = Np.slope(logW, logF2);
    double[] q = new double[nq];
    double[] h = new double[nq];
    for (int qi = 0; qi < nq; qi++) {
      q[qi] = qi - Q_MAX;
      h[qi] = Np.slope(logW, logFq[qi]);
    }
    return new Dfa(alpha, mfdfaSummary(q, h));
  }

  /** Width, Peak, Mean, Max, Delta, Asymmetry, Fluctuation, Increment of the singularity spectrum. */
  static double[] mfdfaSummary(double[] q, double[] h) {
    int n = q.length;
    double[] tau = new double[n];
    for (int i = 0; i < n; i++) {
      tau[i] = q[i] * h[i] - 1;
    }
    double[] gq = Np.gradient(q);
    double[] gt = Np.gradient(tau);
    double[] hh = new double[n];
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      hh[i] = gt[i] / gq[i];
      d[i] = q[i] * hh[i] - tau[i];
    }
    int argmaxH = argmax(hh);
    int argminH = argmin(hh);
    int argmaxD = argmax(d);
    double maxH = hh[argmaxH];
    double minH = hh[argminH];
    double width = maxH - minH;
    double peak = hh[argmaxD];
    double[] gh = Np.gradient(h);
    double[] ggh = Np.gradient(gh);
    double[] fl = new double[n];
    double[] inc = new double[n];
    for (int i = 0; i < n; i++) {
      fl[i] = ggh[i] * ggh[i];
      inc[i] = gh[i] * gh[i] / gq[i];
    }
    return new double[] {
      width,
      peak,
      (maxH + minH) / 2,
      d[argmaxH],
      d[argmaxH] - d[argminH],
      (minH - peak) / width,
      Np.sum(fl) / (2 * Math.abs(q[n - 1]) + 2),
      Np.sum(inc)
    };
  }

  private static int argmax(double[] v) {
    int b = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[b] || (Double.isNaN(v[i]) && !Double.isNaN(v[b]))) {
        b = i;
      }
    }
    return b;
  }

  private static int argmin(double[] v) {
    int b = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] < v[b] || (Double.isNaN(v[i]) && !Double.isNaN(v[b]))) {
        b = i;
      }
    }
    return b;
  }

  /**
   * Correlation dimension (P. Grassberger and I. Procaccia, "Measuring the strangeness of strange
   * attractors", Physica D 9:189-208, 1983): delay-1, 2-dimensional embedding, Euclidean
   * distances, 64 radii spaced as NeuroKit2's {@code expspace(base=2)}, slope of
   * {@code log2 C(r)} against {@code log2 r}.
   */
  static double correlationDimension(double[] x) {
    int n = x.length - 1;
    if (n < 2) {
      return Double.NaN;
    }
    // two passes over the pairs, O(1) memory: the largest distance fixes the radii, then each
    // distance is binned by the first radius it lies strictly below
    double max = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        max = Math.max(max, distance(x, i, j));
      }
    }
    double range = max - 0.0;
    double rmin = 0.025 * range;
    double rmax = 0.5 * range;
    double[] e = Np.linspace(Np.log2(1 + rmin), Np.log2(1 + rmax), RADII);
    double[] radii = new double[RADII];
    for (int k = 0; k < RADII; k++) {
      radii[k] = Math.pow(2, e[k] - 1);
    }
    long[] hist = new long[RADII + 1];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        hist[firstAbove(radii, distance(x, i, j))]++;
      }
    }
    double pairs = (double) n * (n - 1) / 2;
    double[] lr = new double[RADII];
    double[] lc = new double[RADII];
    int used = 0;
    long below = 0;
    for (int k = 0; k < RADII; k++) {
      below += hist[k];
      if (below > 0) {
        lr[used] = Np.log2(radii[k]);
        lc[used] = Np.log2(below / pairs);
        used++;
      }
    }
    return Np.slope(Arrays.copyOf(lr, used), Arrays.copyOf(lc, used));
  }

  /** Number of radii used by {@link #correlationDimension}. */
  static final int RADII = 64;

  private static double distance(double[] x, int i, int j) {
    double a = x[i] - x[j];
    double b = x[i + 1] - x[j + 1];
    return Math.sqrt(a * a + b * b);
  }

  /** Smallest k with {@code d < radii[k]} (radii ascending), or {@code radii.length}. */
  private static int firstAbove(double[] radii, double d) {
    int lo = 0;
    int hi = radii.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (d < radii[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * Higuchi fractal dimension (T. Higuchi, "Approach to an irregular time series on the basis of
   * the fractal theory", Physica D 31:277-283, 1988) with {@code k = 1 .. kMax}.
   */
  static double higuchi(double[] x, int kMax) {
    int n = x.length;
    double[] lk = new double[kMax];
    double[] lnk = new double[kMax];
    for (int k = 1; k <= kMax; k++) {
      double[] lm = new double[k];
      for (int m = 1; m <= k; m++) {
        int nMax = (n - m) / k;
        double ll = 0;
        for (int j = 1; j <= nMax; j++) {
          ll += Math.abs(x[m - 1 + j * k] - x[m - 1 + (j - 1) * k]);
        }
        ll /= k;
        ll *= (n - 1) / (double) (nMax * k);
        lm[m - 1] = ll;
      }
      lk[k - 1] = Math.log(Np.mean(lm));
      lnk[k - 1] = Math.log(k);
    }
    return -Np.slope(lnk, lk);
  }

  /** Katz fractal dimension (M. J. Katz, Comput Biol Med 18(3):145-156, 1988). */
  static double katz(double[] x) {
    double[] d = Np.diff(x);
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.abs(d[i]);
    }
    double length = Np.sum(d);
    double a = Np.mean(d);
    double far = 0;
    for (double v : x) {
      far = Math.max(far, Math.abs(v - x[0]));
    }
    return Math.log10(length / a) / Math.log10(far / a);
  }

  /**
   * Normalised Lempel-Ziv complexity (A. Lempel and J. Ziv, IEEE Trans Inf Theory 22(1):75-81,
   * 1976; counting by F. Kaspar and H. G. Schuster, Phys Rev A 36(2):842-848, 1987) of the series
   * binarised at its mean: {@code c log2(n) / n}.
   */
  static double lempelZiv(double[] x) {
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double mean = Np.mean(x);
    boolean[] s = new boolean[n];
    for (int i = 0; i < n; i++) {
      s[i] = x[i] > mean;
    }
    int c = 1;
    int u = 1; // start of the current component
    int i = 0; // candidate start in the history
    int v = 1; // length of the current match
    int vmax = 1;
    while (u + v <= n) {
      if (s[i + v - 1] == s[u + v - 1]) {
        v++;
      } else {
        vmax = Math.max(v, vmax);
        i++;
        if (i == u) {
          c++;
          u += vmax;
          v = 1;
          i = 0;
          vmax = 1;
        } else {
          v = 1;
        }
      }
    }
    if (v != 1) {
      c++;
    }
    return c * Np.log2(n) / n;
  }

  /**
   * Symbolic dynamics with 4 equal-probability levels (quartile edges) and words of 3 symbols
   * (A. Porta et al. 2001; M. Cysarz et al. 2015): fractions of words with no variation (0V), one
   * variation (1V), two like variations (2LV, monotone) and two unlike variations (2UV).
   */
  static double[] symbolicEqualProb4(double[] x) {
    int n = x.length;
    if (n < 3) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    }
    double[] sorted = Np.sorted(x);
    double[] edges = new double[5];
    for (int i = 0; i < 5; i++) {
      edges[i] = Np.percentileSorted(sorted, 25 * i);
    }
    int[] sym = new int[n];
    for (int i = 0; i < n; i++) {
      int idx = 0;
      while (idx < 5 && edges[idx] <= x[i]) {
        idx++;
      }
      sym[i] = Math.max(0, Math.min(3, idx - 1));
    }
    int words = n - 2;
    int[] c = new int[4];
    for (int i = 0; i < words; i++) {
      int a = sym[i];
      int b = sym[i + 1];
      int d = sym[i + 2];
      int changes = (a != b ? 1 : 0) + (b != d ? 1 : 0);
      if (changes == 0) {
        c[0]++;
      } else if (changes == 1) {
        c[1]++;
      } else if ((a < b && b < d) || (a > b && b > d)) {
        c[2]++;
      } else {
        c[3]++;
      }
    }
    return new double[] {(double) c[0] / words, (double) c[1] / words, (double) c[2] / words,
        (double) c[3] / words};
  }
}
