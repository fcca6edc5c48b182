package dev.ecg.core.metrics;

import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.labels.CincClass;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Percentile-bootstrap confidence intervals ({@link Bootstrap}) of the metrics a classification
 * report quotes, all over the same resamples of the test examples:
 *
 * <ul>
 *   <li>{@code accuracy}, {@code macro_f1}, {@code weighted_f1} and {@code f1_<class>} for every
 *       class ({@link ConfusionMatrix});</li>
 *   <li>when the class names are the AAMI classes N, S, V, F, Q ({@link AamiClass#NAMES}): the
 *       ANSI/AAMI EC57 beat statistics {@code sveb_se}, {@code sveb_ppv}, {@code veb_se},
 *       {@code veb_ppv} ({@link AamiMetrics}: sensitivity and positive predictivity of SVEB and
 *       VEB);</li>
 *   <li>when they are the CinC 2017 classes N, A, O, ~ ({@link CincClass#NAMES}):
 *       {@code cinc_score}, the challenge score of Clifford et al. 2017 ({@link CincScore});</li>
 *   <li>when probabilities are given and every class occurs in {@code yTrue}: {@code macro_auc},
 *       the macro mean of the one-vs-rest ROC-AUCs ({@link RocAuc}, scikit-learn's
 *       {@code roc_auc_score(multi_class="ovr", average="macro")}). A resample that lost every
 *       example of some class is skipped by the bootstrap; when more than half are, the interval
 *       is left out (the point value is still in the report).</li>
 * </ul>
 *
 * <p>Each interval is computed by its own {@link Bootstrap#interval} call with the same seed, so
 * every metric sees the same sequence of resamples. A metric whose value is 0 by convention where
 * undefined (F1, Se, +P of an absent class) gets an interval like any other.
 *
 * <pre>{@code
 * Map<String, ConfidenceInterval> ci = ClassificationIntervals.of(yTest, yPred, probs,
 *     AamiClass.NAMES, Bootstrap.of(1000, 0.95, seed));
 * System.out.println(ci.get("veb_se"));
 * }</pre>
 */
public final class ClassificationIntervals {
  /** Resamples used by {@link #of(int[], int[], double[][], List, long)}. */
  public static final int DEFAULT_RESAMPLES = 1000;
  /** Level used by {@link #of(int[], int[], double[][], List, long)}. */
  public static final double DEFAULT_LEVEL = 0.95;

  private ClassificationIntervals() {}

  /**
   * {@link #of(int[], int[], double[][], List, Bootstrap)} with {@value #DEFAULT_RESAMPLES}
   * resamples at the 95 % level.
   *
   * @param yTrue true labels in {@code [0, k)}, k = {@code classNames.size()}
   * @param yPred predicted labels, same length
   * @param probs class probabilities ({@code n x k}), or null
   * @param classNames class names in label order, at least 2, distinct
   * @param seed bootstrap seed
   * @return interval name to interval, in the order described in the class comment
   * @throws MetricInputException on null, empty, mismatched or out-of-range input
   */
  public static Map<String, ConfidenceInterval> of(int[] yTrue, int[] yPred, double[][] probs,
      List<String> classNames, long seed) {
    return of(yTrue, yPred, probs, classNames,
        Bootstrap.of(DEFAULT_RESAMPLES, DEFAULT_LEVEL, seed));
  }

  /**
   * Computes the intervals.
   *
   * @param yTrue true labels in {@code [0, k)}, k = {@code classNames.size()}
   * @param yPred predicted labels, same length
   * @param probs class probabilities ({@code n x k}, finite), or null for no {@code macro_auc}
   * @param classNames class names in label order, at least 2, distinct
   * @param bootstrap resamples, level and seed
   * @return interval name to interval, in the order described in the class comment
   * @throws MetricInputException on null, empty, mismatched or out-of-range input
   */
  public static Map<String, ConfidenceInterval> of(int[] yTrue, int[] yPred, double[][] probs,
      List<String> classNames, Bootstrap bootstrap) {
    Inputs.notNull(classNames, "classNames");
    Inputs.notNull(bootstrap, "bootstrap");
    int k = classNames.size();
    if (k < 2) {
      throw new MetricInputException("need at least 2 class names, got " + classNames);
    }
    if (new HashSet<>(classNames).size() != k
        || classNames.stream().anyMatch(java.util.Objects::isNull)) {
      throw new MetricInputException("class names must be distinct and not null: " + classNames);
    }
    Inputs.pair(yTrue, yPred, k);
    if (probs != null) {
      int width = Inputs.scores(yTrue, probs);
      if (width != k) {
        throw new MetricInputException("probs has " + width + " columns for " + k + " classes");
      }
    }
    Bootstrap b = bootstrap;
    Map<String, ConfidenceInterval> m = new LinkedHashMap<>();
    m.put("accuracy", b.interval(yTrue, yPred, (t, p) -> ConfusionMatrix.of(t, p, k).accuracy()));
    m.put("macro_f1", b.interval(yTrue, yPred, (t, p) -> ConfusionMatrix.of(t, p, k).macroF1()));
    m.put("weighted_f1", b.interval(yTrue, yPred,
        (t, p) -> ConfusionMatrix.of(t, p, k).weightedF1()));
    for (int c = 0; c < k; c++) {
      final int cc = c;
      m.put("f1_" + classNames.get(c), b.interval(yTrue, yPred,
          (t, p) -> ConfusionMatrix.of(t, p, k).f1(cc)));
    }
    if (classNames.equals(AamiClass.NAMES)) {
      m.put("sveb_se", b.interval(yTrue, yPred,
          (t, p) -> AamiMetrics.of(t, p).sveb().sensitivity()));
      m.put("sveb_ppv", b.interval(yTrue, yPred,
          (t, p) -> AamiMetrics.of(t, p).sveb().positivePredictivity()));
      m.put("veb_se", b.interval(yTrue, yPred,
          (t, p) -> AamiMetrics.of(t, p).veb().sensitivity()));
      m.put("veb_ppv", b.interval(yTrue, yPred,
          (t, p) -> AamiMetrics.of(t, p).veb().positivePredictivity()));
    }
    if (classNames.equals(CincClass.NAMES)) {
      m.put("cinc_score", b.interval(yTrue, yPred, (t, p) -> CincScore.of(t, p).score()));
    }
    if (probs != null && allClassesPresent(yTrue, k)) {
      try {
        m.put("macro_auc", b.interval(yTrue, yPred, probs, (t, p, s) -> {
          OptionalDouble[] a = RocAuc.perClassIfDefined(t, s);
          double sum = 0;
          for (OptionalDouble d : a) {
            if (d.isEmpty()) {
              // a resample without some class: the bootstrap skips it
              throw new UndefinedMetricException(
                  "ROC-AUC undefined: a class is absent from this resample");
            }
            sum += d.getAsDouble();
          }
          return sum / a.length;
        }));
      } catch (UndefinedMetricException e) {
        // more than half of the resamples miss a class: no interval
      }
    }
    return m;
  }

  private static boolean allClassesPresent(int[] y, int k) {
    boolean[] seen = new boolean[k];
    for (int v : y) {
      seen[v] = true;
    }
    for (boolean s : seen) {
      if (!s) {
        return false;
      }
    }
    return true;
  }
}
