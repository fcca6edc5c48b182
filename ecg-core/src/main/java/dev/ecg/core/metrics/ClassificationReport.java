package dev.ecg.core.metrics;

import dev.ecg.core.json.JsonWriter;
import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.labels.CincClass;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything worth reporting about a classifier on one test set, as text and as JSON.
 *
 * <p>The text starts with a block laid out exactly like scikit-learn's
 * {@code classification_report(y_true, y_pred, labels=range(k), target_names=names,
 * zero_division=0)} (per-class precision, recall, F1 and support, then accuracy, macro and weighted
 * averages; see {@link #toSklearnText(int)}), followed by per-class specificity, balanced accuracy,
 * micro F1, Cohen's kappa and, when scores are given, one-vs-rest ROC-AUC and average precision per
 * class with their macro averages and the top-label expected calibration error (15 bins, only when
 * every score row is a probability vector). When the class names are the AAMI five
 * ({@link AamiClass#NAMES}) the EC57 SVEB/VEB view ({@link AamiMetrics}) is added; when they are
 * the CinC 2017 four ({@link CincClass#NAMES}) the challenge score ({@link CincScore}). The
 * confusion matrix closes the text. {@link #toJson()} holds all of it.
 *
 * <p>Undefined values never appear as NaN. Per-class precision, recall, F1 and specificity follow
 * the zero-division policy of {@link ConfusionMatrix} (0.0); kappa, AUC and average precision that
 * are undefined are shown as {@code n/a} in the text and {@code null} in JSON; a macro AUC or AP is
 * {@code n/a} when any class is. Each such case adds a line to {@link #warnings()}.
 */
public final class ClassificationReport {
  /** Number of bins of the expected calibration error in the report. */
  public static final int ECE_BINS = 15;
  private static final double PROB_SUM_TOLERANCE = 1e-6;

  private final ConfusionMatrix cm;
  private final OptionalDouble kappa;
  private final boolean hasScores;
  private final OptionalDouble[] auc;
  private final OptionalDouble[] ap;
  private final OptionalDouble aucMacro;
  private final OptionalDouble aucWeighted;
  private final OptionalDouble apMacro;
  private final OptionalDouble ece;
  private final AamiMetrics aami;
  private final CincScore cinc;
  private final List<String> warnings;

  private ClassificationReport(ConfusionMatrix cm, double[][] scores, int[] yTrue) {
    this.cm = cm;
    int k = cm.numClasses();
    List<String> w = new ArrayList<>(cm.undefinedMetrics());
    this.kappa = cm.cohenKappaIfDefined();
    if (kappa.isEmpty()) {
      w.add("cohen_kappa: chance agreement is 1, kappa undefined");
    }
    this.hasScores = scores != null;
    if (hasScores) {
      auc = RocAuc.perClassIfDefined(yTrue, scores);
      ap = AveragePrecision.perClassIfDefined(yTrue, scores);
      long[] support = cm.supports();
      double sum = 0;
      double wsum = 0;
      boolean all = true;
      double apSum = 0;
      boolean apAll = true;
      for (int c = 0; c < k; c++) {
        String n = cm.classNames().get(c);
        if (auc[c].isPresent()) {
          sum += auc[c].getAsDouble();
          wsum += auc[c].getAsDouble() * support[c];
        } else {
          all = false;
          w.add("roc_auc[" + n + "]: class has no positive or no negative sample, undefined");
        }
        if (ap[c].isPresent()) {
          apSum += ap[c].getAsDouble();
        } else {
          apAll = false;
          w.add("average_precision[" + n + "]: class has no positive sample, undefined");
        }
      }
      aucMacro = all ? OptionalDouble.of(sum / k) : OptionalDouble.empty();
      aucWeighted = all ? OptionalDouble.of(wsum / cm.total()) : OptionalDouble.empty();
      apMacro = apAll ? OptionalDouble.of(apSum / k) : OptionalDouble.empty();
      ece = isProbabilities(scores)
          ? OptionalDouble.of(Calibration.expectedCalibrationError(yTrue, scores, ECE_BINS))
          : OptionalDouble.empty();
    } else {
      auc = null;
      ap = null;
      aucMacro = OptionalDouble.empty();
      aucWeighted = OptionalDouble.empty();
      apMacro = OptionalDouble.empty();
      ece = OptionalDouble.empty();
    }
    if (cm.classNames().equals(AamiClass.NAMES)) {
      aami = AamiMetrics.of(cm);
      w.addAll(aami.undefinedMetrics());
    } else {
      aami = null;
    }
    cinc = cm.classNames().equals(CincClass.NAMES) ? CincScore.of(cm) : null;
    this.warnings = Collections.unmodifiableList(w);
  }

  /**
   * Builds a report.
   *
   * @param yTrue true labels in {@code [0, k)}, {@code k = classNames.size()}
   * @param yPred predicted labels in {@code [0, k)}, same length
   * @param scoresOrNull {@code n x k} finite per-class scores (probabilities or logits), or null
   * @param classNames one distinct name per class, in index order
   * @return the report
   * @throws MetricInputException if an argument is null (other than the scores), empty or
   *     mismatched, a label is out of range, or a score row does not have {@code k} finite entries
   */
  public static ClassificationReport of(int[] yTrue, int[] yPred, double[][] scoresOrNull,
      List<String> classNames) {
    ConfusionMatrix cm = ConfusionMatrix.of(yTrue, yPred, classNames);
    if (scoresOrNull != null) {
      int width = Inputs.scores(yTrue, scoresOrNull);
      if (width != cm.numClasses()) {
        throw new MetricInputException("scores rows have " + width + " columns but there are "
            + cm.numClasses() + " classes " + cm.classNames());
      }
    }
    return new ClassificationReport(cm, scoresOrNull, yTrue);
  }

  private static boolean isProbabilities(double[][] scores) {
    for (double[] row : scores) {
      double s = 0;
      for (double v : row) {
        if (v < 0 || v > 1) {
          return false;
        }
        s += v;
      }
      if (Math.abs(s - 1) > PROB_SUM_TOLERANCE) {
        return false;
      }
    }
    return true;
  }

  /** @return the confusion matrix the report is built on */
  public ConfusionMatrix confusionMatrix() {
    return cm;
  }

  /** @return class names in index order */
  public List<String> classNames() {
    return cm.classNames();
  }

  /** @return accuracy */
  public double accuracy() {
    return cm.accuracy();
  }

  /** @return macro-averaged F1 over all classes */
  public double macroF1() {
    return cm.macroF1();
  }

  /** @return Cohen's kappa, empty when undefined */
  public OptionalDouble cohenKappa() {
    return kappa;
  }

  /** @return whether scores were given */
  public boolean hasScores() {
    return hasScores;
  }

  /**
   * @param c class index
   * @return one-vs-rest ROC-AUC of class {@code c}; empty without scores or when undefined
   * @throws MetricInputException if {@code c} is out of range
   */
  public OptionalDouble rocAuc(int c) {
    checkClass(c);
    return hasScores ? auc[c] : OptionalDouble.empty();
  }

  /** @return macro ROC-AUC; empty without scores or when any class is undefined */
  public OptionalDouble rocAucMacro() {
    return aucMacro;
  }

  /** @return prevalence-weighted ROC-AUC; empty without scores or when any class is undefined */
  public OptionalDouble rocAucWeighted() {
    return aucWeighted;
  }

  /**
   * @param c class index
   * @return average precision of class {@code c}; empty without scores or when undefined
   * @throws MetricInputException if {@code c} is out of range
   */
  public OptionalDouble averagePrecision(int c) {
    checkClass(c);
    return hasScores ? ap[c] : OptionalDouble.empty();
  }

  /** @return macro average precision; empty without scores or when any class is undefined */
  public OptionalDouble averagePrecisionMacro() {
    return apMacro;
  }

  /**
   * @return top-label ECE with {@value #ECE_BINS} bins; empty without scores or when the score
   *     rows are not probability vectors (entries in [0, 1] summing to 1 within 1e-6)
   */
  public OptionalDouble expectedCalibrationError() {
    return ece;
  }

  /** @return the AAMI EC57 view when the classes are N, S, V, F, Q */
  public Optional<AamiMetrics> aami() {
    return Optional.ofNullable(aami);
  }

  /** @return the CinC 2017 score when the classes are N, A, O, ~ */
  public Optional<CincScore> cinc() {
    return Optional.ofNullable(cinc);
  }

  /** @return one message per metric that was undefined (replaced by 0.0 or left out) */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The per-class block formatted as scikit-learn 1.2's {@code classification_report} with
   * {@code labels=range(k)}, {@code target_names=classNames} and {@code zero_division=0}, character
   * for character (rounding half-even on the exact binary value, as Python's format does). As in
   * scikit-learn, the "accuracy" line becomes a "micro avg" row (precision = recall = F1 =
   * accuracy) when some class occurs in neither {@code yTrue} nor {@code yPred}.
   *
   * @param digits digits after the decimal point, 1 to 10
   * @return the text block, ending with a newline
   * @throws MetricInputException if {@code digits} is out of range
   */
  public String toSklearnText(int digits) {
    if (digits < 1 || digits > 10) {
      throw new MetricInputException("digits must be in [1, 10], got " + digits);
    }
    int width = "weighted avg".length();
    for (String n : cm.classNames()) {
      width = Math.max(width, n.length());
    }
    width = Math.max(width, digits);
    StringBuilder b = new StringBuilder();
    b.append(pad("", width)).append(' ');
    for (String h : new String[] {"precision", "recall", "f1-score", "support"}) {
      b.append(' ').append(pad(h, 9));
    }
    b.append("\n\n");
    for (int c = 0; c < cm.numClasses(); c++) {
      row(b, cm.classNames().get(c), width, digits, cm.precision(c), cm.recall(c), cm.f1(c),
          cm.support(c));
    }
    b.append('\n');
    boolean allPresent = true;
    for (int c = 0; c < cm.numClasses(); c++) {
      allPresent &= cm.support(c) + cm.predictedCount(c) > 0;
    }
    if (allPresent) {
      b.append(pad("accuracy", width)).append(' ');
      b.append(' ').append(pad("", 9)).append(' ').append(pad("", 9));
      b.append(' ').append(pad(fixed(cm.accuracy(), digits), 9));
      b.append(' ').append(pad(Long.toString(cm.total()), 9)).append('\n');
    } else {
      // scikit-learn prints "micro avg" instead of "accuracy" when some label occurs nowhere
      double micro = cm.microF1();
      row(b, "micro avg", width, digits, micro, micro, micro, cm.total());
    }
    row(b, "macro avg", width, digits, cm.macroPrecision(), cm.macroRecall(), cm.macroF1(),
        cm.total());
    row(b, "weighted avg", width, digits, cm.weightedPrecision(), cm.weightedRecall(),
        cm.weightedF1(), cm.total());
    return b.toString();
  }

  private static void row(StringBuilder b, String name, int width, int digits, double p, double r,
      double f, long support) {
    b.append(pad(name, width)).append(' ');
    b.append(' ').append(pad(fixed(p, digits), 9));
    b.append(' ').append(pad(fixed(r, digits), 9));
    b.append(' ').append(pad(fixed(f, digits), 9));
    b.append(' ').append(pad(Long.toString(support), 9)).append('\n');
  }

  /** Fixed-point text rounded half-even on the exact binary value, like Python's format(). */
  static String fixed(double v, int digits) {
    return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String pad(String s, int width) {
    if (s.length() >= width) {
      return s;
    }
    return " ".repeat(width - s.length()) + s;
  }

  private static String opt(OptionalDouble v) {
    return v.isPresent() ? fixed(v.getAsDouble(), 4) : "n/a";
  }

  /**
   * The full human-readable report (4 digits): the scikit-learn block, extra per-class columns,
   * summary metrics, the AAMI or CinC view where it applies, the confusion matrix and warnings.
   *
   * @return the text
   */
  public String toText() {
    StringBuilder b = new StringBuilder(toSklearnText(4));
    int width = "weighted avg".length();
    for (String n : cm.classNames()) {
      width = Math.max(width, n.length());
    }
    b.append('\n').append(pad("", width)).append(' ');
    b.append(' ').append(pad("specif.", 9));
    if (hasScores) {
      b.append(' ').append(pad("roc-auc", 9)).append(' ').append(pad("avg-prec", 9));
    }
    b.append("\n\n");
    for (int c = 0; c < cm.numClasses(); c++) {
      b.append(pad(cm.classNames().get(c), width)).append(' ');
      b.append(' ').append(pad(fixed(cm.specificity(c), 4), 9));
      if (hasScores) {
        b.append(' ').append(pad(opt(auc[c]), 9)).append(' ').append(pad(opt(ap[c]), 9));
      }
      b.append('\n');
    }
    if (hasScores) {
      b.append('\n').append(pad("macro avg", width)).append(' ');
      b.append(' ').append(pad("", 9));
      b.append(' ').append(pad(opt(aucMacro), 9)).append(' ').append(pad(opt(apMacro), 9));
      b.append('\n').append(pad("weighted avg", width)).append(' ');
      b.append(' ').append(pad("", 9));
      b.append(' ').append(pad(opt(aucWeighted), 9)).append('\n');
    }
    b.append('\n');
    line(b, "balanced accuracy", fixed(cm.balancedAccuracy(), 4));
    line(b, "micro F1", fixed(cm.microF1(), 4));
    line(b, "Cohen's kappa", opt(kappa));
    if (hasScores) {
      line(b, "ECE (" + ECE_BINS + " bins)", opt(ece));
    }
    if (aami != null) {
      b.append('\n').append(aami);
    }
    if (cinc != null) {
      b.append('\n').append("CinC 2017 score (mean F1 of N, A, O): ")
          .append(fixed(cinc.score(), 4)).append('\n');
      b.append(String.format(Locale.ROOT, "  F1 N %s  A %s  O %s  ~ %s (not averaged)%n",
          fixed(cinc.f1Normal(), 4), fixed(cinc.f1Af(), 4), fixed(cinc.f1Other(), 4),
          fixed(cinc.f1Noisy(), 4)).replace(System.lineSeparator(), "\n"));
    }
    b.append('\n').append(cm);
    if (!warnings.isEmpty()) {
      b.append("\nWarnings (undefined metrics):\n");
      for (String w : warnings) {
        b.append("  - ").append(w).append('\n');
      }
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String name, String value) {
    b.append(String.format(Locale.ROOT, "%-20s %s%n", name, value)
        .replace(System.lineSeparator(), "\n"));
  }

  /**
   * All values as a pretty-printed JSON object: classes, n, confusion_matrix (rows = true),
   * per_class (precision, recall, f1, specificity, support and, with scores, roc_auc and
   * average_precision), accuracy, balanced_accuracy, micro_f1, cohen_kappa, macro_avg,
   * weighted_avg, the score summaries, aami and cinc2017 when they apply, and warnings. Undefined
   * values are {@code null}.
   *
   * @return the JSON text
   */
  public String toJson() {
    JsonWriter w = JsonWriter.pretty();
    w.beginObject();
    w.name("classes").value(cm.classNames());
    w.name("n").value(cm.total());
    w.name("confusion_matrix").beginArray();
    for (long[] row : cm.counts()) {
      w.value(row);
    }
    w.endArray();
    w.name("per_class").beginArray();
    for (int c = 0; c < cm.numClasses(); c++) {
      w.beginObject();
      w.name("class").value(cm.classNames().get(c));
      w.name("precision").value(cm.precision(c));
      w.name("recall").value(cm.recall(c));
      w.name("f1").value(cm.f1(c));
      w.name("specificity").value(cm.specificity(c));
      w.name("support").value(cm.support(c));
      if (hasScores) {
        w.name("roc_auc");
        opt(w, auc[c]);
        w.name("average_precision");
        opt(w, ap[c]);
      }
      w.endObject();
    }
    w.endArray();
    w.name("accuracy").value(cm.accuracy());
    w.name("balanced_accuracy").value(cm.balancedAccuracy());
    w.name("micro_f1").value(cm.microF1());
    w.name("cohen_kappa");
    opt(w, kappa);
    w.name("macro_avg").beginObject()
        .name("precision").value(cm.macroPrecision())
        .name("recall").value(cm.macroRecall())
        .name("f1").value(cm.macroF1())
        .endObject();
    w.name("weighted_avg").beginObject()
        .name("precision").value(cm.weightedPrecision())
        .name("recall").value(cm.weightedRecall())
        .name("f1").value(cm.weightedF1())
        .endObject();
    if (hasScores) {
      w.name("roc_auc_macro");
      opt(w, aucMacro);
      w.name("roc_auc_weighted");
      opt(w, aucWeighted);
      w.name("average_precision_macro");
      opt(w, apMacro);
      w.name("ece");
      opt(w, ece);
      w.name("ece_bins").value(ECE_BINS);
    }
    if (aami != null) {
      w.name("aami").beginObject();
      stats(w, "sveb", aami.sveb());
      stats(w, "veb", aami.veb());
      w.name("accuracy").value(aami.accuracy());
      w.endObject();
    }
    if (cinc != null) {
      w.name("cinc2017").beginObject()
          .name("score").value(cinc.score())
          .name("f1_N").value(cinc.f1Normal())
          .name("f1_A").value(cinc.f1Af())
          .name("f1_O").value(cinc.f1Other())
          .name("f1_noisy").value(cinc.f1Noisy())
          .endObject();
    }
    w.name("warnings").value(warnings);
    w.endObject();
    return w.toString();
  }

  private static void stats(JsonWriter w, String name, AamiMetrics.Stats s) {
    w.name(name).beginObject()
        .name("se").value(s.sensitivity())
        .name("ppv").value(s.positivePredictivity())
        .name("fpr").value(s.falsePositiveRate())
        .name("tp").value(s.tp())
        .name("fn").value(s.fn())
        .name("fp").value(s.fp())
        .name("tn").value(s.tn())
        .endObject();
  }

  private static void opt(JsonWriter w, OptionalDouble v) {
    if (v.isPresent()) {
      w.value(v.getAsDouble());
    } else {
      w.nullValue();
    }
  }

  private void checkClass(int c) {
    if (c < 0 || c >= cm.numClasses()) {
      throw new MetricInputException("class index " + c + " is outside [0, " + cm.numClasses() + ")");
    }
  }

  /** @return {@link #toText()} */
  @Override
  public String toString() {
    return toText();
  }
}
