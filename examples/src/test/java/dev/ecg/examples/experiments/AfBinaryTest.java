package dev.ecg.examples.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import org.junit.jupiter.api.Test;

/** The pure helpers of {@link AfBinary}; expected values are worked by hand. */
class AfBinaryTest {

  @Test
  void thresholdMaximisesF1OnTheGivenScores() {
    // sorted: 0.9(1) 0.8(0) 0.7(1) 0.4(1) 0.2(0) 0.1(0); 3 positives
    // cut below 0.9: tp1 fp0 -> F1 2/(2+0+2) = 0.5; below 0.8: tp1 fp1 -> 2/5 = 0.4;
    // below 0.7: tp2 fp1 -> 4/6 = 0.667; below 0.4: tp3 fp1 -> 6/7 = 0.857 (best);
    // below 0.2: tp3 fp2 -> 6/8; below 0.1: 6/9. Best cut between 0.4 and 0.2 -> 0.3.
    double[] s = {0.1, 0.9, 0.4, 0.8, 0.2, 0.7};
    int[] y = {0, 1, 1, 0, 0, 1};
    assertEquals(0.3, AfBinary.chooseThreshold(s, y), 1e-12);
  }

  @Test
  void tiedScoresAreNotSplitAndNoPositivesGiveOneHalf() {
    // 0.6 holds a positive and a negative: the cut can only be above or below both
    // above: tp1 (0.9) fp0, fn1 -> 2/4 = 0.5; below 0.6: tp2 fp1 -> 4/5 = 0.8 (best) -> 0.35
    assertEquals(0.35, AfBinary.chooseThreshold(new double[] {0.9, 0.6, 0.6, 0.1},
        new int[] {1, 1, 0, 0}), 1e-12);
    assertEquals(0.5, AfBinary.chooseThreshold(new double[] {0.3, 0.7}, new int[] {0, 0}));
    assertThrows(EcgArgumentException.class,
        () -> AfBinary.chooseThreshold(new double[] {0.3}, new int[] {2}));
  }

  @Test
  void f1OfThePositiveClass() {
    // tp 2, fp 1, fn 1 -> 4 / 6
    assertEquals(4.0 / 6, AfBinary.f1(new int[] {1, 1, 1, 0, 0}, new int[] {1, 1, 0, 1, 0}),
        1e-12);
    assertEquals(0.0, AfBinary.f1(new int[] {0, 0}, new int[] {0, 0}));
  }

  @Test
  void ptbxlAfCodes() {
    assertTrue(AfBinary.isPtbxlAf("{'AFIB': 0.0, 'IRBBB': 50.0}"));
    assertTrue(AfBinary.isPtbxlAf("{'NORM': 80.0, 'AFLT': 0.0}"));
    assertFalse(AfBinary.isPtbxlAf("{'NORM': 100.0, 'SR': 0.0}"));
  }
}
