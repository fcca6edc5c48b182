package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/**
 * Zero-phase (forward-backward) filtering that follows SciPy's own arithmetic step by step, so
 * that results agree with {@code scipy.signal.sosfiltfilt} and {@code scipy.signal.filtfilt} to
 * the last bits rather than merely to rounding level. It exists for presets that promise to
 * reproduce a Python reference (NeuroKit2's {@code ecg_clean}); {@link SosFilter} remains the
 * general, faster implementation.
 *
 * <p>What is reproduced, for each call:
 *
 * <ul>
 *   <li>odd extension of {@code padlen} samples at both ends ({@code 2 x[0] - x[k]});
 *   <li>initial state {@code zi * first sample of the extension}, where {@code zi} is SciPy's
 *       steady-state step-response state ({@code sosfilt_zi}, {@code lfilter_zi}); the 2x2
 *       systems of {@code lfilter_zi} are solved by LU with partial pivoting, as LAPACK does;
 *   <li>the forward pass, then the backward pass started from {@code zi * last output};
 *   <li>for a cascade, SciPy's per-section update order ({@code y = b0 x + z0},
 *       {@code z0 = (b1 x - a1 y) + z1}, {@code z1 = b2 x - a2 y});
 *   <li>for an FIR filter with a scalar denominator, SciPy's convolution path: each output is
 *       the running sum of {@code x[i] * (b[j] / a)} from the oldest sample to the newest, and the
 *       initial state is added afterwards to the first {@code len(b) - 1} outputs.
 * </ul>
 *
 * <p>Inputs must be finite ({@link NanInputException} otherwise) and longer than the padding
 * ({@link SignalTooShortException}), the same conditions under which SciPy raises.
 */
public final class ScipyFiltfilt {
  private ScipyFiltfilt() {}

  /**
   * Like {@code scipy.signal.sosfiltfilt(sos, x)} with its defaults ({@code padtype="odd"},
   * {@code padlen = 3 * (2 * sections + 1 - min(#(b2 == 0), #(a2 == 0)))}).
   *
   * @param sos the filter
   * @param x samples (not modified)
   * @return the zero-phase filtered samples, same length
   * @throws SignalTooShortException if {@code x.length <= padlen}
   * @throws NanInputException if {@code x} holds a non-finite value
   * @throws EcgArgumentException if an argument is null
   */
  public static double[] sosfiltfilt(Sos sos, double[] x) {
    Checks.notNull(sos, "sos");
    Checks.finite(x, "x");
    double[][] c = sos.raw();
    int padlen = SosFilter.defaultPadlen(sos);
    double[] ext = oddExtend(x, padlen, "sosfiltfilt");
    double[][] zi = sosfiltZi(c);
    double[][] st = scaled(zi, ext[0]);
    sosfiltInPlace(c, ext, false, st);
    st = scaled(zi, ext[ext.length - 1]);
    sosfiltInPlace(c, ext, true, st);
    double[] y = new double[x.length];
    System.arraycopy(ext, padlen, y, 0, x.length);
    return y;
  }

  /**
   * Like {@code scipy.signal.filtfilt(b, [a], x, method="pad")} for an FIR numerator and a
   * scalar denominator, with the default {@code padlen = 3 * len(b)}. NeuroKit2 uses it with
   * {@code b = ones(k)}, {@code a = k} as a moving-average power-line smoother.
   *
   * @param b numerator taps, at least one, all finite
   * @param a the scalar denominator, finite and non-zero
   * @param x samples (not modified)
   * @return the zero-phase filtered samples, same length
   * @throws SignalTooShortException if {@code x.length <= 3 * b.length}
   * @throws NanInputException if {@code x} holds a non-finite value
   * @throws EcgArgumentException if {@code b} is empty or not finite, or {@code a} is zero or not
   *     finite
   */
  public static double[] firFiltfilt(double[] b, double a, double[] x) {
    Checks.notNull(b, "b");
    if (b.length == 0) {
      throw new EcgArgumentException("b must have at least one tap");
    }
    Checks.finite(b, "b");
    if (a == 0 || !Double.isFinite(a)) {
      throw new EcgArgumentException("a must be finite and non-zero, got " + a);
    }
    Checks.finite(x, "x");
    int m = b.length;
    double[] bn = new double[m];
    for (int i = 0; i < m; i++) {
      bn[i] = b[i] / a;
    }
    int padlen = 3 * m;
    double[] ext = oddExtend(x, padlen, "filtfilt");
    double[] zi = firZi(bn);
    double[] fwd = firPass(bn, ext, zi, ext[0]);
    reverse(fwd);
    double[] bwd = firPass(bn, fwd, zi, fwd[0]);
    reverse(bwd);
    double[] y = new double[x.length];
    System.arraycopy(bwd, padlen, y, 0, x.length);
    return y;
  }

  private static double[] oddExtend(double[] x, int padlen, String what) {
    int n = x.length;
    if (n <= padlen) {
      throw new SignalTooShortException(what + " with edge padding of " + padlen + " samples", n,
          padlen + 1);
    }
    double[] ext = new double[n + 2 * padlen];
    System.arraycopy(x, 0, ext, padlen, n);
    double x0 = x[0], xn = x[n - 1];
    for (int j = 0; j < padlen; j++) {
      ext[j] = 2 * x0 - x[padlen - j];
      ext[padlen + n + j] = 2 * xn - x[n - 2 - j];
    }
    return ext;
  }

  private static void reverse(double[] v) {
    for (int i = 0, j = v.length - 1; i < j; i++, j--) {
      double t = v[i];
      v[i] = v[j];
      v[j] = t;
    }
  }

