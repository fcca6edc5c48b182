package dev.ecg.core.split;

import dev.ecg.core.split.SplitArgumentException.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * A single stratified train/test split: the test side holds the requested fraction of the
 * samples, and every class is represented in it in (almost exactly) its overall proportion.
 *
 * <p>Sizes follow scikit-learn's {@code train_test_split(..., stratify=y)}: the test side has
 * {@code nTest = ceil(testFraction * n)} samples (computed with a relative tolerance of 1e-12, so
 * that {@code 0.7 * 10} gives 7 and not 8 from round-off). Class c with {@code n_c} samples gets
 * {@code floor(n_c * nTest / n)} test samples, and the remaining test places go one each to the
 * classes with the largest fractional remainders (ties broken in a seeded random order, a
 * largest-remainder apportionment). So every class's test count is within one of its ideal
 * {@code n_c * nTest / n}, and the test side has exactly {@code nTest} samples. Which samples of a
 * class go to the test side is a seeded random choice.
 */
public final class StratifiedHoldout {
  private StratifiedHoldout() {}

  /**
   * @param labels the class label of each sample, each {@code >= 0} (need not be contiguous)
   * @param testFraction the share of samples for the test side, in the open interval (0, 1)
   * @param seed seed of the {@link SplitMix64} generator; equal seeds give equal splits
   * @return the split, with sorted index arrays
   * @throws SplitArgumentException if {@code labels} is null or empty or holds a negative value,
   *     if {@code testFraction} is NaN or outside (0, 1), or if the train or test side would be
   *     empty
   */
  public static Split split(int[] labels, double testFraction, long seed) {
    int n = Folds.requireSamples(labels, "labels");
    Folds.checkNonNegative(labels, "labels");
    if (!(testFraction > 0.0 && testFraction < 1.0)) {
      throw new SplitArgumentException(Problem.FRACTION_OUT_OF_RANGE,
          "testFraction must lie in the open interval (0, 1), got " + testFraction);
    }
    long nTest = testSize(n, testFraction);
    if (nTest >= n) {
      throw new SplitArgumentException(Problem.EMPTY_SIDE,
          "testFraction = " + testFraction + " of n = " + n + " samples gives " + nTest
              + " test samples and leaves no training sample");
    }
    int[] codes = Folds.denseCodes(labels);
    int m = Folds.max(codes) + 1;
    int[] count = new int[m];
    for (int c : codes) {
      count[c]++;
    }
    SplitMix64 rng = new SplitMix64(seed);
    int[] take = apportion(count, n, nTest, rng);

    List<int[]> members = membersByClass(codes, count);
    boolean[] inTest = new boolean[n];
    for (int c = 0; c < m; c++) {
      int[] idx = members.get(c);
      rng.shuffle(idx);
      for (int j = 0; j < take[c]; j++) {
        inTest[idx[j]] = true;
      }
    }
    return Folds.fromTestMask(inTest);
  }

  /**
   * The test size used by {@link #split}: {@code ceil(testFraction * n)} with a relative
   * tolerance of 1e-12 against round-off.
   *
   * @param n number of samples
   * @param testFraction share for the test side
   * @return the number of test samples
   */
  public static long testSize(int n, double testFraction) {
    return (long) Math.ceil(testFraction * n * (1.0 - 1e-12));
  }

  /** Largest-remainder apportionment of nTest test places over classes. */
  private static int[] apportion(int[] count, int n, long nTest, SplitMix64 rng) {
    int m = count.length;
    int[] take = new int[m];
    long[] rem = new long[m];
    long assigned = 0;
    for (int c = 0; c < m; c++) {
      long prod = (long) count[c] * nTest;
      take[c] = (int) (prod / n);
      rem[c] = prod % n;
      assigned += take[c];
    }
    long extra = nTest - assigned;
    // Random order first, then a stable sort by remainder (descending): ties stay in random order.
    int[] order = new int[m];
    for (int c = 0; c < m; c++) {
      order[c] = c;
    }
    rng.shuffle(order);
    Integer[] boxed = new Integer[m];
    for (int i = 0; i < m; i++) {
      boxed[i] = order[i];
    }
    java.util.Arrays.sort(boxed, (a, b) -> Long.compare(rem[b], rem[a]));
    for (int i = 0; i < extra; i++) {
      take[boxed[i]]++;
    }
    return take;
  }

  static List<int[]> membersByClass(int[] codes, int[] count) {
    List<int[]> members = new ArrayList<>(count.length);
    for (int c : count) {
      members.add(new int[c]);
    }
    int[] fill = new int[count.length];
    for (int i = 0; i < codes.length; i++) {
      members.get(codes[i])[fill[codes[i]]++] = i;
    }
    return members;
  }
}
