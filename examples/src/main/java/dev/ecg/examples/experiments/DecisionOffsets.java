package dev.ecg.examples.experiments;

import dev.ecg.models.train.TrainingResult;
import java.io.IOException;

/**
 * Additive decision offsets for chosen classes' log-probabilities, picked on validation data: a
 * class-prior correction (Saerens et al. 2002 adjust the outputs to new priors by the log of the
 * prior ratio; here the offsets are simply searched on a grid) for a model trained on a
 * rebalanced sample. Prediction becomes {@code argmax(log p + offsets)}, which equals {@code
 * argmax(logits + offsets)}, so the offsets can be folded into the output bias.
 */
public final class DecisionOffsets {
  /** Grid bounds and step of the search. */
  static final double LO = -3;
  static final double HI = 3;
  static final double STEP = 0.25;

  private DecisionOffsets() {}

  /**
   * Grid search of offsets for {@code classes} (others stay 0) maximising the mean F1 of those
   * classes; on ties the offsets with the smallest sum of absolute values win (first found).
   *
   * @param y true labels
   * @param p class probabilities per example
   * @param k number of classes
   * @param classes the classes whose offsets are searched (one or two)
   * @return the offsets, one per class
   */
  public static double[] choose(int[] y, double[][] p, int k, int[] classes) {
    if (classes.length < 1 || classes.length > 2) {
      throw new IllegalArgumentException("search one or two classes, got " + classes.length);
    }
    double[][] lp = new double[p.length][k];
    for (int i = 0; i < p.length; i++) {
      for (int c = 0; c < k; c++) {
        lp[i][c] = Math.log(Math.max(p[i][c], 1e-12));
      }
    }
    int n = (int) Math.round((HI - LO) / STEP) + 1;
    double bestScore = -1;
    double bestNorm = Double.POSITIVE_INFINITY;
    double[] best = new double[k];
    int n2 = classes.length == 2 ? n : 1;
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n2; b++) {
        double[] off = new double[k];
        off[classes[0]] = LO + a * STEP;
        double norm = Math.abs(off[classes[0]]);
        if (classes.length == 2) {
          off[classes[1]] = LO + b * STEP;
          norm += Math.abs(off[classes[1]]);
        }
        int[] pred = argmax(lp, off);
        double score = classes.length == 2 ? meanF1(y, pred, classes[0], classes[1])
            : f1(y, pred, classes[0]);
        if (score > bestScore + 1e-12 || (Math.abs(score - bestScore) <= 1e-12
            && norm < bestNorm)) {
          bestScore = score;
          bestNorm = norm;
          best = off;
        }
      }
    }
    return best;
  }

  /**
   * Offsets for every class but {@code base}: first the two {@code target} classes by {@link
   * #choose} (mean F1 of the targets), then each remaining class by a one-dimensional grid search
   * maximising the macro-F1 over all classes with the other offsets held (so a class that
   * steals many beats of the base class, such as F taking N beats, is pushed back), then the
   * targets again with those fixed.
   *
   * @param y true labels
   * @param p class probabilities per example
   * @param k number of classes
   * @param base the class whose offset stays 0 (N)
   * @param targets the two classes whose mean F1 is the goal (S, V)
   * @return the offsets, one per class
   */
  public static double[] chooseAll(int[] y, double[][] p, int k, int base, int[] targets) {
    double[] off = choose(y, p, k, targets);
    double[][] lp = logs(p);
    for (int c = 0; c < k; c++) {
      if (c == base || c == targets[0] || c == targets[1]) {
        continue;
      }
      double best = -1;
      double bestV = 0;
      int n = (int) Math.round((HI - LO) / STEP) + 1;
      for (int a = 0; a < n; a++) {
        double v = LO + a * STEP;
        double[] o = off.clone();
        o[c] = v;
        double score = macroF1(y, argmax(lp, o), k);
        if (score > best + 1e-12 || (Math.abs(score - best) <= 1e-12
            && Math.abs(v) < Math.abs(bestV))) {
          best = score;
          bestV = v;
        }
      }
      off[c] = bestV;
    }
    // the targets again, with the other offsets in place
    double[][] shifted = new double[p.length][k];
    for (int i = 0; i < p.length; i++) {
      for (int c = 0; c < k; c++) {
        boolean target = c == targets[0] || c == targets[1];
        shifted[i][c] = Math.exp(lp[i][c] + (target ? 0 : off[c]));
      }
    }
    double[] t = choose(y, shifted, k, targets);
    off[targets[0]] = t[targets[0]];
    off[targets[1]] = t[targets[1]];
    return off;
  }

  /**
   * @param y true labels
   * @param pred predicted labels
   * @param k number of classes
   * @return the unweighted mean of the k per-class F1 scores
   */
  public static double macroF1(int[] y, int[] pred, int k) {
    double s = 0;
    for (int c = 0; c < k; c++) {
      s += f1(y, pred, c);
    }
    return s / k;
  }

  static double[][] logs(double[][] p) {
    double[][] lp = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      lp[i] = new double[p[i].length];
      for (int c = 0; c < p[i].length; c++) {
        lp[i][c] = Math.log(Math.max(p[i][c], 1e-12));
      }
    }
    return lp;
  }

  static int[] argmax(double[][] lp, double[] off) {
    int[] out = new int[lp.length];
    for (int i = 0; i < lp.length; i++) {
      int b = 0;
      for (int c = 1; c < off.length; c++) {
        if (lp[i][c] + off[c] > lp[i][b] + off[b]) {
          b = c;
        }
      }
      out[i] = b;
    }
    return out;
  }

  /**
   * @param y true labels
   * @param pred predicted labels
   * @param c a class
   * @return F1 of class c (0 when it has no true and no predicted example)
   */
  public static double f1(int[] y, int[] pred, int c) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (int i = 0; i < y.length; i++) {
      if (pred[i] == c && y[i] == c) {
        tp++;
      } else if (pred[i] == c) {
        fp++;
      } else if (y[i] == c) {
        fn++;
      }
    }
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }

  /**
   * @param y true labels
   * @param pred predicted labels
   * @param a a class
   * @param b another class
   * @return the mean of their F1 scores
   */
  public static double meanF1(int[] y, int[] pred, int a, int b) {
    return (f1(y, pred, a) + f1(y, pred, b)) / 2;
  }

  /**
   * Folds offsets into the output bias of a trained model and its checkpoint (no-op when all
   * offsets are 0).
   *
   * @param r the training result
   * @param offsets one per class
   * @throws IOException if the checkpoint cannot be rewritten
   */
  public static void foldIntoOutputBias(TrainingResult r, double[] offsets) throws IOException {
    boolean any = false;
    for (double o : offsets) {
      any |= o != 0;
    }
    if (any) {
      r.addToOutputBias(offsets);
    }
  }
}
