package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/**
 * Filtering with second-order sections: causal ({@link #sosfilt}) and zero-phase
 * ({@link #filtfilt}), equivalent to {@code scipy.signal.sosfilt}, {@code sosfilt_zi} and
 * {@code sosfiltfilt} (default {@code padtype='odd'}, default {@code padlen}).
 *
 * <p>Each section runs in transposed direct form II. Up to four sections are fused into one
 * pass over the data, so the recurrences of neighbouring sections overlap in the CPU pipeline;
 * the input is copied once (into the padded work array). All methods reject non-finite input samples with
 * {@link NanInputException} (naming the first index): a NaN would otherwise spread through the
 * infinite impulse response and silently spoil the rest of the record.
 */
public final class SosFilter {
  private SosFilter() {}

  /**
   * Causal filtering from rest (zero initial state), like {@code scipy.signal.sosfilt(sos, x)}.
   *
   * @param sos the filter
   * @param x input samples (not modified)
   * @return filtered samples, same length
   * @throws EcgArgumentException if an argument is null
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] sosfilt(Sos sos, double[] x) {
    Checks.notNull(sos, "sos");
    Checks.finite(x, "x");
    double[] y = x.clone();
    run(sos.raw(), y, 0, y.length, false, new double[sos.numSections()][2]);
    return y;
  }

  /**
   * Causal filtering from a given state, like {@code scipy.signal.sosfilt(sos, x, zi=zi)}.
   *
   * @param sos the filter
   * @param x input samples (not modified)
   * @param zi state, {@code double[numSections][2]}; overwritten with the final state
   *     ({@code zf} in SciPy), so blocks of a stream can be filtered one after another
   * @return filtered samples, same length
   * @throws EcgArgumentException if an argument is null or {@code zi} has the wrong shape
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] sosfilt(Sos sos, double[] x, double[][] zi) {
    Checks.notNull(sos, "sos");
    Checks.finite(x, "x");
    checkState(sos, zi);
    double[] y = x.clone();
    run(sos.raw(), y, 0, y.length, false, zi);
    return y;
  }

  private static void checkState(Sos sos, double[][] zi) {
    Checks.notNull(zi, "zi");
    if (zi.length != sos.numSections()) {
      throw new EcgArgumentException("zi must have " + sos.numSections() + " rows, got "
          + zi.length);
    }
    for (int i = 0; i < zi.length; i++) {
      if (zi[i] == null || zi[i].length != 2) {
        throw new EcgArgumentException("zi row " + i + " must have 2 entries");
      }
    }
  }

  /**
   * Initial state for a step response in steady state, like {@code scipy.signal.sosfilt_zi}:
   * filtering a constant {@code c} from state {@code c * zi} gives the constant output
   * {@code c * H(1)} from the first sample on.
   *
   * @param sos the filter
   * @return state, {@code double[numSections][2]}
   * @throws EcgArgumentException if {@code sos} is null or a section has a pole at
   *     {@code z = 1} (no steady state)
   */
  public static double[][] sosfiltZi(Sos sos) {
    Checks.notNull(sos, "sos");
    double[][] s = sos.raw();
    double[][] zi = new double[s.length][2];
    double scale = 1;
    for (int i = 0; i < s.length; i++) {
      double[] r = s[i];
      double b0 = r[0], b1 = r[1], b2 = r[2], a1 = r[4], a2 = r[5];
      // Solve (I - A^T) zi = B for the 2x2 companion form of a section.
      double den = 1 + a1 + a2;
      if (den == 0) {
        throw new EcgArgumentException("sos section " + i + " has a pole at z = 1; no steady state");
      }
      double c0 = b1 - a1 * b0;
      double c1 = b2 - a2 * b0;
      double z0 = (c0 + c1) / den;
      double z1 = c1 - a2 * z0;
      zi[i][0] = scale * z0;
      zi[i][1] = scale * z1;
      scale *= (b0 + b1 + b2) / (1 + a1 + a2);
    }
    return zi;
  }

