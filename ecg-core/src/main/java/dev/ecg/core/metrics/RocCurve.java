package dev.ecg.core.metrics;

/**
 * Points of a ROC curve, as scikit-learn {@code roc_curve(y, s, drop_intermediate=False)}: the
 * first point is (0, 0) at threshold {@code +Infinity}, then one point per distinct score in
 * descending order, where a sample is called positive when its score is {@code >= threshold}. The
 * last point is (1, 1). (scikit-learn 1.2 writes {@code max + 1} instead of infinity for the first
 * threshold.)
 *
 * <p>The arrays are shared, not copied: treat them as read-only. Record equality compares array
 * identity.
 *
 * @param fpr false positive rate at each threshold, non-decreasing
 * @param tpr true positive rate at each threshold, non-decreasing
 * @param thresholds the thresholds, decreasing
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {
  /** @return the number of points */
  public int size() {
    return thresholds.length;
  }
}
