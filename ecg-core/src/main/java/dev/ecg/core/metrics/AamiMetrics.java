package dev.ecg.core.metrics;

import dev.ecg.core.labels.AamiClass;

/**
 * Heartbeat-classification statistics in the style of ANSI/AAMI EC57 as used by de Chazal,
 * O'Dwyer and Reilly, "Automatic classification of heartbeats using ECG morphology and heartbeat
 * interval features", IEEE Trans. Biomed. Eng. 51(7), 2004, and most later inter-patient studies.
 *
 * <p>Input is a 5 x 5 confusion matrix with rows = reference class and columns = predicted class in
 * the order N, S, V, F, Q ({@link AamiClass#NAMES}). Writing {@code Xy} for the number of beats of
 * reference class X labelled y:
 *
 * <table>
 *   <caption>Counts behind the SVEB and VEB statistics</caption>
 *   <tr><th></th><th>SVEB (S)</th><th>VEB (V)</th></tr>
 *   <tr><td>TP</td><td>Ss</td><td>Vv</td></tr>
 *   <tr><td>FN</td><td>Sn + Sv + Sf + Sq</td><td>Vn + Vs + Vf + Vq</td></tr>
 *   <tr><td>FP</td><td>Ns + Vs + Fs + Qs</td><td>Nv + Sv + Qv (Fv is not counted)</td></tr>
 *   <tr><td>TN</td><td>every beat neither in row S nor in column s</td>
 *       <td>every beat neither in row V nor in column v</td></tr>
 * </table>
 *
 * <p>Following the AAMI recommendation, a fusion beat (F) labelled V is not penalised in the VEB
 * statistics: it is neither a false positive nor a true negative. Then
 * Se = TP/(TP+FN), +P = TP/(TP+FP), FPR = FP/(FP+TN), and the overall accuracy is the trace over
 * all beats (all five classes). Some authors also drop Q beats entirely; this class counts them
 * like any other beat. A statistic whose denominator is zero is reported as 0.0 and listed in
 * {@link #undefinedMetrics()}.
 */
public final class AamiMetrics {
  private static final int S = 1;
  private static final int V = 2;
  private static final int F = 3;

  private final Stats sveb;
  private final Stats veb;
  private final double accuracy;

  /**
   * True/false positive and negative counts of one ectopic class and the ratios derived from them.
   *
   * @param tp true positives
   * @param fn false negatives
   * @param fp false positives
   * @param tn true negatives
   */
  public record Stats(long tp, long fn, long fp, long tn) {
    /** @return sensitivity Se = TP / (TP + FN), 0.0 if undefined */
    public double sensitivity() {
      return ConfusionMatrix.ratio(tp, tp + fn);
    }

    /** @return positive predictivity +P = TP / (TP + FP), 0.0 if undefined */
    public double positivePredictivity() {
      return ConfusionMatrix.ratio(tp, tp + fp);
    }

    /** @return false positive rate FPR = FP / (FP + TN), 0.0 if undefined */
    public double falsePositiveRate() {
      return ConfusionMatrix.ratio(fp, fp + tn);
    }

    /** @return specificity TN / (TN + FP) = 1 - FPR, 0.0 if undefined */
    public double specificity() {
      return ConfusionMatrix.ratio(tn, fp + tn);
    }

    /** @return F1 = 2 TP / (2 TP + FP + FN), 0.0 if undefined */
    public double f1() {
      return ConfusionMatrix.ratio(2 * tp, 2 * tp + fp + fn);
    }
  }

  private AamiMetrics(Stats sveb, Stats veb, double accuracy) {
    this.sveb = sveb;
    this.veb = veb;
    this.accuracy = accuracy;
  }

  /**
   * Computes the statistics from a 5-class confusion matrix.
   *
   * @param m a matrix over N, S, V, F, Q in that order; class names must be the defaults
   *     {@code "0".."4"} or exactly {@link AamiClass#NAMES}
   * @return the statistics
   * @throws MetricInputException if {@code m} is null, not 5 x 5 or named in another order
   */
  public static AamiMetrics of(ConfusionMatrix m) {
    Inputs.notNull(m, "confusion matrix");
    if (m.numClasses() != 5) {
      throw new MetricInputException("AAMI statistics need 5 classes (N, S, V, F, Q), got "
          + m.numClasses() + " " + m.classNames());
    }
    if (!m.classNames().equals(AamiClass.NAMES)
        && !m.classNames().equals(java.util.List.of("0", "1", "2", "3", "4"))) {
      throw new MetricInputException(
          "AAMI statistics need classes in the order " + AamiClass.NAMES + ", got " + m.classNames());
    }
    long total = m.total();
    long ss = m.count(S, S);
    Stats sveb = new Stats(ss, m.support(S) - ss, m.predictedCount(S) - ss,
        total - m.support(S) - m.predictedCount(S) + ss);
    long vv = m.count(V, V);
    long fv = m.count(F, V);
    Stats veb = new Stats(vv, m.support(V) - vv, m.predictedCount(V) - vv - fv,
        total - m.support(V) - m.predictedCount(V) + vv);
    return new AamiMetrics(sveb, veb, m.accuracy());
  }

  /**
   * Computes the statistics from label vectors with indices 0..4 = N, S, V, F, Q.
   *
   * @param yTrue reference labels in [0, 5)
   * @param yPred predicted labels in [0, 5), same length
   * @return the statistics
   * @throws MetricInputException on null, empty, mismatched or out-of-range labels
   */
  public static AamiMetrics of(int[] yTrue, int[] yPred) {
    return of(ConfusionMatrix.of(yTrue, yPred, AamiClass.NAMES));
  }

  /** @return counts and ratios for supraventricular ectopic beats (class S) */
  public Stats sveb() {
    return sveb;
  }

  /** @return counts and ratios for ventricular ectopic beats (class V) */
  public Stats veb() {
    return veb;
  }

  /** @return fraction of all beats classified correctly */
  public double accuracy() {
    return accuracy;
  }

  /** @return messages for every statistic whose denominator was zero (reported as 0.0) */
  public java.util.List<String> undefinedMetrics() {
    java.util.List<String> w = new java.util.ArrayList<>();
    check(w, "SVEB", sveb);
    check(w, "VEB", veb);
    return java.util.Collections.unmodifiableList(w);
  }

  private static void check(java.util.List<String> w, String name, Stats s) {
    if (s.tp + s.fn == 0) {
      w.add(name + " Se: no reference beats of the class, set to 0.0");
    }
    if (s.tp + s.fp == 0) {
      w.add(name + " +P: no beats labelled as the class, set to 0.0");
    }
    if (s.fp + s.tn == 0) {
      w.add(name + " FPR: no beats outside the class, set to 0.0");
    }
  }

  /** @return a short multi-line summary of Se, +P and FPR for SVEB and VEB, and accuracy */
  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT,
        "AAMI EC57 (de Chazal 2004 convention)\n"
            + "         Se       +P      FPR       TP       FN       FP       TN\n"
            + "SVEB %7.4f  %7.4f  %7.4f %8d %8d %8d %8d\n"
            + "VEB  %7.4f  %7.4f  %7.4f %8d %8d %8d %8d\n"
            + "accuracy %.4f\n",
        sveb.sensitivity(), sveb.positivePredictivity(), sveb.falsePositiveRate(),
        sveb.tp, sveb.fn, sveb.fp, sveb.tn,
        veb.sensitivity(), veb.positivePredictivity(), veb.falsePositiveRate(),
        veb.tp, veb.fn, veb.fp, veb.tn, accuracy);
  }
}
