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
 * that class ({@code count[f][c] / total[c]}). Near-ties (within numpy's {@code isclose}
 * tolerances, 1e-8 absolute plus 1e-5 relative) go to the fold with fewer samples, then to the
 * lower fold number. If as many groups remain as folds are still empty, the remaining groups go
 * to empty folds, so no test fold is ever empty.
 *
 * <p>The unseeded variant takes groups of equal spread in ascending id order and then matches
 * scikit-learn 1.2's {@code StratifiedGroupKFold(n_splits=k, shuffle=False)} up to
 * floating-point tie-breaking; the seeded variant takes them in a seeded random order. Class
 * shares per fold are not guaranteed to be within one sample of the ideal: large groups may make
 * that impossible.
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

    long[][] perGroup = new long[g][m];
    long[] total = new long[m];
    for (int i = 0; i < n; i++) {
      perGroup[grp[i]][cls[i]]++;
      total[cls[i]]++;
    }
    // Spread key: m^2 * variance of the group's class counts, an exact integer.
    long[] spread = new long[g];
    for (int j = 0; j < g; j++) {
      long s1 = 0;
      long s2 = 0;
      for (long v : perGroup[j]) {
        s1 += v;
        s2 += v * v;
      }
      spread[j] = m * s2 - s1 * s1;
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
    Arrays.sort(order, (a, b) -> Long.compare(spread[b], spread[a])); // stable

    long[][] foldCount = new long[k][m];
    long[] foldSize = new long[k];
    long[] s1 = new long[m]; // per class: sum over folds of counts
    long[] s2 = new long[m]; // per class: sum over folds of squared counts
    int[] foldOfGroup = new int[g];
    int emptyFolds = k;
    for (int pos = 0; pos < g; pos++) {
      int j = order[pos];
      long[] add = perGroup[j];
      boolean onlyEmpty = (g - pos) <= emptyFolds;
      int best = -1;
      double bestEval = Double.POSITIVE_INFINITY;
      long bestSize = Long.MAX_VALUE;
      for (int f = 0; f < k; f++) {
        if (onlyEmpty && foldSize[f] > 0) {
          continue;
        }
        double sum = 0.0;
        for (int c = 0; c < m; c++) {
          long a1 = s1[c] + add[c];
          long a2 = s2[c] + 2 * foldCount[f][c] * add[c] + add[c] * add[c];
          double var = (double) (k * a2 - a1 * a1);
          sum += Math.sqrt(var) / ((double) k * total[c]);
        }
        double eval = sum / m;
        boolean close = Math.abs(eval - bestEval) <= 1e-8 + 1e-5 * Math.abs(bestEval);
        if (best < 0 || (!close && eval < bestEval) || (close && foldSize[f] < bestSize)) {
          best = f;
          bestEval = eval;
          bestSize = foldSize[f];
        }
      }
      if (foldSize[best] == 0) {
        emptyFolds--;
      }
      for (int c = 0; c < m; c++) {
        s2[c] += 2 * foldCount[best][c] * add[c] + add[c] * add[c];
        s1[c] += add[c];
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
