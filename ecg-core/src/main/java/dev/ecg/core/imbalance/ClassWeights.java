package dev.ecg.core.imbalance;

/**
 * Class weights that undo class imbalance in a loss function.
 *
 * <p>{@link #inverseFrequency(int[], int)} is scikit-learn's {@code
 * compute_class_weight("balanced", ...)}: class c with {@code count_c} of the {@code n} samples
 * gets {@code n / (k * count_c)}, where k is the number of classes, so every class carries the
 * same total weight {@code n / k} and the weights summed over all samples equal n.
 *
 * <p><b>Absent classes.</b> scikit-learn refuses a class that has no samples. Here such a class
 * gets weight 0 (no sample of it exists, so the weight never multiplies anything), and k counts
 * only the classes that are present. That keeps the two properties above, and whenever every
 * class is present the result equals scikit-learn's. A training fold that happens to miss a rare
 * class therefore still gets usable weights.
 */
public final class ClassWeights {
  private ClassWeights() {}

  /**
   * @param labels class label of each sample, each in {@code [0, numClasses)}
   * @param numClasses number of classes, at least 1
   * @return weight of each class, length {@code numClasses}; 0 for a class with no sample
   * @throws ImbalanceArgumentException if {@code labels} is null or empty, {@code numClasses < 1},
   *     or a label lies outside {@code [0, numClasses)}
   */
  public static double[] inverseFrequency(int[] labels, int numClasses) {
    if (numClasses < 1) {
      throw new ImbalanceArgumentException("numClasses must be >= 1, got " + numClasses);
    }
    long[] count = counts(labels, numClasses);
    int present = 0;
    for (long c : count) {
      if (c > 0) {
        present++;
      }
    }
    double n = labels.length;
    double[] w = new double[numClasses];
    for (int c = 0; c < numClasses; c++) {
      w[c] = count[c] == 0 ? 0.0 : n / ((double) present * count[c]);
    }
    return w;
  }

  /**
   * As {@link #inverseFrequency(int[], int)} with {@code numClasses = max(labels) + 1}.
   *
   * @param labels class label of each sample, each {@code >= 0}
   * @return weight of each class 0..max(labels)
   * @throws ImbalanceArgumentException if {@code labels} is null or empty or holds a negative
   *     value
   */
  public static double[] inverseFrequency(int[] labels) {
    requireLabels(labels);
    int max = -1;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new ImbalanceArgumentException(
            "labels[" + i + "] = " + labels[i] + " is negative; class labels must be >= 0");
      }
      max = Math.max(max, labels[i]);
    }
    if (max == Integer.MAX_VALUE) {
      throw new ImbalanceArgumentException("label " + max + " is too large for a class index");
    }
    return inverseFrequency(labels, max + 1);
  }

  /**
   * Per-class sample counts.
   *
   * @param labels class label of each sample, each in {@code [0, numClasses)}
   * @param numClasses number of classes, at least 1
   * @return count of each class
   * @throws ImbalanceArgumentException if {@code labels} is null or empty, {@code numClasses < 1},
   *     or a label lies outside {@code [0, numClasses)}
   */
  public static long[] counts(int[] labels, int numClasses) {
    requireLabels(labels);
    if (numClasses < 1) {
      throw new ImbalanceArgumentException("numClasses must be >= 1, got " + numClasses);
    }
    long[] count = new long[numClasses];
    for (int i = 0; i < labels.length; i++) {
      int y = labels[i];
      if (y < 0 || y >= numClasses) {
        throw new ImbalanceArgumentException("labels[" + i + "] = " + y
            + " is outside [0, " + numClasses + ")");
      }
      count[y]++;
    }
    return count;
  }

  private static void requireLabels(int[] labels) {
    if (labels == null) {
      throw new ImbalanceArgumentException("labels must not be null");
    }
    if (labels.length == 0) {
      throw new ImbalanceArgumentException("labels is empty: no samples to weigh");
    }
  }
}
