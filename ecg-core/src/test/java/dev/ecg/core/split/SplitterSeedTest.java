package dev.ecg.core.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Different seeds give different splits (with overwhelming probability for these inputs). */
class SplitterSeedTest {
  private static final int N = 120;

  private static int[] labels() {
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      y[i] = i % 10 < 7 ? 0 : (i % 10 < 9 ? 1 : 2); // 70 % / 20 % / 10 %
    }
    return y;
  }

  private static int[] groups() {
    int[] g = new int[N];
    for (int i = 0; i < N; i++) {
      g[i] = i / 3; // 40 groups of 3
    }
    return g;
  }

  @Test
  void fiftySeedsGiveFiftyDistinctSplits() {
    int[] y = labels();
    int[] g = groups();
    Set<Split> holdout = new HashSet<>();
    Set<List<Fold>> skf = new HashSet<>();
    Set<List<Fold>> gkf = new HashSet<>();
    Set<List<Fold>> sgkf = new HashSet<>();
    for (long seed = 0; seed < 50; seed++) {
      holdout.add(StratifiedHoldout.split(y, 0.25, seed));
      skf.add(StratifiedKFold.split(y, 5, seed));
      gkf.add(GroupKFold.split(g, 5, seed));
      sgkf.add(StratifiedGroupKFold.split(y, g, 5, seed));
    }
    assertEquals(50, holdout.size(), "distinct hold-out splits");
    assertEquals(50, skf.size(), "distinct stratified k-fold splits");
    assertEquals(50, gkf.size(), "distinct group k-fold splits");
    assertEquals(50, sgkf.size(), "distinct stratified group k-fold splits");
  }

  @Test
  void sameSeedSameSplitAcrossCalls() {
    int[] y = labels();
    int[] g = groups();
    for (long seed : new long[] {0L, -1L, 42L, Long.MIN_VALUE}) {
      assertEquals(StratifiedHoldout.split(y, 0.3, seed), StratifiedHoldout.split(y, 0.3, seed));
      assertEquals(StratifiedKFold.split(y, 4, seed), StratifiedKFold.split(y, 4, seed));
      assertEquals(GroupKFold.split(g, 4, seed), GroupKFold.split(g, 4, seed));
      assertEquals(StratifiedGroupKFold.split(y, g, 4, seed),
          StratifiedGroupKFold.split(y, g, 4, seed));
    }
  }

  @Test
  void unseededVariantsAreFixed() {
    int[] y = labels();
    int[] g = groups();
    assertEquals(StratifiedKFold.split(y, 3), StratifiedKFold.split(y, 3));
    assertEquals(GroupKFold.split(g, 3), GroupKFold.split(g, 3));
    // An unshuffled stratified k-fold puts each class's first samples (in index order) in fold 0.
    int[] test0 = StratifiedKFold.split(y, 3).get(0).test();
    assertTrue(test0[0] == 0, "first sample of class 0 is in fold 0");
  }
}
