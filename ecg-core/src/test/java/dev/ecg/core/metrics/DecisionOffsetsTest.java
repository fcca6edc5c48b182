package dev.ecg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DecisionOffsetsTest {

  @Test
  void overPredictedClassGetsANegativeOffset() {
    // class 1 true for 10 examples with p1 = 0.9; 30 class-0 examples also carry p1 = 0.6 > p0
    int n = 40;
    int[] y = new int[n];
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      y[i] = i < 10 ? 1 : 0;
      p[i] = i < 10 ? new double[] {0.1, 0.9, 0.0} : new double[] {0.4, 0.6, 0.0};
    }
    // argmax: 40 predicted 1, F1 = 20 / 50 = 0.4. An offset d with log(0.6)+d < log(0.4) and
    // log(0.9)+d > log(0.1), i.e. -2.197 < d < -0.405, separates them perfectly; the smallest
    // such grid value in magnitude is -0.5.
    double[] off = DecisionOffsets.choose(y, p, 3, 1);
    assertArrayEquals(new double[] {0, -0.5, 0}, off, 1e-12);
    int[] pred = DecisionOffsets.apply(p, off);
    assertEquals(1.0, ConfusionMatrix.of(y, pred, 3).f1(1), 1e-12);
    // without offsets every example is predicted 1
    int[] raw = DecisionOffsets.apply(p, new double[3]);
    assertEquals(40, java.util.Arrays.stream(raw).filter(v -> v == 1).count());
  }

  @Test
  void perfectModelKeepsZeroOffsets() {
    int[] y = {0, 1, 2, 1, 0};
    double[][] p = new double[5][3];
    for (int i = 0; i < 5; i++) {
      p[i][y[i]] = 0.98;
      p[i][(y[i] + 1) % 3] = 0.01;
      p[i][(y[i] + 2) % 3] = 0.01;
    }
    assertArrayEquals(new double[3], DecisionOffsets.choose(y, p, 3, 1, 2), 1e-12);
  }

  @Test
  void twoClassesAreSearchedJointly() {
    // class 1: 4 examples at p1 = 0.3 (p0 = 0.7); class 2: 4 examples at p2 = 0.2 (p0 = 0.8);
    // 12 class-0 examples at p0 = 0.98, p1 = p2 = 0.01. Class 1 needs log(0.3)+d1 > log(0.7),
    // d1 > 0.847, and class 0 keeps its examples for d1 < log(0.98/0.01) = 4.58: smallest grid
    // value 1.0. Class 2 needs d2 > log(0.8/0.2) = 1.386: 1.5.
    int[] y = new int[20];
    double[][] p = new double[20][];
    for (int i = 0; i < 20; i++) {
      if (i < 4) {
        y[i] = 1;
        p[i] = new double[] {0.7, 0.3, 0.0};
      } else if (i < 8) {
        y[i] = 2;
        p[i] = new double[] {0.8, 0.0, 0.2};
      } else {
        p[i] = new double[] {0.98, 0.01, 0.01};
      }
    }
    assertArrayEquals(new double[] {0, 1.0, 1.5}, DecisionOffsets.choose(y, p, 3, 1, 2), 1e-12);
  }

  @Test
  void aClassStealingBaseExamplesIsPushedBack() {
    // 4 classes; base 0, targets 1 and 2 (perfectly separated); class 3 has 5 true examples with
    // p3 = 0.7 but also takes 40 class-0 examples with p3 = 0.55 > p0 = 0.45
    int n = 5 + 5 + 5 + 40 + 50;
    int[] y = new int[n];
    double[][] p = new double[n][];
    int i = 0;
    for (int j = 0; j < 5; j++, i++) {
      y[i] = 1;
      p[i] = new double[] {0.05, 0.9, 0.05, 0.0};
    }
    for (int j = 0; j < 5; j++, i++) {
      y[i] = 2;
      p[i] = new double[] {0.05, 0.05, 0.9, 0.0};
    }
    for (int j = 0; j < 5; j++, i++) {
      y[i] = 3;
      p[i] = new double[] {0.3, 0.0, 0.0, 0.7};
    }
    for (int j = 0; j < 40; j++, i++) {
      y[i] = 0;
      p[i] = new double[] {0.45, 0.0, 0.0, 0.55};
    }
    for (int j = 0; j < 50; j++, i++) {
      y[i] = 0;
      p[i] = new double[] {0.95, 0.0, 0.0, 0.05};
    }
    double[] off = DecisionOffsets.chooseAll(y, p, 4, 0, new int[] {1, 2});
    // separating 0.55/0.45 from 0.7/0.3 needs log(0.55/0.45) + d < 0 < log(0.7/0.3) + d, i.e.
    // -0.847 < d < -0.201: the grid value nearest 0 is -0.25
    assertArrayEquals(new double[] {0, 0, 0, -0.25}, off, 1e-12);
    assertEquals(1.0, ConfusionMatrix.of(y, DecisionOffsets.apply(p, off), 4).macroF1(), 1e-12);
  }

  @Test
  void badInputIsRefusedWithItsPlace() {
    double[][] p = {{0.5, 0.5}, {0.2, 0.8}};
    int[] y = {0, 1};
    assertThrows(MetricInputException.class,
        () -> DecisionOffsets.choose(new int[1], new double[1][4], 4, 1, 2, 3));
    assertThrows(MetricInputException.class, () -> DecisionOffsets.choose(y, p, 2));
    assertThrows(MetricInputException.class, () -> DecisionOffsets.choose(y, p, 2, 2));
    assertThrows(MetricInputException.class, () -> DecisionOffsets.choose(y, p, 2, 1, 1));
    assertThrows(MetricInputException.class, () -> DecisionOffsets.choose(new int[] {0}, p, 2, 1));
    MetricInputException e = assertThrows(MetricInputException.class,
        () -> DecisionOffsets.choose(y, new double[][] {{0.5, 0.5}, {Double.NaN, 1}}, 2, 1));
    assertEquals("probs[1][0] = NaN is not a finite non-negative probability", e.getMessage());
    assertThrows(MetricInputException.class,
        () -> DecisionOffsets.choose(y, new double[][] {{0.5, 0.5}, {0.5}}, 2, 1));
    assertThrows(MetricInputException.class,
        () -> DecisionOffsets.chooseAll(new int[] {0, 1, 2}, new double[3][3], 3, 1,
            new int[] {1, 2}));
    assertThrows(MetricInputException.class,
        () -> DecisionOffsets.apply(p, new double[] {0, Double.POSITIVE_INFINITY}));
    assertThrows(MetricInputException.class, () -> DecisionOffsets.apply(p, new double[3]));
    // MetricInputException is an EcgArgumentException
    assertThrows(dev.ecg.core.EcgArgumentException.class, () -> DecisionOffsets.apply(null,
        new double[2]));
  }
}