  private static double[][] scaled(double[][] zi, double c) {
    double[][] s = new double[zi.length][2];
    for (int i = 0; i < zi.length; i++) {
      s[i][0] = zi[i][0] * c;
      s[i][1] = zi[i][1] * c;
    }
    return s;
  }

  /** {@code sosfilt_zi}: per section {@code scale * lfilter_zi(b, a)}, scale *= b.sum()/a.sum(). */
  static double[][] sosfiltZi(double[][] c) {
    double[][] zi = new double[c.length][];
    double scale = 1.0;
    for (int s = 0; s < c.length; s++) {
      double[] r = c[s];
      double[] z = lfilterZi2(r[0], r[1], r[2], r[4], r[5]);
      zi[s] = new double[] {scale * z[0], scale * z[1]};
      double bs = (r[0] + r[1]) + r[2];
      double as = (r[3] + r[4]) + r[5];
      scale *= bs / as;
    }
    return zi;
  }

  /**
   * {@code lfilter_zi} of one section with {@code a0 == 1}: solves {@code (I - A^T) zi = B} with
   * {@code I - A^T = [[1 + a1, -1], [a2, 1]]} and {@code B = [b1 - a1 b0, b2 - a2 b0]} by LU with
   * partial pivoting (the pivot is scaled by its reciprocal, as LAPACK's getrf does).
   */
  static double[] lfilterZi2(double b0, double b1, double b2, double a1, double a2) {
    double m00 = 1 + a1, m01 = -1, m10 = a2, m11 = 1;
    double r0 = b1 - a1 * b0, r1 = b2 - a2 * b0;
    if (Math.abs(m10) > Math.abs(m00)) {
      double t = m00;
      m00 = m10;
      m10 = t;
      t = m01;
      m01 = m11;
      m11 = t;
      t = r0;
      r0 = r1;
      r1 = t;
    }
    if (m00 == 0) {
      throw new EcgArgumentException("filter section has a pole at z = 1; no steady state");
    }
    double l = m10 * (1.0 / m00);
    double u11 = m11 - l * m01;
    if (u11 == 0) {
      throw new EcgArgumentException("filter section has a pole at z = 1; no steady state");
    }
    double y1 = r1 - l * r0;
    double z1 = y1 / u11;
    double z0 = (r0 - m01 * z1) / m00;
    return new double[] {z0, z1};
  }

  /** Cascade in SciPy's update order, in place, forward or backward. */
  static void sosfiltInPlace(double[][] c, double[] buf, boolean reverse, double[][] st) {
    int n = buf.length;
    int ns = c.length;
    for (int k = 0; k < n; k++) {
      int i = reverse ? n - 1 - k : k;
      double xn = buf[i];
      for (int s = 0; s < ns; s++) {
        double[] r = c[s];
        double[] z = st[s];
        double yn = r[0] * xn + z[0];
        z[0] = (r[1] * xn - r[4] * yn) + z[1];
        z[1] = r[2] * xn - r[5] * yn;
        xn = yn;
      }
      buf[i] = xn;
    }
  }

  /**
   * {@code lfilter_zi} of an FIR filter (normalised taps {@code b}, denominator 1): the system is
   * upper bidiagonal with ones on the diagonal and {@code -1} above it, so back substitution
   * gives {@code zi[m-2] = b[m-1]} and {@code zi[k] = (b[k+1] - a[k+1] b[0]) + zi[k+1]}.
   */
  static double[] firZi(double[] b) {
    int m = b.length;
    double[] zi = new double[Math.max(0, m - 1)];
    for (int k = m - 2; k >= 0; k--) {
      double rhs = b[k + 1] - 0.0 * b[0];
      zi[k] = k == m - 2 ? rhs : rhs + zi[k + 1];
    }
    return zi;
  }

  /**
   * One FIR pass as SciPy's convolution path computes it: {@code out[k] = sum over i from
   * max(0, k-m+1) to k of x[i] * b[k-i]} summed from the oldest sample, then {@code zi[k] * x0}
   * added to the first {@code m - 1} outputs.
   */
  static double[] firPass(double[] b, double[] x, double[] zi, double x0) {
    int n = x.length;
    int m = b.length;
    double[] out = new double[n];
    int k = 0;
    for (; k < n && k < m - 1; k++) {
      out[k] = firTap(b, x, 0, k);
    }
    // four outputs at a time: four independent add chains, each summed in the same order as
    // one output alone, so the result is bit-identical while the adds overlap
    for (; k + 3 < n; k += 4) {
      double a0 = 0.0;
      double a1 = 0.0;
      double a2 = 0.0;
      double a3 = 0.0;
      int base = k - m + 1;
      for (int j = 0; j < m; j++) {
        double c = b[m - 1 - j];
        a0 += x[base + j] * c;
        a1 += x[base + j + 1] * c;
        a2 += x[base + j + 2] * c;
        a3 += x[base + j + 3] * c;
      }
      out[k] = a0;
      out[k + 1] = a1;
      out[k + 2] = a2;
      out[k + 3] = a3;
    }
    for (; k < n; k++) {
      out[k] = firTap(b, x, k - m + 1, k);
    }
    for (int z = 0; z < zi.length && z < n; z++) {
      out[z] += zi[z] * x0;
    }
    return out;
  }

  private static double firTap(double[] b, double[] x, int lo, int k) {
    double acc = 0.0;
    for (int i = lo; i <= k; i++) {
      acc += x[i] * b[k - i];
    }
    return acc;
  }
}
