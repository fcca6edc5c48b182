package dev.ecg.examples.experiments;

import dev.ecg.core.imbalance.ClassWeights;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.json.JsonWriter;
import dev.ecg.core.labels.ScpStatements;
import dev.ecg.core.metrics.RocAuc;
import dev.ecg.io.datasets.PtbXl;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.arch.KachueeResNet;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.ModelPackage;
import dev.ecg.models.train.EcgTrainer;
import dev.ecg.models.train.EvalMetric;
import dev.ecg.models.train.IndexSampler;
import dev.ecg.models.train.LrSchedule;
import dev.ecg.models.train.OptimizerConfig;
import dev.ecg.models.train.PretrainedParameters;
import dev.ecg.models.train.TrainingResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code ptbxl-mi-transfer}: does MIT-BIH pretraining help to tell myocardial infarction from
 * normal 12-lead ECGs of PTB-XL? Kachuee et al. (IEEE ICHI 2018) trained a beat classifier on
 * MIT-BIH and transferred its features to MI vs normal beats of the PTB Diagnostic database;
 * here the same idea is tried on PTB-XL (Wagner et al. 2020), record level, with the honest
 * PTB-XL split (strat_fold 1-8 train, 9 validation, 10 test).
 *
 * <ul>
 *   <li>Task and inputs: {@link PtbxlMi} (NORM-only vs any MI; 12-lead Kachuee beats at 125 Hz
 *       cut at Pan-Tompkins R peaks of lead II, RR features in samples 183-186).</li>
 *   <li>Pretrained arm: {@link KachueeResNet} (16 filters, 12 input channels, 2 classes) whose
 *       parameters start from the bundled {@code mitbih-aami5} model (trained on MIT-BIH DS1 only,
 *       experiment {@code mitbih-inter}). Every parameter of the same shape is copied; the first
 *       convolution (1 input channel there, 12 here) is inflated: its kernel is repeated over the
 *       12 channels and divided by 12, so that it initially sees the mean of the leads; the
 *       output layer (5 AAMI classes there) starts fresh. Everything is then fine-tuned.</li>
 *   <li>Scratch arm: the same network, same data, same recipe and seed, random
 *       initialisation.</li>
 *   <li>Training: AdamW (lr 1e-3, weight decay 1e-2), cosine decay, batch 64, each epoch draws as
 *       many beats as the training set holds, with replacement, MI and NORM beats equally often;
 *       best epoch by the beat-level ROC-AUC on fold 9 (early stopping, patience
 *       {@value #PATIENCE}).</li>
 *   <li>Decision: record score = mean P(MI) of its beats; the threshold maximising F1(MI) on the
 *       fold-9 records is applied to fold 10 ({@link PtbxlMi#bestF1Threshold}).</li>
 *   <li>Seeds: both arms are trained with {@value #SEEDS} seeds (the configuration's seed +
 *       0..4; its member {@code seeds} sets the number, at most 2 in smoke runs); the first
 *       seed's models are packaged and reported with bootstrap intervals, the others give the
 *       seed spread.</li>
 *   <li>Leads: {@code "leads": "II"} trains on lead II alone (one input channel, so the
 *       MIT-BIH weights fit without inflation) instead of the default 12 leads.</li>
 *   <li>Outputs: {@code pretrained/} and {@code scratch/} each with the record-level
 *       {@code report.json}/{@code report.txt}/{@code confusion.png} (bootstrap CIs over the test
 *       records), {@code history.json}, loss/metric plots and a model package; {@code
 *       comparison.json}/{@code comparison.txt} with both arms, beat-level AUCs and a paired
 *       bootstrap interval of the test AUC difference, every seed's test values and their mean
 *       and standard deviation; {@code seeds/<seed>/} the other seeds' training histories.</li>
 * </ul>
 */
public final class PtbxlMiTransfer implements Experiment<PtbxlMiTransfer.Config> {
  /** Default maximum epochs. */
  public static final int EPOCHS = 15;
  /** Early-stopping patience in epochs. */
  public static final int PATIENCE = 5;
  /** Convolution filters: those of the bundled {@code mitbih-aami5}, so its weights fit. */
  public static final int FILTERS = 16;
  /** The MIT-BIH model the pretrained arm starts from. */
  public static final String PRETRAINED = "mitbih-aami5";
  /** Seeds per arm by default (the first writes the packages and reports). */
  public static final int SEEDS = 5;
  /** Train folds (strat_fold). */
  public static final List<Integer> TRAIN_FOLDS = List.of(1, 2, 3, 4, 5, 6, 7, 8);
  /** Validation fold. */
  public static final int VALIDATION_FOLD = 9;
  /** Test fold. */
  public static final int TEST_FOLD = 10;

  /**
   * The configuration of a run (defaults in {@code ptbxl-mi-transfer.json}).
   *
   * @param seed the first seed; further seeds are {@code seed + 1 ...}
   * @param epochs maximum epochs of each arm (early stopping on validation beat ROC-AUC)
   * @param leads {@code all} (12 input channels) or {@code II} (lead II alone)
   * @param seeds seeds per arm, at least 1 (at most 2 in smoke runs)
   */
  public record Config(long seed, int epochs, String leads, int seeds)
      implements ExperimentConfig<Config> {
    static final List<String> KEYS = List.of("seed", "epochs", "leads", "seeds");

    static Config fromJson(JsonFields f) {
      ConfigFields.exactly(f, KEYS);
      return new Config(ConfigFields.seed(f), ConfigFields.epochs(f, "epochs"),
          ConfigFields.oneOf(f, "leads", List.of("all", "II")),
          ConfigFields.integer(f, "seeds", 1, 100));
    }

    @Override
    public Config withSeed(long s) {
      return new Config(s, epochs, leads, seeds);
    }

    @Override
    public Config withEpochs(int e) {
      return new Config(seed, e, leads, seeds);
    }

    @Override
    public Map<String, Object> toJson() {
      return ConfigFields.tree("seed", seed, "epochs", epochs, "leads", leads, "seeds", seeds);
    }
  }

  @Override
  public Config parseConfig(JsonFields f) {
    return Config.fromJson(f);
  }

  @Override
  public String name() {
    return "ptbxl-mi-transfer";
  }

  @Override
  public String description() {
    return "PTB-XL 12-lead NORM vs MI (folds 1-8 / 9 / 10), Kachuee beats, KachueeResNet "
        + "fine-tuned from the MIT-BIH model mitbih-aami5 vs trained from scratch";
  }

  @Override
  public void run(ExperimentContext ctx, Config config) throws Exception {
    long t0 = System.nanoTime();
    PtbXl db = new PtbXl(ctx.dataDir().resolve("ptbxl"));
    ScpStatements scp = PtbxlMi.statements(db);
    List<PtbxlMi.Item> all = PtbxlMi.items(db, scp);
    List<PtbxlMi.Item> train = new ArrayList<>();
    List<PtbxlMi.Item> val = new ArrayList<>();
    List<PtbxlMi.Item> test = new ArrayList<>();
    for (PtbxlMi.Item it : all) {
      if (TRAIN_FOLDS.contains(it.fold())) {
        train.add(it);
      } else if (it.fold() == VALIDATION_FOLD) {
        val.add(it);
      } else if (it.fold() == TEST_FOLD) {
        test.add(it);
      }
    }
    if (ctx.smoke()) {
      train = firstOfEach(train, 6);
      val = firstOfEach(val, 3);
      test = firstOfEach(test, 3);
    }
    String leadOpt = config.leads();
    List<Step> steps = leadOpt.equals("all") ? PtbxlMi.steps()
        : PtbxlMi.steps(List.of(PtbxlMi.PEAK_LEAD), 0);
    int nLeads = leadOpt.equals("all") ? PtbxlMi.LEADS : 1;
    int seeds = ctx.smoke() ? Math.min(2, config.seeds()) : config.seeds();
    PtbxlMi.Beats tr = PtbxlMi.load(db, train, steps);
    PtbxlMi.Beats va = PtbxlMi.load(db, val, steps);
    PtbxlMi.Beats te = PtbxlMi.load(db, test, steps);
    String counts = String.format(Locale.ROOT,
        "train %s records (NORM, MI) / %d beats %s; validation %s / %d %s; test %s / %d %s",
        Arrays.toString(recordCounts(train)), tr.size(), Arrays.toString(tr.counts()),
        Arrays.toString(recordCounts(val)), va.size(), Arrays.toString(va.counts()),
        Arrays.toString(recordCounts(test)), te.size(), Arrays.toString(te.counts()));
    System.err.println("ptbxl-mi-transfer: leads " + leadOpt + ", " + seeds + " seed(s); "
        + counts);

    KachueeResNet arch = KachueeResNet.builder().setInput(nLeads, MitBihBeats.LENGTH)
        .setNumClasses(PtbxlMi.CLASSES.size()).optFilters(FILTERS).build();
    Map<String, PretrainedParameters.Tensor> init = new LinkedHashMap<>();
    List<String> transferLog = new ArrayList<>();
    try (ModelPackage pkg = ModelPackage.openBundled(PRETRAINED,
        PtbxlMiTransfer.class.getClassLoader())) {
      init = adapt(PretrainedParameters.read(pkg), PretrainedParameters.shapes(arch),
          transferLog);
    }
    System.err.println("ptbxl-mi-transfer: from " + PRETRAINED + ": " + transferLog);

    Map<String, Arm> arms = new LinkedHashMap<>();
    int epochs = Training.epochs(ctx, config.epochs());
    arms.put("pretrained", runArm("pretrained", init, arch, tr, va, te, ctx, epochs));
    arms.put("scratch", runArm("scratch", null, arch, tr, va, te, ctx, epochs));
    // further seeds: the same two arms, numbers only (no package), to see the seed spread
    List<Map<String, Arm>> extra = new ArrayList<>();
    for (int i = 1; i < seeds; i++) {
      ExperimentContext c = ctx.withOutDirAndSeed(
          ctx.outDir().resolve("seeds").resolve(Long.toString(ctx.seed() + i)), ctx.seed() + i);
      Map<String, Arm> m = new LinkedHashMap<>();
      m.put("pretrained", runArm("pretrained", init, arch, tr, va, te, c, epochs));
      m.put("scratch", runArm("scratch", null, arch, tr, va, te, c, epochs));
      for (Arm a : m.values()) {
        a.result.close();
        a.result = null;
      }
      extra.add(m);
    }
    double minutes = (System.nanoTime() - t0) / 60e9;

    for (Map.Entry<String, Arm> e : arms.entrySet()) {
      Arm a = e.getValue();
      Map<String, String> info = new LinkedHashMap<>();
      info.put("experiment", name());
      info.put("arm", e.getKey());
      info.put("protocol", "honest: PTB-XL strat_fold 1-8 train, 9 validation (epoch and "
          + "threshold), 10 test; record level");
      info.put("dataset", "PTB-XL (" + all.size() + " NORM-only or MI records of the "
          + db.rows().size() + " here), leads " + leadOpt + " (" + nLeads
          + " input channel(s)), 100 Hz, " + db.root());
      info.put("counts", counts);
      info.put("test_records", ids(te.items()));
      info.put("validation_records", ids(va.items()));
      info.put("model", arch.name() + " " + arch.hyperparameters());
      info.put("initialisation", e.getKey().equals("pretrained")
          ? "bundled " + PRETRAINED + " (MIT-BIH DS1); " + transferLog : "random");
      info.put("record_threshold_MI", fmt(a.threshold));
      info.put("beat_auc_test", fmt(a.beatAucTest));
      info.put("record_auc_validation", fmt(a.recordAucVal));
      info.put("records_without_beats", Integer.toString(a.noBeats));
      RunInfo.putRun(info, ctx.seed(), a.epochsRun, a.bestEpoch,
          ctx.smoke(), minutes);
      int[] y = te.recordLabels();
      Reporting.Evaluation ev = Reporting.evaluate(info, ctx.config(), y, PtbxlMi.predict(a.testScores,
          a.threshold), PtbxlMi.probabilityRows(a.testScores), PtbxlMi.CLASSES, ctx.seed());
      a.evaluation = ev;
      Path dir = ctx.outDir().resolve(e.getKey());
      Reporting.write(dir, "", ev, "ptbxl-mi-transfer, " + e.getKey() + " arm: PTB-XL fold 10 "
          + "record-level test report (SMALL SUBSET: " + y.length + " test records)");
      Map<String, Double> metrics = Training.metrics(ev);
      metrics.put(PtbxlMi.THRESHOLD_KEY, a.threshold);
      metrics.put("beat_auc", a.beatAucTest);
      Training.toPackage(a.result, manifest(e.getKey(), steps).optProvenance(
          Training.provenance(ctx,
          "PTB-XL 1.0 (PhysioNet, CC BY 4.0), the " + db.rows().size() + " records here; "
              + "NORM-only vs MI (" + all.size() + " records); leads " + leadOpt
              + (e.getKey().equals("pretrained") ? "; initialised from " + PRETRAINED
              + " (MIT-BIH Arrhythmia Database, ODC-By 1.0)" : ""),
          "strat_fold 1-8 train, 9 validation, 10 test (" + y.length + " records); record "
              + "score = mean beat P(MI), MI when >= " + PtbxlMi.THRESHOLD_KEY, metrics)),
          dir.resolve("model"));
      a.result.close();
      System.err.println(e.getKey() + ":\n" + ev.report().toText());
    }
    List<Map<String, Arm>> perSeed = new ArrayList<>();
    perSeed.add(arms);
    perSeed.addAll(extra);
    writeComparison(ctx, perSeed, te.recordLabels(), counts + "; leads " + leadOpt, minutes);
  }

  /** Keeps up to n records of each class (smoke runs). */
  private static List<PtbxlMi.Item> firstOfEach(List<PtbxlMi.Item> items, int n) {
    List<PtbxlMi.Item> out = new ArrayList<>();
    int[] seen = new int[2];
    for (PtbxlMi.Item it : items) {
      if (seen[it.label()]++ < n) {
        out.add(it);
      }
    }
    return out;
  }

  private static String ids(List<PtbxlMi.Item> items) {
    StringBuilder sb = new StringBuilder();
    for (PtbxlMi.Item it : items) {
      sb.append(sb.length() == 0 ? "" : " ").append(it.ecgId());
    }
    return sb.toString();
  }

  private static long[] recordCounts(List<PtbxlMi.Item> items) {
    long[] c = new long[2];
    items.forEach(it -> c[it.label()]++);
    return c;
  }

  /**
   * Maps pretrained parameters onto a target architecture: same shape, copied; a first
   * convolution {@code (f, 1, k)} onto {@code (f, c, k)}, repeated over the c channels and
   * divided by c; anything else (the output layer) left to its fresh initialisation.
   *
   * @param src pretrained values
   * @param target the target's shapes
   * @param log receives one entry per decision
   * @return the initial values to use
   */
  static Map<String, PretrainedParameters.Tensor> adapt(
      Map<String, PretrainedParameters.Tensor> src, Map<String, long[]> target,
      List<String> log) {
    Map<String, PretrainedParameters.Tensor> out = new LinkedHashMap<>();
    int copied = 0;
    for (Map.Entry<String, long[]> t : target.entrySet()) {
      PretrainedParameters.Tensor s = src.get(t.getKey());
      long[] want = t.getValue();
      if (s == null) {
        log.add(t.getKey() + " fresh (absent)");
        continue;
      }
      long[] have = s.shape();
      if (Arrays.equals(have, want)) {
        out.put(t.getKey(), s);
        copied++;
      } else if (have.length == 3 && want.length == 3 && have[0] == want[0] && have[2] == want[2]
          && have[1] == 1) {
        int f = (int) want[0];
        int c = (int) want[1];
        int k = (int) want[2];
        float[] v = new float[f * c * k];
        for (int o = 0; o < f; o++) {
          for (int ch = 0; ch < c; ch++) {
            for (int j = 0; j < k; j++) {
              v[(o * c + ch) * k + j] = s.values()[o * k + j] / c;
            }
          }
        }
        out.put(t.getKey(), new PretrainedParameters.Tensor(want, v));
        log.add(t.getKey() + " inflated " + Arrays.toString(have) + " -> "
            + Arrays.toString(want));
      } else {
        log.add(t.getKey() + " fresh (" + Arrays.toString(have) + " vs "
            + Arrays.toString(want) + ")");
      }
    }
    log.add(0, copied + " of " + target.size() + " tensors copied");
    return out;
  }

  /** One trained arm. */
  private static final class Arm {
    TrainingResult result;
    double threshold;
    double[] testScores;
    double beatAucTest;
    double recordAucVal;
    int noBeats;
    int epochsRun;
    int bestEpoch;
    long seed;
    double testAuc;
    double testF1;
    double testAccuracy;
    Reporting.Evaluation evaluation;
  }

  private Arm runArm(String tag, Map<String, PretrainedParameters.Tensor> init,
      KachueeResNet arch, PtbxlMi.Beats tr, PtbxlMi.Beats va, PtbxlMi.Beats te,
      ExperimentContext ctx, int epochs) throws IOException {
    EcgTrainer.Builder b = EcgTrainer.builder().setArchitecture(arch)
        .optBatchSize(64)
        .optOptimizer(OptimizerConfig.adamW(1e-3, 1e-2))
        .optLrSchedule(LrSchedule.cosine(epochs, 1e-5))
        .optSampler(IndexSampler.weighted(ClassWeights.sampleWeights(tr.y(), 2, 1.0),
            tr.size()))
        .optMetrics(EvalMetric.ACCURACY, EvalMetric.MACRO_AUC)
        .optEarlyStopping(EvalMetric.MACRO_AUC, PATIENCE)
        .optInitialParameters(init);
    Path dir = ctx.outDir().resolve(tag);
    EcgTrainer trainer = Training.trainer(b, ctx.withOutDir(dir), epochs, "kachuee-resnet");
    System.err.println("ptbxl-mi-transfer: training the " + tag + " arm");
    TrainingResult r = trainer.fit(tr.x(), tr.y(), va.x(), va.y());
    r.saveReport(dir);
    Arm a = new Arm();
    a.result = r;
    a.epochsRun = r.history().epochs().size();
    a.bestEpoch = r.history().bestEpoch();
    double[] vb = column(r.predictProbabilities(va.x()));
    double[] vs = PtbxlMi.recordScores(vb, va.record(), va.items().size());
    a.threshold = PtbxlMi.bestF1Threshold(va.recordLabels(), vs);
    a.recordAucVal = auc(va.recordLabels(), vs);
    double[] tb = column(r.predictProbabilities(te.x()));
    a.beatAucTest = auc(te.y(), tb);
    a.testScores = PtbxlMi.recordScores(tb, te.record(), te.items().size());
    for (double s : a.testScores) {
      a.noBeats += Double.isNaN(s) ? 1 : 0;
    }
    a.seed = ctx.seed();
    int[] y = te.recordLabels();
    a.testAuc = auc(y, a.testScores);
    dev.ecg.core.metrics.ConfusionMatrix cm = dev.ecg.core.metrics.ConfusionMatrix.of(y,
        PtbxlMi.predict(a.testScores, a.threshold), 2);
    a.testF1 = cm.f1(1);
    a.testAccuracy = cm.accuracy();
    return a;
  }

  private static double[] column(float[][] p) {
    double[] c = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      c[i] = p[i][1];
    }
    return c;
  }

  private static double auc(int[] y, double[] s) {
    double[] z = s.clone();
    for (int i = 0; i < z.length; i++) {
      z[i] = Double.isNaN(z[i]) ? 0 : z[i];
    }
    return RocAuc.binaryIfDefined(y, z).orElse(Double.NaN);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /**
   * @param arm arm name
   * @param steps the preprocessing
   * @return the manifest so far of a NORM-vs-MI package (architecture, leads, input length and
   *     provenance are added by {@code TrainingResult.toPackage} and the caller)
   */
  static ModelManifest.Builder manifest(String arm, List<Step> steps) {
    ModelManifest.Builder m = ModelManifest.builder()
        .setName(arm.equals("pretrained") ? "ptbxl-mi" : "ptbxl-mi-scratch")
        .setClassNames(PtbxlMi.CLASSES).setSamplingRate(125.0);
    steps.forEach(m::addPreprocessing);
    return m;
  }

  /**
   * Both arms side by side: the first seed with bootstrap intervals and a paired bootstrap of the
   * test AUC difference, then every seed's point values and their mean and standard deviation.
   */
  private void writeComparison(ExperimentContext ctx, List<Map<String, Arm>> perSeed, int[] y,
      String counts, double minutes) throws IOException {
    Map<String, Arm> arms = perSeed.get(0);
    Arm p = arms.get("pretrained");
    Arm s = arms.get("scratch");
    double[] diff = pairedAucDifference(y, p.testScores, s.testScores, ctx.seed());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("experiment", "ptbxl-mi-transfer");
    json.put("counts", counts);
    json.put("wall_minutes", Math.round(minutes * 10) / 10.0);
    json.put("seed", ctx.seed());
    Map<String, Object> armsJson = new LinkedHashMap<>();
    json.put("arms", armsJson);
    StringBuilder txt = new StringBuilder("ptbxl-mi-transfer: PTB-XL NORM vs MI, record level, "
        + "fold 10 (" + y.length + " records; a SMALL subset, wide intervals)\n" + counts
        + "\n\nSeed " + ctx.seed() + " (bootstrap 95 % CIs over the test records):\n");
    for (Map.Entry<String, Arm> e : arms.entrySet()) {
      Arm a = e.getValue();
      Reporting.Evaluation ev = a.evaluation;
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("auc", ci(ev, "macro_auc"));
      one.put("f1_MI", ci(ev, "f1_MI"));
      one.put("accuracy", ci(ev, "accuracy"));
      one.put("threshold", num(a.threshold));
      one.put("beat_auc", num(a.beatAucTest));
      one.put("validation_record_auc", num(a.recordAucVal));
      one.put("best_epoch", a.bestEpoch);
      one.put("epochs_run", a.epochsRun);
      armsJson.put(e.getKey(), one);
      txt.append(String.format(Locale.ROOT, "%-10s AUC %s  F1(MI) %s  accuracy %s  threshold "
              + "%.3f  beat AUC %.3f  validation record AUC %.3f  best epoch %d of %d%n",
          e.getKey(), ev.ci("macro_auc"), ev.ci("f1_MI"), ev.ci("accuracy"), a.threshold,
          a.beatAucTest, a.recordAucVal, a.bestEpoch, a.epochsRun));
    }
    json.put("auc_difference_pretrained_minus_scratch", interval(diff[0], diff[1], diff[2]));
    txt.append(String.format(Locale.ROOT, "%nAUC difference (pretrained - scratch), paired "
        + "bootstrap over test records: %.3f [%.3f, %.3f]%n", diff[0], diff[1], diff[2]));
    txt.append(String.format(Locale.ROOT, "%nAll %d seeds (test, point values; threshold and "
        + "epoch chosen on fold 9 for each):%n", perSeed.size()));
    txt.append(String.format(Locale.ROOT, "%-10s %-10s %7s %7s %7s %9s %9s %5s%n", "seed",
        "arm", "AUC", "F1(MI)", "acc", "beatAUC", "valAUC", "best"));
    List<Object> seedsJson = new ArrayList<>();
    json.put("seeds", seedsJson);
    Map<String, double[][]> byArm = new LinkedHashMap<>();
    for (int k = 0; k < perSeed.size(); k++) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (Map.Entry<String, Arm> e : perSeed.get(k).entrySet()) {
        Arm a = e.getValue();
        byArm.computeIfAbsent(e.getKey(), x -> new double[3][perSeed.size()]);
        double[][] v = byArm.get(e.getKey());
        v[0][k] = a.testAuc;
        v[1][k] = a.testF1;
        v[2][k] = a.testAccuracy;
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("seed", a.seed);
        one.put("auc", num(a.testAuc));
        one.put("f1_MI", num(a.testF1));
        one.put("accuracy", num(a.testAccuracy));
        one.put("beat_auc", num(a.beatAucTest));
        one.put("validation_record_auc", num(a.recordAucVal));
        one.put("best_epoch", a.bestEpoch);
        row.put(e.getKey(), one);
        txt.append(String.format(Locale.ROOT, "%-10d %-10s %7.3f %7.3f %7.3f %9.3f %9.3f %5d%n",
            a.seed, e.getKey(), a.testAuc, a.testF1, a.testAccuracy, a.beatAucTest,
            a.recordAucVal, a.bestEpoch));
      }
      seedsJson.add(row);
    }
    Map<String, Object> meanSdJson = new LinkedHashMap<>();
    json.put("seed_mean_sd", meanSdJson);
    txt.append(String.format(Locale.ROOT, "%nMean (sd) over the %d seeds:%n", perSeed.size()));
    String[] metricNames = {"auc", "f1_MI", "accuracy"};
    for (Map.Entry<String, double[][]> e : byArm.entrySet()) {
      Map<String, Object> one = new LinkedHashMap<>();
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s", e.getKey()));
      for (int m = 0; m < metricNames.length; m++) {
        double[] ms = meanSd(e.getValue()[m]);
        Map<String, Object> msJson = new LinkedHashMap<>();
        msJson.put("mean", num(ms[0]));
        msJson.put("sd", num(ms[1]));
        one.put(metricNames[m], msJson);
        line.append(String.format(Locale.ROOT, "  %s %.3f (%.3f)", metricNames[m], ms[0],
            ms[1]));
      }
      meanSdJson.put(e.getKey(), one);
      txt.append(line).append('\n');
    }
    double[][] pa = byArm.get("pretrained");
    double[][] sa = byArm.get("scratch");
    int better = 0;
    double[] d = new double[perSeed.size()];
    for (int k = 0; k < d.length; k++) {
      d[k] = pa[0][k] - sa[0][k];
      better += d[k] > 0 ? 1 : 0;
    }
    double[] dm = meanSd(d);
    Map<String, Object> diffJson = new LinkedHashMap<>();
    diffJson.put("mean", num(dm[0]));
    diffJson.put("sd", num(dm[1]));
    diffJson.put("pretrained_better", better);
    diffJson.put("seeds", d.length);
    json.put("seed_auc_difference", diffJson);
    txt.append(String.format(Locale.ROOT, "AUC difference (pretrained - scratch) over seeds: "
        + "mean %.3f (sd %.3f); pretrained higher in %d of %d seeds%n", dm[0], dm[1], better,
        d.length));
    Files.createDirectories(ctx.outDir());
    Files.writeString(ctx.outDir().resolve("comparison.json"), JsonWriter.pretty(json) + "\n",
        StandardCharsets.UTF_8);
    Files.writeString(ctx.outDir().resolve("comparison.txt"), txt, StandardCharsets.UTF_8);
    System.err.print(txt);
  }

  /** Mean and sample standard deviation (0 for one value). */
  static double[] meanSd(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x;
    }
    m /= v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    return new double[] {m, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0};
  }

  private static Object ci(Reporting.Evaluation ev, String key) {
    var c = ev.intervals().get(key);
    return c == null ? null : interval(c.point(), c.lower(), c.upper());
  }

  private static Map<String, Object> interval(double point, double lower, double upper) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("point", num(point));
    m.put("lower", num(lower));
    m.put("upper", num(upper));
    return m;
  }

  /** Four decimals, as the text report; null (JSON null) when not finite. */
  private static Double num(double v) {
    return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null;
  }

  /**
   * Percentile bootstrap ({@value Reporting#RESAMPLES} resamples of the test records, both
   * arms on the same resample) of {@code AUC(a) - AUC(b)}; resamples with one class only are
   * redrawn.
   *
   * @return point, lower, upper (NaN when the AUC is undefined)
   */
  static double[] pairedAucDifference(int[] y, double[] a, double[] b, long seed) {
    double point = auc(y, a) - auc(y, b);
    if (Double.isNaN(point)) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] d = new double[Reporting.RESAMPLES];
    int n = y.length;
    for (int r = 0; r < d.length; r++) {
      int[] yy = new int[n];
      double[] aa = new double[n];
      double[] bb = new double[n];
      int pos;
      do {
        pos = 0;
        for (int i = 0; i < n; i++) {
          int j = rnd.nextInt(n);
          yy[i] = y[j];
          aa[i] = a[j];
          bb[i] = b[j];
          pos += y[j];
        }
      } while (pos == 0 || pos == n);
      d[r] = auc(yy, aa) - auc(yy, bb);
    }
    Arrays.sort(d);
    return new double[] {point, d[(int) Math.floor(0.025 * (d.length - 1))],
        d[(int) Math.ceil(0.975 * (d.length - 1))]};
  }
}
