package dev.ecg.examples;

import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.metrics.ClassificationReport;
import dev.ecg.examples.cli.ModelArg;
import dev.ecg.examples.demo.BeatMatch;
import dev.ecg.examples.demo.StripPlot;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.synth.NoiseType;
import dev.ecg.io.synth.SyntheticEcg;
import dev.ecg.models.BeatPrediction;
import dev.ecg.models.ClassificationResult;
import dev.ecg.models.EcgClassifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecg demo}: a self-contained tour that needs no data files. It synthesises an ECG strip
 * with ECGSYN (McSharry et al. 2003) holding some premature ventricular beats and mild noise,
 * classifies it beat by beat with a model package (by default the bundled {@code mitbih-aami5}),
 * prints a per-beat table and a confusion matrix against the synthetic truth, and draws the strip
 * with coloured beat marks to a PNG.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Synthesise an ECG strip (ECGSYN, with PVCs and mild noise), classify every "
        + "beat and plot it. Needs no data files."})
public final class DemoCommand implements Callable<Integer> {

  /** The model used when {@code --model} is not given. */
  public static final String DEFAULT_MODEL = "mitbih-aami5";

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: "
      + "${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--duration", defaultValue = "30", description = "Strip length in seconds "
      + "(default: ${DEFAULT-VALUE}).")
  double duration;

  @Option(names = "--pvc-rate", defaultValue = "0.1", description = "Probability that a sinus "
      + "beat is followed by a PVC (default: ${DEFAULT-VALUE}).")
  double pvcRate;

  @Option(names = "--heart-rate", defaultValue = "72", description = "Mean heart rate in bpm "
      + "(default: ${DEFAULT-VALUE}).")
  double heartRate;

  @Option(names = "--snr", defaultValue = "25", description = "Noise level as SNR in dB "
      + "(baseline wander + muscle; default: ${DEFAULT-VALUE}).")
  double snr;

  @Option(names = "--out", defaultValue = "ecg-demo-out",
      description = "Folder for strip.png, or a file name ending in .png (default: "
          + "${DEFAULT-VALUE}).")
  Path out;

  /** @return the PNG to write: {@code --out} itself when it ends in .png, else strip.png in it */
  Path png() {
    return out.getFileName() != null
        && out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")
        ? out : out.resolve("strip.png");
  }

  @Option(names = {"-m", "--model"}, defaultValue = DEFAULT_MODEL,
      description = "Model package folder/zip or bundled model name (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--plot-seconds", defaultValue = "60", description = "Plot at most the first "
      + "this many seconds (default: ${DEFAULT-VALUE}).")
  double plotSeconds;

  @Option(names = "--max-rows", defaultValue = "60", description = "Most beats to list in the "
      + "table (default: ${DEFAULT-VALUE}).")
  int maxRows;

  private final PrintStream stdout;
  private final PrintStream stderr;

  /** Prints to the standard streams. */
  public DemoCommand() {
    this(System.out, System.err);
  }

  DemoCommand(PrintStream out, PrintStream err) {
    this.stdout = out;
    this.stderr = err;
  }

  private long started;

  private void step(String what) {
    started = System.nanoTime();
    stdout.print(what + " ... ");
    stdout.flush();
  }

  private void done(String detail) {
    stdout.printf(Locale.ROOT, "done (%.1f s)%s%n", (System.nanoTime() - started) / 1e9,
        detail.isEmpty() ? "" : ", " + detail);
  }

  @Override
  public Integer call() {
    if (!(duration >= 5 && duration <= 3600)) {
      stderr.println("ecg demo: --duration must be between 5 and 3600 s, got " + duration);
      return 2;
    }
    if (!(pvcRate >= 0 && pvcRate <= 0.5)) {
      stderr.println("ecg demo: --pvc-rate must be between 0 and 0.5, got " + pvcRate);
      return 2;
    }
    double fs = 360;
    step(String.format(Locale.ROOT, "[1/4] Synthesising %.0f s of ECG at %.0f Hz (ECGSYN, seed %d,"
        + " PVC rate %.2f, SNR %.0f dB)", duration, fs, seed, pvcRate, snr));
    SyntheticEcg syn;
    try {
      syn = EcgSyn.builder().optSamplingRate(fs).optDuration(duration).optHeartRate(heartRate)
          .optPvcProbability(pvcRate).optNoise(snr, NoiseType.BASELINE_WANDER, NoiseType.MUSCLE)
          .optSeed(seed).build().generate();
    } catch (IllegalArgumentException e) {
      stdout.println();
      stderr.println("ecg demo: " + e.getMessage());
      return 2;
    }
    long pvcs = java.util.Arrays.stream(syn.symbols()).filter("V"::equals).count();
    done(syn.rPeaks().length + " beats, " + pvcs + " PVCs");

    step("[2/4] Loading model " + model);
    try (EcgClassifier clf = ModelArg.load(model)) {
      done(clf.manifest().name() + " on " + clf.engineName() + ", classes " + clf.classNames());

      step("[3/4] Filtering, detecting QRS, segmenting and classifying");
      ClassificationResult res = clf.classify(syn.record());
      done(res.size() + " beats classified");

      List<StripPlot.Mark> marks = report(clf, syn, res);

      double shown = Math.min(duration, Math.max(StripPlot.ROW_SECONDS, plotSeconds));
      step("[4/4] Plotting " + (shown < duration ? "the first " + (long) shown + " s " : "")
          + "to " + png());
      String title = String.format(Locale.ROOT, "ecg demo: ECGSYN seed %d, %.0f s%s, model %s - %s",
          seed, duration, shown < duration ? String.format(Locale.ROOT, " (first %.0f s shown)",
              shown) : "", clf.manifest().name(), res.summary().counts());
      int n = (int) Math.min(syn.signal().length, Math.round(shown * fs));
      StripPlot.write(java.util.Arrays.copyOf(syn.signal(), n), fs,
          marks.stream().filter(m -> m.sample() < n).toList(), title, png());
      done("");
      stdout.println("Wrote " + png().toAbsolutePath());
      return 0;
    } catch (IOException | RuntimeException e) {
      stdout.println();
      stderr.println("ecg demo: " + e.getMessage());
      return 1;
    }
  }

  /** Prints the per-beat table and the comparison with the truth; returns the plot marks. */
  private List<StripPlot.Mark> report(EcgClassifier clf, SyntheticEcg syn,
      ClassificationResult res) {
    double fs = syn.fs();
    long[] truth = java.util.Arrays.stream(syn.rPeaks()).asLongStream().toArray();
    long[] det = res.beats().stream().mapToLong(BeatPrediction::sample).toArray();
    int[] m = BeatMatch.match(det, truth, Math.round(0.150 * fs));
    List<String> classes = clf.classNames();
    List<StripPlot.Mark> marks = new ArrayList<>();
    List<Integer> yTrue = new ArrayList<>();
    List<Integer> yPred = new ArrayList<>();
    List<double[]> scores = new ArrayList<>();
    boolean comparable = true;
    stdout.println();
    stdout.println("  time_s  predicted  probability  true");
    int matched = 0;
    for (int i = 0; i < det.length; i++) {
      BeatPrediction b = res.get(i);
      String t = null;
      if (m[i] >= 0) {
        matched++;
        String sym = syn.symbols()[m[i]];
        t = AamiClass.fromMitSymbol(sym).map(Enum::name).orElse(sym);
        int ti = classes.indexOf(t);
        if (ti < 0) {
          comparable = false;
        } else {
          yTrue.add(ti);
          yPred.add(b.prediction().index());
          float[] p = b.prediction().probabilities();
          double[] row = new double[p.length];
          for (int k = 0; k < p.length; k++) {
            row[k] = p[k];
          }
          scores.add(row);
        }
      }
      marks.add(new StripPlot.Mark(b.sample(), b.label(), t));
      if (i < maxRows) {
        stdout.printf(Locale.ROOT, "  %6.2f  %-9s  %11.3f  %s%s%n", b.time(), b.label(),
            b.probability(), t == null ? "(no true beat within 150 ms)" : t,
            t != null && !t.equals(b.label()) ? "   <- differs" : "");
      } else if (i == maxRows) {
        stdout.println("  ... (" + (det.length - maxRows) + " more; raise --max-rows)");
      }
    }
    stdout.println();
    stdout.println("Summary: " + res.summary());
    boolean[] hit = new boolean[truth.length];
    for (int k : m) {
      if (k >= 0) {
        hit[k] = true;
      }
    }
    StringBuilder missedAt = new StringBuilder();
    for (int k = 0, shown = 0; k < truth.length && shown < 10; k++) {
      if (!hit[k]) {
        missedAt.append(shown++ == 0 ? " (at " : ", ")
            .append(String.format(Locale.ROOT, "%.2f s %s", truth[k] / fs, syn.symbols()[k]));
      }
    }
    if (missedAt.length() > 0) {
      missedAt.append(')');
    }
    stdout.printf(Locale.ROOT, "Beat detection vs synthetic truth (150 ms): %d true beats, "
        + "%d matched, %d missed%s, %d extra%n", truth.length, matched, truth.length - matched,
        missedAt, det.length - matched);
    if (!comparable) {
      stdout.println("(model classes " + classes + " do not name the synthetic labels N/V; no "
          + "confusion matrix)");
    } else if (!yTrue.isEmpty()) {
      ClassificationReport rep = ClassificationReport.of(
          yTrue.stream().mapToInt(Integer::intValue).toArray(),
          yPred.stream().mapToInt(Integer::intValue).toArray(),
          scores.toArray(new double[0][]), classes);
      stdout.println();
      stdout.println("Predicted vs synthetic truth (matched beats):");
      stdout.println(rep.toSklearnText(3));
      stdout.println(rep.confusionMatrix());
    }
    return marks;
  }
}
