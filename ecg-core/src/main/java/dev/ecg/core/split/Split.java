package dev.ecg.core.split;

import java.util.Arrays;

/**
 * One train/test split: two sorted, disjoint arrays of sample indices.
 *
 * <p>The arrays are copied on the way in and on the way out, so a {@code Split} cannot be changed
 * after construction. Equality compares the contents of the arrays.
 *
 * @param train the training indices, strictly increasing and non-negative
 * @param test the test indices, strictly increasing, non-negative and disjoint from {@code train}
 */
public record Split(int[] train, int[] test) {

  /**
   * @param train the training indices
   * @param test the test indices
   * @throws SplitArgumentException if an array is null, not strictly increasing, holds a negative
   *     index, or the two share an index
   */
  public Split {
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

  /** @return the number of training indices */
  public int trainSize() {
    return train.length;
  }

  /** @return the number of test indices */
  public int testSize() {
    return test.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Split s && Arrays.equals(train, s.train) && Arrays.equals(test, s.test);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
  }

  @Override
  public String toString() {
    return "Split[train=" + train.length + " indices, test=" + test.length + " indices]";
  }
}
