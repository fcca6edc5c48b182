package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/**
 * Sums and means in NumPy's order of operations, for code that must reproduce a NumPy-based
 * reference to the last bits: {@code numpy.sum} of a contiguous float64 array is a pairwise sum
 * (blocks of at most 128 summed with eight interleaved accumulators, fewer than 8 values summed
 * left to right, longer runs split in halves rounded down to a multiple of 8). The
 * rounding error grows like {@code O(log n)} rather than {@code O(n)}.
 */
public final class PairwiseSum {
  private static final int BLOCK = 128;

  private PairwiseSum() {}

  /**
   * @param a values
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @return {@code numpy.sum(a[from:to])}; 0 for an empty range
   * @throws EcgArgumentException if the range is not inside {@code a}
   */
  public static double sum(double[] a, int from, int to) {
    Checks.notNull(a, "a");
    if (from < 0 || to > a.length || from > to) {
      throw new EcgArgumentException("range [" + from + ", " + to + ") is not inside an array of "
          + a.length);
    }
    return pairwise(a, from, to - from);
  }

  /**
   * @param a values
   * @return {@code numpy.sum(a)}
   */
  public static double sum(double[] a) {
    Checks.notNull(a, "a");
    return sum(a, 0, a.length);
  }

  /**
   * @param a values
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @return {@code numpy.mean(a[from:to])}; NaN for an empty range (as NumPy, without its warning)
   */
  public static double mean(double[] a, int from, int to) {
    double s = sum(a, from, to);
    return to == from ? Double.NaN : s / (to - from);
  }

  /**
   * @param a values
   * @return {@code numpy.mean(a)}
   */
  public static double mean(double[] a) {
    Checks.notNull(a, "a");
    return mean(a, 0, a.length);
  }

  private static double pairwise(double[] a, int off, int n) {
    if (n < 8) {
      double res = 0.0;
      for (int i = 0; i < n; i++) {
        res += a[off + i];
      }
      return res;
    }
    if (n <= BLOCK) {
      double r0 = a[off], r1 = a[off + 1], r2 = a[off + 2], r3 = a[off + 3];
      double r4 = a[off + 4], r5 = a[off + 5], r6 = a[off + 6], r7 = a[off + 7];
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        r0 += a[off + i];
        r1 += a[off + i + 1];
        r2 += a[off + i + 2];
        r3 += a[off + i + 3];
        r4 += a[off + i + 4];
        r5 += a[off + i + 5];
        r6 += a[off + i + 6];
        r7 += a[off + i + 7];
      }
      double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += a[off + i];
      }
      return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise(a, off, n2) + pairwise(a, off + n2, n - n2);
  }
}
