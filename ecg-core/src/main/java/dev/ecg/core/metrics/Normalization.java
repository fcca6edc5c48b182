package dev.ecg.core.metrics;

/**
 * How {@link ConfusionMatrix#normalized(Normalization)} divides the counts, as scikit-learn's
 * {@code confusion_matrix(normalize=...)}.
 */
public enum Normalization {
  /** Divide each row by its sum (the class support): the diagonal holds the recalls. */
  TRUE,
  /** Divide each column by its sum (the predicted count): the diagonal holds the precisions. */
  PRED,
  /** Divide every cell by the total number of samples. */
  ALL
}
