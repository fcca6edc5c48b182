package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/**
 * Piecewise cubic Hermite interpolating polynomial that preserves monotonicity (F. N. Fritsch
 * and R. E. Carlson, "Monotone piecewise cubic interpolation", SIAM J. Numer. Anal. 17(2):238-246,
 * 1980; derivatives as in F. N. Fritsch and J. Butland, "A method for constructing local monotone
 * piecewise cubic interpolants", SIAM J. Sci. Stat. Comput. 5(2):300-304, 1984), computed with the
 * same formulas and operation order as {@code scipy.interpolate.PchipInterpolator}:
 *
 * <ul>
 *   <li>interior derivative 0 where the neighbouring secant slopes differ in sign or one is 0,
 *       else the weighted harmonic mean {@code (w1 + w2) / (w1 / m[k-1] + w2 / m[k])} with
 *       {@code w1 = 2 h[k] + h[k-1]}, {@code w2 = h[k] + 2 h[k-1]};
 *   <li>end derivatives from the one-sided three-point formula, set to 0 when its sign differs
 *       from the end slope's and limited to three times that slope when the two end slopes
 *       differ in sign;
 *   <li>two points give a straight line;
 *   <li>outside {@code [x[0], x[n-1]]} the end cubic is extrapolated ({@code extrapolate=True}).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class Pchip {
  private final double[] x;
  private final double[] c0;
  private final double[] c1;
  private final double[] c2;
  private final double[] c3;

  private Pchip(double[] x, double[] c0, double[] c1, double[] c2, double[] c3) {
    this.x = x;
    this.c0 = c0;
    this.c1 = c1;
    this.c2 = c2;
    this.c3 = c3;
  }

  /**
   * @param x knots, strictly increasing, finite, at least 2
   * @param y values at the knots, finite, same length
   * @return the interpolant
   * @throws EcgArgumentException if the arrays are null, of different or too small length, not
   *     finite, or {@code x} is not strictly increasing
   */
  public static Pchip of(double[] x, double[] y) {
    Checks.finite(x, "x");
    Checks.finite(y, "y");
    int n = x.length;
    if (n < 2 || y.length != n) {
      throw new EcgArgumentException("PCHIP needs at least 2 knots and as many values, got "
          + n + " knots and " + y.length + " values");
    }
    for (int i = 1; i < n; i++) {
      if (!(x[i] > x[i - 1])) {
        throw new EcgArgumentException("knots must be strictly increasing, x[" + i + "] = " + x[i]
            + " after " + x[i - 1]);
      }
    }
    double[] h = new double[n - 1];
    double[] m = new double[n - 1];
    for (int k = 0; k < n - 1; k++) {
      h[k] = x[k + 1] - x[k];
      m[k] = (y[k + 1] - y[k]) / h[k];
    }
    double[] d = new double[n];
    if (n == 2) {
      d[0] = m[0];
      d[1] = m[0];
    } else {
      for (int k = 1; k < n - 1; k++) {
        double ml = m[k - 1], mr = m[k];
        if (Math.signum(mr) != Math.signum(ml) || mr == 0 || ml == 0) {
          d[k] = 0.0;
        } else {
          double w1 = 2 * h[k] + h[k - 1];
          double w2 = h[k] + 2 * h[k - 1];
          double whmean = (w1 / ml + w2 / mr) / (w1 + w2);
          d[k] = 1.0 / whmean;
        }
      }
      d[0] = edge(h[0], h[1], m[0], m[1]);
      d[n - 1] = edge(h[n - 2], h[n - 3], m[n - 2], m[n - 3]);
    }
    double[] c0 = new double[n - 1], c1 = new double[n - 1], c2 = new double[n - 1],
        c3 = new double[n - 1];
    for (int k = 0; k < n - 1; k++) {
      double dx = x[k + 1] - x[k];
      double slope = (y[k + 1] - y[k]) / dx;
      double t = ((d[k] + d[k + 1]) - 2 * slope) / dx;
      c0[k] = t / dx;
      c1[k] = (slope - d[k]) / dx - t;
      c2[k] = d[k];
      c3[k] = y[k];
    }
    return new Pchip(x.clone(), c0, c1, c2, c3);
  }

  private static double edge(double h0, double h1, double m0, double m1) {
    double d = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
    if (Math.signum(d) != Math.signum(m0)) {
      return 0.0;
    }
    if (Math.signum(m0) != Math.signum(m1) && Math.abs(d) > 3.0 * Math.abs(m0)) {
      return 3.0 * m0;
    }
    return d;
  }

  /**
   * @param t where to evaluate (outside the knots the end cubic is extrapolated)
   * @return the interpolated value; NaN for a NaN argument
   */
  public double value(double t) {
    if (Double.isNaN(t)) {
      return Double.NaN;
    }
    int k = interval(t);
    double s = t - x[k];
    double res = 0.0;
    res = res + c3[k];
    double z = s;
    res = res + c2[k] * z;
    z *= s;
    res = res + c1[k] * z;
    z *= s;
    res = res + c0[k] * z;
    return res;
  }

  /** SciPy's interval search: closed on the right for the last knot, ends extrapolate. */
  private int interval(double t) {
    int n = x.length;
    if (t <= x[0]) {
      return 0;
    }
    if (t >= x[n - 1]) {
      return n - 2;
    }
    int lo = 0, hi = n - 1;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (x[mid] <= t) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** @return the number of knots */
  public int size() {
    return x.length;
  }
}
