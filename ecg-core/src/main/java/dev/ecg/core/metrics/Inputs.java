package dev.ecg.core.metrics;

/** Argument checks shared by the metrics; every failure is a {@link MetricInputException}. */
final class Inputs {
  private Inputs() {}

  static void notNull(Object o, String name) {
    if (o == null) {
      throw new MetricInputException(name + " must not be null");
    }
  }

  static void numClasses(int k) {
    if (k < 1) {
      throw new MetricInputException("numClasses must be >= 1, got " + k);
    }
  }

  static void labels(int[] y, String name, int k) {
    notNull(y, name);
    if (y.length == 0) {
      throw new MetricInputException(name + " is empty; metrics need at least one sample");
    }
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0 || y[i] >= k) {
        throw new MetricInputException(
            name + "[" + i + "] = " + y[i] + " is outside the class range [0, " + k + ")");
      }
    }
  }

  static void sameLength(int n1, String name1, int n2, String name2) {
    if (n1 != n2) {
      throw new MetricInputException(
          "length mismatch: " + name1 + " has " + n1 + " samples but " + name2 + " has " + n2);
    }
  }

  static void pair(int[] yTrue, int[] yPred, int k) {
    numClasses(k);
    notNull(yTrue, "yTrue");
    notNull(yPred, "yPred");
    sameLength(yTrue.length, "yTrue", yPred.length, "yPred");
    labels(yTrue, "yTrue", k);
    labels(yPred, "yPred", k);
  }

  /**
   * Checks a score matrix against the labels and returns its width (the number of classes).
   */
  static int scores(int[] yTrue, double[][] scores) {
    notNull(yTrue, "yTrue");
    notNull(scores, "scores");
    sameLength(yTrue.length, "yTrue", scores.length, "scores");
    if (scores.length == 0) {
      throw new MetricInputException("scores is empty; metrics need at least one sample");
    }
    if (scores[0] == null) {
      throw new MetricInputException("scores[0] is null");
    }
    int k = scores[0].length;
    if (k < 2) {
      throw new MetricInputException(
          "scores rows must have one column per class (at least 2), scores[0] has " + k);
    }
    for (int i = 0; i < scores.length; i++) {
      double[] row = scores[i];
      if (row == null) {
        throw new MetricInputException("scores[" + i + "] is null");
      }
      if (row.length != k) {
        throw new MetricInputException("scores[" + i + "] has " + row.length
            + " columns but scores[0] has " + k + "; every row needs one score per class");
      }
      for (int j = 0; j < k; j++) {
        if (!Double.isFinite(row[j])) {
          throw new MetricInputException("scores[" + i + "][" + j + "] = " + row[j] + " is not finite");
        }
      }
    }
    labels(yTrue, "yTrue", k);
    return k;
  }

  static void binaryScores(int[] yTrue, double[] scores) {
    notNull(yTrue, "yTrue");
    notNull(scores, "scores");
    sameLength(yTrue.length, "yTrue", scores.length, "scores");
    labels(yTrue, "yTrue", 2);
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new MetricInputException("scores[" + i + "] = " + scores[i] + " is not finite");
      }
    }
  }
}
