package dev.ecg.core.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Assertions shared by the splitter tests, written from the definitions, not from the code. */
final class SplitChecks {
  private SplitChecks() {}

  /** train and test are sorted, disjoint, and together hold exactly 0..n-1. */
  static void assertPartition(int[] train, int[] test, int n) {
    assertSorted(train);
    assertSorted(test);
    assertEquals(n, train.length + test.length, "train + test sizes");
    boolean[] seen = new boolean[n];
    for (int i : train) {
      assertTrue(i >= 0 && i < n, "train index in range: " + i);
      assertTrue(!seen[i], "index " + i + " twice");
      seen[i] = true;
    }
    for (int i : test) {
      assertTrue(i >= 0 && i < n, "test index in range: " + i);
      assertTrue(!seen[i], "index " + i + " in train and test");
      seen[i] = true;
    }
  }

  static void assertSorted(int[] a) {
    for (int i = 1; i < a.length; i++) {
      assertTrue(a[i - 1] < a[i], "strictly increasing at " + i + ": " + Arrays.toString(a));
    }
  }

  /** k folds, each a partition, and every index in exactly one test fold; returns fold of each. */
  static int[] assertKFold(List<Fold> folds, int n, int k) {
    assertEquals(k, folds.size(), "number of folds");
    int[] foldOf = new int[n];
    Arrays.fill(foldOf, -1);
    for (int f = 0; f < k; f++) {
      Fold fold = folds.get(f);
      assertEquals(f, fold.index(), "fold index");
      assertPartition(fold.train(), fold.test(), n);
      assertTrue(fold.test().length > 0, "fold " + f + " has a non-empty test set");
      for (int i : fold.test()) {
        assertEquals(-1, foldOf[i], "index " + i + " in two test folds");
        foldOf[i] = f;
      }
    }
    for (int i = 0; i < n; i++) {
      assertTrue(foldOf[i] >= 0, "index " + i + " in no test fold");
    }
    return foldOf;
  }

  /** No group has samples in two different test folds. */
  static void assertGroupsDoNotSpan(int[] foldOf, int[] groups) {
    java.util.Map<Integer, Integer> foldOfGroup = new java.util.HashMap<>();
    for (int i = 0; i < groups.length; i++) {
      Integer prev = foldOfGroup.putIfAbsent(groups[i], foldOf[i]);
      if (prev != null) {
        assertEquals((int) prev, foldOf[i], "group " + groups[i] + " spans folds");
      }
    }
  }

  /** Lines of a fixture resource, without '#' comment lines. */
  static List<String[]> fixture(String name) throws IOException {
    try (InputStream in = SplitChecks.class.getResourceAsStream("/split/" + name)) {
      assertTrue(in != null, "fixture /split/" + name + " on the test classpath");
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String[]> rows = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split("\\|", -1));
        }
      }
      return rows;
    }
  }

  static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }
}
