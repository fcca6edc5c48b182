package dev.ecg.core.metrics;

import java.util.OptionalDouble;

/**
 * Average precision, the usual summary of the precision-recall curve (PR-AUC), matching
 * scikit-learn {@code average_precision_score}:
 *
 * <pre>AP = sum_n (R_n - R_{n-1}) P_n</pre>
 *
 * <p>where {@code P_n} and {@code R_n} are precision and recall when every sample scoring at least
 * the {@code n}-th highest distinct score is called positive (samples with tied scores enter
 * together), and {@code R_0 = 0}. This step-wise sum does not interpolate between points, so it is
 * not the trapezoidal area under the PR curve, which is known to be optimistic (Davis and Goadrich
 * 2006). Multi-class inputs are treated one-vs-rest per class, like scikit-learn on
 * {@code label_binarize(yTrue)}.
 *
 * <p><b>Undefined cases.</b> With no positive sample the recall is 0/0: the methods returning
 * {@code double} throw {@link UndefinedMetricException} (scikit-learn warns and returns a
 * meaningless value there); the {@code ...IfDefined} variants return empty. A class with no
 * negatives is fine (AP = 1).
 */
public final class AveragePrecision {
  private AveragePrecision() {}

  /**
   * Binary average precision.
   *
   * @param yTrue labels in {0, 1}, 1 = positive
   * @param scores one finite score per sample, higher = more likely positive
   * @return AP in [0, 1]
   * @throws MetricInputException on null, empty, mismatched, non-binary or non-finite input
   * @throws UndefinedMetricException if {@code yTrue} has no positive sample
   */
  public static double binary(int[] yTrue, double[] scores) {
    OptionalDouble r = binaryIfDefined(yTrue, scores);
    if (r.isEmpty()) {
      throw new UndefinedMetricException("average precision is undefined: yTrue has no positive sample");
    }
    return r.getAsDouble();
  }

  /**
   * Binary average precision, empty without positives.
   *
   * @param yTrue labels in {0, 1}
   * @param scores one finite score per sample
   * @return AP, or empty when undefined
   * @throws MetricInputException on null, empty, mismatched, non-binary or non-finite input
   */
  public static OptionalDouble binaryIfDefined(int[] yTrue, double[] scores) {
    Inputs.binaryScores(yTrue, scores);
    double[] pos = Ranking.split(yTrue, scores, true);
    if (pos.length == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Ranking.averagePrecision(pos, Ranking.split(yTrue, scores, false)));
  }

  /**
   * The precision-recall curve of a binary problem, in scikit-learn's layout.
   *
   * @param yTrue labels in {0, 1}, 1 = positive
   * @param scores one finite score per sample, higher = more likely positive
   * @return the curve
   * @throws MetricInputException on null, empty, mismatched, non-binary or non-finite input
   * @throws UndefinedMetricException if {@code yTrue} has no positive sample (recall 0/0)
   */
  public static PrecisionRecallCurve curve(int[] yTrue, double[] scores) {
    Inputs.binaryScores(yTrue, scores);
    double[] pos = Ranking.split(yTrue, scores, true);
    if (pos.length == 0) {
      throw new UndefinedMetricException(
          "precision-recall curve is undefined: yTrue has no positive sample");
    }
    double[][] cum = Ranking.cumulative(pos, Ranking.split(yTrue, scores, false));
    int m = cum[0].length;
    double[] precision = new double[m + 1];
    double[] recall = new double[m + 1];
    double[] thr = new double[m];
    for (int i = 0; i < m; i++) {
      int src = m - 1 - i; // increasing thresholds
      thr[i] = cum[0][src];
      precision[i] = cum[1][src] / (cum[1][src] + cum[2][src]);
      recall[i] = cum[1][src] / pos.length;
    }
    precision[m] = 1.0;
    recall[m] = 0.0;
    return new PrecisionRecallCurve(precision, recall, thr);
  }

  /**
   * One-vs-rest average precision of every class.
   *
   * @param yTrue labels in {@code [0, k)}
   * @param scores {@code n x k} finite scores
   * @return {@code k} values in class order
   * @throws MetricInputException on malformed input
   * @throws UndefinedMetricException if some class has no positive sample
   */
  public static double[] perClass(int[] yTrue, double[][] scores) {
    OptionalDouble[] r = perClassIfDefined(yTrue, scores);
    double[] out = new double[r.length];
    for (int c = 0; c < r.length; c++) {
      if (r[c].isEmpty()) {
        throw new UndefinedMetricException(
            "average precision of class " + c + " is undefined: yTrue has no sample of it");
      }
      out[c] = r[c].getAsDouble();
    }
    return out;
  }

  /**
   * One-vs-rest average precision of every class, empty for classes without positives.
   *
   * @param yTrue labels in {@code [0, k)}
   * @param scores {@code n x k} finite scores
   * @return {@code k} results in class order
   * @throws MetricInputException on malformed input
   */
  public static OptionalDouble[] perClassIfDefined(int[] yTrue, double[][] scores) {
    int k = Inputs.scores(yTrue, scores);
    OptionalDouble[] r = new OptionalDouble[k];
    for (int c = 0; c < k; c++) {
      double[] pos = Ranking.split(yTrue, scores, c, true);
      r[c] = pos.length == 0
          ? OptionalDouble.empty()
          : OptionalDouble.of(Ranking.averagePrecision(pos, Ranking.split(yTrue, scores, c, false)));
    }
    return r;
  }

  /**
   * Macro average (plain mean over classes).
   *
   * @param yTrue labels in {@code [0, k)}
   * @param scores {@code n x k} finite scores
   * @return mean AP
   * @throws MetricInputException on malformed input
   * @throws UndefinedMetricException if some class has no positive sample
   */
  public static double macro(int[] yTrue, double[][] scores) {
    return Ranking.mean(perClass(yTrue, scores));
  }

  /**
   * Prevalence-weighted average over classes.
   *
   * @param yTrue labels in {@code [0, k)}
   * @param scores {@code n x k} finite scores
   * @return weighted mean AP
   * @throws MetricInputException on malformed input
   * @throws UndefinedMetricException if some class has no positive sample
   */
  public static double weighted(int[] yTrue, double[][] scores) {
    return Ranking.supportWeightedMean(perClass(yTrue, scores), yTrue);
  }
}
