package dev.ecg.core.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants every splitter must keep, for random labels, groups, k and seeds. */
class SplitterPropertiesTest {

  @Provide
  Arbitrary<int[]> labels() {
    // Skewed class frequencies: small values are more likely.
    return Arbitraries.integers().between(0, 5).withDistribution(
            net.jqwik.api.RandomDistribution.biased())
        .array(int[].class).ofMinSize(2).ofMaxSize(300);
  }

  /** labels and groups of the same length: {labels, groups}. */
  @Provide
  Arbitrary<int[][]> labelledGroups() {
    return Arbitraries.integers().between(2, 250).flatMap(n -> Combinators.combine(
        Arbitraries.integers().between(0, 3).array(int[].class).ofSize(n),
        Arbitraries.integers().between(1, Math.max(1, n / 2)).flatMap(g ->
            Arbitraries.integers().between(-g, g).array(int[].class).ofSize(n)))
        .as((l, g) -> new int[][] {l, g}));
  }

  private static Map<Integer, Integer> counts(int[] labels, int[] idx) {
    Map<Integer, Integer> m = new HashMap<>();
    for (int i : idx) {
      m.merge(labels[i], 1, Integer::sum);
    }
    return m;
  }

  private static Map<Integer, Integer> counts(int[] labels) {
    Map<Integer, Integer> m = new HashMap<>();
    for (int v : labels) {
      m.merge(v, 1, Integer::sum);
    }
    return m;
  }

  private static int distinct(int[] a) {
    return (int) java.util.Arrays.stream(a).distinct().count();
  }

  // ---------------- StratifiedHoldout ----------------

  @Property(tries = 300)
  void holdoutPartitionsAndStratifies(@ForAll("labels") int[] labels,
      @ForAll @DoubleRange(min = 0.01, max = 0.99) double fraction, @ForAll long seed) {
    int n = labels.length;
    double ideal = fraction * n;
    // Independently of the implementation: the test size is ceil(fraction * n), +-1e-9 round-off.
    long expectedTest = (long) Math.ceil(ideal - 1e-9);
    Assume.that(expectedTest < n);
    Split s = StratifiedHoldout.split(labels, fraction, seed);
    SplitChecks.assertPartition(s.train(), s.test(), n);
    assertEquals(expectedTest, s.testSize(), "test size for fraction " + fraction + " of " + n);
    Map<Integer, Integer> all = counts(labels);
    Map<Integer, Integer> test = counts(labels, s.test());
    for (Map.Entry<Integer, Integer> e : all.entrySet()) {
      double classIdeal = (double) e.getValue() * s.testSize() / n;
      int got = test.getOrDefault(e.getKey(), 0);
      assertTrue(Math.abs(got - classIdeal) < 1.0 - 1e-9,
          "class " + e.getKey() + ": " + got + " test samples, ideal " + classIdeal);
    }
    assertEquals(s, StratifiedHoldout.split(labels, fraction, seed), "same seed, same split");
  }

  // ---------------- StratifiedKFold ----------------

  @Property(tries = 300)
  void stratifiedKFoldPartitionsAndStratifies(@ForAll("labels") int[] labels,
      @ForAll @IntRange(min = 2, max = 12) int k, @ForAll long seed) {
    int n = labels.length;
    Assume.that(k <= n);
    List<Fold> folds = StratifiedKFold.split(labels, k, seed);
    int[] foldOf = SplitChecks.assertKFold(folds, n, k);
    Map<Integer, Integer> all = counts(labels);
    for (Fold f : folds) {
      Map<Integer, Integer> test = counts(labels, f.test());
      for (Map.Entry<Integer, Integer> e : all.entrySet()) {
        double ideal = (double) e.getValue() / k;
        int got = test.getOrDefault(e.getKey(), 0);
        assertTrue(Math.abs(got - ideal) < 1.0,
            "fold " + f.index() + " class " + e.getKey() + ": " + got + ", ideal " + ideal);
      }
      assertTrue(Math.abs(f.test().length - (double) n / k) < 1.0, "fold size");
    }
    assertEquals(folds, StratifiedKFold.split(labels, k, seed), "same seed, same folds");
    assertEquals(foldOf.length, StratifiedKFold.assign(labels, k, seed).length);
  }

