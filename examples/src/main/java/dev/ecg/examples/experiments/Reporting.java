package dev.ecg.examples.experiments;

import dev.ecg.core.json.JsonWriter;
import dev.ecg.core.metrics.Bootstrap;
import dev.ecg.core.metrics.ClassificationIntervals;
import dev.ecg.core.metrics.ClassificationReport;
import dev.ecg.core.metrics.ConfidenceInterval;
import dev.ecg.models.train.Plots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation report written by {@code ecg train} and {@code ecg evaluate}: ecg-core's
 * {@link ClassificationReport} plus the percentile-bootstrap 95 % confidence intervals of
 * {@link ClassificationIntervals} (1000 resamples of the test examples: accuracy, macro-F1, every
 * per-class F1, the macro ROC-AUC, the CinC 2017 challenge score, the EC57 SVEB/VEB Se and +P).
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
    return evaluate(info, Map.of(), y, pred, probs, names, seed);
  }

  /**
   * Builds the report and its JSON, with the experiment's effective configuration as the
   * {@code "config"} object after the leading pairs.
   *
   * @param info leading key/value pairs (experiment, model, dataset, protocol, command ...)
   * @param config the configuration's JSON tree ({@link ExperimentContext#config()}); empty for
   *     none
   * @param y true labels
   * @param pred predicted labels
   * @param probs probabilities or null
   * @param names class names
   * @param seed bootstrap seed
   * @return the evaluation
   */
  public static Evaluation evaluate(Map<String, String> info, Map<String, Object> config,
      int[] y, int[] pred, double[][] probs, List<String> names, long seed) {
    ClassificationReport r = ClassificationReport.of(y, pred, probs, names);
    Map<String, ConfidenceInterval> ci = ClassificationIntervals.of(y, pred, probs, names,
        Bootstrap.of(RESAMPLES, 0.95, seed));
    JsonWriter w = JsonWriter.pretty().beginObject();
    for (Map.Entry<String, String> e : info.entrySet()) {
      w.name(e.getKey()).value(e.getValue());
    }
    if (!config.isEmpty()) {
      w.name("config").tree(config);
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
