package dev.ecg.io.delineate;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.dsp.NanInputException;

/**
 * The undecimated ("à trous") dyadic wavelet transform with the quadratic-spline wavelet of
 * Mallat and Zhong, as used for ECG delineation by Martínez et al. (J. P. Martínez, R. Almeida,
 * S. Olmos, A. P. Rocha and P. Laguna, "A wavelet-based ECG delineator: evaluation on standard
 * databases", IEEE Trans. Biomed. Eng. 51(4):570-581, 2004) and in the form NeuroKit2's
 * {@code ecg_delineate(method="dwt")} computes it.
 *
 * <p>Level {@code j = 0, 1, ...} (scale {@code 2^(j+1)}) filters the approximation of the level
 * before with the low-pass {@code H = [1, 3, 3, 1] / 8} and the high-pass {@code G = [2, -2]},
 * both dilated by {@code 2^j} (zeros inserted between taps), as a full convolution with zeros
 * outside the signal. Each result is advanced by {@code 2^j} samples so the detail lines up with
 * the signal:
 *
 * <pre>
 *   W_j[k]   = 2 A_j[k + 2^j] - 2 A_j[k]                       (0 outside A_j)
 *   A_j+1[k] = (A_j[k + 2^j] + 3 A_j[k] + 3 A_j[k - 2^j] + A_j[k - 2^(j+1)]) / 8
 * </pre>
 *
 * with {@code A_0 = x}. Like NeuroKit2, the approximation keeps the full convolution length
 * (it grows by {@code 3 * 2^j} samples per level, the last {@code 2^j} of them not advanced),
 * and each detail row is cut to the input length. Row {@code j} of the result is NeuroKit2's
 * {@code dwtmatr[j]}. The detail at scale {@code 2^(j+1)} is proportional to the derivative of
 * the signal smoothed at that scale, so wave peaks are its zero crossings and wave onsets and
 * offsets lie near its extrema.
 */
public final class QuadraticSplineWavelet {
  /** Most levels computed (the approximation then spans 2^12 samples per tap). */
  public static final int MAX_LEVELS = 12;

  private QuadraticSplineWavelet() {}

  /**
   * Computes detail levels {@code 0 .. levels-1}.
   *
   * @param x the signal, finite values, at least one sample
   * @param levels how many levels, 1 to {@value #MAX_LEVELS} (NeuroKit2 uses 9)
   * @return {@code levels} rows of {@code x.length} detail coefficients
   * @throws EcgArgumentException if {@code x} is null or empty or {@code levels} is out of range
   * @throws NanInputException if {@code x} holds a NaN or an infinity
   */
  public static double[][] transform(double[] x, int levels) {
    check(x);
    if (levels < 1 || levels > MAX_LEVELS) {
      throw new EcgArgumentException("wavelet levels must be within 1.." + MAX_LEVELS
          + ", got " + levels);
    }
    int[] all = new int[levels];
    for (int j = 0; j < levels; j++) {
      all[j] = j;
    }
    return details(x, all);
  }

  /**
   * Computes only the detail levels listed, so memory stays at a few copies of the signal.
   *
   * @param x the signal (checked by the caller)
   * @param wanted the levels to return, each 0 to {@value #MAX_LEVELS}-1
   * @return one row per entry of {@code wanted}, in that order
   */
  static double[][] details(double[] x, int[] wanted) {
    int maxLevel = 0;
    for (int w : wanted) {
      if (w < 0 || w >= MAX_LEVELS) {
        throw new EcgArgumentException("wavelet level must be within 0.." + (MAX_LEVELS - 1)
            + ", got " + w);
      }
      maxLevel = Math.max(maxLevel, w);
    }
    int n = x.length;
    double[][] out = new double[wanted.length][];
    double[] cur = x.clone();
    for (int j = 0; j <= maxLevel; j++) {
      int td = 1 << j;
      int len = cur.length;
      double[] row = null;
      for (int q = 0; q < wanted.length; q++) {
        if (wanted[q] == j) {
          if (row == null) {
            row = new double[n];
            for (int k = 0; k < n; k++) {
              double ahead = k + td < len ? cur[k + td] : 0.0;
              row[k] = 2.0 * ahead - 2.0 * cur[k];
            }
            out[q] = row;
          } else {
            out[q] = row.clone();
          }
        }
      }
      if (j == maxLevel) {
        break;
      }
      int newLen = len + 3 * td;
      double[] next = new double[newLen];
      for (int k = 0; k < newLen; k++) {
        // advanced by td except the last td samples, which keep the unshifted full convolution
        int m = k < newLen - td ? k + td : k;
        next[k] = smooth(cur, m, td);
      }
      cur = next;
    }
    return out;
  }

  /** Full convolution of {@code a} with the dilated [1,3,3,1]/8 at index {@code m}. */
  private static double smooth(double[] a, int m, int td) {
    double s = 0.0;
    s += tap(a, m) * 0.125;
    s += tap(a, m - td) * 0.375;
    s += tap(a, m - 2 * td) * 0.375;
    s += tap(a, m - 3 * td) * 0.125;
    return s;
  }

  private static double tap(double[] a, int i) {
    return i >= 0 && i < a.length ? a[i] : 0.0;
  }

  static void check(double[] x) {
    if (x == null || x.length == 0) {
      throw new EcgArgumentException("wavelet transform needs a signal of at least one sample, got "
          + (x == null ? "null" : "an empty array"));
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new NanInputException("wavelet input", i, x[i]);
      }
    }
  }
}