  // ---------------- GroupKFold ----------------

  @Property(tries = 300)
  void groupKFoldKeepsGroupsTogetherAndBalances(@ForAll("labelledGroups") int[][] lg,
      @ForAll @IntRange(min = 2, max = 10) int k, @ForAll long seed) {
    int[] groups = lg[1];
    int n = groups.length;
    Assume.that(k <= distinct(groups));
    List<Fold> folds = GroupKFold.split(groups, k, seed);
    int[] foldOf = SplitChecks.assertKFold(folds, n, k);
    SplitChecks.assertGroupsDoNotSpan(foldOf, groups);
    // Largest-first to the lightest fold: fold sizes differ by at most the largest group.
    int largest = counts(groups).values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (Fold f : folds) {
      min = Math.min(min, f.test().length);
      max = Math.max(max, f.test().length);
    }
    assertTrue(max - min <= largest, "fold sizes " + min + ".." + max + ", largest group " + largest);
    assertEquals(folds, GroupKFold.split(groups, k, seed));
  }

  // ---------------- StratifiedGroupKFold ----------------

  @Property(tries = 200)
  void stratifiedGroupKFoldKeepsGroupsTogether(@ForAll("labelledGroups") int[][] lg,
      @ForAll @IntRange(min = 2, max = 8) int k, @ForAll long seed) {
    int[] labels = lg[0];
    int[] groups = lg[1];
    Assume.that(k <= distinct(groups));
    List<Fold> folds = StratifiedGroupKFold.split(labels, groups, k, seed);
    int[] foldOf = SplitChecks.assertKFold(folds, labels.length, k);
    SplitChecks.assertGroupsDoNotSpan(foldOf, groups);
    assertEquals(folds, StratifiedGroupKFold.split(labels, groups, k, seed));
  }

  @Property(tries = 200)
  void stratifiedGroupKFoldWithSingletonGroupsStratifiesLikeStratifiedKFold(
      @ForAll("labels") int[] labels, @ForAll @IntRange(min = 2, max = 10) int k,
      @ForAll long seed) {
    int n = labels.length;
    Assume.that(k <= n);
    int[] groups = new int[n];
    for (int i = 0; i < n; i++) {
      groups[i] = 1000 - 3 * i;
    }
    List<Fold> folds = StratifiedGroupKFold.split(labels, groups, k, seed);
    SplitChecks.assertKFold(folds, n, k);
    Map<Integer, Integer> all = counts(labels);
    for (Fold f : folds) {
      Map<Integer, Integer> test = counts(labels, f.test());
      for (Map.Entry<Integer, Integer> e : all.entrySet()) {
        double ideal = (double) e.getValue() / k;
        int got = test.getOrDefault(e.getKey(), 0);
        assertTrue(Math.abs(got - ideal) < 1.0,
            "fold " + f.index() + " class " + e.getKey() + ": " + got + ", ideal " + ideal);
      }
    }
  }

  // ---------------- Folds.fromAssignment ----------------

  @Property(tries = 200)
  void fromAssignmentInvertsTheAssignment(@ForAll("labels") int[] raw,
      @ForAll @IntRange(min = 2, max = 6) int k) {
    int[] assign = new int[raw.length];
    for (int i = 0; i < raw.length; i++) {
      assign[i] = raw[i] % k;
    }
    Assume.that(distinct(assign) == k);
    int[] foldOf = SplitChecks.assertKFold(Folds.fromAssignment(assign, k), raw.length, k);
    assertEquals(java.util.Arrays.toString(assign), java.util.Arrays.toString(foldOf));
  }

  @Property(tries = 50)
  void fromAssignmentRejectsAnEmptyFold(@ForAll @IntRange(min = 3, max = 8) int k) {
    int[] assign = new int[20];
    for (int i = 0; i < assign.length; i++) {
      assign[i] = i % (k - 1); // fold k-1 never used
    }
    SplitArgumentException e = assertThrows(SplitArgumentException.class,
        () -> Folds.fromAssignment(assign, k));
    assertTrue(e.getMessage().contains("fold " + (k - 1)), e.getMessage());
  }
}
