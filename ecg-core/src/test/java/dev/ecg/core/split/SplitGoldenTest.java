package dev.ecg.core.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The unseeded splitters against scikit-learn 1.2 (fixtures written by
 * {@code ecg-core/src/test/python/make_split_fixtures.py}).
 */
class SplitGoldenTest {

  @Test
  void stratifiedKFoldMatchesSklearnUnshuffled() throws IOException {
    List<String[]> rows = SplitChecks.fixture("stratified_kfold.txt");
    assertFalse(rows.isEmpty());
    for (String[] r : rows) {
      int k = Integer.parseInt(r[0]);
      int[] labels = SplitChecks.ints(r[1]);
      int[] expected = SplitChecks.ints(r[2]);
      assertArrayEquals(expected, StratifiedKFold.assign(labels, k), "k=" + k + " n=" + labels.length);
      int[] foldOf = SplitChecks.assertKFold(StratifiedKFold.split(labels, k), labels.length, k);
      assertArrayEquals(expected, foldOf);
    }
  }

  @Test
  void groupKFoldMatchesSklearnWhenGroupSizesDiffer() throws IOException {
    List<String[]> rows = SplitChecks.fixture("group_kfold.txt");
    assertFalse(rows.isEmpty());
    for (String[] r : rows) {
      int k = Integer.parseInt(r[0]);
      int[] groups = SplitChecks.ints(r[1]);
      int[] expected = SplitChecks.ints(r[2]);
      int[] foldOf = SplitChecks.assertKFold(GroupKFold.split(groups, k), groups.length, k);
      assertArrayEquals(expected, foldOf, "k=" + k + " n=" + groups.length);
    }
  }

  @Test
  void stratifiedGroupKFoldMatchesSklearnUnshuffled() throws IOException {
    List<String[]> rows = SplitChecks.fixture("stratified_group_kfold.txt");
    assertFalse(rows.isEmpty());
    for (String[] r : rows) {
      int k = Integer.parseInt(r[0]);
      int[] labels = SplitChecks.ints(r[1]);
      int[] groups = SplitChecks.ints(r[2]);
      int[] expected = SplitChecks.ints(r[3]);
      int[] foldOf = SplitChecks.assertKFold(
          StratifiedGroupKFold.split(labels, groups, k), labels.length, k);
      assertArrayEquals(expected, foldOf, "k=" + k + " n=" + labels.length);
    }
  }

  @Test
  void sklearnDocstringExample() {
    // Published in the scikit-learn StratifiedGroupKFold documentation (n_splits=3).
    int[] y = {0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    int[] groups = {1, 1, 2, 2, 3, 3, 3, 4, 5, 5, 5, 5, 6, 6, 7, 8, 8};
    List<Fold> folds = StratifiedGroupKFold.split(y, groups, 3);
    assertArrayEquals(new int[] {4, 5, 6, 12, 13, 14}, folds.get(0).test());
    assertArrayEquals(new int[] {0, 1, 2, 3, 15, 16}, folds.get(1).test());
    assertArrayEquals(new int[] {7, 8, 9, 10, 11}, folds.get(2).test());
    assertEquals(12, folds.get(2).train().length);
  }
}
