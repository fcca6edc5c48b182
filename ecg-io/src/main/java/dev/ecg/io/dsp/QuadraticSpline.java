package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/**
 * The interpolating quadratic B-spline of {@code scipy.interpolate.make_interp_spline(x, y, k=2)},
 * which is also what {@code scipy.interpolate.interp1d(x, y, kind="quadratic")} evaluates.
 *
 * <p>Knots: {@code x[0]} three times, the midpoints {@code (x[i] + x[i+1]) / 2} for
 * {@code i = 1 .. n-3}, and {@code x[n-1]} three times ({@code n + 3} knots, {@code n}
 * coefficients). The coefficients solve the collocation system {@code sum_j c_j B_j(x_i) = y_i}
 * (banded, solved by Gaussian elimination with partial pivoting as LAPACK's {@code gbsv}); the
 * basis values come from the Cox-de Boor recursion (C. de Boor, "A Practical Guide to Splines",
 * Springer 1978). The result is a C1 piecewise quadratic that passes through every point; it is
 * neither a quadratic through each three points nor a cubic spline.
 *
 * <p>Immutable and thread-safe after construction; time and memory are linear in {@code n}.
 */
public final class QuadraticSpline {
  private static final int K = 2;

  private final double[] x;
  private final double[] t;
  private final double[] c;

  private QuadraticSpline(double[] x, double[] t, double[] c) {
    this.x = x;
    this.t = t;
    this.c = c;
  }

  /**
   * Builds the interpolating spline.
   *
   * @param x abscissae, strictly increasing and finite, at least 3 of them
   * @param y ordinates, finite, as many as {@code x}
   * @return the spline
   * @throws EcgArgumentException if fewer than 3 points, lengths differ, a value is not finite,
   *     or {@code x} is not strictly increasing
   */
  public static QuadraticSpline interpolate(double[] x, double[] y) {
    Checks.finite(x, "x");
    Checks.finite(y, "y");
    int n = x.length;
    if (y.length != n) {
      throw new EcgArgumentException("x and y must have the same length, got " + n + " and "
          + y.length);
    }
    if (n < K + 1) {
      throw new EcgArgumentException("a quadratic spline needs at least 3 points, got " + n);
    }
    for (int i = 1; i < n; i++) {
      if (!(x[i] > x[i - 1])) {
        throw new EcgArgumentException("x must be strictly increasing, index " + i + ": "
            + x[i - 1] + " then " + x[i]);
      }
    }
    double[] t = new double[n + K + 1];
    t[0] = x[0];
    t[1] = x[0];
    t[2] = x[0];
    for (int i = 1; i <= n - 3; i++) {
      t[2 + i] = (x[i] + x[i + 1]) / 2;
    }
    t[n] = x[n - 1];
    t[n + 1] = x[n - 1];
    t[n + 2] = x[n - 1];

    // collocation matrix in LAPACK band storage: A(i,j) at ab[KL + KU + i - j][j]
    final int kl = K;
    final int ku = K;
    final int kv = kl + ku;
    double[][] ab = new double[2 * kl + ku + 1][n];
    double[] h = new double[K + 1];
    double[] hh = new double[K + 1];
    int left = K;
    for (int i = 0; i < n; i++) {
      left = findInterval(t, n, x[i], left);
      deBoor(t, x[i], left, h, hh);
      for (int a = 0; a <= K; a++) {
        int j = left - K + a;
        ab[kv + i - j][j] = h[a];
      }
    }
    double[] rhs = y.clone();
    solveBanded(ab, n, kl, ku, rhs);
    return new QuadraticSpline(x.clone(), t, rhs);
  }

  /** @return the knot vector (a copy) */
  public double[] knots() {
    return t.clone();
  }

  /** @return the B-spline coefficients (a copy) */
  public double[] coefficients() {
    return c.clone();
  }

  /**
   * Evaluates the spline.
   *
   * @param xv where to evaluate
   * @return the value, or NaN outside {@code [x[0], x[n-1]]} (no extrapolation)
   */
  public double value(double xv) {
    int n = c.length;
    if (!(xv >= t[K] && xv <= t[n])) {
      return Double.NaN;
    }
    int l = findInterval(t, n, xv, K);
    return eval(xv, l, new double[K + 1], new double[K + 1]);
  }

