package dev.ecg.examples;

import dev.ecg.core.json.JsonWriter;
import dev.ecg.examples.cli.ModelArg;
import dev.ecg.examples.cli.RecordInput;
import dev.ecg.io.Record;
import dev.ecg.models.BeatPrediction;
import dev.ecg.models.ClassificationResult;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.RhythmEpisodes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ecg classify --model M RECORD}: reads a record (WFDB, MAT, EDF or CSV), runs the
 * model package's own preprocessing, QRS detection and segmentation through
 * {@link EcgClassifier#classify(Record)}, and prints one line per beat (or window) and a summary,
 * as CSV-like text or as JSON.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
    description = {"Classify every beat (or window) of a recording with a model package.",
        "Formats by extension: WFDB (record base, .hea or .dat), .mat (CinC-style with its .hea,"
            + " or bare with --fs/--gain), .edf, .csv/.txt/.tsv (needs --fs without a time"
            + " column)."})
public final class ClassifyCommand implements Callable<Integer> {

  @Option(names = "--precision", defaultValue = "FP32", description = "FP32 (default) or "
      + "INT8: the package's int8 graph (model.int8.onnx, see 'ecg quantize') on ONNX Runtime")
  EcgClassifier.Precision precision;

  @Option(names = {"-m", "--model"}, defaultValue = "mitbih-aami5",
      description = "Model package folder/zip or bundled model name (default: ${DEFAULT-VALUE}).")
  String model;

  @Mixin
  RecordInput input;

  @Option(names = "--json", description = "Print JSON instead of CSV-like lines.")
  boolean json;

  @Option(names = "--episodes", paramLabel = "LABEL", description = "Also list the episodes of "
      + "this class (e.g. AF with --model af-detect): stretches whose mean probability over the "
      + "overlapping windows reaches 0.5, with onset and offset.")
  String episodes;

  private final PrintStream out;
  private final PrintStream err;

  /** Prints to the standard streams. */
  public ClassifyCommand() {
    this(System.out, System.err);
  }

  ClassifyCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    Record r = input.read("classify", err);
    if (r == null) {
      return 2;
    }
    Path record = input.path();
    try (EcgClassifier clf = ModelArg.load(model, EcgClassifier.Options.DEFAULT.withPrecision(precision))) {
      ClassificationResult res = clf.classify(r);
      List<RhythmEpisodes.Episode> eps = episodes == null ? null
          : RhythmEpisodes.find(clf, res, episodes, 0.5);
      if (json) {
        String j = toJson(clf, r, res);
        if (eps != null) {
          JsonWriter w = JsonWriter.pretty().beginArray();
          for (RhythmEpisodes.Episode e : eps) {
            w.beginObject().name("label").value(e.label()).name("onset_s")
                .value(e.onsetSeconds()).name("offset_s").value(e.offsetSeconds())
                .name("mean_probability").value(e.meanProbability()).endObject();
          }
          String arr = w.endArray().toString().strip();
          j = j.strip();
          j = j.substring(0, j.length() - 1).stripTrailing() + ",\n  \"episodes\": " + arr
              + "\n}";
        }
        out.println(j);
      } else {
        printText(clf, res);
        if (eps != null) {
          out.println("# " + eps.size() + " " + episodes + " episode(s)" + (eps.isEmpty() ? ""
              : ":"));
          for (RhythmEpisodes.Episode e : eps) {
            out.println("#   " + e);
          }
        }
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("ecg classify: " + record + " with model " + model + ": " + e.getMessage());
      return 1;
    }
  }

  private void printText(EcgClassifier clf, ClassificationResult res) {
    out.println("# model " + clf.manifest().name() + " (" + clf.engineName() + "), record "
        + input.path());
    out.println("sample,time_s,label,probability");
    for (BeatPrediction b : res.beats()) {
      out.printf(Locale.ROOT, "%d,%.3f,%s,%.4f%n", b.sample(), b.time(), b.label(),
          b.probability());
    }
    out.println("# " + res.summary());
    if (!res.skipped().isEmpty()) {
      out.println("# " + res.skipped().size() + " window(s) skipped, the first at sample "
          + res.skipped().get(0).sample() + ": " + res.skipped().get(0).reason());
    }
    for (String w : res.warnings()) {
      out.println("# warning: " + w);
    }
  }

  static String toJson(EcgClassifier clf, Record r, ClassificationResult res) {
    JsonWriter w = JsonWriter.pretty();
    w.beginObject();
    w.name("model").value(clf.manifest().name());
    w.name("engine").value(clf.engineName());
    w.name("record").value(r.name());
    w.name("fs").value(r.fs());
    w.name("classes").value(clf.classNames());
    w.name("beats").beginArray();
    for (BeatPrediction b : res.beats()) {
      w.beginObject();
      w.name("sample").value(b.sample());
      w.name("time_s").value(b.time());
      w.name("label").value(b.label());
      w.name("probability").value(b.probability());
      w.name("probabilities").beginArray();
      for (float p : b.prediction().probabilities()) {
        w.value(p);
      }
      w.endArray();
      w.endObject();
    }
    w.endArray();
    ClassificationResult.Summary s = res.summary();
    w.name("summary").beginObject();
    w.name("windows").value(s.windows());
    w.name("segmented").value(s.segmented());
    w.name("duration_s").value(s.durationSeconds());
    w.name("mean_heart_rate_bpm");
    if (s.meanHeartRate().isPresent()) {
      w.value(s.meanHeartRate().getAsDouble());
    } else {
      w.nullValue();
    }
    w.name("counts").beginObject();
    s.counts().forEach((k, v) -> w.name(k).value(v));
    w.endObject();
    w.endObject();
    w.name("skipped").beginArray();
    for (ClassificationResult.Skipped k : res.skipped()) {
      w.beginObject();
      w.name("sample").value(k.sample());
      w.name("time_s").value(k.time());
      w.name("reason").value(k.reason());
      w.endObject();
    }
    w.endArray();
    w.name("warnings").beginArray();
    for (String warning : res.warnings()) {
      w.value(warning);
    }
    w.endArray();
    w.endObject();
    return w.toString();
  }
}
