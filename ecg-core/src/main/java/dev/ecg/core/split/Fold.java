package dev.ecg.core.split;

import java.util.Arrays;

/**
 * One fold of a k-fold cross-validation: its index (0-based) and its sorted, disjoint training
 * and test indices. Arrays are copied in and out, as in {@link Split}.
 *
 * @param index the fold number, from 0 to k-1
 * @param train the training indices, strictly increasing and non-negative
 * @param test the test indices, strictly increasing, non-negative and disjoint from {@code train}
 */
public record Fold(int index, int[] train, int[] test) {

  /**
   * @param index the fold number
   * @param train the training indices
   * @param test the test indices
   * @throws SplitArgumentException if {@code index} is negative, or an array is null, not strictly
   *     increasing, holds a negative index, or the two share an index
   */
  public Fold {
    if (index < 0) {
      throw new SplitArgumentException(SplitArgumentException.Problem.INVALID_INDICES,
          "fold index must be >= 0, got " + index);
    }
    train = Folds.checkedCopy(train, "train");
    test = Folds.checkedCopy(test, "test");
    Folds.checkDisjoint(train, test);
  }

  /** @return a copy of the training indices */
  @Override
  public int[] train() {
    return train.clone();
  }

  /** @return a copy of the test indices */
  @Override
  public int[] test() {
    return test.clone();
  }

  /** @return this fold's training and test indices as a {@link Split} */
  public Split asSplit() {
    return new Split(train, test);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fold f && index == f.index && Arrays.equals(train, f.train)
        && Arrays.equals(test, f.test);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * index + Arrays.hashCode(train)) + Arrays.hashCode(test);
  }

  @Override
  public String toString() {
    return "Fold[index=" + index + ", train=" + train.length + " indices, test=" + test.length
        + " indices]";
  }
}
