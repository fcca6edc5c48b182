package dev.ecg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every malformed input raises a typed exception whose message says what was wrong. */
class BadInputTest {
  private static final double[][] P3 = {{0.2, 0.3, 0.5}, {0.6, 0.3, 0.1}};

  private static void fails(Executable e, String... fragments) {
    MetricInputException ex = assertThrows(MetricInputException.class, e);
    assertTrue(ex instanceof EcgArgumentException);
    for (String f : fragments) {
      assertTrue(ex.getMessage().contains(f), () -> "message '" + ex.getMessage() + "' lacks '" + f + "'");
    }
  }

  @Test
  void confusionMatrixRejectsMalformedLabels() {
    fails(() -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0}, 2), "length mismatch", "yTrue", "2", "1");
    fails(() -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, 3), "yTrue[1] = 3", "[0, 3)");
    fails(() -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {-1, 1}, 3), "yPred[0] = -1");
    fails(() -> ConfusionMatrix.of(new int[0], new int[0], 3), "empty");
    fails(() -> ConfusionMatrix.of(null, new int[] {0}, 3), "yTrue", "null");
    fails(() -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, 0), "numClasses");
    fails(() -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, List.of("a", "a")), "'a' appears twice");
    fails(() -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, List.of()), "classNames is empty");
  }

  @Test
  void ofCountsRejectsBadMatrices() {
    fails(() -> ConfusionMatrix.ofCounts(new long[][] {{1, 2}}, List.of("a", "b")), "1 rows", "2 class names");
    fails(() -> ConfusionMatrix.ofCounts(new long[][] {{1, 2}, {3}}, List.of("a", "b")), "counts[1]", "2 columns");
    fails(() -> ConfusionMatrix.ofCounts(new long[][] {{1, -2}, {3, 4}}, List.of("a", "b")), "counts[0][1] = -2");
    fails(() -> ConfusionMatrix.ofCounts(new long[][] {{0, 0}, {0, 0}}, List.of("a", "b")), "sum to zero");
  }

  @Test
  void classIndexOutOfRange() {
    ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 1}, 2);
    fails(() -> m.precision(2), "class index 2");
    fails(() -> m.count(-1, 0), "class index -1");
  }

  @Test
  void scoresOfWrongShape() {
    fails(() -> RocAuc.macro(new int[] {0, 1}, new double[][] {{0.1, 0.9}, {0.5, 0.4, 0.1}}),
        "scores[1] has 3 columns", "scores[0] has 2");
    fails(() -> RocAuc.macro(new int[] {0, 1, 2}, P3), "length mismatch");
    fails(() -> RocAuc.macro(new int[] {0, 3}, P3), "yTrue[1] = 3");
    fails(() -> RocAuc.macro(new int[] {0, 1}, new double[][] {{0.1, Double.NaN, 0.2}, {0.3, 0.3, 0.4}}),
        "scores[0][1] = NaN", "not finite");
    fails(() -> RocAuc.macro(new int[] {0}, new double[][] {{1.0}}), "at least 2");
    fails(() -> RocAuc.macro(new int[0], new double[0][]), "empty");
    fails(() -> RocAuc.macro(new int[] {0, 1}, new double[][] {{0.1, 0.9}, null}), "scores[1] is null");
    fails(() -> RocAuc.ovr(new int[] {0, 1}, P3, 3), "class index 3");
    fails(() -> AveragePrecision.perClass(new int[] {0, 1}, new double[][] {{0.1, 0.9}, {0.2}}), "scores[1]");
  }

  @Test
  void binaryScoresRejectNonBinaryLabelsAndInfinity() {
    fails(() -> RocAuc.binary(new int[] {0, 2}, new double[] {0.1, 0.2}), "yTrue[1] = 2", "[0, 2)");
    fails(() -> RocAuc.binary(new int[] {0, 1}, new double[] {0.1, Double.POSITIVE_INFINITY}), "scores[1]");
    fails(() -> AveragePrecision.binary(new int[] {0, 1}, new double[] {0.1}), "length mismatch");
  }

  @Test
  void reportRejectsScoreWidthMismatch() {
    fails(() -> ClassificationReport.of(new int[] {0, 1}, new int[] {0, 1}, P3, List.of("a", "b")),
        "3 columns", "2 classes");
    fails(() -> ClassificationReport.of(new int[] {0, 1}, new int[] {0, 1}, null, List.of("a", "b"))
        .toSklearnText(0), "digits");
  }

  @Test
  void calibrationRejectsNonProbabilitiesAndBadBins() {
    fails(() -> Calibration.expectedCalibrationError(new int[] {0, 1}, new double[][] {{1.2, -0.2}, {0.5, 0.5}}, 10),
        "probs[0][0] = 1.2", "[0, 1]");
    fails(() -> Calibration.expectedCalibrationError(new int[] {0, 1}, new double[][] {{1, 0}, {0, 1}}, 0), "bins");
  }

  @Test
  void domainScoresRejectWrongClassSets() {
    ConfusionMatrix three = ConfusionMatrix.of(new int[] {0, 1, 2}, new int[] {0, 1, 2}, 3);
    fails(() -> CincScore.of(three), "4 classes");
    fails(() -> AamiMetrics.of(three), "5 classes");
    ConfusionMatrix wrongOrder = ConfusionMatrix.of(new int[] {0}, new int[] {0}, List.of("A", "N", "O", "~"));
    fails(() -> CincScore.of(wrongOrder), "order");
    ConfusionMatrix aamiWrong = ConfusionMatrix.of(new int[] {0}, new int[] {0}, List.of("N", "V", "S", "F", "Q"));
    fails(() -> AamiMetrics.of(aamiWrong), "order");
  }

  @Test
  void bootstrapRejectsBadConfiguration() {
    fails(() -> Bootstrap.of(5, 0.95, 1), "resamples");
    fails(() -> Bootstrap.of(100, 1.0, 1), "level");
    fails(() -> Bootstrap.of(100, 0.9, 1).interval(new int[] {0, 1}, new int[] {0}, (t, p) -> 1), "length mismatch");
    fails(() -> Bootstrap.of(100, 0.9, 1).interval(new int[] {0, 1}, new int[] {0, 1}, (t, p) -> Double.NaN), "NaN");
    fails(() -> new ConfidenceInterval(0.5, 0.6, 0.4, 0.95), "exceeds");
  }
}
