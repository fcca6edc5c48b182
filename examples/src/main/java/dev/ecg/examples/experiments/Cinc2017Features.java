package dev.ecg.examples.experiments;

import dev.ecg.core.imbalance.ClassWeights;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.labels.CincClass;
import dev.ecg.core.metrics.CincScore;
import dev.ecg.core.split.Fold;
import dev.ecg.core.split.StratifiedKFold;
import dev.ecg.io.datasets.Cinc2017;
import dev.ecg.io.features.RecordFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * {@code cinc2017-features}: CinC 2017 N/A/O/~ from record-level features
 * ({@link RecordFeatures}: RR irregularity and AF evidence, HRV, P-wave presence and intervals,
 * beat-template morphology, spectrum, signal quality) into gradient-boosted trees (XGBoost4J,
 * {@code multi:softprob}; Chen and Guestrin 2016), in the manner of the feature-based entries of
 * the 2017 challenge (Datta et al. 2017; Zabihi et al. 2017; Teijeiro et al. 2017).
 *
 * <p>Protocol: features of every training recording (lead 0, 300 Hz, whole recording) are
 * computed once and cached in {@code <out>/features.csv}; record-level stratified k-fold
 * cross-validation ({@link StratifiedKFold}, seed = the configuration's) trains one booster per
 * fold on the other folds and predicts the held-out fold; the out-of-fold predictions of all
 * folds are pooled into one report (challenge score = mean F1 of N, A and O, per-class F1,
 * bootstrap 95 % intervals, confusion matrix). The hyperparameters are fixed in the
 * configuration before the run (no tuning on the test folds). Each fold's booster is saved as
 * {@code fold<k>/xgb.json}, and a final booster trained on all recordings as
 * {@code final-xgb.json}, with the feature order in {@code feature-names.txt}.
 *
 * <p>The same folds then score an AF detector (classes non-AF = N + O, AF, noisy = ~; report in
 * {@code af-detect/}), and both final boosters are written as model packages,
 * {@code packages/cinc2017-rhythm} and {@code packages/af-detect} (lead 0 resampled to 300 Hz,
 * the {@code record-features} step, the trees as ONNX-ML), the bundled models of these names.
 */
public final class Cinc2017Features implements Experiment<Cinc2017Features.Config> {
  /** Sampling rate of the CinC 2017 recordings in Hz. */
  public static final double FS = 300.0;

  /**
   * The configuration of a run (defaults in {@code cinc2017-features.json}).
   *
   * @param seed seed of the folds, the boosters' row and column sampling and the bootstrap
   * @param folds number of cross-validation folds, 2 to 20
   * @param rounds boosting rounds (the epoch budget that {@code --epochs} overrides)
   * @param maxDepth XGBoost {@code max_depth}
   * @param eta XGBoost learning rate {@code eta}
   * @param subsample XGBoost row subsample per tree, (0, 1]
   * @param colsample XGBoost {@code colsample_bytree}, (0, 1]
   * @param minChildWeight XGBoost {@code min_child_weight}
   * @param classWeighting weight each training record by the inverse frequency of its class
   * @param threads XGBoost {@code nthread} and feature-extraction parallelism
   */
  public record Config(long seed, int folds, int rounds, int maxDepth, double eta,
      double subsample, double colsample, double minChildWeight, boolean classWeighting,
      int threads) implements ExperimentConfig<Config> {
    static final List<String> KEYS = List.of("seed", "folds", "rounds", "maxDepth", "eta",
        "subsample", "colsample", "minChildWeight", "classWeighting", "threads");

    static Config fromJson(JsonFields f) {
      ConfigFields.exactly(f, KEYS);
      return new Config(ConfigFields.seed(f), ConfigFields.integer(f, "folds", 2, 20),
          ConfigFields.epochs(f, "rounds"), ConfigFields.integer(f, "maxDepth", 1, 20),
          f.number("eta", 1e-4, 1.0), f.number("subsample", 1e-3, 1.0),
          f.number("colsample", 1e-3, 1.0), f.number("minChildWeight", 0.0, 1e6),
          ConfigFields.bool(f, "classWeighting"), ConfigFields.integer(f, "threads", 1, 256));
    }

    @Override
    public Config withSeed(long s) {
      return new Config(s, folds, rounds, maxDepth, eta, subsample, colsample, minChildWeight,
          classWeighting, threads);
    }

    @Override
    public Config withEpochs(int e) {
      return new Config(seed, folds, e, maxDepth, eta, subsample, colsample, minChildWeight,
          classWeighting, threads);
    }

    @Override
    public Map<String, Object> toJson() {
      return ConfigFields.tree("seed", seed, "folds", folds, "rounds", rounds, "maxDepth",
          maxDepth, "eta", eta, "subsample", subsample, "colsample", colsample,
          "minChildWeight", minChildWeight, "classWeighting", classWeighting, "threads",
          threads);
    }

    /**
     * @param numClass number of classes
     * @return the XGBoost parameters of this configuration
     */
    Map<String, Object> params(int numClass) {
      return Boosting.params(numClass, maxDepth, eta, subsample, colsample, minChildWeight,
          threads, seed);
    }
  }

  @Override
  public Config parseConfig(JsonFields f) {
    return Config.fromJson(f);
  }

  @Override
  public String name() {
    return "cinc2017-features";
  }

  @Override
  public String description() {
    return "CinC 2017 N/A/O/~ from record features (RR/AF evidence, HRV, P waves, morphology, "
        + "spectrum, quality) into XGBoost, record-level stratified k-fold CV";
  }

  /** Features of every record, with the time they took. */
  record Table(List<String> ids, int[] labels, double[][] x, double extractSeconds,
      boolean cached) {}

  /**
   * Computes the features of the given records, or reads them from {@code cache} when it holds
   * exactly these records and feature names.
   */
  static Table features(Cinc2017 db, List<String> ids, Path cache, int threads)
      throws IOException {
    List<String> names = RecordFeatures.names();
    String header = "record,label," + String.join(",", names);
    int[] y = new int[ids.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = db.label(ids.get(i)).ordinal();
    }
    if (Files.exists(cache)) {
      List<String> lines = Files.readAllLines(cache, StandardCharsets.UTF_8);
      if (lines.size() == ids.size() + 1 && lines.get(0).equals(header)) {
        double[][] x = new double[ids.size()][];
        boolean ok = true;
        for (int i = 0; i < ids.size() && ok; i++) {
          String[] c = lines.get(i + 1).split(",", -1);
          ok = c.length == names.size() + 2 && c[0].equals(ids.get(i));
          if (ok) {
            x[i] = new double[names.size()];
            for (int k = 0; k < names.size(); k++) {
              x[i][k] = Double.parseDouble(c[k + 2]);
            }
          }
        }
        if (ok) {
          System.err.println("cinc2017-features: features read from " + cache);
          return new Table(ids, y, x, 0, true);
        }
      }
      System.err.println("cinc2017-features: " + cache + " does not match; recomputing");
    }
    long t0 = System.nanoTime();
    double[][] x = new double[ids.size()][];
    AtomicInteger done = new AtomicInteger();
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
    try {
      pool.submit(() -> IntStream.range(0, ids.size()).parallel().forEach(i -> {
        try {
          x[i] = RecordFeatures.compute(db.load(ids.get(i)).channel(0), FS).values();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        int d = done.incrementAndGet();
        if (d % 500 == 0 || d == ids.size()) {
          System.err.printf(Locale.ROOT, "cinc2017-features: features of %d / %d records "
              + "(%.0f s)%n", d, ids.size(), (System.nanoTime() - t0) / 1e9);
        }
      })).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IllegalStateException(c);
    } finally {
      pool.shutdown();
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    StringBuilder sb = new StringBuilder(header).append('\n');
    for (int i = 0; i < ids.size(); i++) {
      sb.append(ids.get(i)).append(',').append(CincClass.NAMES.get(y[i]));
      for (double v : x[i]) {
        sb.append(',').append(Double.isNaN(v) ? "NaN" : Double.toString(v));
      }
      sb.append('\n');
    }
    Files.createDirectories(cache.getParent());
    Files.writeString(cache, sb.toString(), StandardCharsets.UTF_8);
    return new Table(ids, y, x, secs, false);
  }

  static Booster train(double[][] x, int[] y, int[] rows, Config c, int rounds, int numClass)
      throws XGBoostError {
    double[] cw = c.classWeighting()
        ? ClassWeights.inverseFrequency(Training.pick(y, rows), numClass) : null;
    return Boosting.train(x, y, rows, cw, RecordFeatures.names(), c.params(numClass), rounds);
  }

  static double[][] predict(Booster b, double[][] x, int[] rows) throws XGBoostError {
    return Boosting.predict(b, x, rows, RecordFeatures.names());
  }

  @Override
  public void run(ExperimentContext ctx, Config config) throws Exception {
    long t0 = System.nanoTime();
    Path root = ctx.dataDir().resolve("cinc2017").resolve("training");
    Cinc2017 db = new Cinc2017(root);
    List<String> ids = new ArrayList<>(db.records());
    int rounds = config.rounds();
    if (ctx.smoke()) {
      List<String> pick = new ArrayList<>();
      int[] per = new int[4];
      for (String id : ids) {
        int c = db.label(id).ordinal();
        if (per[c] < config.folds()) {
          per[c]++;
          pick.add(id);
        }
      }
      ids = pick;
      rounds = Math.min(rounds, 10);
    }
    Path out = ctx.outDir();
    Files.createDirectories(out);
    Table t = features(db, ids, out.resolve("features.csv"), config.threads());
    System.err.printf(Locale.ROOT, "cinc2017-features: %d records, %d features%s%n", ids.size(),
        RecordFeatures.names().size(), t.cached() ? " (cached)" : String.format(Locale.ROOT,
            " in %.1f s", t.extractSeconds()));
    int[] y = t.labels();
    List<Fold> folds = StratifiedKFold.split(y, config.folds(), config.seed());
    double[][] oof = new double[y.length][];
    double[] foldScores = new double[folds.size()];
    long t1 = System.nanoTime();
    for (Fold f : folds) {
      Booster b = train(t.x(), y, f.train(), config, rounds, 4);
      try {
        double[][] p = predict(b, t.x(), f.test());
        int[] pred = Training.argmax(p);
        int[] yt = Training.pick(y, f.test());
        for (int i = 0; i < p.length; i++) {
          oof[f.test()[i]] = p[i];
        }
        foldScores[f.index()] = CincScore.of(yt, pred).score();
        Path fd = out.resolve("fold" + (f.index() + 1));
        Files.createDirectories(fd);
        b.saveModel(fd.resolve("xgb.json").toString());
        System.err.printf(Locale.ROOT, "cinc2017-features: fold %d/%d challenge score %.4f "
            + "(%d test records)%n", f.index() + 1, folds.size(), foldScores[f.index()],
            yt.length);
      } finally {
        b.dispose();
      }
    }
    double cvSeconds = (System.nanoTime() - t1) / 1e9;
    long t2 = System.nanoTime();
    int[] all = IntStream.range(0, y.length).toArray();
    Booster fin = train(t.x(), y, all, config, rounds, 4);
    List<Map.Entry<String, Double>> gain;
    try {
      fin.saveModel(out.resolve("final-xgb.json").toString());
      gain = new ArrayList<>(fin.getScore("", "gain").entrySet());
    } finally {
      fin.dispose();
    }
    double finalSeconds = (System.nanoTime() - t2) / 1e9;
    gain.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
    Files.writeString(out.resolve("feature-names.txt"),
        String.join("\n", RecordFeatures.names()) + "\n", StandardCharsets.UTF_8);

    StringBuilder oofCsv = new StringBuilder("record,label,fold,p_N,p_A,p_O,p_~\n");
    int[] foldOf = new int[y.length];
    for (Fold f : folds) {
      for (int i : f.test()) {
        foldOf[i] = f.index() + 1;
      }
    }
    for (int i = 0; i < y.length; i++) {
      oofCsv.append(ids.get(i)).append(',').append(CincClass.NAMES.get(y[i])).append(',')
          .append(foldOf[i]);
      for (double v : oof[i]) {
        oofCsv.append(',').append(String.format(Locale.ROOT, "%.6f", v));
      }
      oofCsv.append('\n');
    }
    Files.writeString(out.resolve("oof.csv"), oofCsv.toString(), StandardCharsets.UTF_8);

    double mean = 0;
    StringBuilder fs = new StringBuilder();
    for (int k = 0; k < foldScores.length; k++) {
      mean += foldScores[k] / foldScores.length;
      fs.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", foldScores[k]));
    }
    double sdFold = 0;
    for (double s : foldScores) {
      sdFold += (s - mean) * (s - mean) / Math.max(1, foldScores.length - 1);
    }
    sdFold = Math.sqrt(sdFold);
    StringBuilder imp = new StringBuilder();
    for (int k = 0; k < Math.min(20, gain.size()); k++) {
      imp.append(k == 0 ? "" : ", ").append(gain.get(k).getKey()).append('=')
          .append(String.format(Locale.ROOT, "%.2f", gain.get(k).getValue()));
    }
    Map<String, String> info = new LinkedHashMap<>();
    info.put("experiment", name());
    info.put("protocol", "record-level stratified " + folds.size() + "-fold cross-validation "
        + "(StratifiedKFold, seed " + config.seed() + "); out-of-fold predictions of all folds "
        + "pooled; hyperparameters fixed in the configuration before the run");
    info.put("dataset", "PhysioNet/CinC 2017 training (" + ids.size() + " recordings), lead 0, "
        + "300 Hz, whole recordings");
    info.put("model", "XGBoost4J multi:softprob on " + RecordFeatures.names().size()
        + " record features (dev.ecg.io.features.RecordFeatures)");
    info.put("fold_challenge_scores", fs.toString());
    info.put("mean_fold_challenge_score", String.format(Locale.ROOT, "%.4f", mean));
    info.put("sd_fold_challenge_score", String.format(Locale.ROOT, "%.4f", sdFold));
    info.put("feature_importance_gain_top20", imp.toString());
    info.put("feature_extraction_seconds", t.cached() ? "cached"
        : String.format(Locale.ROOT, "%.1f", t.extractSeconds()));
    info.put("cv_training_seconds", String.format(Locale.ROOT, "%.1f", cvSeconds));
    info.put("final_training_seconds", String.format(Locale.ROOT, "%.1f", finalSeconds));
    RunInfo.putRun(info, config.seed(), rounds, rounds, ctx.smoke(),
        (System.nanoTime() - t0) / 60e9);
    int[] pred = Training.argmax(oof);
    Reporting.Evaluation e = Reporting.evaluate(info, ctx.config(), y, pred, oof,
        CincClass.NAMES, config.seed());
    Reporting.write(out, "", e, "cinc2017-features: pooled out-of-fold report ("
        + folds.size() + "-fold record-level CV, " + ids.size() + " recordings)");
    String summary = String.format(Locale.ROOT, "cinc2017-features %d-fold CV (%d records): "
        + "mean challenge score %.4f (folds %s; sd %.4f); pooled out-of-fold challenge score %s,"
        + " F1 N %s, A %s, O %s, ~ %s; feature extraction %s s, CV training %.1f s, final "
        + "model %.1f s, total %.1f min%nfeature importance (gain), top 20: %s%n", folds.size(),
        ids.size(), mean, fs, sdFold, e.ci("cinc_score"), e.ci("f1_N"), e.ci("f1_A"),
        e.ci("f1_O"), e.ci("f1_~"), info.get("feature_extraction_seconds"), cvSeconds,
        finalSeconds, (System.nanoTime() - t0) / 60e9, imp);
    Files.writeString(out.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
    System.err.print(summary);

    // AF detection: non-AF (N, O) / AF (A) / noisy (~), same folds, same configuration
    int[] yAf = afLabels(y);
    double[][] oofAf = new double[y.length][];
    long t3 = System.nanoTime();
    for (Fold f : folds) {
      Booster b = train(t.x(), yAf, f.train(), config, rounds, 3);
      try {
        double[][] p = predict(b, t.x(), f.test());
        for (int i = 0; i < p.length; i++) {
          oofAf[f.test()[i]] = p[i];
        }
      } finally {
        b.dispose();
      }
    }
    double afCvSeconds = (System.nanoTime() - t3) / 1e9;
    long t4 = System.nanoTime();
    Booster finAf = train(t.x(), yAf, all, config, rounds, 3);
    try {
      finAf.saveModel(out.resolve("final-af-xgb.json").toString());
    } finally {
      finAf.dispose();
    }
    double afFinalSeconds = (System.nanoTime() - t4) / 1e9;
    Map<String, String> afInfo = new LinkedHashMap<>();
    afInfo.put("experiment", name() + " (af-detect)");
    afInfo.put("protocol", info.get("protocol") + "; the same folds as the N/A/O/~ task");
    afInfo.put("dataset", info.get("dataset") + "; classes non-AF = N + O, AF = A, noisy = ~");
    afInfo.put("model", "XGBoost4J multi:softprob (3 classes) on the same record features");
    afInfo.put("cv_training_seconds", String.format(Locale.ROOT, "%.1f", afCvSeconds));
    afInfo.put("final_training_seconds", String.format(Locale.ROOT, "%.1f", afFinalSeconds));
    RunInfo.putRun(afInfo, config.seed(), rounds, rounds, ctx.smoke(),
        (System.nanoTime() - t0) / 60e9);
    Reporting.Evaluation eAf = Reporting.evaluate(afInfo, ctx.config(), yAf,
        Training.argmax(oofAf), oofAf, AF_CLASSES, config.seed());
    dev.ecg.core.metrics.ConfidenceInterval aucAf = dev.ecg.core.metrics.Bootstrap.of(
        Reporting.RESAMPLES, 0.95, config.seed()).interval(yAf, Training.argmax(oofAf), oofAf,
            (tt, pp, ss) -> dev.ecg.core.metrics.RocAuc.ovr(tt, ss, 1));
    Map<String, Double> afMetrics = new LinkedHashMap<>(Training.metrics(eAf));
    afMetrics.put("auc_AF_vs_rest", aucAf.point());
    Path afDir = out.resolve("af-detect");
    StringBuilder oofAfCsv = new StringBuilder("record,label,fold,p_non-AF,p_AF,p_noisy\n");
    for (int i = 0; i < y.length; i++) {
      oofAfCsv.append(ids.get(i)).append(',').append(AF_CLASSES.get(yAf[i])).append(',')
          .append(foldOf[i]);
      for (double v : oofAf[i]) {
        oofAfCsv.append(',').append(String.format(Locale.ROOT, "%.6f", v));
      }
      oofAfCsv.append('\n');
    }
    Files.createDirectories(afDir);
    Files.writeString(afDir.resolve("oof.csv"), oofAfCsv.toString(), StandardCharsets.UTF_8);
    Reporting.write(afDir, "", eAf, "af-detect: pooled out-of-fold report (" + folds.size()
        + "-fold record-level CV, " + ids.size() + " recordings)");
    String afSummary = String.format(Locale.ROOT, "af-detect %d-fold CV: F1 AF %s, ROC-AUC AF "
        + "vs rest %s; F1 non-AF %s, noisy %s; CV training %.1f s, final model %.1f s%n",
        folds.size(), eAf.ci("f1_AF"), String.format(Locale.ROOT, "%.3f [%.3f, %.3f]",
            aucAf.point(), aucAf.lower(), aucAf.upper()), eAf.ci("f1_non-AF"),
        eAf.ci("f1_noisy"), afCvSeconds, afFinalSeconds);
    Files.writeString(afDir.resolve("summary.txt"), afSummary, StandardCharsets.UTF_8);
    System.err.print(afSummary);

    packages(ctx, out, config, rounds, ids, folds.size(), Training.metrics(e),
        afMetrics, finalSeconds, cvSeconds, afFinalSeconds, afCvSeconds);
  }

  /** Class names of the AF task, in label order. */
  static final List<String> AF_CLASSES = List.of("non-AF", "AF", "noisy");

  /** Maps N/A/O/~ labels to non-AF (N, O) / AF / noisy. */
  static int[] afLabels(int[] y) {
    int[] out = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      CincClass c = CincClass.values()[y[i]];
      out[i] = c == CincClass.AF ? 1 : c == CincClass.NOISY ? 2 : 0;
    }
    return out;
  }

  /**
   * Writes the final boosters as model packages ({@code packages/cinc2017-rhythm} and
   * {@code packages/af-detect}): select lead 0, resample to 300 Hz, record features over
   * stretches of at most 60 s (rhythm) or 30 s every 10 s (AF episodes), trees exported to ONNX.
   */
  private void packages(ExperimentContext ctx, Path out, Config config, int rounds,
      List<String> ids, int k, Map<String, Double> metrics, Map<String, Double> afMetrics,
      double finalSeconds, double cvSeconds, double afFinalSeconds, double afCvSeconds)
      throws IOException {
    int n = ids.size();
    String data = "PhysioNet/CinC Challenge 2017 training set (" + n + " recordings), lead 0, "
        + "300 Hz, record features of whole recordings";
    String split = "final model on all " + n + " recordings, " + rounds + " boosting rounds; "
        + "metrics: record-level stratified " + k + "-fold CV, seed " + config.seed()
        + ", pooled out-of-fold predictions; training " + String.format(Locale.ROOT,
            "%.0f s (CV %.0f s)", finalSeconds, cvSeconds) + " on " + Runtime.getRuntime()
            .availableProcessors() + " cores";
    Path pkgs = out.resolve("packages");
    writePackage(ctx, pkgs.resolve("cinc2017-rhythm"), "cinc2017-rhythm", CincClass.NAMES,
        out.resolve("final-xgb.json"), 60, 30, config, rounds, data, split, metrics, ids);
    String afSplit = split.replaceFirst("training .*", "training " + String.format(Locale.ROOT,
        "%.0f s (CV %.0f s)", afFinalSeconds, afCvSeconds));
    writePackage(ctx, pkgs.resolve("af-detect"), "af-detect", AF_CLASSES,
        out.resolve("final-af-xgb.json"), 30, 10, config, rounds,
        data + "; classes non-AF = N + O, AF = A, noisy = ~", afSplit, afMetrics, ids);
  }

  private void writePackage(ExperimentContext ctx, Path target, String name,
      List<String> classes, Path xgbJson, double seconds, double hop, Config config,
      int rounds, String data, String split, Map<String, Double> metrics,
      List<String> trainingIds) throws IOException {
    dev.ecg.models.trees.XgbModel trees = dev.ecg.models.trees.XgbModel.read(xgbJson);
    dev.ecg.models.pkg.Provenance prov = Training.provenance(ctx, data, split, metrics);
    prov = new dev.ecg.models.pkg.Provenance(prov.data(), prov.split(), config.seed(), rounds,
        prov.metrics(), prov.commit(), java.time.Instant.now().truncatedTo(
            java.time.temporal.ChronoUnit.SECONDS).toString(), null,
        new dev.ecg.models.pkg.Provenance.TrainingSet("cinc2017", trainingIds));
    dev.ecg.models.pkg.ModelManifest base = dev.ecg.models.pkg.ModelManifest.builder()
        .setName(name).setClassNames(classes).setSamplingRate(FS)
        .setInputLength(dev.ecg.io.pipeline.Step.RecordFeatureWindows.featureCount())
        .addPreprocessing(new dev.ecg.io.pipeline.Step.SelectLeads(null, List.of(0)))
        .addPreprocessing(new dev.ecg.io.pipeline.Step.Resample(FS))
        .addPreprocessing(new dev.ecg.io.pipeline.Step.RecordFeatureWindows(seconds, hop, 0))
        .optProvenance(prov).build();
    Training.deleteRecursively(target);
    dev.ecg.models.ModelPackager.writeTrees(trees, base, target);
    System.err.println("cinc2017-features: wrote package " + target);
  }
}
