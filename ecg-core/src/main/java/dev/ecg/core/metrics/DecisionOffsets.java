package dev.ecg.core.metrics;

/**
 * Additive per-class offsets on log-probabilities, chosen on validation data, that move a
 * classifier's decisions towards chosen classes: the prediction becomes
 * {@code argmax_c(log p_c + offset_c)} instead of {@code argmax_c p_c}.
 *
 * <p>This is a class-prior correction. Saerens, Latinne and Decaestecker (Neural Computation
 * 14(1):21-41, 2002) show that a posterior trained under one set of class priors is adjusted to
 * other priors by adding the log of the prior ratio to each class's log-posterior; a model trained
 * on a rebalanced sample therefore needs such offsets to serve the natural class mix. Here the
 * offsets are not derived from known priors but searched on a grid ({@value #LO} to {@value #HI}
 * in steps of {@value #STEP}) for the best F1 of the classes that matter on held-out data.
 * Because {@code log p_c = logit_c - logsumexp(logits)}, the same decisions follow from adding
 * the offsets to the logits, so they can be folded into a network's output bias.
 *
 * <p>Probabilities below {@code 1e-12} are read as {@code 1e-12} before the logarithm, so a zero
 * probability stays finite. On equal scores the lower class index wins, as in an arg-max.
 *
 * <pre>{@code
 * double[] off = DecisionOffsets.choose(yVal, pVal, 5, AamiClass.S.ordinal(), AamiClass.V.ordinal());
 * int[] pred = DecisionOffsets.apply(pTest, off);
 * }</pre>
 */
public final class DecisionOffsets {
  /** Lowest offset tried. */
  public static final double LO = -3;
  /** Highest offset tried. */
  public static final double HI = 3;
  /** Grid step. */
  public static final double STEP = 0.25;
  /** Probabilities are clipped below to this before the logarithm. */
  public static final double MIN_PROBABILITY = 1e-12;

  private static final int GRID = (int) Math.round((HI - LO) / STEP) + 1;

  private DecisionOffsets() {}

  /**
   * Grid search of the offsets of one or two classes (the others stay 0) maximising the F1 of
   * that class, or the mean F1 of the two. Among equally good offsets (within 1e-12) the one with
   * the smallest sum of absolute values wins, the first found on a further tie (grid order from
   * {@link #LO} upwards, first class outermost).
   *
   * @param yTrue true labels in {@code [0, k)}
   * @param probs class probabilities, {@code n x k}
   * @param k number of classes, at least 2
   * @param classes the one or two distinct classes whose offsets are searched
   * @return the offsets, one per class
   * @throws MetricInputException on null, empty or mismatched input, a label or class outside
   *     {@code [0, k)}, a probability that is negative or not finite, or not one or two classes
   */
  public static double[] choose(int[] yTrue, double[][] probs, int k, int... classes) {
    double[][] lp = checkedLogs(yTrue, probs, k);
    checkClasses(classes, k);
    return search(yTrue, lp, k, classes);
  }

  /**
   * Offsets for every class but {@code base}: first the two {@code targets} as by {@link
   * #choose} (mean F1 of the two), then each remaining class by a one-dimensional grid search
   * maximising the macro-F1 over all classes with the other offsets held (ties: the value nearest
   * 0), so that a class which takes many examples of the base class is pushed back; finally the
   * two targets again with those offsets in place.
   *
   * @param yTrue true labels in {@code [0, k)}
   * @param probs class probabilities, {@code n x k}
   * @param k number of classes, at least 3
   * @param base the class whose offset stays 0 (for example N of the AAMI classes)
   * @param targets the two classes whose mean F1 is the goal (for example S and V)
   * @return the offsets, one per class
   * @throws MetricInputException on malformed input as for {@link #choose}, or when {@code
   *     base} is one of the targets
   */
  public static double[] chooseAll(int[] yTrue, double[][] probs, int k, int base,
      int[] targets) {
    double[][] lp = checkedLogs(yTrue, probs, k);
    Inputs.notNull(targets, "targets");
    if (targets.length != 2) {
      throw new MetricInputException("chooseAll needs two target classes, got " + targets.length);
    }
    checkClasses(targets, k);
    if (base < 0 || base >= k || base == targets[0] || base == targets[1]) {
      throw new MetricInputException("base class " + base + " must be in [0, " + k
          + ") and not a target");
    }
    double[] off = search(yTrue, lp, k, targets);
    for (int c = 0; c < k; c++) {
      if (c == base || c == targets[0] || c == targets[1]) {
        continue;
      }
      double best = -1;
      double bestV = 0;
      for (int a = 0; a < GRID; a++) {
        double v = LO + a * STEP;
        double[] o = off.clone();
        o[c] = v;
        double score = macroF1(yTrue, argmax(lp, o), k);
        if (score > best + 1e-12 || (Math.abs(score - best) <= 1e-12
            && Math.abs(v) < Math.abs(bestV))) {
          best = score;
          bestV = v;
        }
      }
      off[c] = bestV;
    }
    // the targets again, with the other offsets in place (as probabilities exp(log p + offset),
    // clipped again at MIN_PROBABILITY, so a class pushed far down stays finite)
    double[][] shifted = new double[lp.length][k];
    for (int i = 0; i < lp.length; i++) {
      for (int c = 0; c < k; c++) {
        boolean target = c == targets[0] || c == targets[1];
        shifted[i][c] = Math.log(Math.max(Math.exp(lp[i][c] + (target ? 0 : off[c])),
            MIN_PROBABILITY));
      }
    }
    double[] t = search(yTrue, shifted, k, targets);
    off[targets[0]] = t[targets[0]];
    off[targets[1]] = t[targets[1]];
    return off;
  }

