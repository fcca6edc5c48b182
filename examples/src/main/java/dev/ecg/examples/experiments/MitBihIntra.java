package dev.ecg.examples.experiments;

import dev.ecg.core.imbalance.ClassWeights;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.split.Split;
import dev.ecg.core.split.StratifiedHoldout;
import dev.ecg.io.datasets.MitBih;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.CnnBiLstm;
import dev.ecg.models.arch.KachueeResNet;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.train.EcgTrainer;
import dev.ecg.models.train.EvalMetric;
import dev.ecg.models.train.IndexSampler;
import dev.ecg.models.train.LrSchedule;
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
 * {@code mitbih-intra}: the <b>leaky intra-patient</b> protocol of the 187-sample heartbeat CSV
 * (Kachuee et al. 2018, "ECG Heartbeat Classification: A Deep Transferable Representation"):
 * Kachuee beats of lead 0 of all 48 records, AAMI 5 classes, a stratified 80/20 beat-level split
 * ({@link StratifiedHoldout}), so beats of the same patient sit on both sides. The best epoch is
 * picked on a stratified 10 % of the training part (validation macro-F1); the 20 % test part is
 * scored once. Compares {@link KachueeResNet} ({@value #FILTERS} filters, the paper's) with
 * {@link CnnBiLstm} (width 0.5, LSTM hidden 32).
 *
 * <p>Training: every epoch visits {@value #BEATS_PER_EPOCH} distinct training beats drawn at
 * random without replacement (natural class frequencies, so about a quarter of a pass);
 * cross-entropy with mild class weights {@code count^-0.25} (mean 1 per beat); AdamW 1e-3
 * (weight decay 1e-2), batch 128, cosine decay to 1e-5 over the epoch budget
 * ({@value #KACHUEE_EPOCHS} epochs for KachueeResNet, {@value #CNNBILSTM_EPOCHS} for the
 * cheaper CnnBiLstm: about the same CPU time), early stopping on validation macro-F1 (patience
 * {@value #PATIENCE}). The configuration ({@link Config}, defaults in {@code mitbih-intra.json})
 * picks the models (default both, one after the other), their epoch budgets and the seed.
 * Numbers from this protocol overstate what a model does on a new patient (see
 * {@code mitbih-inter}).
 */
public final class MitBihIntra implements Experiment<MitBihIntra.Config> {
  /** Maximum epochs of KachueeResNet. */
  public static final int KACHUEE_EPOCHS = 16;
  /** Maximum epochs of CnnBiLstm. */
  public static final int CNNBILSTM_EPOCHS = 48;
  /** Training beats per epoch, drawn without replacement (a random part of one pass). */
  public static final int BEATS_PER_EPOCH = 20000;
  /** Exponent of the class weights {@code count^-power} of the cross-entropy. */
  public static final double CLASS_WEIGHT_POWER = 0.25;
  /** Early-stopping patience in epochs (on validation macro-F1). */
  public static final int PATIENCE = 8;
  /** KachueeResNet filters (the paper's 32). */
  public static final int FILTERS = 32;
  /** The models, in training order. */
  public static final List<String> MODELS = List.of("kachueeresnet", "cnnbilstm");

  /**
   * The settings of a run.
   *
   * @param seed seed of the splits, initialisation, sampling and bootstrap
   * @param models the models to train, in order ({@code kachueeresnet}, {@code cnnbilstm})
   * @param epochsKachueeResNet maximum epochs of KachueeResNet
   * @param epochsCnnBiLstm maximum epochs of CnnBiLstm
   */
  public record Config(long seed, List<String> models, int epochsKachueeResNet,
      int epochsCnnBiLstm) implements ExperimentConfig<Config> {
    static final List<String> KEYS = List.of("seed", "models", "epochsKachueeResNet",
        "epochsCnnBiLstm");

    /**
     * Copies the list.
     *
     * @param seed see the record description
     * @param models see the record description
     * @param epochsKachueeResNet see the record description
     * @param epochsCnnBiLstm see the record description
     */
    public Config {
      models = List.copyOf(models);
    }

    static Config fromJson(JsonFields f) {
      ConfigFields.exactly(f, KEYS);
      return new Config(ConfigFields.seed(f), ConfigFields.subsetOf(f, "models", MODELS),
          ConfigFields.epochs(f, "epochsKachueeResNet"), ConfigFields.epochs(f, "epochsCnnBiLstm"));
    }

    @Override
    public Config withSeed(long s) {
      return new Config(s, models, epochsKachueeResNet, epochsCnnBiLstm);
    }

    @Override
    public Config withEpochs(int e) {
      return new Config(seed, models, e, e);
    }

    @Override
    public Map<String, Object> toJson() {
      return ConfigFields.tree("seed", seed, "models", models, "epochsKachueeResNet",
          epochsKachueeResNet, "epochsCnnBiLstm", epochsCnnBiLstm);
    }
  }

  @Override
  public Config parseConfig(JsonFields f) {
    return Config.fromJson(f);
  }

  @Override
  public String name() {
    return "mitbih-intra";
  }

  @Override
  public String description() {
    return "MIT-BIH 48 records, AAMI 5 classes, stratified 80/20 beat split (LEAKY intra-patient),"
        + " KachueeResNet vs CnnBiLstm";
  }

  @Override
  public void run(ExperimentContext ctx, Config config) throws Exception {
    Path root = ctx.dataDir().resolve("mitdb");
    MitBih db = new MitBih(root);
    List<String> recs = ctx.smoke() ? List.of("100", "119", "208") : db.records();
    long t0 = System.nanoTime();
    MitBihBeats.Data all = MitBihBeats.load(db, recs, false, ctx.smoke() ? 400 : 0);
    Split outer = StratifiedHoldout.split(all.y(), 0.2, ctx.seed());
    MitBihBeats.Data trainAll = all.subset(outer.train());
    MitBihBeats.Data test = all.subset(outer.test());
    Split inner = StratifiedHoldout.split(trainAll.y(), 0.1, ctx.seed() + 1);
    MitBihBeats.Data tr = trainAll.subset(inner.train());
    MitBihBeats.Data va = trainAll.subset(inner.test());
    System.err.printf("mitbih-intra: %d beats %s; train %d, validation %d, test %d%n",
        all.size(), java.util.Arrays.toString(all.counts()), tr.size(), va.size(), test.size());
    int k = AamiClass.NAMES.size();
    List<Architecture> archs = new ArrayList<>();
    for (String m : config.models()) {
      archs.add(m.equals("kachueeresnet")
          ? KachueeResNet.builder().setInput(1, MitBihBeats.LENGTH).setNumClasses(k)
              .optFilters(FILTERS).build()
          : CnnBiLstm.builder().setInput(1, MitBihBeats.LENGTH).setNumClasses(k).optWidth(0.5)
              .optLstmHidden(32).build());
    }
    // count^-power scaled to mean 1 per beat; an absent class (smoke runs) gets 1, unused
    double[] classWeights = ClassWeights.fillAbsent(ClassWeights.power(tr.y(), k,
        CLASS_WEIGHT_POWER), 1);
    System.err.printf("mitbih-intra: models %s, class weights %s%n", config.models(),
        java.util.Arrays.toString(classWeights));
    StringBuilder summary = new StringBuilder(String.format(Locale.ROOT,
        "mitbih-intra (LEAKY intra-patient, stratified 80/20 beat split), seed %d, %d beats%n",
        ctx.seed(), all.size()));
    for (Architecture arch : archs) {
      long t1 = System.nanoTime();
      String tag = arch.name().toLowerCase(Locale.ROOT);
      int epochs = Training.epochs(ctx,
          arch.name().equals(KachueeResNet.NAME) ? config.epochsKachueeResNet()
              : config.epochsCnnBiLstm());
      Path dir = ctx.outDir().resolve(tag);
      EcgTrainer trainer = Training.trainer(EcgTrainer.builder().setArchitecture(arch)
          .optBatchSize(128)
          .optOptimizer(OptimizerConfig.adamW(1e-3, 1e-2))
          .optLrSchedule(LrSchedule.cosine(epochs, 1e-5))
          .optClassWeights(classWeights)
          .optSampler(ctx.smoke() ? IndexSampler.shuffled() : partOfPass(BEATS_PER_EPOCH))
          .optMetrics(EvalMetric.ACCURACY, EvalMetric.MACRO_F1)
          .optEarlyStopping(EvalMetric.MACRO_F1, PATIENCE), ctx, epochs, tag);
      try (TrainingResult r = trainer.fit(tr.x(), tr.y(), va.x(), va.y())) {
        double[][] p = Training.toDouble(r.predictProbabilities(test.x()));
        int[] pred = Training.argmax(p);
        Map<String, String> info = new LinkedHashMap<>();
        info.put("experiment", name());
        info.put("protocol", "LEAKY: intra-patient stratified 80/20 beat-level split");
        info.put("dataset", "MIT-BIH Arrhythmia, " + recs.size() + " records, lead 0");
        info.put("model", arch.name() + " " + arch.hyperparameters());
        info.put("seed", Long.toString(ctx.seed()));
        info.put("training", String.format(Locale.ROOT,
            "max %d epochs of %d beats without replacement, class weights %s, AdamW 1e-3/1e-2,"
            + " cosine to 1e-5, batch 128, early stopping on validation macro-F1 (patience %d)",
            epochs, ctx.smoke() ? tr.size() : BEATS_PER_EPOCH,
            java.util.Arrays.toString(classWeights), PATIENCE));
        info.put("epochs_run", Integer.toString(r.history().epochs().size()));
        info.put("best_epoch", Integer.toString(r.history().bestEpoch()));
        info.put("smoke", Boolean.toString(ctx.smoke()));
        info.put("commit", RunInfo.gitCommit());
        info.put("date", RunInfo.now());
        info.put("wall_minutes", String.format(Locale.ROOT, "%.1f",
            (System.nanoTime() - t1) / 60e9));
        Reporting.Evaluation e = Reporting.evaluate(info, ctx.config(), test.y(), pred, p, AamiClass.NAMES,
            ctx.seed());
        Reporting.write(dir, "", e, "mitbih-intra " + arch.name()
            + " (LEAKY intra-patient) test report");
        r.saveReport(dir);
        Training.toPackage(r, ModelManifest.builder().setName("mitbih-intra-" + tag)
            .setClassNames(AamiClass.NAMES).setSamplingRate(125.0)
            .addPreprocessing(Step.of("select-leads", "indices", List.of(0)))
            .addPreprocessing(Step.of("kachuee-segment"))
            .optProvenance(Training.provenance(ctx, "MIT-BIH Arrhythmia Database (ODC-By 1.0), "
                + recs.size() + " records, lead 0",
                "LEAKY intra-patient stratified 80/20 beat split, seed " + ctx.seed(),
                Training.metrics(e))), dir.resolve("model"));
        summary.append(String.format(Locale.ROOT,
            "%-14s accuracy %s  macro-F1 %s  weighted-F1 %s  (%s epochs, %.1f min)%n",
            arch.name(), e.ci("accuracy"), e.ci("macro_f1"), e.ci("weighted_f1"),
            info.get("epochs_run"), (System.nanoTime() - t1) / 60e9));
      }
    }
    summary.append(String.format(Locale.ROOT, "total %.1f min%n", (System.nanoTime() - t0) / 60e9));
    Files.writeString(ctx.outDir().resolve("summary.txt"), summary.toString(),
        StandardCharsets.UTF_8);
    System.err.print(summary);
  }

  /**
   * A sampler that visits {@code perEpoch} distinct training examples per epoch, a uniformly
   * random subset in random order (partial Fisher-Yates on the epoch's generator), or all of them
   * in a fresh order when the training set is smaller. Class frequencies stay natural.
   *
   * @param perEpoch examples per epoch, at least 1
   * @return the sampler
   */
  static IndexSampler partOfPass(int perEpoch) {
    if (perEpoch < 1) {
      throw new IllegalArgumentException("perEpoch must be >= 1, got " + perEpoch);
    }
    return (n, rng) -> {
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      int m = Math.min(n, perEpoch);
      for (int i = 0; i < m; i++) {
        int j = i + rng.nextInt(n - i);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
      return java.util.Arrays.copyOf(idx, m);
    };
  }
}
