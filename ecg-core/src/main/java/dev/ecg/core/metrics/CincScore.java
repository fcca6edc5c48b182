package dev.ecg.core.metrics;

import dev.ecg.core.labels.CincClass;

/**
 * The scoring rule of the PhysioNet/Computing in Cardiology Challenge 2017 on AF classification
 * from short single-lead ECGs (Clifford et al., "AF Classification from a Short Single Lead ECG
 * Recording: the PhysioNet/Computing in Cardiology Challenge 2017", CinC 2017).
 *
 * <p>With the 4 x 4 confusion matrix over the classes N, A, O, ~ (in that index order, as
 * {@link CincClass#NAMES}), the F1 of class {@code c} is {@code 2 C[c][c] / (row sum + column
 * sum)}, the same number as scikit-learn's per-class F1, and the challenge score is the mean F1 of
 * N, A and O. The noise class {@code ~} is scored and reported but not averaged. A class absent
 * from both the reference and the predictions gets F1 = 0 (the challenge formula is 0/0 there),
 * matching {@link ConfusionMatrix#f1(int)}.
 *
 * @param score the challenge score (F1n + F1a + F1o) / 3
 * @param f1Normal F1 of class N (normal sinus rhythm)
 * @param f1Af F1 of class A (atrial fibrillation)
 * @param f1Other F1 of class O (other rhythm)
 * @param f1Noisy F1 of class ~ (too noisy), not part of the score
 */
public record CincScore(double score, double f1Normal, double f1Af, double f1Other, double f1Noisy) {

  /**
   * Scores a 4-class confusion matrix.
   *
   * @param m a matrix with 4 classes in the order N, A, O, ~; its class names must be either the
   *     defaults {@code "0".."3"} or exactly {@link CincClass#NAMES}
   * @return the score and the per-class F1
   * @throws MetricInputException if {@code m} is null, not 4 x 4, or named in another order
   */
  public static CincScore of(ConfusionMatrix m) {
    Inputs.notNull(m, "confusion matrix");
    if (m.numClasses() != 4) {
      throw new MetricInputException("the CinC 2017 score needs 4 classes (N, A, O, ~), got "
          + m.numClasses() + " " + m.classNames());
    }
    if (!m.classNames().equals(CincClass.NAMES)
        && !m.classNames().equals(java.util.List.of("0", "1", "2", "3"))) {
      throw new MetricInputException("the CinC 2017 score needs classes in the order "
          + CincClass.NAMES + ", got " + m.classNames());
    }
    double n = m.f1(0);
    double a = m.f1(1);
    double o = m.f1(2);
    return new CincScore((n + a + o) / 3.0, n, a, o, m.f1(3));
  }

  /**
   * Scores label vectors with indices 0 = N, 1 = A, 2 = O, 3 = ~.
   *
   * @param yTrue reference labels in [0, 4)
   * @param yPred predicted labels in [0, 4), same length
   * @return the score and the per-class F1
   * @throws MetricInputException on null, empty, mismatched or out-of-range labels
   */
  public static CincScore of(int[] yTrue, int[] yPred) {
    return of(ConfusionMatrix.of(yTrue, yPred, CincClass.NAMES));
  }

  /** @return the four F1 values in the order N, A, O, ~ */
  public double[] perClassF1() {
    return new double[] {f1Normal, f1Af, f1Other, f1Noisy};
  }
}
