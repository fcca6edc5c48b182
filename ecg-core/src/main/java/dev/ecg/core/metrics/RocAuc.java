package dev.ecg.core.metrics;

import java.util.OptionalDouble;

/**
 * Area under the ROC curve, binary and one-vs-rest multi-class, matching scikit-learn
 * {@code roc_auc_score}.
 *
 * <p>For class {@code c} the samples with {@code yTrue == c} are positives and all others
 * negatives, ranked by column {@code c} of the scores (higher = more likely {@code c}). The area is
 * the trapezoidal area under the ROC curve drawn through the distinct score thresholds, so tied
 * scores enter together and contribute a diagonal segment. This equals the Mann-Whitney statistic
 * with ties counted one half: the probability that a random positive scores above a random
 * negative (Hanley and McNeil 1982, Fawcett 2006). It is therefore unchanged by any strictly
 * increasing transform of the scores. The computation sorts each class once: O(n log n).
 *
 * <p>Scores need not be probabilities and rows need not sum to 1 (scikit-learn insists they sum to
 * 1 for its multi-class path; on such inputs the results agree). The macro average is the plain
 * mean of the per-class AUCs, the weighted average weights each class by its prevalence in
 * {@code yTrue}.
 *
 * <p><b>Undefined cases.</b> A class with no positive or no negative sample has no ROC curve. The
 * methods returning {@code double} then throw {@link UndefinedMetricException} (scikit-learn raises
 * {@code ValueError} there too); the {@code ...IfDefined} variants return an empty
 * {@link OptionalDouble}.
 */
public final class RocAuc {
  private RocAuc() {}

  /**
   * Binary ROC-AUC.
   *
   * @param yTrue labels in {0, 1}, 1 = positive
   * @param scores one finite score per sample, higher = more likely positive
   * @return the AUC in [0, 1]
   * @throws MetricInputException on null, empty, mismatched, non-binary or non-finite input
   * @throws UndefinedMetricException if {@code yTrue} holds only one of the two labels
   */
  public static double binary(int[] yTrue, double[] scores) {
    OptionalDouble r = binaryIfDefined(yTrue, scores);
    if (r.isEmpty()) {
      throw new UndefinedMetricException(
          "ROC-AUC is undefined: yTrue holds only one class (need both 0 and 1)");
    }
    return r.getAsDouble();
  }

  /**
   * Binary ROC-AUC, empty when {@code yTrue} holds only one label.
   *
   * @param yTrue labels in {0, 1}
   * @param scores one finite score per sample
   * @return the AUC, or empty when undefined
   * @throws MetricInputException on null, empty, mismatched, non-binary or non-finite input
   */
  public static OptionalDouble binaryIfDefined(int[] yTrue, double[] scores) {
    Inputs.binaryScores(yTrue, scores);
    double[] pos = Ranking.split(yTrue, scores, true);
    double[] neg = Ranking.split(yTrue, scores, false);
    if (pos.length == 0 || neg.length == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Ranking.auc(pos, neg));
  }

  /**
   * One-vs-rest ROC-AUC of one class.
   *
   * @param yTrue labels in {@code [0, k)}, {@code k} = width of the score rows
   * @param scores {@code n x k} finite scores
   * @param c the class treated as positive
   * @return the AUC in [0, 1]
   * @throws MetricInputException on malformed input or {@code c} out of range
   * @throws UndefinedMetricException if class {@code c} has no positive or no negative sample
   */
  public static double ovr(int[] yTrue, double[][] scores, int c) {
    int k = Inputs.scores(yTrue, scores);
    if (c < 0 || c >= k) {
      throw new MetricInputException("class index " + c + " is outside [0, " + k + ")");
    }
    return orThrow(one(yTrue, scores, c), c);
  }

  /**
   * One-vs-rest ROC-AUC of every class.
   *
   * @param yTrue labels in {@code [0, k)}
   * @param scores {@code n x k} finite scores
   * @return {@code k} AUCs in class order
   * @throws MetricInputException on malformed input
   * @throws UndefinedMetricException if some class has no positive or no negative sample
   */
  public static double[] perClass(int[] yTrue, double[][] scores) {
    OptionalDouble[] r = perClassIfDefined(yTrue, scores);
    double[] out = new double[r.length];
    for (int c = 0; c < r.length; c++) {
      out[c] = orThrow(r[c], c);
    }
    return out;
  }

  /**
   * One-vs-rest ROC-AUC of every class, empty for classes where it is undefined.
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
      r[c] = one(yTrue, scores, c);
    }
    return r;
  }

  /**
   * Macro average of the one-vs-rest AUCs (scikit-learn {@code multi_class="ovr",
   * average="macro"}).
   *
   * @param yTrue labels in {@code [0, k)}
   * @param scores {@code n x k} finite scores
   * @return the mean AUC
   * @throws MetricInputException on malformed input
   * @throws UndefinedMetricException if some class has no positive or no negative sample
   */
  public static double macro(int[] yTrue, double[][] scores) {
    return Ranking.mean(perClass(yTrue, scores));
  }

  /**
   * Prevalence-weighted average of the one-vs-rest AUCs (scikit-learn {@code multi_class="ovr",
   * average="weighted"}).
   *
   * @param yTrue labels in {@code [0, k)}
   * @param scores {@code n x k} finite scores
   * @return the weighted mean AUC
   * @throws MetricInputException on malformed input
   * @throws UndefinedMetricException if some class has no positive or no negative sample
   */
  public static double weighted(int[] yTrue, double[][] scores) {
    return Ranking.supportWeightedMean(perClass(yTrue, scores), yTrue);
  }

  /**
   * The ROC curve of a binary problem through every distinct threshold.
   *
   * @param yTrue labels in {0, 1}, 1 = positive
   * @param scores one finite score per sample, higher = more likely positive
   * @return the curve
   * @throws MetricInputException on null, empty, mismatched, non-binary or non-finite input
   * @throws UndefinedMetricException if {@code yTrue} holds only one of the two labels (one of the
   *     rates would be 0/0)
   */
  public static RocCurve curve(int[] yTrue, double[] scores) {
    Inputs.binaryScores(yTrue, scores);
    double[] pos = Ranking.split(yTrue, scores, true);
    double[] neg = Ranking.split(yTrue, scores, false);
    if (pos.length == 0 || neg.length == 0) {
      throw new UndefinedMetricException(
          "ROC curve is undefined: yTrue holds only one class (need both 0 and 1)");
    }
    double[][] cum = Ranking.cumulative(pos, neg);
    int m = cum[0].length;
    double[] fpr = new double[m + 1];
    double[] tpr = new double[m + 1];
    double[] thr = new double[m + 1];
    thr[0] = Double.POSITIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      thr[i + 1] = cum[0][i];
      tpr[i + 1] = cum[1][i] / pos.length;
      fpr[i + 1] = cum[2][i] / neg.length;
    }
    return new RocCurve(fpr, tpr, thr);
  }

  private static OptionalDouble one(int[] yTrue, double[][] scores, int c) {
    double[] pos = Ranking.split(yTrue, scores, c, true);
    double[] neg = Ranking.split(yTrue, scores, c, false);
    if (pos.length == 0 || neg.length == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Ranking.auc(pos, neg));
  }

  private static double orThrow(OptionalDouble v, int c) {
    if (v.isEmpty()) {
      throw new UndefinedMetricException("ROC-AUC of class " + c
          + " is undefined: yTrue has no positive or no negative sample for it");
    }
    return v.getAsDouble();
  }
}
