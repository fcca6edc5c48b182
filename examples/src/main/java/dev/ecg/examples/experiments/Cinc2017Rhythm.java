package dev.ecg.examples.experiments;

import dev.ecg.core.labels.CincClass;
import dev.ecg.core.split.Fold;
import dev.ecg.core.split.StratifiedHoldout;
import dev.ecg.core.split.StratifiedKFold;
import dev.ecg.core.split.Split;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.Cinc2017;
import dev.ecg.models.arch.ResNet1d;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.PreprocessingStep;
import dev.ecg.models.pkg.Provenance;
import dev.ecg.models.train.EcgTrainer;
import dev.ecg.models.train.EvalMetric;
import dev.ecg.models.train.OptimizerConfig;
import dev.ecg.models.train.TrainingResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cinc2017}: ResNet1d (Hannun et al. 2019, small 4-block variant) on the single-lead
 * PhysioNet/CinC 2017 recordings, classes N, A, O, ~. Each recording is z-scored over its whole
 * length, then cut to its first {@code seconds} seconds or zero-padded at the end (the manifest's
 * {@code select-leads, zscore, crop-pad(align=start)} steps, which {@code EcgClassifier.classify}
 * replays). Loss: cross-entropy with inverse-frequency class weights; AdamW. Protocol:
 * stratified k-fold cross-validation ({@link StratifiedKFold}); inside each training part a
 * stratified 10 % picks the best epoch on the challenge score. The final model (named
 * {@code cinc2017-rhythm}) is trained on the whole folder with the same recipe. The model
 * bundled under that name comes from the CPU-sized {@link Cinc2017Fast} instead (100 Hz, narrow
 * network, single hold-out), as this full-rate pipeline needs a GPU.
 *
 * <p>System properties: {@code ecg.cinc.seconds} (default 30; 60 for the long variant),
 * {@code ecg.cinc.folds} (default 5), {@code ecg.cinc.maxFolds} (run only the first N folds,
 * default all) and {@code ecg.cinc.final} ({@code true} to train the final model, default true).
 * On two shared CPU cores a full run takes hours; report exactly what was run.
 */
public final class Cinc2017Rhythm implements Experiment {
  /** Default epochs. */
  public static final int EPOCHS = 10;
  /** Sampling rate of the CinC 2017 recordings. */
  public static final double FS = 300.0;

  @Override
  public String name() {
    return "cinc2017";
  }

  @Override
  public String description() {
    return "CinC 2017 single-lead N/A/O/~, ResNet1d, z-score + crop/pad, weighted CE, AdamW, "
        + "stratified k-fold CV";
  }

  /**
   * z-scores a signal over its whole length (NaN read as 0), then crops or zero-pads it.
   *
   * @param x the signal
   * @param length output length
   * @return the model input
   */
  public static float[] prepare(double[] x, int length) {
    double sum = 0;
    double sq = 0;
    int n = x.length;
    for (double v : x) {
      double u = Double.isFinite(v) ? v : 0;
      sum += u;
      sq += u * u;
    }
    double mean = n == 0 ? 0 : sum / n;
    double sd = n == 0 ? 0 : Math.sqrt(Math.max(0, sq / n - mean * mean));
    float[] out = new float[length];
    for (int i = 0; i < Math.min(n, length); i++) {
      double u = Double.isFinite(x[i]) ? x[i] : 0;
      out[i] = sd > 0 ? (float) ((u - mean) / sd) : 0f;
    }
    return out;
  }

