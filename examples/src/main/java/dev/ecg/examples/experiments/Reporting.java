package dev.ecg.examples.experiments;

import dev.ecg.core.json.JsonWriter;
import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.labels.CincClass;
import dev.ecg.core.metrics.AamiMetrics;
import dev.ecg.core.metrics.Bootstrap;
import dev.ecg.core.metrics.CincScore;
import dev.ecg.core.metrics.ClassificationReport;
import dev.ecg.core.metrics.ConfidenceInterval;
import dev.ecg.core.metrics.ConfusionMatrix;
import dev.ecg.core.metrics.RocAuc;
import dev.ecg.models.train.Plots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation report written by {@code ecg train} and {@code ecg evaluate}: ecg-core's
 * {@link ClassificationReport} plus percentile-bootstrap 95 % confidence intervals
 * ({@link Bootstrap}, 1000 resamples of the test examples) of accuracy, macro-F1, every per-class
 * F1, the macro ROC-AUC and, for the CinC 2017 classes, the challenge score; and for the AAMI
 * classes the EC57 SVEB/VEB sensitivity and positive predictivity.
 */
public final class Reporting {
  /** Bootstrap resamples used for every interval. */
  public static final int RESAMPLES = 1000;

  private Reporting() {}

  /** An evaluation: the report, the intervals and the JSON text. */
  public record Evaluation(ClassificationReport report, Map<String, ConfidenceInterval> intervals,
      String json) {
    /**
     * @param key interval name, e.g. {@code accuracy}
     * @return a compact "point [lower, upper]" string
     */
    public String ci(String key) {
      ConfidenceInterval c = intervals.get(key);
      return c == null ? "n/a" : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", c.point(),
          c.lower(), c.upper());
    }
  }

  /**
   * Computes the bootstrap intervals.
   *
   * @param y true labels
   * @param pred predicted labels
   * @param probs probabilities ({@code n x k}) or null
   * @param names class names
   * @param seed bootstrap seed
   * @return interval name to interval, in a fixed order
   */
  public static Map<String, ConfidenceInterval> intervals(int[] y, int[] pred, double[][] probs,
      List<String> names, long seed) {
    Bootstrap b = Bootstrap.of(RESAMPLES, 0.95, seed);
    int k = names.size();
    Map<String, ConfidenceInterval> m = new LinkedHashMap<>();
    m.put("accuracy", b.interval(y, pred, (t, p) -> ConfusionMatrix.of(t, p, k).accuracy()));
    m.put("macro_f1", b.interval(y, pred, (t, p) -> ConfusionMatrix.of(t, p, k).macroF1()));
    m.put("weighted_f1", b.interval(y, pred, (t, p) -> ConfusionMatrix.of(t, p, k).weightedF1()));
    for (int c = 0; c < k; c++) {
      final int cc = c;
      m.put("f1_" + names.get(c), b.interval(y, pred, (t, p) -> ConfusionMatrix.of(t, p, k).f1(cc)));
    }
    if (names.equals(AamiClass.NAMES)) {
      m.put("sveb_se", b.interval(y, pred, (t, p) -> AamiMetrics.of(t, p).sveb().sensitivity()));
      m.put("sveb_ppv", b.interval(y, pred,
          (t, p) -> AamiMetrics.of(t, p).sveb().positivePredictivity()));
      m.put("veb_se", b.interval(y, pred, (t, p) -> AamiMetrics.of(t, p).veb().sensitivity()));
      m.put("veb_ppv", b.interval(y, pred,
          (t, p) -> AamiMetrics.of(t, p).veb().positivePredictivity()));
    }
    if (names.equals(CincClass.NAMES)) {
      m.put("cinc_score", b.interval(y, pred, (t, p) -> CincScore.of(t, p).score()));
    }
    if (probs != null && allClassesPresent(y, k)) {
      try {
        m.put("macro_auc", b.interval(y, pred, probs, (t, p, s) -> {
          java.util.OptionalDouble[] a = RocAuc.perClassIfDefined(t, s);
          double sum = 0;
          for (java.util.OptionalDouble d : a) {
            if (d.isEmpty()) {
              // a resample without some class: Bootstrap skips it (and gives up only when more
              // than half are skipped), rather than failing on a NaN and losing the interval
              throw new dev.ecg.core.metrics.UndefinedMetricException(
                  "ROC-AUC undefined: a class is absent from this resample");
            }
            sum += d.getAsDouble();
          }
          return sum / a.length;
        }));
      } catch (RuntimeException e) {
        // more than half of the resamples miss a class (or the point is undefined): no interval;
        // the point value stays in the report itself
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

  /**
   * Builds the report and its JSON.
   *
   * @param info leading key/value pairs (experiment, model, dataset, protocol, command ...)
   * @param y true labels
   * @param pred predicted labels
   * @param probs probabilities or null
   * @param names class names
   * @param seed bootstrap seed
   * @return the evaluation
   */
  public static Evaluation evaluate(Map<String, String> info, int[] y, int[] pred,
      double[][] probs, List<String> names, long seed) {
    ClassificationReport r = ClassificationReport.of(y, pred, probs, names);
    Map<String, ConfidenceInterval> ci = intervals(y, pred, probs, names, seed);
    JsonWriter w = JsonWriter.pretty().beginObject();
    for (Map.Entry<String, String> e : info.entrySet()) {
      w.name(e.getKey()).value(e.getValue());
    }
    w.name("n").value((long) y.length);
    w.name("bootstrap_resamples").value((long) RESAMPLES);
    w.name("ci95").beginObject();
    for (Map.Entry<String, ConfidenceInterval> e : ci.entrySet()) {
      w.name(e.getKey()).beginObject()
          .name("point").value(e.getValue().point())
          .name("lower").value(e.getValue().lower())
          .name("upper").value(e.getValue().upper())
          .endObject();
    }
    w.endObject();
    w.endObject();
    String head = w.toString().strip();
    // splice the classification report object in as "report"
    String json = head.substring(0, head.length() - 1).stripTrailing() + ",\n  \"report\": "
        + r.toJson().strip() + "\n}\n";
    return new Evaluation(r, ci, json);
  }

  /**
   * Writes {@code <prefix>report.json}, {@code <prefix>report.txt} and
   * {@code <prefix>confusion.png} into a folder.
   *
   * @param dir output folder (created)
   * @param prefix file name prefix, may be empty
   * @param e the evaluation
   * @param title first line of the text report
   * @throws IOException if writing fails
   */
  public static void write(Path dir, String prefix, Evaluation e, String title)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(prefix + "report.json"), e.json(), StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(title).append("\n\nBootstrap 95% confidence intervals ("
        + RESAMPLES + " resamples):\n");
    for (Map.Entry<String, ConfidenceInterval> c : e.intervals().entrySet()) {
      sb.append(String.format(Locale.ROOT, "  %-12s %s%n", c.getKey(), e.ci(c.getKey())));
    }
    sb.append('\n').append(e.report().toText());
    Files.writeString(dir.resolve(prefix + "report.txt"), sb.toString(), StandardCharsets.UTF_8);
    Plots.confusionMatrix(e.report().confusionMatrix(), dir.resolve(prefix + "confusion.png"));
  }
}
