package dev.ecg.core.metrics;

/**
 * Points of a precision-recall curve, laid out as scikit-learn 1.2
 * {@code precision_recall_curve(y, s)}: thresholds are all distinct scores in increasing order;
 * {@code precision[i]} and
 * {@code recall[i]} belong to {@code thresholds[i]} (a sample is positive when its score is
 * {@code >= threshold}), and one last point (precision 1, recall 0) without a threshold closes the
 * curve, so {@code precision} and {@code recall} are one longer than {@code thresholds}.
 *
 * <p>The arrays are shared, not copied: treat them as read-only. Record equality compares array
 * identity.
 *
 * @param precision precision at each threshold, then 1
 * @param recall recall at each threshold (non-increasing), then 0
 * @param thresholds the thresholds, increasing
 */
public record PrecisionRecallCurve(double[] precision, double[] recall, double[] thresholds) {
  /** @return the number of thresholds */
  public int size() {
    return thresholds.length;
  }
}
