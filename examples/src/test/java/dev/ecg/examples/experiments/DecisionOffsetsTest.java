package dev.ecg.examples.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DecisionOffsetsTest {

  @Test
  void f1MatchesHandCount() {
    int[] y = {0, 0, 1, 1, 1, 2};
    int[] p = {0, 1, 1, 1, 0, 2};
    // class 1: tp 2, fp 1, fn 1 -> 4 / (4 + 2) = 2/3
    assertEquals(2.0 / 3, DecisionOffsets.f1(y, p, 1), 1e-12);
    // class 2: tp 1 -> 1
    assertEquals(1.0, DecisionOffsets.f1(y, p, 2), 1e-12);
    assertEquals((2.0 / 3 + 1.0) / 2, DecisionOffsets.meanF1(y, p, 1, 2), 1e-12);
    assertEquals(0.0, DecisionOffsets.f1(y, p, 3), 1e-12);
  }

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
    double[] off = DecisionOffsets.choose(y, p, 3, new int[] {1});
    assertArrayEquals(new double[] {0, -0.5, 0}, off, 1e-12);
    assertEquals(1.0, DecisionOffsets.f1(y, DecisionOffsets.argmax(log(p), off), 1), 1e-12);
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
    assertArrayEquals(new double[3], DecisionOffsets.choose(y, p, 3, new int[] {1, 2}), 1e-12);
  }

  @Test
  void aClassStealingBaseBeatsIsPushedBack() {
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
    assertEquals(1.0, DecisionOffsets.macroF1(y, DecisionOffsets.argmax(
        DecisionOffsets.logs(p), off), 4), 1e-12);
  }

  @Test
  void rejectsThreeClasses() {
    assertThrows(IllegalArgumentException.class,
        () -> DecisionOffsets.choose(new int[1], new double[1][4], 4, new int[] {1, 2, 3}));
  }

  private static double[][] log(double[][] p) {
    double[][] l = new double[p.length][p[0].length];
    for (int i = 0; i < p.length; i++) {
      for (int c = 0; c < p[i].length; c++) {
        l[i][c] = Math.log(Math.max(p[i][c], 1e-12));
      }
    }
    return l;
  }
}
