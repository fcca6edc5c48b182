package dev.ecg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-derived ROC-AUC, average precision and ECE values. */
class RankingAndCalibrationTest {
  @Test
  void aucCountsTiesAsOneHalf() {
    // positives {0.8, 0.4}, negatives {0.4, 0.1}: pairs (0.8>0.4), (0.8>0.1), (0.4=0.4 -> 1/2), (0.4>0.1)
    assertEquals(3.5 / 4, RocAuc.binary(new int[] {1, 1, 0, 0}, new double[] {0.8, 0.4, 0.4, 0.1}), 1e-15);
    assertEquals(0.0, RocAuc.binary(new int[] {1, 0}, new double[] {0.1, 0.9}), 0);
    assertEquals(0.5, RocAuc.binary(new int[] {1, 0, 1}, new double[] {-0.0, 0.0, 0.0}), 0);
  }

  @Test
  void averagePrecisionStepSum() {
    // scores desc: 0.9(+) 0.8(-) 0.7(+) 0.6(-): P at recall 0.5 = 1, at recall 1 = 2/3
    assertEquals(0.5 * 1 + 0.5 * (2.0 / 3),
        AveragePrecision.binary(new int[] {1, 0, 1, 0}, new double[] {0.9, 0.8, 0.7, 0.6}), 1e-15);
    // tie between a positive and a negative at the top: both enter together, P = 1/2
    assertEquals(0.5, AveragePrecision.binary(new int[] {1, 0}, new double[] {0.5, 0.5}), 0);
    assertEquals(1.0, AveragePrecision.binary(new int[] {1, 1}, new double[] {0.1, 0.2}), 0);
  }

  @Test
  void undefinedRankingMetricsThrowTyped() {
    UndefinedMetricException e = assertThrows(UndefinedMetricException.class,
        () -> RocAuc.binary(new int[] {1, 1}, new double[] {0.2, 0.3}));
    assertTrue(e.getMessage().contains("only one class"));
    assertThrows(UndefinedMetricException.class,
        () -> AveragePrecision.binary(new int[] {0, 0}, new double[] {0.2, 0.3}));
    assertTrue(RocAuc.binaryIfDefined(new int[] {0, 0}, new double[] {0.2, 0.3}).isEmpty());
    UndefinedMetricException m = assertThrows(UndefinedMetricException.class,
        () -> RocAuc.perClass(new int[] {0, 1, 0}, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}));
    assertTrue(m.getMessage().contains("class 2"), m::getMessage);
  }

  @Test
  void eceHandExample() {
    // conf 0.9 correct, 0.6 wrong, 0.3 (exact edge, bin (0.2,0.3] of 10) correct
    int[] y = {0, 0, 2};
    double[][] p = {{0.9, 0.05, 0.05}, {0.2, 0.6, 0.2}, {0.3, 0.3, 0.4}};
    // argmax row 3 = 2 (0.4) -> confidence 0.4 in bin (0.3,0.4], correct
    double expected = (1.0 / 3) * Math.abs(1 - 0.9) + (1.0 / 3) * Math.abs(0 - 0.6)
        + (1.0 / 3) * Math.abs(1 - 0.4);
    assertEquals(expected, Calibration.expectedCalibrationError(y, p, 10), 1e-15);
    // one bin: |accuracy - mean confidence| = |2/3 - 1.9/3|
    assertEquals(Math.abs(2.0 / 3 - 1.9 / 3), Calibration.expectedCalibrationError(y, p, 1), 1e-15);
  }

  @Test
  void binEdgesAreRightClosed() {
    assertEquals(2, Calibration.bin(0.3, 10));
    assertEquals(0, Calibration.bin(0.0, 10));
    assertEquals(0, Calibration.bin(0.1, 10));
    assertEquals(1, Calibration.bin(Math.nextUp(0.1), 10));
    assertEquals(9, Calibration.bin(1.0, 10));
    assertEquals(6, Calibration.bin(0.7, 10));
    for (int b = 1; b <= 15; b++) {
      assertEquals(b - 1, Calibration.bin((double) b / 15, 15), "edge " + b + "/15");
    }
  }
}