  /**
   * Evaluates the spline at many points, filling points outside the data range as
   * {@code interp1d(..., bounds_error=False, fill_value=(below, above))} does.
   *
   * @param xs where to evaluate (any order)
   * @param below value for points before {@code x[0]}
   * @param above value for points after {@code x[n-1]}
   * @return the values
   */
  public double[] values(double[] xs, double below, double above) {
    Checks.notNull(xs, "xs");
    int n = c.length;
    double[] out = new double[xs.length];
    double[] h = new double[K + 1];
    double[] hh = new double[K + 1];
    int l = K;
    for (int i = 0; i < xs.length; i++) {
      double xv = xs[i];
      if (xv < x[0]) {
        out[i] = below;
      } else if (xv > x[x.length - 1]) {
        out[i] = above;
      } else if (Double.isNaN(xv)) {
        out[i] = Double.NaN;
      } else {
        l = findInterval(t, n, xv, l);
        out[i] = eval(xv, l, h, hh);
      }
    }
    return out;
  }

  private double eval(double xv, int l, double[] h, double[] hh) {
    deBoor(t, xv, l, h, hh);
    double s = 0;
    for (int a = 0; a <= K; a++) {
      s += c[l - K + a] * h[a];
    }
    return s;
  }

  /** Interval {@code l} in {@code [K, n-1]} with {@code t[l] <= x < t[l+1]} (the last one closed). */
  private static int findInterval(double[] t, int n, double xv, int prev) {
    int l = prev >= K && prev < n ? prev : K;
    while (xv < t[l] && l != K) {
      l--;
    }
    l++;
    while (l != n && xv >= t[l]) {
      l++;
    }
    return l - 1;
  }

  /** The K+1 non-zero B-spline values at {@code xv} in interval {@code ell} (Cox-de Boor). */
  private static void deBoor(double[] t, double xv, int ell, double[] h, double[] hh) {
    h[0] = 1.0;
    for (int j = 1; j <= K; j++) {
      System.arraycopy(h, 0, hh, 0, j);
      h[0] = 0.0;
      for (int n = 1; n <= j; n++) {
        int ind = ell + n;
        double xb = t[ind];
        double xa = t[ind - j];
        if (xb == xa) {
          h[n] = 0.0;
          continue;
        }
        double w = hh[n - 1] / (xb - xa);
        h[n - 1] += w * (xb - xv);
        h[n] = w * (xv - xa);
      }
    }
  }

  /**
   * Solves the banded system in place (LU with partial pivoting as LAPACK {@code dgbtf2} and
   * {@code dgbtrs}); the solution replaces {@code b}.
   */
  static void solveBanded(double[][] ab, int n, int kl, int ku, double[] b) {
    int kv = ku + kl;
    int[] ipiv = new int[n];
    int ju = 0;
    for (int j = 0; j < n; j++) {
      int km = Math.min(kl, n - 1 - j);
      int jp = 0;
      double best = Math.abs(ab[kv][j]);
      for (int p = 1; p <= km; p++) {
        double v = Math.abs(ab[kv + p][j]);
        if (v > best) {
          best = v;
          jp = p;
        }
      }
      ipiv[j] = j + jp;
      if (ab[kv + jp][j] == 0) {
        throw new EcgArgumentException("spline collocation matrix is singular at column " + j);
      }
      ju = Math.max(ju, Math.min(j + ku + jp, n - 1));
      if (jp != 0) {
        int r2 = j + jp;
        for (int col = j; col <= ju; col++) {
          double tmp = ab[kv + j - col][col];
          ab[kv + j - col][col] = ab[kv + r2 - col][col];
          ab[kv + r2 - col][col] = tmp;
        }
      }
      double piv = ab[kv][j];
      for (int p = 1; p <= km; p++) {
        ab[kv + p][j] /= piv;
      }
      for (int col = j + 1; col <= ju; col++) {
        double ajc = ab[kv + j - col][col];
        if (ajc != 0) {
          for (int p = 1; p <= km; p++) {
            ab[kv + j + p - col][col] -= ab[kv + p][j] * ajc;
          }
        }
      }
    }
    // forward: L y = P b
    for (int j = 0; j < n - 1; j++) {
      int km = Math.min(kl, n - 1 - j);
      int l = ipiv[j];
      if (l != j) {
        double tmp = b[l];
        b[l] = b[j];
        b[j] = tmp;
      }
      for (int p = 1; p <= km; p++) {
        b[j + p] -= ab[kv + p][j] * b[j];
      }
    }
    // backward: U x = y, U has kv super-diagonals
    for (int j = n - 1; j >= 0; j--) {
      b[j] /= ab[kv][j];
      double bj = b[j];
      for (int i = Math.max(0, j - kv); i < j; i++) {
        b[i] -= ab[kv + i - j][j] * bj;
      }
    }
  }
}
