package dev.ecg.core.split;

import java.util.Arrays;
import java.util.List;

/**
 * k-fold cross-validation that keeps every group (patient, record) inside one fold and, within
 * that constraint, keeps each class's share of every fold as even as possible.
 *
 * <p>This is the greedy heuristic described for scikit-learn's {@code StratifiedGroupKFold}
 * (our own implementation). Each group is summarised by its vector of per-class sample counts.
 * Groups are sorted by the standard deviation of that vector, largest first (so the groups that
 * are most concentrated on few classes are placed first), and each is put into the fold that
 * minimises the mean, over classes, of the standard deviation across folds of the fold's share of
 * that class ({@code count[f][c] / total[c]}). A fold wins if its score is smaller, or if it is
 * within numpy's {@code isclose} tolerance (1e-8 absolute plus 1e-5 relative) of the best so far
 * and holds fewer samples; on full ties the lower fold number wins. If as many groups remain as
 * folds are still empty, the remaining groups go to empty folds, so no test fold is ever empty.
 *
 * <p>Mathematically equal scores often differ in the last bit, and that decides ties. To give the
 * same folds as scikit-learn, the scores are computed with numpy's order of floating-point
 * operations (see {@code NumpyFloat}). The unseeded variant takes groups of equal spread in
 * ascending id order and then reproduces scikit-learn 1.2's {@code
 * StratifiedGroupKFold(n_splits=k, shuffle=False)} (checked against it in the tests); the seeded
 * variant takes them in a seeded random order. Class shares per fold are not guaranteed to be
 * within one sample of the ideal: large groups may make that impossible. Cost: O(G k&sup2; m) for
 * G groups, k folds and m classes.
 */
public final class StratifiedGroupKFold {
  private StratifiedGroupKFold() {}

  /**
   * @param labels the class label of each sample, each {@code >= 0}
   * @param groups the group id of each sample (any int values)
   * @param k the number of folds, {@code 2 <= k <=} number of distinct groups
   * @param seed seed of the {@link SplitMix64} generator that orders groups of equal spread
   * @return k folds in index order
   * @throws SplitArgumentException if an array is null or empty, the lengths differ, a label is
   *     negative, {@code k < 2}, {@code k > n}, or {@code k} exceeds the number of distinct groups
   */
  public static List<Fold> split(int[] labels, int[] groups, int k, long seed) {
    return Folds.fromAssignment(assign(labels, groups, k, new SplitMix64(seed)), k);
  }

  /**
   * The unseeded variant (groups of equal spread in ascending id order).
   *
   * @param labels the class label of each sample, each {@code >= 0}
   * @param groups the group id of each sample
   * @param k the number of folds
   * @return k folds in index order
   * @throws SplitArgumentException as {@link #split(int[], int[], int, long)}
   */
  public static List<Fold> split(int[] labels, int[] groups, int k) {
    return Folds.fromAssignment(assign(labels, groups, k, null), k);
  }

  /**
   * @param labels the class label of each sample, each {@code >= 0}
   * @param groups the group id of each sample
   * @param k the number of folds
   * @param seed seed of the {@link SplitMix64} generator
   * @return for each sample, the fold (0..k-1) in whose test set it lies
   * @throws SplitArgumentException as {@link #split(int[], int[], int, long)}
   */
  public static int[] assign(int[] labels, int[] groups, int k, long seed) {
    return assign(labels, groups, k, new SplitMix64(seed));
  }

  private static int[] assign(int[] labels, int[] groups, int k, SplitMix64 rng) {
    int n = Folds.requireSamples(labels, "labels");
    Folds.requireSamples(groups, "groups");
    Folds.checkSameLength(labels, "labels", groups, "groups");
    Folds.checkNonNegative(labels, "labels");
    Folds.checkK(k, n);
    int[] cls = Folds.denseCodes(labels);
    int[] grp = Folds.denseCodes(groups);
    int m = Folds.max(cls) + 1;
    int g = Folds.max(grp) + 1;
    GroupKFold.checkGroups(k, g);

    double[][] perGroup = new double[g][m];
    double[] total = new double[m];
    for (int i = 0; i < n; i++) {
      perGroup[grp[i]][cls[i]]++;
      total[cls[i]]++;
    }
    double[] spread = new double[g];
    for (int j = 0; j < g; j++) {
      spread[j] = NumpyFloat.std(perGroup[j]);
    }
    int[] perm = new int[g];
    for (int j = 0; j < g; j++) {
      perm[j] = j;
    }
    if (rng != null) {
      rng.shuffle(perm);
    }
    Integer[] order = new Integer[g];
    for (int j = 0; j < g; j++) {
      order[j] = perm[j];
    }
    Arrays.sort(order, (a, b) -> Double.compare(spread[b], spread[a])); // stable

    double[][] foldCount = new double[k][m];
    double[] foldSize = new double[k];
    double[] share = new double[k];
    double[] stdPerClass = new double[m];
    int[] foldOfGroup = new int[g];
    int emptyFolds = k;
    for (int pos = 0; pos < g; pos++) {
      int j = order[pos];
      double[] add = perGroup[j];
      boolean onlyEmpty = (g - pos) <= emptyFolds;
      int best = -1;
      double bestEval = Double.POSITIVE_INFINITY;
      double bestSize = Double.POSITIVE_INFINITY;
      for (int f = 0; f < k; f++) {
        if (onlyEmpty && foldSize[f] > 0) {
          continue;
        }
        for (int c = 0; c < m; c++) {
          for (int q = 0; q < k; q++) {
            double cnt = q == f ? foldCount[q][c] + add[c] : foldCount[q][c];
            share[q] = cnt / total[c];
          }
          stdPerClass[c] = NumpyFloat.stdSequential(share);
        }
        double eval = NumpyFloat.sum(stdPerClass, 0, m) / m;
        boolean close = Math.abs(eval - bestEval) <= 1e-8 + 1e-5 * Math.abs(bestEval);
        if (eval < bestEval || (close && foldSize[f] < bestSize)) {
          best = f;
          bestEval = eval;
          bestSize = foldSize[f];
        }
      }
      if (foldSize[best] == 0) {
        emptyFolds--;
      }
      for (int c = 0; c < m; c++) {
        foldCount[best][c] += add[c];
        foldSize[best] += add[c];
      }
      foldOfGroup[j] = best;
    }
    int[] foldOf = new int[n];
    for (int i = 0; i < n; i++) {
      foldOf[i] = foldOfGroup[grp[i]];
    }
    return foldOf;
  }
}
