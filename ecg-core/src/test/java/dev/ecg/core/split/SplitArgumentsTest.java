package dev.ecg.core.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.split.SplitArgumentException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every bad argument gives a typed exception whose message names the problem. */
class SplitArgumentsTest {
  private static final int[] Y = {0, 1, 0, 1, 0, 1};
  private static final int[] G = {1, 1, 2, 2, 3, 3};

  private static void expect(Problem problem, String fragment, Executable call) {
    SplitArgumentException e = assertThrows(SplitArgumentException.class, call);
    assertEquals(problem, e.problem(), e.getMessage());
    assertTrue(e.getMessage().contains(fragment),
        "message '" + e.getMessage() + "' should contain '" + fragment + "'");
    assertTrue(e instanceof EcgArgumentException && e instanceof IllegalArgumentException);
  }

  @Test
  void mismatchedLengths() {
    expect(Problem.LENGTH_MISMATCH, "labels has 6 entries but groups has 5",
        () -> StratifiedGroupKFold.split(Y, new int[] {1, 1, 2, 2, 3}, 2, 0));
  }

  @Test
  void negativeLabels() {
    int[] bad = {0, 1, -3, 1};
    expect(Problem.NEGATIVE_LABEL, "labels[2] = -3", () -> StratifiedHoldout.split(bad, 0.5, 0));
    expect(Problem.NEGATIVE_LABEL, "labels[2] = -3", () -> StratifiedKFold.split(bad, 2, 0));
    expect(Problem.NEGATIVE_LABEL, "labels[2] = -3",
        () -> StratifiedGroupKFold.split(bad, new int[] {1, 2, 3, 4}, 2, 0));
  }

  @Test
  void kLargerThanN() {
    expect(Problem.MORE_FOLDS_THAN_SAMPLES, "k = 7 folds exceeds the number of samples n = 6",
        () -> StratifiedKFold.split(Y, 7, 0));
    expect(Problem.MORE_FOLDS_THAN_SAMPLES, "n = 6", () -> GroupKFold.split(G, 7, 0));
    expect(Problem.MORE_FOLDS_THAN_SAMPLES, "n = 6",
        () -> StratifiedGroupKFold.split(Y, G, 7, 0));
  }

  @Test
  void kSmallerThanTwo() {
    for (int k : new int[] {1, 0, -4}) {
      expect(Problem.TOO_FEW_FOLDS, "k must be >= 2, got k = " + k,
          () -> StratifiedKFold.split(Y, k, 0));
      expect(Problem.TOO_FEW_FOLDS, "got k = " + k, () -> GroupKFold.split(G, k, 0));
      expect(Problem.TOO_FEW_FOLDS, "got k = " + k, () -> StratifiedGroupKFold.split(Y, G, k, 0));
      expect(Problem.TOO_FEW_FOLDS, "got k = " + k, () -> Folds.fromAssignment(Y, k));
    }
  }

  @Test
  void testFractionOutsideOpenUnitInterval() {
    for (double f : new double[] {0.0, 1.0, -0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      expect(Problem.FRACTION_OUT_OF_RANGE, "got " + f, () -> StratifiedHoldout.split(Y, f, 0));
    }
  }

  @Test
  void fractionLeavingNoTrainingSample() {
    expect(Problem.EMPTY_SIDE, "leaves no training sample",
        () -> StratifiedHoldout.split(new int[] {0, 1, 1}, 0.9, 0));
  }

  @Test
  void kLargerThanNumberOfGroups() {
    expect(Problem.MORE_FOLDS_THAN_GROUPS, "k = 4 folds exceeds the number of distinct groups (3)",
        () -> GroupKFold.split(G, 4, 0));
    expect(Problem.MORE_FOLDS_THAN_GROUPS, "distinct groups (3)",
        () -> StratifiedGroupKFold.split(Y, G, 4, 0));
  }

  @Test
  void nullAndEmptyInputs() {
    expect(Problem.NULL_ARGUMENT, "labels must not be null",
        () -> StratifiedKFold.split(null, 2, 0));
    expect(Problem.NULL_ARGUMENT, "groups must not be null", () -> GroupKFold.split(null, 2));
    expect(Problem.EMPTY_INPUT, "labels is empty",
        () -> StratifiedHoldout.split(new int[0], 0.5, 0));
  }

  @Test
  void foldAssignmentOutOfRange() {
    expect(Problem.INVALID_INDICES, "foldOfSample[1] = 2 is outside [0, 2)",
        () -> Folds.fromAssignment(new int[] {0, 2, 1}, 2));
  }

  @Test
  void splitRecordRejectsBadIndexArrays() {
    expect(Problem.INVALID_INDICES, "index 3 is in both train and test",
        () -> new Split(new int[] {0, 3}, new int[] {1, 3}));
    expect(Problem.INVALID_INDICES, "strictly increasing",
        () -> new Split(new int[] {2, 1}, new int[] {0}));
    expect(Problem.INVALID_INDICES, "negative index",
        () -> new Fold(0, new int[] {-1}, new int[] {0}));
    expect(Problem.INVALID_INDICES, "fold index must be >= 0",
        () -> new Fold(-1, new int[] {1}, new int[] {0}));
    expect(Problem.NULL_ARGUMENT, "test indices must not be null",
        () -> new Split(new int[] {1}, null));
  }
}