  /**
   * The decisions with offsets applied.
   *
   * @param probs class probabilities, {@code n x k}
   * @param offsets one offset per class (added to {@code log p})
   * @return {@code argmax_c(log max(p_c, 1e-12) + offsets[c])} per row, the lowest class on ties
   * @throws MetricInputException on null or empty input, a row of another width than the
   *     offsets, or a value that is not finite (probabilities must also be non-negative)
   */
  public static int[] apply(double[][] probs, double[] offsets) {
    Inputs.notNull(offsets, "offsets");
    for (int c = 0; c < offsets.length; c++) {
      if (!Double.isFinite(offsets[c])) {
        throw new MetricInputException("offsets[" + c + "] = " + offsets[c] + " is not finite");
      }
    }
    return argmax(logs(probs, offsets.length), offsets);
  }

  private static double[] search(int[] y, double[][] lp, int k, int[] classes) {
    double bestScore = -1;
    double bestNorm = Double.POSITIVE_INFINITY;
    double[] best = new double[k];
    int n2 = classes.length == 2 ? GRID : 1;
    for (int a = 0; a < GRID; a++) {
      for (int b = 0; b < n2; b++) {
        double[] off = new double[k];
        off[classes[0]] = LO + a * STEP;
        double norm = Math.abs(off[classes[0]]);
        if (classes.length == 2) {
          off[classes[1]] = LO + b * STEP;
          norm += Math.abs(off[classes[1]]);
        }
        int[] pred = argmax(lp, off);
        double score = classes.length == 2
            ? (f1(y, pred, classes[0]) + f1(y, pred, classes[1])) / 2
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

  private static void checkClasses(int[] classes, int k) {
    Inputs.notNull(classes, "classes");
    if (classes.length < 1 || classes.length > 2) {
      throw new MetricInputException("search one or two classes, got " + classes.length);
    }
    for (int c : classes) {
      if (c < 0 || c >= k) {
        throw new MetricInputException("class " + c + " is outside [0, " + k + ")");
      }
    }
    if (classes.length == 2 && classes[0] == classes[1]) {
      throw new MetricInputException("the two classes must differ, got " + classes[0] + " twice");
    }
  }

  private static double[][] checkedLogs(int[] y, double[][] probs, int k) {
    if (k < 2) {
      throw new MetricInputException("numClasses must be >= 2, got " + k);
    }
    Inputs.labels(y, "yTrue", k);
    Inputs.notNull(probs, "probs");
    Inputs.sameLength(y.length, "yTrue", probs.length, "probs");
    return logs(probs, k);
  }

  private static double[][] logs(double[][] p, int k) {
    Inputs.notNull(p, "probs");
    if (p.length == 0) {
      throw new MetricInputException("probs is empty");
    }
    double[][] lp = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      if (p[i] == null || p[i].length != k) {
        throw new MetricInputException("probs[" + i + "] has " + (p[i] == null ? "no"
            : Integer.toString(p[i].length)) + " values, expected " + k);
      }
      lp[i] = new double[k];
      for (int c = 0; c < k; c++) {
        double v = p[i][c];
        if (!(v >= 0) || !Double.isFinite(v)) {
          throw new MetricInputException("probs[" + i + "][" + c + "] = " + v
              + " is not a finite non-negative probability");
        }
        lp[i][c] = Math.log(Math.max(v, MIN_PROBABILITY));
      }
    }
    return lp;
  }

  private static int[] argmax(double[][] lp, double[] off) {
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

  private static double f1(int[] y, int[] pred, int c) {
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

  private static double macroF1(int[] y, int[] pred, int k) {
    double s = 0;
    for (int c = 0; c < k; c++) {
      s += f1(y, pred, c);
    }
    return s / k;
  }
}
