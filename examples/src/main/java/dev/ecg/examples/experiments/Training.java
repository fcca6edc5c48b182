package dev.ecg.examples.experiments;

import dev.ecg.examples.ConsoleProgressBar;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.Provenance;
import dev.ecg.models.train.EcgTrainer;
import dev.ecg.models.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the experiments share around the trainer: the console progress bar and checkpoint folder,
 * the epoch budget of smoke runs, the provenance they add to a package, and small array helpers.
 */
public final class Training {
  private Training() {}

  /**
   * Adds the console progress bar and the context's seed and a checkpoint folder under the
   * output folder to a trainer builder.
   *
   * @param b builder with the architecture and settings
   * @param ctx context
   * @param epochs maximum epochs
   * @param tag checkpoint sub-folder name
   * @return the trainer
   */
  public static EcgTrainer trainer(EcgTrainer.Builder b, ExperimentContext ctx, int epochs,
      String tag) {
    return b.optEpochs(epochs).optSeed(ctx.seed())
        .optCheckpointDir(ctx.outDir().resolve("checkpoints").resolve(tag))
        .addListener(new ConsoleProgressBar(System.err, epochs, System.console() != null))
        .build();
  }

  /**
   * @param ctx context
   * @param dflt the experiment's default epochs
   * @return 1 in smoke mode, else the override or the default
   */
  public static int epochs(ExperimentContext ctx, int dflt) {
    if (ctx.smoke()) {
      return 1;
    }
    return ctx.epochs().orElse(dflt);
  }

  /**
   * The provenance an experiment adds to a package: only what the trainer cannot know (data,
   * split, held-out metrics), the configuration's name and the commit read when the run started;
   * {@code TrainingResult.toPackage} fills in the seed, the epochs, the trainer's configuration
   * and the date.
   *
   * @param ctx context (its {@link ExperimentContext#configName()} is appended to the split)
   * @param data data set description
   * @param split split protocol
   * @param metrics held-out metrics
   * @return the provenance to pass to {@code ModelManifest.Builder.optProvenance}
   */
  public static Provenance provenance(ExperimentContext ctx, String data, String split,
      Map<String, Double> metrics) {
    // the commit read at start-up (RunInfo caches it), as in the run's reports, rather than the
    // HEAD at packaging time hours later
    return new Provenance(data, split + "; experiment configuration: " + ctx.configName(), null,
        null, metrics, RunInfo.gitCommit(), null);
  }

  /**
   * Writes a training result as a model package with {@link TrainingResult#toPackage}, replacing
   * an earlier package at {@code target}.
   *
   * @param r the training result (its kept checkpoint is packaged)
   * @param base name, classes, rate, preprocessing and {@link #provenance}
   * @param target package folder
   * @return the target
   * @throws IOException if the old package cannot be removed or writing fails
   */
  public static Path toPackage(TrainingResult r, ModelManifest.Builder base, Path target)
      throws IOException {
    deleteRecursively(target);
    return r.toPackage(base, target);
  }

  /**
   * @param e an evaluation
   * @return the provenance metric map (points of the intervals)
   */
  public static Map<String, Double> metrics(Reporting.Evaluation e) {
    Map<String, Double> m = new LinkedHashMap<>();
    e.intervals().forEach((k, v) -> m.put(k, v.point()));
    return m;
  }

  /**
   * @param p probabilities
   * @return doubles
   */
  public static double[][] toDouble(float[][] p) {
    double[][] d = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      d[i] = new double[p[i].length];
      for (int j = 0; j < p[i].length; j++) {
        d[i][j] = p[i][j];
      }
    }
    return d;
  }

  /**
   * @param p score rows
   * @return the arg-max of each row
   */
  public static int[] argmax(double[][] p) {
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      int best = 0;
      for (int j = 1; j < p[i].length; j++) {
        if (p[i][j] > p[i][best]) {
          best = j;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /**
   * @param dir a folder or file to delete, if present
   * @throws IOException if deleting fails
   */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * @param outer indices into the full set
   * @param inner indices into {@code outer} (a split of a split)
   * @return {@code outer[inner[i]]} for each i: the inner split as indices into the full set
   */
  static int[] compose(int[] outer, int[] inner) {
    int[] out = new int[inner.length];
    for (int i = 0; i < inner.length; i++) {
      out[i] = outer[inner[i]];
    }
    return out;
  }

  /**
   * @param a values
   * @return their sum (for 0/1 labels: the positives)
   */
  static int sum(int[] a) {
    int s = 0;
    for (int v : a) {
      s += v;
    }
    return s;
  }

  /**
   * @param a values
   * @param idx indices
   * @return {@code a[idx[i]]} for each i
   */
  static int[] pick(int[] a, int[] idx) {
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = a[idx[i]];
    }
    return out;
  }

  /**
   * @param a rows
   * @param idx indices
   * @return the rows {@code a[idx[i]]} (shared, not copied)
   */
  static float[][] pick(float[][] a, int[] idx) {
    float[][] out = new float[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      out[i] = a[idx[i]];
    }
    return out;
  }
}
