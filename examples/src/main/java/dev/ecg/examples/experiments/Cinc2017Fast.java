package dev.ecg.examples.experiments;

import dev.ecg.core.imbalance.ClassWeights;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.labels.CincClass;
import dev.ecg.core.split.Split;
import dev.ecg.core.split.StratifiedHoldout;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.Cinc2017;
import dev.ecg.io.pipeline.Pipeline;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.arch.ResNet1d;
import dev.ecg.models.pkg.ModelManifest;
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
 * {@code cinc2017-fast}: a CPU-sized single hold-out variant of {@link Cinc2017Rhythm}; it
 * produced the first bundled {@code cinc2017-rhythm} model (now replaced by the final model of the
 * {@code cinc2017} cross-validation run). Each single-lead CinC 2017 recording goes through exactly the
 * manifest's steps ({@link #STEPS}: lead 0, resample 300 to 100 Hz, z-score over the whole
 * recording, first 30 s kept or zero-padded to 3,000 samples), replayed here with
 * {@link dev.ecg.io.pipeline.Pipeline#run} so training and {@code EcgClassifier.classify} see the same input.
 * Model: a narrow {@link ResNet1d} (6 residual blocks, 8 start filters doubling every 2 blocks,
 * kernel 8, stride 2 on every block; Hannun et al. 2019 layout, scaled down). Loss: cross-entropy
 * with inverse-frequency class weights; AdamW (lr 1e-3, weight decay 1e-2); at most 20 epochs.
 *
 * <p>Protocol (a single hold-out, not cross-validation): record-level stratified 80/20 hold-out
 * ({@link StratifiedHoldout}, seed = the context seed); the test 20 % is only scored once at the
 * end. A stratified 10 % of the training part is the validation set that picks the epoch with
 * the best challenge score (early stopping, patience 3). The packaged model is that best epoch.
 */
public final class Cinc2017Fast implements Experiment<Cinc2017Fast.Config> {
  /** Default epochs. */
  public static final int EPOCHS = 20;
  /** Model input rate in Hz. */
  public static final double FS = 100.0;
  /** Window length in seconds. */
  public static final int SECONDS = 30;
  /** Model input length in samples. */
  public static final int LENGTH = (int) Math.round(SECONDS * FS);
  /** The preprocessing steps written to the manifest and used for training. */
  public static final List<Step> STEPS = List.of(
      Step.of("select-leads", "indices", List.of(0)),
      Step.of("resample", "fs", FS),
      Step.of("zscore"),
      Step.of("rhythm-crop", "seconds", SECONDS, "crop", "start", "pad", "zero"));

  /**
   * The configuration of a run (defaults in {@code cinc2017-fast.json}).
   *
   * @param seed seed of the split, initialisation, sampling and bootstrap
   * @param epochs maximum epochs (early stopping on the validation challenge score)
   */
  public record Config(long seed, int epochs) implements ExperimentConfig<Config> {
    static final List<String> KEYS = List.of("seed", "epochs");

    static Config fromJson(JsonFields f) {
      ConfigFields.exactly(f, KEYS);
      return new Config(ConfigFields.seed(f), ConfigFields.epochs(f, "epochs"));
    }

    @Override
    public Config withSeed(long s) {
      return new Config(s, epochs);
    }

    @Override
    public Config withEpochs(int e) {
      return new Config(seed, e);
    }

    @Override
    public Map<String, Object> toJson() {
      return ConfigFields.tree("seed", seed, "epochs", epochs);
    }
  }

  @Override
  public Config parseConfig(JsonFields f) {
    return Config.fromJson(f);
  }

  @Override
  public String name() {
    return "cinc2017-fast";
  }

  @Override
  public String description() {
    return "CinC 2017 N/A/O/~ on CPU: 100 Hz, 30 s, narrow ResNet1d, weighted CE, AdamW, "
        + "stratified 80/20 hold-out (a cinc2017-rhythm package)";
  }

  /**
   * The model input of one record: {@link #STEPS} replayed by {@link dev.ecg.io.pipeline.Pipeline#run}.
   *
   * @param r a CinC 2017 record (or any single-lead record)
   * @return {@link #LENGTH} samples
   * @throws IllegalArgumentException if a step refuses the record (for example NaN samples)
   */
  public static float[] input(Record r) {
    double[] w = Pipeline.run(r, STEPS).windows().get(0)[0];
    float[] out = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = (float) w[i];
    }
    return out;
  }

  /**
   * @return the architecture used by this experiment
   */
  public static ResNet1d architecture() {
    return ResNet1d.builder().setInput(1, LENGTH).setNumClasses(4).optBlocks(6)
        .optStartFilters(8).optKernel(8).optIncreaseEvery(2).optSubsampleEvery(1)
        .optDropout(0.2).build();
  }

  @Override
  public void run(ExperimentContext ctx, Config config) throws Exception {
    long t0 = System.nanoTime();
    Path root = ctx.dataDir().resolve("cinc2017").resolve("training");
    Cinc2017 db = new Cinc2017(root);
    List<String> ids = new ArrayList<>(db.records());
    if (ctx.smoke()) {
      List<String> pick = new ArrayList<>();
      int[] per = new int[4];
      for (String id : ids) {
        int c = db.label(id).ordinal();
        if (per[c] < 5) {
          per[c]++;
          pick.add(id);
        }
      }
      ids = pick;
    }
    float[][] x = new float[ids.size()][];
    int[] y = new int[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      x[i] = input(db.load(ids.get(i)));
      y[i] = db.label(ids.get(i)).ordinal();
    }
    System.err.printf(Locale.ROOT, "cinc2017-fast: %d recordings loaded in %.1f s%n", ids.size(),
        (System.nanoTime() - t0) / 1e9);
    Split outer = StratifiedHoldout.split(y, 0.2, ctx.seed());
    int[] trainAll = outer.train();
    int[] ty0 = Training.pick(y, trainAll);
    Split inner = StratifiedHoldout.split(ty0, 0.1, ctx.seed() + 7);
    int[] tr = Training.compose(trainAll, inner.train());
    int[] va = Training.compose(trainAll, inner.test());
    int[] te = outer.test();
    int epochs = Training.epochs(ctx, config.epochs());
    long t1 = System.nanoTime();
    int[] ytr = Training.pick(y, tr);
    EcgTrainer t = Training.trainer(EcgTrainer.builder().setArchitecture(architecture())
        .optBatchSize(32)
        .optOptimizer(OptimizerConfig.adamW(1e-3, 1e-2))
        .optClassWeights(ClassWeights.inverseFrequency(ytr, 4))
        .optMetrics(EvalMetric.ACCURACY, EvalMetric.MACRO_F1, EvalMetric.CINC_SCORE)
        .optEarlyStopping(EvalMetric.CINC_SCORE, 3), ctx, epochs, "holdout");
    try (TrainingResult r = t.fit(Training.pick(x, tr), ytr, Training.pick(x, va),
        Training.pick(y, va))) {
      int[] yte = Training.pick(y, te);
      double[][] p = Training.toDouble(r.predictProbabilities(Training.pick(x, te)));
      Map<String, String> info = new LinkedHashMap<>();
      info.put("experiment", name());
      info.put("protocol", "honest: record-level stratified 80/20 hold-out (single split, not CV); "
          + "validation = stratified 10 % of the training part");
      info.put("dataset", "PhysioNet/CinC 2017 training (" + ids.size() + " recordings), lead 0, "
          + "100 Hz, 30 s crop/pad");
      info.put("split", tr.length + " train / " + va.length + " validation / " + te.length
          + " test");
      info.put("model", r.architecture().name() + " " + r.architecture().hyperparameters());
      RunInfo.putRun(info, ctx.seed(), r.history().epochs().size(), r.history().bestEpoch(),
          ctx.smoke(), (System.nanoTime() - t0) / 60e9);
      Reporting.Evaluation e = Reporting.evaluate(info, ctx.config(), yte, Training.argmax(p), p,
          CincClass.NAMES, ctx.seed());
      Reporting.write(ctx.outDir(), "", e, "cinc2017-fast hold-out test report");
      r.saveReport(ctx.outDir().resolve("training"));
      ModelManifest.Builder mb = ModelManifest.builder().setName("cinc2017-rhythm")
          .setClassNames(CincClass.NAMES).setSamplingRate(FS);
      for (Step s : STEPS) {
        mb.addPreprocessing(s);
      }
      mb.optProvenance(Training.provenance(ctx, "PhysioNet/CinC Challenge 2017 training set ("
          + ids.size() + " recordings), lead 0, 100 Hz, 30 s; trained on " + tr.length
          + " records, validated on " + va.length,
          "record-level stratified 80/20 hold-out, seed " + ctx.seed() + "; metrics on the "
              + te.length + " held-out test records", Training.metrics(e)));
      Training.toPackage(r, mb, ctx.outDir().resolve("model"));
      String summary = String.format(Locale.ROOT, "cinc2017-fast hold-out (%d test records): "
          + "challenge score %s, macro-F1 %s, accuracy %s; best epoch %d of %d; total %.1f min "
          + "(training %.1f min)%n", te.length, e.ci("cinc_score"), e.ci("macro_f1"),
          e.ci("accuracy"), r.history().bestEpoch(), r.history().epochs().size(),
          (System.nanoTime() - t0) / 60e9, (System.nanoTime() - t1) / 60e9);
      Files.writeString(ctx.outDir().resolve("summary.txt"), summary, StandardCharsets.UTF_8);
      System.err.print(summary);
    }
  }
}
