package dev.ecg.examples.experiments;

import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.split.Split;
import dev.ecg.core.split.StratifiedHoldout;
import dev.ecg.io.datasets.MitBih;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.CnnBiLstm;
import dev.ecg.models.arch.KachueeResNet;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.PreprocessingStep;
import dev.ecg.models.pkg.Provenance;
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
 * (Kachuee et al. 2018): Kachuee beats of lead 0 of all 48 records, AAMI 5 classes, a stratified
 * 80/20 beat-level split ({@link StratifiedHoldout}), so beats of the same patient sit on both
 * sides. The best epoch is picked on a stratified 10 % of the training part; the 20 % test part
 * is used once. Compares {@link KachueeResNet} (16 filters instead of the paper's 32, for CPU
 * time) with {@link CnnBiLstm} (width 0.5, LSTM hidden 32). Each epoch draws 16,000 training
 * beats with replacement, class c with a share proportional to {@code sqrt(count(c))}; plain
 * cross-entropy; AdamW 1e-3 (weight decay 1e-2) with cosine decay. Numbers from this protocol
 * overstate what a model does on a new patient (see {@code mitbih-inter}).
 */
public final class MitBihIntra implements Experiment {
  /** Default epochs. */
  public static final int EPOCHS = 5;
  /** Training beats drawn per epoch. */
  public static final int DRAWS_PER_EPOCH = 16000;

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
  public void run(ExperimentContext ctx) throws Exception {
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
    int epochs = Training.epochs(ctx, EPOCHS);
    List<Architecture> archs = List.of(
        KachueeResNet.builder().setInput(1, MitBihBeats.LENGTH).setNumClasses(k).optFilters(16)
            .build(),
        CnnBiLstm.builder().setInput(1, MitBihBeats.LENGTH).setNumClasses(k).optWidth(0.5)
            .optLstmHidden(32).build());
    StringBuilder summary = new StringBuilder(String.format(Locale.ROOT,
        "mitbih-intra (LEAKY intra-patient, stratified 80/20 beat split), seed %d, %d beats%n",
        ctx.seed(), all.size()));
    for (Architecture arch : archs) {
      long t1 = System.nanoTime();
      String tag = arch.name().toLowerCase(Locale.ROOT);
      Path dir = ctx.outDir().resolve(tag);
      EcgTrainer trainer = Training.trainer(EcgTrainer.builder().setArchitecture(arch)
          .optBatchSize(128)
          .optOptimizer(OptimizerConfig.adamW(1e-3, 1e-2))
          .optLrSchedule(LrSchedule.cosine(epochs, 1e-5))
          .optSampler(IndexSampler.weighted(Training.classPowerWeights(tr.y(), k, 0.5),
              ctx.smoke() ? 0 : DRAWS_PER_EPOCH))
          .optMetrics(EvalMetric.ACCURACY, EvalMetric.MACRO_F1)
          .optEarlyStopping(EvalMetric.MACRO_F1, 3), ctx, epochs, tag);
      try (TrainingResult r = trainer.fit(tr.x(), tr.y(), va.x(), va.y())) {
        double[][] p = Training.toDouble(r.predictProbabilities(test.x()));
        int[] pred = Training.argmax(p);
        Map<String, String> info = new LinkedHashMap<>();
        info.put("experiment", name());
        info.put("protocol", "LEAKY: intra-patient stratified 80/20 beat-level split");
        info.put("dataset", "MIT-BIH Arrhythmia, " + recs.size() + " records, lead 0");
        info.put("model", arch.name() + " " + arch.hyperparameters());
        info.put("seed", Long.toString(ctx.seed()));
        info.put("epochs_run", Integer.toString(r.history().epochs().size()));
        info.put("best_epoch", Integer.toString(r.history().bestEpoch()));
        info.put("smoke", Boolean.toString(ctx.smoke()));
        info.put("commit", RunInfo.gitCommit());
        info.put("date", RunInfo.now());
        info.put("wall_minutes", String.format(Locale.ROOT, "%.1f",
            (System.nanoTime() - t1) / 60e9));
        Reporting.Evaluation e = Reporting.evaluate(info, test.y(), pred, p, AamiClass.NAMES,
            ctx.seed());
        Reporting.write(dir, "", e, "mitbih-intra " + arch.name()
            + " (LEAKY intra-patient) test report");
        r.saveReport(dir);
        ModelManifest base = ModelManifest.builder().setName("mitbih-intra-" + tag)
            .setClassNames(AamiClass.NAMES).setInputLength(MitBihBeats.LENGTH)
            .setSamplingRate(125.0).optArchitecture(arch.name(), arch.hyperparameters())
            .addPreprocessing(PreprocessingStep.of("select-leads", "indices", List.of(0)))
            .addPreprocessing(PreprocessingStep.of("kachuee-segment"))
            .build();
        Provenance prov = new Provenance("MIT-BIH Arrhythmia Database (ODC-By 1.0), "
            + recs.size() + " records, lead 0",
            "LEAKY intra-patient stratified 80/20 beat split, seed " + ctx.seed(), ctx.seed(),
            r.history().epochs().size(), Training.metrics(e), RunInfo.gitCommit(), RunInfo.now());
        Training.writePackage(r, base, prov, dir.resolve("model"));
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
}
