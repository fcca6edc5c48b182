package dev.ecg.core.split;

import java.util.List;

/**
 * Stratified k-fold cross-validation: every fold's test set holds each class in (almost exactly)
 * its overall proportion.
 *
 * <p>The per-fold class counts are those of scikit-learn's {@code StratifiedKFold}: list the
 * samples sorted by class (classes in order of first appearance in {@code labels}) and deal them
 * round-robin to folds 0, 1, ..., k-1. Each class therefore has {@code floor(n_c / k)} or
 * {@code ceil(n_c / k)} samples in every test fold, and fold sizes differ by at most one. The
 * fold labels of one class are then laid out in blocks (fold 0's share first) over the class's
 * samples in index order; the seeded variants shuffle those fold labels within each class, the
 * unseeded variants do not and then give exactly the folds of scikit-learn's {@code
 * StratifiedKFold(n_splits=k, shuffle=False)}.
 *
 * <p>A class with fewer than k samples is allowed; it is simply absent from some test folds.
 */
public final class StratifiedKFold {
  private StratifiedKFold() {}

  /**
   * @param labels the class label of each sample, each {@code >= 0}
   * @param k the number of folds, {@code 2 <= k <= labels.length}
   * @param seed seed of the {@link SplitMix64} generator; equal seeds give equal folds
   * @return k folds in index order
   * @throws SplitArgumentException if {@code labels} is null, empty or holds a negative value, or
   *     if {@code k < 2} or {@code k > labels.length}
   */
  public static List<Fold> split(int[] labels, int k, long seed) {
    return Folds.fromAssignment(assign(labels, k, seed), k);
  }

  /**
   * The unshuffled variant, identical to scikit-learn's {@code StratifiedKFold(k, shuffle=False)}.
   *
   * @param labels the class label of each sample, each {@code >= 0}
   * @param k the number of folds, {@code 2 <= k <= labels.length}
   * @return k folds in index order
   * @throws SplitArgumentException as {@link #split(int[], int, long)}
   */
  public static List<Fold> split(int[] labels, int k) {
    return Folds.fromAssignment(assign(labels, k), k);
  }

  /**
   * @param labels the class label of each sample, each {@code >= 0}
   * @param k the number of folds
   * @param seed seed of the {@link SplitMix64} generator
   * @return for each sample, the fold (0..k-1) in whose test set it lies
   * @throws SplitArgumentException as {@link #split(int[], int, long)}
   */
  public static int[] assign(int[] labels, int k, long seed) {
    return assign(labels, k, new SplitMix64(seed));
  }

  /**
   * @param labels the class label of each sample, each {@code >= 0}
   * @param k the number of folds
   * @return for each sample, its test fold, as scikit-learn's unshuffled {@code StratifiedKFold}
   * @throws SplitArgumentException as {@link #split(int[], int, long)}
   */
  public static int[] assign(int[] labels, int k) {
    return assign(labels, k, null);
  }

  private static int[] assign(int[] labels, int k, SplitMix64 rng) {
    int n = Folds.requireSamples(labels, "labels");
    Folds.checkNonNegative(labels, "labels");
    Folds.checkK(k, n);
    int[] codes = firstAppearanceCodes(labels);
    int m = Folds.max(codes) + 1;
    int[] count = new int[m];
    for (int c : codes) {
      count[c]++;
    }
    // Round-robin over the class-sorted sequence: class c occupies positions [start, start + n_c).
    int[][] allocation = new int[m][k];
    long start = 0;
    for (int c = 0; c < m; c++) {
      for (int f = 0; f < k; f++) {
        allocation[c][f] = countResidue(start, start + count[c], f, k);
      }
      start += count[c];
    }
    List<int[]> members = StratifiedHoldout.membersByClass(codes, count);
    int[] foldOf = new int[n];
    for (int c = 0; c < m; c++) {
      int[] folds = new int[count[c]];
      int p = 0;
      for (int f = 0; f < k; f++) {
        for (int j = 0; j < allocation[c][f]; j++) {
          folds[p++] = f;
        }
      }
      if (rng != null) {
        rng.shuffle(folds);
      }
      int[] idx = members.get(c);
      for (int j = 0; j < idx.length; j++) {
        foldOf[idx[j]] = folds[j];
      }
    }
    return foldOf;
  }

  /** Number of integers p in [from, to) with p mod k == r. */
  private static int countResidue(long from, long to, int r, int k) {
    long first = from + Math.floorMod(r - from, (long) k);
    return first >= to ? 0 : (int) ((to - 1 - first) / k + 1);
  }

  /** Codes classes 0, 1, ... in the order in which they first appear. */
  static int[] firstAppearanceCodes(int[] labels) {
    java.util.HashMap<Integer, Integer> code = new java.util.HashMap<>();
    int[] codes = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      Integer c = code.get(labels[i]);
      if (c == null) {
        c = code.size();
        code.put(labels[i], c);
      }
      codes[i] = c;
    }
    return codes;
  }
}
