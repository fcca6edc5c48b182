package dev.ecg.core.split;

import dev.ecg.core.split.SplitArgumentException.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds folds from a fold assignment, and holds the argument checks the splitters share.
 *
 * <p>Use {@link #fromAssignment(int[], int)} for a predefined assignment, for example PTB-XL's
 * {@code strat_fold} column (values 1..10, so subtract one first).
 */
public final class Folds {
  private Folds() {}

  /**
   * Turns a per-sample fold number into k folds: fold f tests on the samples assigned to f and
   * trains on all others.
   *
   * @param foldOfSample for each sample, its test fold in {@code [0, k)}
   * @param k the number of folds, at least 2
   * @return k folds in index order, each with sorted index arrays
   * @throws SplitArgumentException if the array is null or empty, {@code k < 2}, a value lies
   *     outside {@code [0, k)}, or a fold receives no sample
   */
  public static List<Fold> fromAssignment(int[] foldOfSample, int k) {
    int n = requireSamples(foldOfSample, "foldOfSample");
    checkK(k, n);
    int[] size = new int[k];
    for (int i = 0; i < n; i++) {
      int f = foldOfSample[i];
      if (f < 0 || f >= k) {
        throw new SplitArgumentException(Problem.INVALID_INDICES,
            "foldOfSample[" + i + "] = " + f + " is outside [0, " + k + ")");
      }
      size[f]++;
    }
    for (int f = 0; f < k; f++) {
      if (size[f] == 0) {
        throw new SplitArgumentException(Problem.INVALID_INDICES,
            "fold " + f + " of " + k + " has no test sample");
      }
    }
    List<Fold> folds = new ArrayList<>(k);
    for (int f = 0; f < k; f++) {
      int[] test = new int[size[f]];
      int[] train = new int[n - size[f]];
      int a = 0;
      int b = 0;
      for (int i = 0; i < n; i++) {
        if (foldOfSample[i] == f) {
          test[a++] = i;
        } else {
          train[b++] = i;
        }
      }
      folds.add(new Fold(f, train, test));
    }
    return List.copyOf(folds);
  }

  // ---- shared checks (package-private) ----

  static int requireSamples(int[] a, String name) {
    if (a == null) {
      throw new SplitArgumentException(Problem.NULL_ARGUMENT, name + " must not be null");
    }
    if (a.length == 0) {
      throw new SplitArgumentException(Problem.EMPTY_INPUT, name + " is empty: nothing to split");
    }
    return a.length;
  }

  static void checkNonNegative(int[] labels, String name) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new SplitArgumentException(Problem.NEGATIVE_LABEL,
            name + "[" + i + "] = " + labels[i] + " is negative; class labels must be >= 0");
      }
    }
  }

  static void checkSameLength(int[] a, String aName, int[] b, String bName) {
    if (a.length != b.length) {
      throw new SplitArgumentException(Problem.LENGTH_MISMATCH,
          aName + " has " + a.length + " entries but " + bName + " has " + b.length);
    }
  }

  static void checkK(int k, int n) {
    if (k < 2) {
      throw new SplitArgumentException(Problem.TOO_FEW_FOLDS, "k must be >= 2, got k = " + k);
    }
    if (k > n) {
      throw new SplitArgumentException(Problem.MORE_FOLDS_THAN_SAMPLES,
          "k = " + k + " folds exceeds the number of samples n = " + n);
    }
  }

  /**
   * Maps arbitrary int values to dense codes 0..m-1 in ascending order of value.
   *
   * @return {@code codes[i]} for each sample; the number of distinct values is {@code max + 1}
   */
  static int[] denseCodes(int[] values) {
    int[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[m++] = sorted[i];
      }
    }
    int[] distinct = Arrays.copyOf(sorted, m);
    int[] codes = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      codes[i] = Arrays.binarySearch(distinct, values[i]);
    }
    return codes;
  }

  static int max(int[] a) {
    int m = Integer.MIN_VALUE;
    for (int v : a) {
      m = Math.max(m, v);
    }
    return m;
  }

  static int[] checkedCopy(int[] a, String name) {
    if (a == null) {
      throw new SplitArgumentException(Problem.NULL_ARGUMENT, name + " indices must not be null");
    }
    int[] c = a.clone();
    for (int i = 0; i < c.length; i++) {
      if (c[i] < 0) {
        throw new SplitArgumentException(Problem.INVALID_INDICES,
            name + "[" + i + "] = " + c[i] + " is a negative index");
      }
      if (i > 0 && c[i] <= c[i - 1]) {
        throw new SplitArgumentException(Problem.INVALID_INDICES,
            name + " indices must be strictly increasing, but " + name + "[" + (i - 1) + "] = "
                + c[i - 1] + " and " + name + "[" + i + "] = " + c[i]);
      }
    }
    return c;
  }

  static void checkDisjoint(int[] train, int[] test) {
    int i = 0;
    int j = 0;
    while (i < train.length && j < test.length) {
      if (train[i] == test[j]) {
        throw new SplitArgumentException(Problem.INVALID_INDICES,
            "index " + train[i] + " is in both train and test");
      }
      if (train[i] < test[j]) {
        i++;
      } else {
        j++;
      }
    }
  }

  /** Builds a split of {@code 0..n-1} from a per-sample test flag. */
  static Split fromTestMask(boolean[] inTest) {
    int nTest = 0;
    for (boolean b : inTest) {
      if (b) {
        nTest++;
      }
    }
    int[] test = new int[nTest];
    int[] train = new int[inTest.length - nTest];
    int a = 0;
    int b = 0;
    for (int i = 0; i < inTest.length; i++) {
      if (inTest[i]) {
        test[a++] = i;
      } else {
        train[b++] = i;
      }
    }
    return new Split(train, test);
  }
}
