package dev.ecg.io.hrv;

import dev.ecg.io.dsp.PairwiseSum;
import java.util.Arrays;

/**
 * Array arithmetic with NumPy's conventions (package-private), so that the HRV indices land on
 * the same doubles as NumPy: pairwise summation as {@code numpy.add.reduce} does it, mean and
 * variance in NumPy's operation order, linear ("type 7") percentiles with NumPy's interpolation
 * formula, {@code linspace}, {@code gradient} and {@code trapezoid}.
 */
final class Np {
  private Np() {}

  /** Sum of {@code a[from .. from+n)} by NumPy's pairwise algorithm ({@link PairwiseSum}). */
  static double sum(double[] a, int from, int n) {
    return PairwiseSum.sum(a, from, from + n);
  }

  static double sum(double[] a) {
    return sum(a, 0, a.length);
  }

  /** {@code numpy.mean}; NaN for an empty array. */
  static double mean(double[] a) {
    return a.length == 0 ? Double.NaN : sum(a) / a.length;
  }

  static double mean(double[] a, int from, int to) {
    int n = to - from;
    return n <= 0 ? Double.NaN : sum(a, from, n) / n;
  }

  /** {@code numpy.var(a, ddof)}; NaN when {@code n - ddof <= 0}. */
  static double var(double[] a, int from, int to, int ddof) {
    int n = to - from;
    if (n - ddof <= 0) {
      return Double.NaN;
    }
    double m = sum(a, from, n) / n;
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      double v = a[from + i] - m;
      d[i] = v * v;
    }
    return sum(d) / (n - ddof);
  }

  static double var(double[] a, int ddof) {
    return var(a, 0, a.length, ddof);
  }

  /** {@code numpy.std(a, ddof)}. */
  static double std(double[] a, int ddof) {
    return Math.sqrt(var(a, ddof));
  }

  static double std(double[] a, int from, int to, int ddof) {
    return Math.sqrt(var(a, from, to, ddof));
  }

  /** Values that are not NaN, in order (for {@code nanmean}, {@code nanstd}). */
  static double[] dropNaN(double[] a) {
    return Arrays.stream(a).filter(v -> !Double.isNaN(v)).toArray();
  }

  /** Finite values, in order. */
  static double[] finite(double[] a) {
    return Arrays.stream(a).filter(Double::isFinite).toArray();
  }

  static double[] diff(double[] a) {
    double[] d = new double[Math.max(0, a.length - 1)];
    for (int i = 0; i < d.length; i++) {
      d[i] = a[i + 1] - a[i];
    }
    return d;
  }

  static double[] sorted(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    return s;
  }

  /** {@code numpy.median}: the middle value, or the mean of the two middle values. */
  static double median(double[] a) {
    if (a.length == 0) {
      return Double.NaN;
    }
    double[] s = sorted(a);
    int n = s.length;
    if (n % 2 == 1) {
      return s[n / 2];
    }
    return (s[n / 2 - 1] + s[n / 2]) / 2.0;
  }

  /**
   * {@code numpy.percentile(a, q)} with the default "linear" method (Hyndman and Fan type 7):
   * virtual index {@code (n-1) q/100}, then NumPy's two-sided linear interpolation.
   *
   * @param sorted values in ascending order, no NaN
   * @param q percentile in [0, 100]
   */
  static double percentileSorted(double[] sorted, double q) {
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    double quantile = q / 100.0;
    double virtual = (n - 1) * quantile;
    double prevIdx = Math.floor(virtual);
    int lo = (int) Math.max(0, Math.min(n - 1, prevIdx));
    int hi = Math.min(n - 1, lo + 1);
    double gamma = virtual - prevIdx;
    double a = sorted[lo];
    double b = sorted[hi];
    double diffBA = b - a;
    if (gamma >= 0.5) {
      return b - diffBA * (1 - gamma);
    }
    return a + diffBA * gamma;
  }

  /** {@code numpy.linspace(start, stop, num)} with NumPy's operation order. */
  static double[] linspace(double start, double stop, int num) {
    double[] y = new double[Math.max(0, num)];
    if (num == 0) {
      return y;
    }
    int div = num - 1;
    double delta = stop - start;
    if (div > 0) {
      double step = delta / div;
      if (step == 0) {
        for (int i = 0; i < num; i++) {
          y[i] = ((double) i / div) * delta + start;
        }
      } else {
        for (int i = 0; i < num; i++) {
          y[i] = i * step + start;
        }
      }
      y[num - 1] = stop;
    } else {
      y[0] = 0 * delta + start;
    }
    return y;
  }

  /** {@code numpy.gradient(y)} with unit spacing: central inside, one-sided first order at the ends. */
  static double[] gradient(double[] y) {
    int n = y.length;
    double[] g = new double[n];
    if (n < 2) {
      Arrays.fill(g, Double.NaN);
      return g;
    }
    for (int i = 1; i < n - 1; i++) {
      g[i] = (y[i + 1] - y[i - 1]) / 2.0;
    }
    g[0] = y[1] - y[0];
    g[n - 1] = y[n - 1] - y[n - 2];
    return g;
  }

  /** {@code numpy.trapezoid(y, x)}. */
  static double trapezoid(double[] y, double[] x) {
    int n = y.length;
    if (n < 2) {
      return 0.0;
    }
    double[] t = new double[n - 1];
    for (int i = 0; i < n - 1; i++) {
      t[i] = (x[i + 1] - x[i]) * (y[i + 1] + y[i]) / 2.0;
    }
    return sum(t);
  }

  /** {@code numpy.trapezoid(y)} with unit spacing. */
  static double trapezoid(double[] y) {
    int n = y.length;
    if (n < 2) {
      return 0.0;
    }
    double[] t = new double[n - 1];
    for (int i = 0; i < n - 1; i++) {
      t[i] = (y[i + 1] + y[i]) / 2.0;
    }
    return sum(t);
  }

  /**
   * Least-squares slope of {@code y} against {@code x} (the first coefficient of
   * {@code numpy.polyfit(x, y, 1)}), computed on centred data; NaN for fewer than 2 points.
   */
  static double slope(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double mx = mean(x);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      sxy += dx * (y[i] - my);
      sxx += dx * dx;
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }

  static double log2(double v) {
    return Math.log(v) / Math.log(2);
  }
}