  @Override
  public void run(ExperimentContext ctx) throws Exception {
    int seconds = Integer.getInteger("ecg.cinc.seconds", 30);
    int folds = Integer.getInteger("ecg.cinc.folds", 5);
    int maxFolds = Integer.getInteger("ecg.cinc.maxFolds", folds);
    boolean finalModel = Boolean.parseBoolean(System.getProperty("ecg.cinc.final", "true"));
    if (ctx.smoke()) {
      seconds = 5;
      folds = 2;
      maxFolds = 1;
    }
    int length = (int) Math.round(seconds * FS);
    Path root = ctx.dataDir().resolve("cinc2017").resolve("training");
    Cinc2017 db = new Cinc2017(root);
    List<String> ids = new ArrayList<>(db.records());
    if (ctx.smoke()) {
      List<String> pick = new ArrayList<>();
      int[] per = new int[4];
      for (String id : ids) {
        int c = db.label(id).ordinal();
        if (per[c] < 3) {
          per[c]++;
          pick.add(id);
        }
      }
      ids = pick;
    }
    long t0 = System.nanoTime();
    float[][] x = new float[ids.size()][];
    int[] y = new int[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      Record r = db.load(ids.get(i));
      x[i] = prepare(r.signals()[0], length);
      y[i] = db.label(ids.get(i)).ordinal();
    }
    System.err.printf(Locale.ROOT, "cinc2017: %d recordings, %d s windows (%d samples)%n",
        ids.size(), seconds, length);
    int epochs = Training.epochs(ctx, EPOCHS);
    StringBuilder summary = new StringBuilder(String.format(Locale.ROOT,
        "cinc2017 (honest: record-level stratified %d-fold CV, %d of %d folds run), %d s, seed %d%n",
        folds, maxFolds, folds, seconds, ctx.seed()));
    List<Fold> cv = StratifiedKFold.split(y, folds, ctx.seed());
    double scoreSum = 0;
    int run = 0;
    for (Fold f : cv) {
      if (run >= maxFolds) {
        break;
      }
      long t1 = System.nanoTime();
      Path dir = ctx.outDir().resolve("fold" + (f.index() + 1));
      try (TrainingResult r = fit(ctx, x, y, f.train(), length, epochs, "fold" + f.index())) {
        int[] te = f.test();
        float[][] tx = new float[te.length][];
        int[] ty = new int[te.length];
        for (int i = 0; i < te.length; i++) {
          tx[i] = x[te[i]];
          ty[i] = y[te[i]];
        }
        double[][] p = Training.toDouble(r.predictProbabilities(tx));
        Map<String, String> info = info(ctx, "fold " + (f.index() + 1) + " of " + folds, seconds,
            r, t1);
        Reporting.Evaluation e = Reporting.evaluate(info, ty, Training.argmax(p), p,
            CincClass.NAMES, ctx.seed());
        Reporting.write(dir, "", e, "cinc2017 fold " + (f.index() + 1) + " test report");
        r.saveReport(dir);
        scoreSum += e.intervals().get("cinc_score").point();
        summary.append(String.format(Locale.ROOT, "fold %d: challenge score %s, macro-F1 %s, "
            + "accuracy %s (%.1f min)%n", f.index() + 1, e.ci("cinc_score"), e.ci("macro_f1"),
            e.ci("accuracy"), (System.nanoTime() - t1) / 60e9));
      }
      run++;
    }
    summary.append(String.format(Locale.ROOT, "mean challenge score over %d folds: %.4f%n", run,
        scoreSum / Math.max(1, run)));
    if (finalModel) {
      long t1 = System.nanoTime();
      int[] everything = new int[y.length];
      for (int i = 0; i < y.length; i++) {
        everything[i] = i;
      }
      try (TrainingResult r = fit(ctx, x, y, everything, length, epochs, "final")) {
        ResNet1d arch = (ResNet1d) r.architecture();
        ModelManifest base = ModelManifest.builder().setName("cinc2017-rhythm")
            .setClassNames(CincClass.NAMES).setInputLength(length).setSamplingRate(FS)
            .optArchitecture(arch.name(), arch.hyperparameters())
            .addPreprocessing(PreprocessingStep.of("select-leads", "indices", List.of(0)))
            .addPreprocessing(PreprocessingStep.of("zscore"))
            .addPreprocessing(PreprocessingStep.of("crop-pad", "length", length, "align", "start",
                "value", 0))
            .build();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("cv_mean_cinc_score", scoreSum / Math.max(1, run));
        Provenance prov = new Provenance("PhysioNet/CinC Challenge 2017 training set ("
            + ids.size() + " recordings), lead 0, " + seconds + " s",
            "final model on the whole folder; CV: stratified " + folds + "-fold, " + run
                + " folds run", ctx.seed(), r.history().epochs().size(), metrics,
            RunInfo.gitCommit(), RunInfo.now());
        Training.writePackage(r, base, prov, ctx.outDir().resolve("model"));
        r.saveReport(ctx.outDir().resolve("final"));
        summary.append(String.format(Locale.ROOT, "final model: %d epochs (%.1f min)%n",
            r.history().epochs().size(), (System.nanoTime() - t1) / 60e9));
      }
    }
    summary.append(String.format(Locale.ROOT, "total %.1f min%n", (System.nanoTime() - t0) / 60e9));
    Files.writeString(ctx.outDir().resolve("summary.txt"), summary, StandardCharsets.UTF_8);
    System.err.print(summary);
  }

  private static Map<String, String> info(ExperimentContext ctx, String split, int seconds,
      TrainingResult r, long t1) {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("experiment", "cinc2017");
    info.put("protocol", "honest: record-level stratified k-fold CV, " + split);
    info.put("dataset", "PhysioNet/CinC 2017 training, lead 0, " + seconds + " s crop/pad");
    info.put("model", r.architecture().name() + " " + r.architecture().hyperparameters());
    info.put("seed", Long.toString(ctx.seed()));
    info.put("epochs_run", Integer.toString(r.history().epochs().size()));
    info.put("best_epoch", Integer.toString(r.history().bestEpoch()));
    info.put("smoke", Boolean.toString(ctx.smoke()));
    info.put("commit", RunInfo.gitCommit());
    info.put("date", RunInfo.now());
    info.put("wall_minutes", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t1) / 60e9));
    return info;
  }

  private static TrainingResult fit(ExperimentContext ctx, float[][] x, int[] y, int[] idx,
      int length, int epochs, String tag) {
    int[] sy = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      sy[i] = y[idx[i]];
    }
    Split inner = StratifiedHoldout.split(sy, 0.1, ctx.seed() + 7);
    int[] tri = inner.train();
    int[] vai = inner.test();
    float[][] tx = new float[tri.length][];
    int[] ty = new int[tri.length];
    for (int i = 0; i < tri.length; i++) {
      tx[i] = x[idx[tri[i]]];
      ty[i] = sy[tri[i]];
    }
    float[][] vx = new float[vai.length][];
    int[] vy = new int[vai.length];
    for (int i = 0; i < vai.length; i++) {
      vx[i] = x[idx[vai[i]]];
      vy[i] = sy[vai[i]];
    }
    ResNet1d arch = ResNet1d.builder().setInput(1, length).setNumClasses(4).build();
    EcgTrainer t = Training.trainer(EcgTrainer.builder().setArchitecture(arch)
        .optBatchSize(32)
        .optOptimizer(OptimizerConfig.adamW(1e-3, 1e-2))
        .optClassWeights(dev.ecg.core.imbalance.ClassWeights.inverseFrequency(ty, 4))
        .optMetrics(EvalMetric.ACCURACY, EvalMetric.MACRO_F1, EvalMetric.CINC_SCORE)
        .optEarlyStopping(EvalMetric.CINC_SCORE, 3), ctx, epochs, tag);
    return t.fit(tx, ty, vx, vy);
  }
}
