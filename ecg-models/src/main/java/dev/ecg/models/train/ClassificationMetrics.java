package dev.ecg.models.train;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;

/**
 * The validation metrics computed by the trainer from labels, argmax predictions and class
 * scores. Definitions follow scikit-learn: F1 of a class with no true and no predicted examples
 * is 0 ({@code zero_division=0}); macro AUC is the mean of the one-vs-rest ROC AUCs (ties count
 * one half, Mann-Whitney), over the classes that have both positives and negatives.
 */
public final class ClassificationMetrics {

  private ClassificationMetrics() {}

  /**
   * @param yTrue true labels
   * @param yPred predicted labels
   * @param k number of classes
   * @return the k x k confusion matrix, rows = true class, columns = predicted class
   * @throws EcgArgumentException for mismatched lengths or labels outside {@code [0, k)}
   */
  public static int[][] confusion(int[] yTrue, int[] yPred, int k) {
    if (yTrue.length != yPred.length) {
      throw new EcgArgumentException(
          "yTrue has " + yTrue.length + " labels but yPred has " + yPred.length);
    }
    int[][] cm = new int[k][k];
    for (int i = 0; i < yTrue.length; i++) {
      if (yTrue[i] < 0 || yTrue[i] >= k || yPred[i] < 0 || yPred[i] >= k) {
        throw new EcgArgumentException(
            "label pair " + i + " (" + yTrue[i] + ", " + yPred[i] + ") outside [0, " + k + ")");
      }
      cm[yTrue[i]][yPred[i]]++;
    }
    return cm;
  }

  /**
   * @param cm a confusion matrix
   * @return per-class F1 {@code 2 TP / (2 TP + FP + FN)}, 0 when the denominator is 0
   */
  public static double[] f1PerClass(int[][] cm) {
    int k = cm.length;
    double[] f1 = new double[k];
    for (int c = 0; c < k; c++) {
      long tp = cm[c][c];
      long row = 0;
      long col = 0;
      for (int j = 0; j < k; j++) {
        row += cm[c][j];
        col += cm[j][c];
      }
      f1[c] = row + col == 0 ? 0 : 2.0 * tp / (row + col);
    }
    return f1;
  }

  /**
   * @param cm a confusion matrix
   * @return accuracy, the trace over the total
   */
  public static double accuracy(int[][] cm) {
    long ok = 0;
    long all = 0;
    for (int i = 0; i < cm.length; i++) {
      for (int j = 0; j < cm.length; j++) {
        all += cm[i][j];
        if (i == j) {
          ok += cm[i][j];
        }
      }
    }
    return all == 0 ? Double.NaN : (double) ok / all;
  }

  /**
   * @param cm a confusion matrix
   * @return mean per-class F1
   */
  public static double macroF1(int[][] cm) {
    return Arrays.stream(f1PerClass(cm)).average().orElse(Double.NaN);
  }

  /**
   * @param cm a confusion matrix with at least 3 classes, in CinC 2017 order N, A, O(, ~)
   * @return {@code (F1_N + F1_A + F1_O) / 3}
   * @throws EcgArgumentException for fewer than 3 classes
   */
  public static double cincScore(int[][] cm) {
    if (cm.length < 3) {
      throw new EcgArgumentException("the CinC 2017 score needs >= 3 classes, got " + cm.length);
    }
    double[] f1 = f1PerClass(cm);
    return (f1[0] + f1[1] + f1[2]) / 3.0;
  }

  /**
   * @param yTrue true labels in {@code [0, k)}
   * @param scores one row of k class scores per example
   * @return the macro one-vs-rest ROC AUC, or NaN if no class has both positives and negatives
   * @throws EcgArgumentException for mismatched sizes
   */
  public static double macroAuc(int[] yTrue, double[][] scores) {
    if (yTrue.length != scores.length || scores.length == 0) {
      throw new EcgArgumentException(
          "macroAuc needs one score row per label, got " + scores.length + " rows for "
              + yTrue.length + " labels");
    }
    int k = scores[0].length;
    double sum = 0;
    int used = 0;
    double[] s = new double[yTrue.length];
    boolean[] pos = new boolean[yTrue.length];
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < s.length; i++) {
        if (scores[i].length != k) {
          throw new EcgArgumentException("score row " + i + " has " + scores[i].length + " entries, expected " + k);
        }
        s[i] = scores[i][c];
        pos[i] = yTrue[i] == c;
      }
      double auc = binaryAuc(pos, s);
      if (!Double.isNaN(auc)) {
        sum += auc;
        used++;
      }
    }
    return used == 0 ? Double.NaN : sum / used;
  }

  /** Mann-Whitney AUC with average ranks for ties; NaN without both classes. */
  static double binaryAuc(boolean[] positive, double[] score) {
    int n = score.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    double rankSumPos = 0;
    long nPos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
        j++;
      }
      double avgRank = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) {
        if (positive[order[t]]) {
          rankSumPos += avgRank;
          nPos++;
        }
      }
      i = j + 1;
    }
    long nNeg = n - nPos;
    if (nPos == 0 || nNeg == 0) {
      return Double.NaN;
    }
    return (rankSumPos - nPos * (nPos + 1) / 2.0) / ((double) nPos * nNeg);
  }
}
