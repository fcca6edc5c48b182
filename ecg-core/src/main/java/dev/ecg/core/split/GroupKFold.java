package dev.ecg.core.split;

import dev.ecg.core.split.SplitArgumentException.Problem;
import java.util.Arrays;
import java.util.List;

/**
 * k-fold cross-validation in which no group (for example a patient or a record) is split across
 * folds, so a model is never tested on a group it saw in training.
 *
 * <p>Fold sizes are balanced greedily, largest group first: groups are sorted by size (number of
 * samples), largest first, and each is put into the fold that currently has the fewest samples
 * (the lowest-numbered such fold on ties). Groups of equal size are taken in ascending order of
 * group id by the unseeded variant, and in a seeded random order by the seeded one. When all
 * group sizes differ, the unseeded variant gives the folds of scikit-learn 1.2's {@code
 * GroupKFold(n_splits=k)}.
 */
public final class GroupKFold {
  private GroupKFold() {}

  /**
   * @param groups the group id of each sample (any int values)
   * @param k the number of folds, {@code 2 <= k <=} number of distinct groups
   * @param seed seed of the {@link SplitMix64} generator that orders groups of equal size
   * @return k folds in index order
   * @throws SplitArgumentException if {@code groups} is null or empty, {@code k < 2}, {@code k >
   *     groups.length}, or {@code k} exceeds the number of distinct groups
   */
  public static List<Fold> split(int[] groups, int k, long seed) {
    return Folds.fromAssignment(assign(groups, k, new SplitMix64(seed)), k);
  }

  /**
   * The unseeded variant: groups of equal size are taken in ascending id order.
   *
   * @param groups the group id of each sample
   * @param k the number of folds
   * @return k folds in index order
   * @throws SplitArgumentException as {@link #split(int[], int, long)}
   */
  public static List<Fold> split(int[] groups, int k) {
    return Folds.fromAssignment(assign(groups, k, null), k);
  }

  /**
   * @param groups the group id of each sample
   * @param k the number of folds
   * @param seed seed of the {@link SplitMix64} generator
   * @return for each sample, the fold (0..k-1) in whose test set it lies
   * @throws SplitArgumentException as {@link #split(int[], int, long)}
   */
  public static int[] assign(int[] groups, int k, long seed) {
    return assign(groups, k, new SplitMix64(seed));
  }

  private static int[] assign(int[] groups, int k, SplitMix64 rng) {
    int n = Folds.requireSamples(groups, "groups");
    Folds.checkK(k, n);
    int[] code = Folds.denseCodes(groups);
    int g = Folds.max(code) + 1;
    checkGroups(k, g);
    int[] size = new int[g];
    for (int c : code) {
      size[c]++;
    }
    Integer[] order = new Integer[g];
    int[] perm = new int[g];
    for (int i = 0; i < g; i++) {
      perm[i] = i;
    }
    if (rng != null) {
      rng.shuffle(perm);
    }
    for (int i = 0; i < g; i++) {
      order[i] = perm[i];
    }
    Arrays.sort(order, (a, b) -> Integer.compare(size[b], size[a])); // stable
    long[] load = new long[k];
    int[] foldOfGroup = new int[g];
    for (int grp : order) {
      int best = 0;
      for (int f = 1; f < k; f++) {
        if (load[f] < load[best]) {
          best = f;
        }
      }
      load[best] += size[grp];
      foldOfGroup[grp] = best;
    }
    int[] foldOf = new int[n];
    for (int i = 0; i < n; i++) {
      foldOf[i] = foldOfGroup[code[i]];
    }
    return foldOf;
  }

  static void checkGroups(int k, int distinctGroups) {
    if (k > distinctGroups) {
      throw new SplitArgumentException(Problem.MORE_FOLDS_THAN_GROUPS,
          "k = " + k + " folds exceeds the number of distinct groups (" + distinctGroups
              + "); no group may span two folds, so every fold needs its own group");
    }
  }
}
