package dev.ecg.models.trees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecg.models.trees.TreeFixtures.OrtOut;
import dev.ecg.models.trees.TreeFixtures.T;
import org.junit.jupiter.api.Test;

/**
 * Hand-made models whose probabilities are computed by hand: XgbModel and the ONNX export run on
 * ONNX Runtime must both give them, including missing values and binary models whose leaf
 * weights are all positive or all negative (ONNX Runtime's special binary paths).
 */
class HandModelTest {

  private static final float NAN = Float.NaN;

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static void check(XgbModel m, float[][] rows, double[][] expected) throws Exception {
    OrtOut o = TreeFixtures.ort(TreeOnnxExporter.export(m), rows);
    for (int i = 0; i < rows.length; i++) {
      float[] p = m.predictProba(rows[i]);
      int best = 0;
      for (int k = 0; k < expected[i].length; k++) {
        assertEquals(expected[i][k], p[k], 1e-6, "XgbModel row " + i + " class " + k);
        assertEquals(expected[i][k], o.proba()[i][k], 1e-6,
            "ONNX Runtime row " + i + " class " + k);
        if (expected[i][k] > expected[i][best]) {
          best = k;
        }
      }
      assertEquals(best, o.label()[i], "ONNX Runtime label of row " + i);
    }
  }

  @Test
  void binaryAllPositiveLeaves() throws Exception {
    // base_score 0.2 -> margin ln(0.25); leaves +0.3 (x0 < 1 or missing) and +1.7.
    XgbModel m = XgbModel.parse(TreeFixtures.json("binary:logistic", 0, 2, "2E-1",
        TreeFixtures.list(TreeFixtures.stump(0, 1.0, 0.3, 1.7, true)), new int[] {0}), "hand");
    double b = Math.log(0.25);
    float[][] rows = {{0.5f, 0f}, {1.0f, 0f}, {NAN, 9f}, {3f, NAN}};
    double[] z = {b + 0.3, b + 1.7, b + 0.3, b + 1.7};
    double[][] exp = new double[4][];
    for (int i = 0; i < 4; i++) {
      exp[i] = new double[] {1 - sigmoid(z[i]), sigmoid(z[i])};
    }
    check(m, rows, exp);
  }

  @Test
  void binaryAllNegativeLeavesTwoTrees() throws Exception {
    XgbModel m = XgbModel.parse(TreeFixtures.json("binary:logistic", 0, 2, "9E-1",
        TreeFixtures.list(TreeFixtures.stump(0, 1.0, -0.3, -0.1, false),
            TreeFixtures.stump(1, -2.0, -0.05, -2.5, true)), new int[] {0, 0}), "hand");
    double b = Math.log(9.0);
    float[][] rows = {{0.5f, -3f}, {1.0f, -2f}, {NAN, NAN}, {-7f, 5f}};
    double[] z = {b - 0.3 - 0.05, b - 0.1 - 2.5, b - 0.1 - 0.05, b - 0.3 - 2.5};
    double[][] exp = new double[4][];
    for (int i = 0; i < 4; i++) {
      exp[i] = new double[] {1 - sigmoid(z[i]), sigmoid(z[i])};
    }
    check(m, rows, exp);
  }

  @Test
  void threeClassSoftprobWithDeeperTree() throws Exception {
    // Class 0: depth-2 tree on x1 then x0; class 1: stump on x2; class 2: a single leaf.
    T deep = new T(new int[] {1, 3, -1, -1, -1}, new int[] {2, 4, -1, -1, -1},
        new int[] {1, 0, 0, 0, 0}, new double[] {0.0, 2.0, 0.4, -0.2, 0.9},
        new int[] {0, 1, 0, 0, 0});
    T leaf = new T(new int[] {-1}, new int[] {-1}, new int[] {0}, new double[] {0.25},
        new int[] {0});
    XgbModel m = XgbModel.parse(TreeFixtures.json("multi:softprob", 3, 3, "5E-1",
        TreeFixtures.list(deep, TreeFixtures.stump(2, 0.5, 1.1, -0.7, false), leaf),
        new int[] {0, 1, 2}), "hand");
    float[][] rows = {{1f, -1f, 0f}, {3f, -1f, 1f}, {NAN, -1f, NAN}, {0f, 5f, 0.5f}};
    // margins (plus 0.5 each, which softmax cancels)
    double[][] z = {{-0.2, 1.1, 0.25}, {0.9, -0.7, 0.25}, {-0.2, -0.7, 0.25}, {0.4, -0.7, 0.25}};
    double[][] exp = new double[4][3];
    for (int i = 0; i < 4; i++) {
      double s = 0;
      for (int k = 0; k < 3; k++) {
        s += Math.exp(z[i][k]);
      }
      for (int k = 0; k < 3; k++) {
        exp[i][k] = Math.exp(z[i][k]) / s;
      }
    }
    check(m, rows, exp);
    assertArrayEquals(new float[] {0.5f - 0.2f, 0.5f + 1.1f, 0.5f + 0.25f},
        m.predictMargin(rows[0]), 1e-6f);
  }
}
