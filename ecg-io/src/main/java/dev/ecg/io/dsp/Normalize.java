package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;

/**
 * Per-array normalisation: z-score, min-max and robust (median / inter-quartile range).
 *
 * <p>Policy for degenerate input, the same for all three methods:
 * <ul>
 *   <li><b>Constant arrays</b> (standard deviation, range or IQR equal to 0): the result is all
 *       zeros (every sample equals the centre), no exception. A flat lead-off segment thus
 *       becomes a flat zero segment instead of NaN.</li>
 *   <li><b>NaN</b> (and infinities) follow a {@link NanPolicy}: {@link NanPolicy#THROW}
 *       (the default) raises {@link NanInputException} naming the first index;
 *       {@link NanPolicy#IGNORE} computes the statistics over the finite samples only and leaves
 *       the non-finite ones as NaN in the output; an array with no finite sample then gives all
 *       NaN.</li>
 *   <li>Empty arrays give empty arrays.</li>
 * </ul>
 * Statistics follow NumPy: the standard deviation is the population one ({@code ddof = 0}) and
 * quartiles use linear interpolation ({@code numpy.percentile} default).
 */
public final class Normalize {
  private Normalize() {}

  /** What to do with non-finite samples. */
  public enum NanPolicy {
    /** Throw {@link NanInputException} at the first non-finite sample. */
    THROW,
    /** Compute statistics over finite samples; non-finite samples become NaN. */
    IGNORE
  }

  /**
   * {@code (x - mean) / std} with {@link NanPolicy#THROW}.
   *
   * @param x signal
   * @return normalised copy
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] zScore(double[] x) {
    return zScore(x, NanPolicy.THROW);
  }

  /**
   * {@code (x - mean) / std}.
   *
   * @param x signal
   * @param policy non-finite handling
   * @return normalised copy
   * @throws NanInputException with {@link NanPolicy#THROW} if {@code x} holds a non-finite value
   * @throws EcgArgumentException if an argument is null
   */
  public static double[] zScore(double[] x, NanPolicy policy) {
    x = prescaled(x);
    double[] f = finiteValues(x, policy);
    if (f.length == 0) {
      return allNan(x);
    }
    double mean = 0;
    for (double v : f) {
      mean += v;
    }
    mean /= f.length;
    double ss = 0;
    for (double v : f) {
      ss += (v - mean) * (v - mean);
    }
    return apply(x, mean, Math.sqrt(ss / f.length));
  }

  /**
   * {@code (x - min) / (max - min)} into {@code [0, 1]}, with {@link NanPolicy#THROW}.
   *
   * @param x signal
   * @return normalised copy
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] minMax(double[] x) {
    return minMax(x, NanPolicy.THROW);
  }

  /**
   * {@code (x - min) / (max - min)} into {@code [0, 1]}.
   *
   * @param x signal
   * @param policy non-finite handling
   * @return normalised copy
   * @throws NanInputException with {@link NanPolicy#THROW} if {@code x} holds a non-finite value
   * @throws EcgArgumentException if an argument is null
   */
  public static double[] minMax(double[] x, NanPolicy policy) {
    x = prescaled(x);
    double[] f = finiteValues(x, policy);
    if (f.length == 0) {
      return allNan(x);
    }
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (double v : f) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return apply(x, lo, hi - lo);
  }

  /**
   * {@code (x - median) / IQR} with {@link NanPolicy#THROW}.
   *
   * @param x signal
   * @return normalised copy
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] robust(double[] x) {
    return robust(x, NanPolicy.THROW);
  }

  /**
   * {@code (x - median) / (Q3 - Q1)}, quartiles by linear interpolation.
   *
   * @param x signal
   * @param policy non-finite handling
   * @return normalised copy
   * @throws NanInputException with {@link NanPolicy#THROW} if {@code x} holds a non-finite value
   * @throws EcgArgumentException if an argument is null
   */
  public static double[] robust(double[] x, NanPolicy policy) {
    x = prescaled(x);
    double[] f = finiteValues(x, policy);
    if (f.length == 0) {
      return allNan(x);
    }
    Arrays.sort(f);
    double med = percentile(f, 50);
    double iqr = percentile(f, 75) - percentile(f, 25);
    return apply(x, med, iqr);
  }

  /**
   * All three normalisations are scale invariant, so a signal whose largest finite magnitude is
   * outside [1e-100, 1e100] is first divided by that magnitude: amplitudes near
   * {@link Double#MAX_VALUE} then cannot overflow a sum of squares or a range into infinity
   * (which used to turn a 1e300 signal into silent zeros).
   */
  private static double[] prescaled(double[] x) {
    if (x == null) {
      return null;
    }
    double max = 0;
    for (double v : x) {
      if (Double.isFinite(v)) {
        max = Math.max(max, Math.abs(v));
      }
    }
    if (max == 0 || (max >= 1e-100 && max <= 1e100)) {
      return x;
    }
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] / max;
    }
    return y;
  }

  /** Linear-interpolation percentile of sorted data (NumPy default). */
  static double percentile(double[] sorted, double q) {
    double pos = q / 100.0 * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    double frac = pos - i;
    if (i + 1 >= sorted.length) {
      return sorted[sorted.length - 1];
    }
    return sorted[i] + (sorted[i + 1] - sorted[i]) * frac;
  }

  private static double[] finiteValues(double[] x, NanPolicy policy) {
    Checks.notNull(policy, "policy");
    if (policy == NanPolicy.THROW) {
      Checks.finite(x, "x");
      return x.clone();
    }
    Checks.notNull(x, "x");
    int c = 0;
    for (double v : x) {
      if (Double.isFinite(v)) {
        c++;
      }
    }
    double[] f = new double[c];
    int k = 0;
    for (double v : x) {
      if (Double.isFinite(v)) {
        f[k++] = v;
      }
    }
    return f;
  }

  private static double[] allNan(double[] x) {
    double[] y = new double[x.length];
    Arrays.fill(y, Double.NaN);
    return y;
  }

  private static double[] apply(double[] x, double centre, double scale) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      if (!Double.isFinite(v)) {
        y[i] = Double.NaN;
      } else if (scale == 0) {
        y[i] = 0;
      } else {
        y[i] = (v - centre) / scale;
      }
    }
    return y;
  }
}