  /**
   * SciPy's default edge padding length for {@link #filtfilt(Sos, double[])}:
   * {@code 3 * (2 * numSections + 1 - min(#sections with b2 == 0, #sections with a2 == 0))}.
   *
   * @param sos the filter
   * @return the number of samples added at each end
   */
  public static int defaultPadlen(Sos sos) {
    Checks.notNull(sos, "sos");
    int zb = 0, za = 0;
    for (double[] r : sos.raw()) {
      if (r[2] == 0) {
        zb++;
      }
      if (r[5] == 0) {
        za++;
      }
    }
    return 3 * (2 * sos.numSections() + 1 - Math.min(zb, za));
  }

  /**
   * Zero-phase forward-backward filtering with SciPy's defaults, like
   * {@code scipy.signal.sosfiltfilt(sos, x)}: the signal is extended at both ends by
   * {@link #defaultPadlen} samples of odd extension ({@code 2 x[0] - x[k]}), filtered forward from
   * state {@code sosfilt_zi * first sample}, filtered backward from {@code sosfilt_zi * last
   * output}, and cut back to its length. The magnitude response is squared, the phase is zero.
   *
   * @param sos the filter
   * @param x input samples (not modified)
   * @return filtered samples, same length
   * @throws SignalTooShortException if {@code x.length <= defaultPadlen(sos)}
   * @throws NanInputException if {@code x} holds a non-finite value
   * @throws EcgArgumentException if an argument is null
   */
  public static double[] filtfilt(Sos sos, double[] x) {
    return filtfilt(sos, x, defaultPadlen(sos));
  }

  /**
   * Zero-phase filtering with an explicit odd-extension length, like
   * {@code scipy.signal.sosfiltfilt(sos, x, padlen=padlen)}.
   *
   * @param sos the filter
   * @param x input samples (not modified)
   * @param padlen samples of odd extension at each end, {@code >= 0}
   * @return filtered samples, same length
   * @throws SignalTooShortException if {@code x.length <= padlen}
   * @throws NanInputException if {@code x} holds a non-finite value
   * @throws EcgArgumentException if an argument is null or {@code padlen < 0}
   */
  public static double[] filtfilt(Sos sos, double[] x, int padlen) {
    Checks.notNull(sos, "sos");
    Checks.finite(x, "x");
    if (padlen < 0) {
      throw new EcgArgumentException("padlen must be >= 0, got " + padlen);
    }
    int n = x.length;
    if (n <= padlen) {
      throw new SignalTooShortException("filtfilt with edge padding of " + padlen + " samples",
          n, padlen + 1);
    }
    int e = padlen;
    double[] ext = new double[n + 2 * e];
    System.arraycopy(x, 0, ext, e, n);
    double x0 = x[0], xn = x[n - 1];
    for (int j = 0; j < e; j++) {
      ext[j] = 2 * x0 - x[e - j];
      ext[e + n + j] = 2 * xn - x[n - 2 - j];
    }
    double[][] zi = sosfiltZi(sos);
    double[][] st = new double[zi.length][2];
    scale(zi, ext[0], st);
    run(sos.raw(), ext, 0, ext.length, false, st);
    scale(zi, ext[ext.length - 1], st);
    run(sos.raw(), ext, 0, ext.length, true, st);
    double[] y = new double[n];
    System.arraycopy(ext, e, y, 0, n);
    return y;
  }

  private static void scale(double[][] zi, double c, double[][] out) {
    for (int i = 0; i < zi.length; i++) {
      out[i][0] = zi[i][0] * c;
      out[i][1] = zi[i][1] * c;
    }
  }

  /**
   * Filters buf[lo, hi) in place, backward when {@code reverse}; updates the state. Sections are
   * processed in fused groups of up to four per pass: each section's recurrence is a serial
   * dependency chain, and interleaving independent chains lets the CPU overlap them. Within a
   * section the update is ordered {@code z0 = (b1 x + z1) - a1 y} so that only one multiply and
   * one subtraction follow {@code y} on the critical path.
   */
  static void run(double[][] sos, double[] buf, int lo, int hi, boolean reverse, double[][] st) {
    int s = 0;
    int n = sos.length;
    while (s < n) {
      int g = Math.min(4, n - s);
      switch (g) {
        case 4:
          run4(sos, s, buf, lo, hi, reverse, st);
          break;
        case 3:
          run3(sos, s, buf, lo, hi, reverse, st);
          break;
        case 2:
          run2(sos, s, buf, lo, hi, reverse, st);
          break;
        default:
          run1(sos, s, buf, lo, hi, reverse, st);
          break;
      }
      s += g;
    }
  }

