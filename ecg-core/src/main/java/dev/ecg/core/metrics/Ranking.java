package dev.ecg.core.metrics;

import java.util.Arrays;

/** Rank-based kernels shared by {@link RocAuc} and {@link AveragePrecision}. */
final class Ranking {
  private Ranking() {}

  /** Scores of the samples whose label equals (or, with {@code positive=false}, differs from) c. */
  static double[] split(int[] y, double[][] scores, int c, boolean positive) {
    int n = 0;
    for (int v : y) {
      if ((v == c) == positive) {
        n++;
      }
    }
    double[] r = new double[n];
    int j = 0;
    for (int i = 0; i < y.length; i++) {
      if ((y[i] == c) == positive) {
        r[j++] = scores[i][c] + 0.0; // + 0.0 folds -0.0 into 0.0 so the two tie
      }
    }
    Arrays.sort(r);
    return r;
  }

  static double[] split(int[] y, double[] scores, boolean positive) {
    int n = 0;
    for (int v : y) {
      if ((v == 1) == positive) {
        n++;
      }
    }
    double[] r = new double[n];
    int j = 0;
    for (int i = 0; i < y.length; i++) {
      if ((y[i] == 1) == positive) {
        r[j++] = scores[i] + 0.0;
      }
    }
    Arrays.sort(r);
    return r;
  }

  /**
   * Area under the ROC curve from ascending positive and negative scores: the fraction of
   * (positive, negative) pairs ranked correctly, ties counting one half. This equals the trapezoidal
   * area under the ROC curve whose points are the distinct score thresholds (Hanley and McNeil 1982).
   */
  static double auc(double[] pos, double[] neg) {
    // For each positive, count negatives strictly below and equal; both arrays ascending.
    long below = 0; // 2 * (number of correctly ordered pairs) + ties
    int lo = 0;
    int hi = 0;
    for (double p : pos) {
      while (lo < neg.length && neg[lo] < p) {
        lo++;
      }
      if (hi < lo) {
        hi = lo;
      }
      while (hi < neg.length && neg[hi] <= p) {
        hi++;
      }
      below += 2L * lo + (hi - lo);
    }
    return below / (2.0 * pos.length * (double) neg.length);
  }

  /**
   * Average precision: sum over descending distinct thresholds of (R_n - R_{n-1}) P_n, with all
   * samples at a tied score entering together.
   */
  static double averagePrecision(double[] pos, double[] neg) {
    int i = pos.length - 1;
    int j = neg.length - 1;
    long tp = 0;
    long fp = 0;
    double ap = 0;
    double p = pos.length;
    while (i >= 0) {
      double t = Math.max(pos[i], j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
      long dtp = 0;
      while (i >= 0 && pos[i] == t) {
        dtp++;
        i--;
      }
      while (j >= 0 && neg[j] == t) {
        fp++;
        j--;
      }
      tp += dtp;
      if (dtp > 0) {
        ap += (dtp / p) * ((double) tp / (tp + fp));
      }
    }
    // The recall steps dtp / p sum to 1 only up to rounding (e.g. 1.0000000000000002 for a
    // perfect ranking); AP is a probability-weighted mean of precisions, so it cannot exceed 1.
    return Math.min(ap, 1.0);
  }

  /**
   * Cumulative counts at each distinct threshold, thresholds descending: row 0 = thresholds,
   * row 1 = true positives, row 2 = false positives (samples scoring at least the threshold).
   */
  static double[][] cumulative(double[] pos, double[] neg) {
    int i = pos.length - 1;
    int j = neg.length - 1;
    double[] thr = new double[pos.length + neg.length];
    double[] tps = new double[thr.length];
    double[] fps = new double[thr.length];
    int m = 0;
    long tp = 0;
    long fp = 0;
    while (i >= 0 || j >= 0) {
      double t = Math.max(i >= 0 ? pos[i] : Double.NEGATIVE_INFINITY,
          j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
      while (i >= 0 && pos[i] == t) {
        tp++;
        i--;
      }
      while (j >= 0 && neg[j] == t) {
        fp++;
        j--;
      }
      thr[m] = t;
      tps[m] = tp;
      fps[m] = fp;
      m++;
    }
    return new double[][] {
        java.util.Arrays.copyOf(thr, m), java.util.Arrays.copyOf(tps, m), java.util.Arrays.copyOf(fps, m)};
  }

  /** Plain mean of per-class values (the macro average). */
  static double mean(double[] perClass) {
    double s = 0;
    for (double v : perClass) {
      s += v;
    }
    return s / perClass.length;
  }

  /** Mean of per-class values weighted by each class's count in {@code yTrue}. */
  static double supportWeightedMean(double[] perClass, int[] yTrue) {
    long[] support = new long[perClass.length];
    for (int y : yTrue) {
      support[y]++;
    }
    double s = 0;
    for (int c = 0; c < perClass.length; c++) {
      s += perClass[c] * support[c];
    }
    return s / yTrue.length;
  }
}