  private static void run1(double[][] sos, int s, double[] buf, int lo, int hi,
      boolean reverse, double[][] st) {
    final double[] c0 = sos[s + 0];
    final double b00 = c0[0], b01 = c0[1], b02 = c0[2], a01 = c0[4], a02 = c0[5];
    double z00 = st[s + 0][0], z01 = st[s + 0][1];
    if (!reverse) {
      for (int i = lo; i < hi; i++) {
        double x0 = buf[i];
        double y0 = b00 * x0 + z00;
        z00 = (b01 * x0 + z01) - a01 * y0;
        z01 = b02 * x0 - a02 * y0;
        double x1 = y0;
        buf[i] = x1;
      }
    } else {
      for (int i = hi - 1; i >= lo; i--) {
        double x0 = buf[i];
        double y0 = b00 * x0 + z00;
        z00 = (b01 * x0 + z01) - a01 * y0;
        z01 = b02 * x0 - a02 * y0;
        double x1 = y0;
        buf[i] = x1;
      }
    }
    st[s + 0][0] = z00;
    st[s + 0][1] = z01;
  }

  private static void run2(double[][] sos, int s, double[] buf, int lo, int hi,
      boolean reverse, double[][] st) {
    final double[] c0 = sos[s + 0];
    final double b00 = c0[0], b01 = c0[1], b02 = c0[2], a01 = c0[4], a02 = c0[5];
    double z00 = st[s + 0][0], z01 = st[s + 0][1];
    final double[] c1 = sos[s + 1];
    final double b10 = c1[0], b11 = c1[1], b12 = c1[2], a11 = c1[4], a12 = c1[5];
    double z10 = st[s + 1][0], z11 = st[s + 1][1];
    if (!reverse) {
      for (int i = lo; i < hi; i++) {
        double x0 = buf[i];
        double y0 = b00 * x0 + z00;
        z00 = (b01 * x0 + z01) - a01 * y0;
        z01 = b02 * x0 - a02 * y0;
        double x1 = y0;
        double y1 = b10 * x1 + z10;
        z10 = (b11 * x1 + z11) - a11 * y1;
        z11 = b12 * x1 - a12 * y1;
        double x2 = y1;
        buf[i] = x2;
      }
    } else {
      for (int i = hi - 1; i >= lo; i--) {
        double x0 = buf[i];
        double y0 = b00 * x0 + z00;
        z00 = (b01 * x0 + z01) - a01 * y0;
        z01 = b02 * x0 - a02 * y0;
        double x1 = y0;
        double y1 = b10 * x1 + z10;
        z10 = (b11 * x1 + z11) - a11 * y1;
        z11 = b12 * x1 - a12 * y1;
        double x2 = y1;
        buf[i] = x2;
      }
    }
    st[s + 0][0] = z00;
    st[s + 0][1] = z01;
    st[s + 1][0] = z10;
    st[s + 1][1] = z11;
  }

  private static void run3(double[][] sos, int s, double[] buf, int lo, int hi,
      boolean reverse, double[][] st) {
    final double[] c0 = sos[s + 0];
    final double b00 = c0[0], b01 = c0[1], b02 = c0[2], a01 = c0[4], a02 = c0[5];
    double z00 = st[s + 0][0], z01 = st[s + 0][1];
    final double[] c1 = sos[s + 1];
    final double b10 = c1[0], b11 = c1[1], b12 = c1[2], a11 = c1[4], a12 = c1[5];
    double z10 = st[s + 1][0], z11 = st[s + 1][1];
    final double[] c2 = sos[s + 2];
    final double b20 = c2[0], b21 = c2[1], b22 = c2[2], a21 = c2[4], a22 = c2[5];
    double z20 = st[s + 2][0], z21 = st[s + 2][1];
    if (!reverse) {
      for (int i = lo; i < hi; i++) {
        double x0 = buf[i];
        double y0 = b00 * x0 + z00;
        z00 = (b01 * x0 + z01) - a01 * y0;
        z01 = b02 * x0 - a02 * y0;
        double x1 = y0;
        double y1 = b10 * x1 + z10;
        z10 = (b11 * x1 + z11) - a11 * y1;
        z11 = b12 * x1 - a12 * y1;
        double x2 = y1;
        double y2 = b20 * x2 + z20;
        z20 = (b21 * x2 + z21) - a21 * y2;
        z21 = b22 * x2 - a22 * y2;
        double x3 = y2;
        buf[i] = x3;
      }
    } else {
      for (int i = hi - 1; i >= lo; i--) {
        double x0 = buf[i];
        double y0 = b00 * x0 + z00;
        z00 = (b01 * x0 + z01) - a01 * y0;
        z01 = b02 * x0 - a02 * y0;
        double x1 = y0;
        double y1 = b10 * x1 + z10;
        z10 = (b11 * x1 + z11) - a11 * y1;
        z11 = b12 * x1 - a12 * y1;
        double x2 = y1;
        double y2 = b20 * x2 + z20;
        z20 = (b21 * x2 + z21) - a21 * y2;
        z21 = b22 * x2 - a22 * y2;
        double x3 = y2;
        buf[i] = x3;
      }
    }
    st[s + 0][0] = z00;
    st[s + 0][1] = z01;
    st[s + 1][0] = z10;
    st[s + 1][1] = z11;
    st[s + 2][0] = z20;
    st[s + 2][1] = z21;
  }

  private static void run4(double[][] sos, int s, double[] buf, int lo, int hi,
      boolean reverse, double[][] st) {
    final double[] c0 = sos[s + 0];
    final double b00 = c0[0], b01 = c0[1], b02 = c0[2], a01 = c0[4], a02 = c0[5];
    double z00 = st[s + 0][0], z01 = st[s + 0][1];
    final double[] c1 = sos[s + 1];
    final double b10 = c1[0], b11 = c1[1], b12 = c1[2], a11 = c1[4], a12 = c1[5];
    double z10 = st[s + 1][0], z11 = st[s + 1][1];
    final double[] c2 = sos[s + 2];
    final double b20 = c2[0], b21 = c2[1], b22 = c2[2], a21 = c2[4], a22 = c2[5];
    double z20 = st[s + 2][0], z21 = st[s + 2][1];
    final double[] c3 = sos[s + 3];
    final double b30 = c3[0], b31 = c3[1], b32 = c3[2], a31 = c3[4], a32 = c3[5];
    double z30 = st[s + 3][0], z31 = st[s + 3][1];
    if (!reverse) {
      for (int i = lo; i < hi; i++) {
        double x0 = buf[i];
        double y0 = b00 * x0 + z00;
        z00 = (b01 * x0 + z01) - a01 * y0;
        z01 = b02 * x0 - a02 * y0;
        double x1 = y0;
        double y1 = b10 * x1 + z10;
        z10 = (b11 * x1 + z11) - a11 * y1;
        z11 = b12 * x1 - a12 * y1;
        double x2 = y1;
        double y2 = b20 * x2 + z20;
        z20 = (b21 * x2 + z21) - a21 * y2;
        z21 = b22 * x2 - a22 * y2;
        double x3 = y2;
        double y3 = b30 * x3 + z30;
        z30 = (b31 * x3 + z31) - a31 * y3;
        z31 = b32 * x3 - a32 * y3;
        double x4 = y3;
        buf[i] = x4;
      }
    } else {
      for (int i = hi - 1; i >= lo; i--) {
        double x0 = buf[i];
        double y0 = b00 * x0 + z00;
        z00 = (b01 * x0 + z01) - a01 * y0;
        z01 = b02 * x0 - a02 * y0;
        double x1 = y0;
        double y1 = b10 * x1 + z10;
        z10 = (b11 * x1 + z11) - a11 * y1;
        z11 = b12 * x1 - a12 * y1;
        double x2 = y1;
        double y2 = b20 * x2 + z20;
        z20 = (b21 * x2 + z21) - a21 * y2;
        z21 = b22 * x2 - a22 * y2;
        double x3 = y2;
        double y3 = b30 * x3 + z30;
        z30 = (b31 * x3 + z31) - a31 * y3;
        z31 = b32 * x3 - a32 * y3;
        double x4 = y3;
        buf[i] = x4;
      }
    }
    st[s + 0][0] = z00;
    st[s + 0][1] = z01;
    st[s + 1][0] = z10;
    st[s + 1][1] = z11;
    st[s + 2][0] = z20;
    st[s + 2][1] = z21;
    st[s + 3][0] = z30;
    st[s + 3][1] = z31;
  }
}
