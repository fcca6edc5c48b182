package dev.ecg.examples.experiments;

import dev.ecg.core.imbalance.ClassWeights;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.labels.CincClass;
import dev.ecg.core.metrics.CincScore;
import dev.ecg.core.metrics.ConfusionMatrix;
import dev.ecg.core.split.Fold;
import dev.ecg.core.split.Split;
import dev.ecg.core.split.StratifiedHoldout;
import dev.ecg.core.split.StratifiedKFold;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.Cinc2017;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.ModelPackager;
import dev.ecg.models.Prediction;
import dev.ecg.models.arch.ResNet1d;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.train.EcgDataset;
import dev.ecg.models.train.EcgTrainer;
import dev.ecg.models.train.EvalMetric;
import dev.ecg.models.train.OptimizerConfig;
import dev.ecg.models.train.TrainingResult;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * {@code cinc2017}: ResNet1d (Hannun et al. 2019 layout, scaled down for the CPU) on the
 * single-lead PhysioNet/CinC 2017 recordings (Clifford et al. 2017), classes N, A, O, ~, with
 * record-level stratified k-fold cross-validation and a recording-level prediction pooled over
 * windows.
 *
 * <p>Input: the manifest's steps {@link #steps}: lead 0, resample 300 to 100 Hz (a deviation from
 * the native 300 Hz, for the shared CPU), z-score over the whole recording, then
 * {@code rhythm-windows}: windows of {@code seconds} (30 or 60 s) every {@code hop} seconds plus
 * one ending at the recording end, a shorter recording being one zero-padded window. A recording's
 * class probabilities are the mean over its windows ({@code ecg evaluate --dataset cinc2017} does
 * the same with the package). Training sees a random crop of {@code seconds} of each recording
 * per epoch (zero-padded start for shorter ones).
 *
 * <p>Protocol: {@link StratifiedKFold} (k = 5, seed = the context seed) over the recordings of
 * the shared folder; in each training part a stratified 10 % ({@link StratifiedHoldout}, seed + 7)
 * is the validation set for early stopping on the challenge score of the first window. Each test
 * fold is predicted once; the out-of-fold (OOF) predictions of all folds give the pooled report
 * with bootstrap intervals. How a recording is read at test time, window-pooled or its first
 * window only, is chosen on the folds' validation sets (higher mean validation challenge score;
 * configuration member {@code pool}, {@code windows} or {@code first}, overrides), and the package's last step follows that
 * choice ({@code rhythm-windows} or {@code rhythm-crop}). The final model is trained on the whole folder for the median best
 * epoch of the folds (no validation data: the trainer keeps the epoch with the lowest training
 * loss) and written as the {@code cinc2017-rhythm} package.
 *
 * <p>Model: {@link ResNet1d}, 6 residual blocks, {@code filters} start filters (default 8)
 * doubling every 2 blocks, kernel 8, stride 2 in every block, dropout 0.2. Loss: cross-entropy
 * with inverse-frequency class weights; AdamW (lr 1e-3, weight decay 1e-2), batch 32.
 *
 * <p>Configuration ({@link Config}, defaults in {@code cinc2017.json}; a {@code --config} file
 * lets one job run a part): {@code seconds} (30), {@code hop} (null: seconds / 2), {@code folds}
 * (5), {@code runFolds} (the 1-based folds to run in this job, {@code "all"} or a list, {@code []}
 * for none), {@code finalModel} (train the final model, default true), {@code finalEpochs}
 * (0, the default: the median best epoch of the fold results found in the output folder),
 * {@code filters} (8), {@code patience} (4), {@code randomCrop} (true), {@code pool}
 * ({@code auto}), {@code epochs} (the maximum per fold, 25) and {@code seed}. Fold results are
 * written to {@code foldN/} of the output folder; when every fold's {@code oof.csv} is there, the
 * pooled CV report is (re)written at the top of the folder, so jobs run one after the other into
 * the same folder add up to the full CV.
 */
public final class Cinc2017Rhythm implements Experiment<Cinc2017Rhythm.Config> {
  /** Default maximum epochs. */
  public static final int EPOCHS = 25;
  /** Model input rate in Hz. */
  public static final double FS = 100.0;

  @Override
  public String name() {
    return "cinc2017";
  }

  @Override
  public String description() {
    return "CinC 2017 single-lead N/A/O/~, ResNet1d at 100 Hz, z-score, 30/60 s windows pooled "
        + "over the recording, weighted CE, AdamW, stratified 5-fold CV";
  }

  /**
   * The manifest's preprocessing steps.
   *
   * @param seconds window length in seconds
   * @param hop seconds between window starts
   * @return select-leads, resample, zscore, rhythm-windows
   */
  public static List<Step> steps(double seconds, double hop) {
    return List.of(
        Step.of("select-leads", "indices", List.of(0)),
        Step.of("resample", "fs", FS),
        Step.of("zscore"),
        Step.of("rhythm-windows", "seconds", seconds, "hop", hop));
  }

  /**
   * @param length input length in samples
   * @param filters start filters
   * @return the architecture
   */
  public static ResNet1d architecture(int length, int filters) {
    return ResNet1d.builder().setInput(1, length).setNumClasses(4).optBlocks(6)
        .optStartFilters(filters).optKernel(8).optIncreaseEvery(2).optSubsampleEvery(1)
        .optDropout(0.2).build();
  }

  /**
   * The configuration of a run.
   *
   * @param seed seed of the folds, initialisation, crops and bootstrap
   * @param epochs maximum epochs of a fold model (early stopping on validation)
   * @param seconds window length in seconds, 1 to 300
   * @param hop seconds between window starts, or null for {@code seconds / 2}
   * @param folds number of cross-validation folds, 2 to 20
   * @param runFolds 1-based folds to run in this job, null for all, empty for none
   * @param finalModel whether to train the final model on every recording
   * @param finalEpochs epochs of the final model; 0: the median best epoch of the folds found
   * @param filters start filters of the ResNet1d
   * @param patience early-stopping patience in epochs
   * @param randomCrop train on a random crop of each recording per epoch (else its first window)
   * @param pool how the package reads a recording: {@code auto} (chosen on validation),
   *     {@code windows} (window-pooled) or {@code first} (first window only)
   */
  public record Config(long seed, int epochs, double seconds, Double hop, int folds,
      List<Integer> runFolds, boolean finalModel, int finalEpochs, int filters, int patience,
      boolean randomCrop, String pool) implements ExperimentConfig<Config> {
    static final List<String> KEYS = List.of("seed", "epochs", "seconds", "hop", "folds",
        "runFolds", "finalModel", "finalEpochs", "filters", "patience", "randomCrop", "pool");

    /**
     * Copies the list.
     *
     * @param seed see the record description
     * @param epochs see the record description
     * @param seconds see the record description
     * @param hop see the record description
     * @param folds see the record description
     * @param runFolds see the record description
     * @param finalModel see the record description
     * @param finalEpochs see the record description
     * @param filters see the record description
     * @param patience see the record description
     * @param randomCrop see the record description
     * @param pool see the record description
     */
    public Config {
      runFolds = runFolds == null ? null : List.copyOf(runFolds);
    }

    static Config fromJson(JsonFields f) {
      ConfigFields.exactly(f, KEYS);
      int folds = ConfigFields.integer(f, "folds", 2, 20);
      return new Config(ConfigFields.seed(f), ConfigFields.epochs(f, "epochs"),
          f.number("seconds", 1, 300),
          f.map().get("hop") == null ? null : f.number("hop", 0.01, 300),
          folds, ConfigFields.folds(f, "runFolds", folds), ConfigFields.bool(f, "finalModel"),
          ConfigFields.integer(f, "finalEpochs", 0, 100_000),
          ConfigFields.integer(f, "filters", 1, 256), ConfigFields.integer(f, "patience", 1, 1000),
          ConfigFields.bool(f, "randomCrop"),
          ConfigFields.oneOf(f, "pool", List.of("auto", "windows", "first")));
    }

    @Override
    public Config withSeed(long s) {
      return new Config(s, epochs, seconds, hop, folds, runFolds, finalModel, finalEpochs,
          filters, patience, randomCrop, pool);
    }

    @Override
    public Config withEpochs(int e) {
      return new Config(seed, e, seconds, hop, folds, runFolds, finalModel, finalEpochs,
          filters, patience, randomCrop, pool);
    }

    @Override
    public Map<String, Object> toJson() {
      return ConfigFields.tree("seed", seed, "epochs", epochs, "seconds", seconds, "hop", hop,
          "folds", folds, "runFolds", ConfigFields.foldsJson(runFolds), "finalModel",
          finalModel, "finalEpochs", finalEpochs, "filters", filters, "patience", patience,
          "randomCrop", randomCrop, "pool", pool);
    }
  }

  @Override
  public Config parseConfig(JsonFields f) {
    return Config.fromJson(f);
  }

  /** Settings of one run, after the smoke-test reductions. */
  private record Settings(double seconds, double hop, int folds, TreeSet<Integer> runFolds,
      boolean finalModel, int finalEpochs, int filters, int patience, boolean randomCrop,
      int maxEpochs, String pool) {
    int length() {
      return (int) Math.round(seconds * FS);
    }

    String describe() {
      return String.format(Locale.ROOT, "%s s windows, hop %s s, %d Hz, ResNet1d 6 blocks %d start "
          + "filters, %s training, early stopping patience %d, at most %d epochs", fmt(seconds),
          fmt(hop), (int) FS, filters, randomCrop ? "random-crop" : "first-window", patience,
          maxEpochs);
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static Settings settings(ExperimentContext ctx, Config c) {
    double seconds = c.seconds();
    int folds = c.folds();
    List<Integer> which = c.runFolds();
    int finalEpochs = c.finalEpochs();
    if (ctx.smoke()) {
      // 15 s at 100 Hz: 1,500 samples; 2 folds, the first one run unless runFolds says
      seconds = 15;
      folds = 2;
      if (which == null) {
        which = List.of(1);
      }
      finalEpochs = 1;
    }
    double hop = c.hop() != null ? c.hop() : seconds / 2;
    TreeSet<Integer> run = new TreeSet<>();
    if (which == null) {
      for (int f = 1; f <= folds; f++) {
        run.add(f);
      }
    } else {
      for (int f : which) {
        if (f < 1 || f > folds) {
          throw new dev.ecg.core.EcgArgumentException("runFolds: fold " + f + " outside 1.."
              + folds);
        }
        run.add(f);
      }
    }
    return new Settings(seconds, hop, folds, run, c.finalModel(), finalEpochs, c.filters(),
        c.patience(), c.randomCrop(), Training.epochs(ctx, c.epochs()), c.pool());
  }

  @Override
  public void run(ExperimentContext ctx, Config config) throws Exception {
    long t0 = System.nanoTime();
    Settings st = settings(ctx, config);
    int length = st.length();
    List<Step> steps = steps(st.seconds(), st.hop());
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
    int[] y = new int[ids.size()];
    List<Record> recs = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      recs.add(db.load(ids.get(i)));
      y[i] = db.label(ids.get(i)).ordinal();
    }
    CincRecordings data = CincRecordings.prepare(recs, steps, length);
    recs.clear();
    System.err.printf(Locale.ROOT, "cinc2017: %d recordings loaded in %.1f s; %s%n", ids.size(),
        (System.nanoTime() - t0) / 1e9, st.describe());
    List<Fold> cv = StratifiedKFold.split(y, st.folds(), ctx.seed());
    for (Fold f : cv) {
      if (st.runFolds().contains(f.index() + 1)) {
        runFold(ctx, st, data, ids, y, f);
      }
    }
    Aggregate agg = aggregate(ctx, st, ids, y);
    if (st.finalModel()) {
      trainFinal(ctx, st, data, ids, y, steps, agg);
    }
    System.err.printf(Locale.ROOT, "cinc2017: this job took %.1f min%n",
        (System.nanoTime() - t0) / 60e9);
  }

  private static TrainingResult fit(ExperimentContext ctx, Settings st, CincRecordings data,
      int[] y, int[] train, int[] val, int epochs, String tag) {
    int[] ytr = Training.pick(y, train);
    EcgDataset tr = st.randomCrop()
        ? data.randomCrops(train, y, ctx.seed() * 31 + tag.hashCode())
        : EcgDataset.of(data.firstWindows(train), ytr);
    EcgTrainer.Builder b = EcgTrainer.builder()
        .setArchitecture(architecture(data.length, st.filters()))
        .optBatchSize(32)
        .optOptimizer(OptimizerConfig.adamW(1e-3, 1e-2))
        .optClassWeights(ClassWeights.inverseFrequency(ytr, 4));
    if (val != null) {
      b.optMetrics(EvalMetric.ACCURACY, EvalMetric.MACRO_F1, EvalMetric.CINC_SCORE)
          .optEarlyStopping(EvalMetric.CINC_SCORE, st.patience());
    }
    EcgTrainer t = Training.trainer(b, ctx, epochs, tag);
    return t.fit(tr, val == null ? null
        : EcgDataset.of(data.firstWindows(val), Training.pick(y, val)));
  }

  private void runFold(ExperimentContext ctx, Settings st, CincRecordings data, List<String> ids,
      int[] y, Fold f) throws IOException {
    long t1 = System.nanoTime();
    int fold = f.index() + 1;
    Path dir = ctx.outDir().resolve("fold" + fold);
    int[] trainAll = f.train();
    Split inner = StratifiedHoldout.split(Training.pick(y, trainAll), 0.1, ctx.seed() + 7);
    int[] tr = Training.compose(trainAll, inner.train());
    int[] va = Training.compose(trainAll, inner.test());
    int[] te = f.test();
    try (TrainingResult r = fit(ctx, st, data, y, tr, va, st.maxEpochs(), "fold" + fold)) {
      // validation (not test) numbers of both ways of reading a recording
      double[][][] pv = data.predict(r::predictProbabilities, va);
      int[] yva = Training.pick(y, va);
      double valPooled = CincScore.of(yva, Training.argmax(pv[0])).score();
      double valFirst = CincScore.of(yva, Training.argmax(pv[1])).score();
      double[][][] pt = data.predict(r::predictProbabilities, te);
      int[] yte = Training.pick(y, te);
      Map<String, String> info = new LinkedHashMap<>();
      info.put("experiment", "cinc2017");
      info.put("protocol", "honest: record-level stratified " + st.folds() + "-fold CV, fold "
          + fold + "; validation = stratified 10 % of the training part");
      info.put("dataset", "PhysioNet/CinC 2017 training (" + ids.size() + " recordings), lead 0, "
          + "100 Hz; " + st.describe());
      info.put("split", tr.length + " train / " + va.length + " validation / " + te.length
          + " test");
      info.put("prediction", "mean of the window probabilities of each recording");
      info.put("model", r.architecture().name() + " " + r.architecture().hyperparameters());
      info.put("seed", Long.toString(ctx.seed()));
      info.put("epochs_run", Integer.toString(r.history().epochs().size()));
      info.put("best_epoch", Integer.toString(r.history().bestEpoch()));
      info.put("validation_cinc_score_pooled", String.format(Locale.ROOT, "%.4f", valPooled));
      info.put("validation_cinc_score_first_window", String.format(Locale.ROOT, "%.4f",
          valFirst));
      info.put("smoke", Boolean.toString(ctx.smoke()));
      info.put("commit", RunInfo.gitCommit());
      info.put("date", RunInfo.now());
      info.put("wall_minutes", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t1) / 60e9));
      // the fold network's int8 twin (docs/performance.md): same test recordings, same reading
      double[] q8 = int8Twin(r, data, tr, te, yte, pt[0], dir.resolve("int8"));
      info.put("int8_cinc_score_pooled", String.format(Locale.ROOT, "%.4f", q8[0]));
      info.put("int8_fp32_cinc_score_pooled", String.format(Locale.ROOT, "%.4f", q8[1]));
      info.put("int8_label_agreement", String.format(Locale.ROOT, "%.4f", q8[2]));
      Reporting.Evaluation e = Reporting.evaluate(info, ctx.config(), yte, Training.argmax(pt[0]), pt[0],
          CincClass.NAMES, ctx.seed());
      Reporting.write(dir, "", e, "cinc2017 fold " + fold + " test report (window-pooled)");
      r.saveReport(dir);
      StringBuilder csv = new StringBuilder("record,label");
      for (String p : List.of("pooled", "first")) {
        for (String c : CincClass.NAMES) {
          csv.append(',').append(p).append('_').append(c);
        }
      }
      csv.append('\n');
      for (int i = 0; i < te.length; i++) {
        csv.append(ids.get(te[i])).append(',').append(CincClass.NAMES.get(yte[i]));
        for (double[] row : new double[][] {pt[0][i], pt[1][i]}) {
          for (double v : row) {
            csv.append(',').append(String.format(Locale.ROOT, "%.6f", v));
          }
        }
        csv.append('\n');
      }
      Files.writeString(dir.resolve("oof.csv"), csv, StandardCharsets.UTF_8);
      Properties meta = new Properties();
      meta.setProperty("best_epoch", Integer.toString(r.history().bestEpoch()));
      meta.setProperty("epochs_run", Integer.toString(r.history().epochs().size()));
      meta.setProperty("validation_pooled", Double.toString(valPooled));
      meta.setProperty("validation_first", Double.toString(valFirst));
      meta.setProperty("minutes", String.format(Locale.ROOT, "%.2f",
          (System.nanoTime() - t1) / 60e9));
      meta.setProperty("settings", st.describe());
      meta.setProperty("int8_cinc_score", Double.toString(q8[0]));
      meta.setProperty("fp32_cinc_score", Double.toString(q8[1]));
      meta.setProperty("int8_label_agreement", Double.toString(q8[2]));
      meta.setProperty("commit", RunInfo.gitCommit());
      try (var w = Files.newBufferedWriter(dir.resolve("fold.properties"))) {
        meta.store(w, "cinc2017 fold " + fold);
      }
      System.err.printf(Locale.ROOT, "cinc2017 fold %d: test challenge score %s (pooled), "
          + "validation %.4f pooled / %.4f first window, best epoch %d of %d, %.1f min%n", fold,
          e.ci("cinc_score"), valPooled, valFirst, r.history().bestEpoch(),
          r.history().epochs().size(), (System.nanoTime() - t1) / 60e9);
    }
  }

  /** Calibration windows of a fold's int8 twin: first windows of its training recordings. */
  static final int INT8_CALIBRATION = 256;

  /**
   * Packages a fold's network, adds its int8 graph (calibrated on the first windows of
   * {@value #INT8_CALIBRATION} of the fold's training recordings, spread evenly) and scores both
   * on the fold's test recordings, window-pooled.
   *
   * @return {int8 challenge score, fp32 challenge score, share of recordings with the same
   *     label}
   */
  private static double[] int8Twin(TrainingResult r, CincRecordings data, int[] train, int[] test,
      int[] yte, double[][] fp32Pooled, Path dir) throws IOException {
    Training.deleteRecursively(dir);
    int n = Math.min(INT8_CALIBRATION, train.length);
    int[] pick = new int[n];
    for (int k = 0; k < n; k++) {
      pick[k] = train[(int) ((long) k * train.length / n)];
    }
    try {
      Path pkg = r.toPackage(ModelManifest.builder().setName("cinc2017-fold")
          .setClassNames(CincClass.NAMES).setSamplingRate(FS), dir);
      ModelPackager.addInt8(pkg, Arrays.asList(data.firstWindows(pick)));
      try (EcgClassifier q = EcgClassifier.load(pkg,
          EcgClassifier.Options.DEFAULT.withPrecision(EcgClassifier.Precision.INT8))) {
        double[][] pooled = data.predict(rows -> {
          Prediction[] ps = q.predictBatch(rows);
          float[][] out = new float[ps.length][];
          for (int i = 0; i < ps.length; i++) {
            out[i] = ps[i].probabilities();
          }
          return out;
        }, test)[0];
        int[] a = Training.argmax(pooled);
        int[] b = Training.argmax(fp32Pooled);
        int same = 0;
        for (int i = 0; i < a.length; i++) {
          same += a[i] == b[i] ? 1 : 0;
        }
        return new double[] {CincScore.of(yte, a).score(), CincScore.of(yte, b).score(),
            same / (double) a.length};
      }
    } catch (dev.ecg.models.pkg.ModelPackageException ex) {
      throw new IOException(dir + ": " + ex.getMessage(), ex);
    }
  }

  /**
   * What the pooled CV gave (null report when not every fold has run).
   *
   * @param pooled the pooled out-of-fold evaluation of the chosen reading
   * @param mean mean fold challenge score
   * @param sd its standard deviation over the folds
   * @param medianEpoch median best epoch of the folds present
   * @param folds folds present
   * @param windows whether the chosen reading pools the windows (else: first window only)
   */
  private record Aggregate(Reporting.Evaluation pooled, double mean, double sd, int medianEpoch,
      int folds, boolean windows) {}

  /**
   * Reads every {@code foldN/oof.csv}; with all folds present, chooses how a recording is read
   * (window-pooled or first window only: the higher mean validation challenge score over the
   * folds, ties to pooling, unless the configuration's {@code pool} is {@code windows} or
   * {@code first}) and writes the pooled out-of-fold report of that reading.
   */
  private Aggregate aggregate(ExperimentContext ctx, Settings st, List<String> ids, int[] yAll)
      throws IOException {
    List<Integer> bestEpochs = new ArrayList<>();
    List<List<String[]>> foldRows = new ArrayList<>();
    List<Properties> metas = new ArrayList<>();
    List<Integer> foldNo = new ArrayList<>();
    double valPooledSum = 0;
    double valFirstSum = 0;
    for (int f = 1; f <= st.folds(); f++) {
      Path dir = ctx.outDir().resolve("fold" + f);
      if (!Files.exists(dir.resolve("oof.csv")) || !Files.exists(dir.resolve("fold.properties"))) {
        continue;
      }
      Properties meta = new Properties();
      try (Reader r = Files.newBufferedReader(dir.resolve("fold.properties"))) {
        meta.load(r);
      }
      bestEpochs.add(Integer.parseInt(meta.getProperty("best_epoch")));
      valPooledSum += Double.parseDouble(meta.getProperty("validation_pooled"));
      valFirstSum += Double.parseDouble(meta.getProperty("validation_first"));
      List<String> lines = Files.readAllLines(dir.resolve("oof.csv"), StandardCharsets.UTF_8);
      List<String[]> fr = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        fr.add(line.split(","));
      }
      foldRows.add(fr);
      metas.add(meta);
      foldNo.add(f);
    }
    int done = foldRows.size();
    int median = 0;
    if (!bestEpochs.isEmpty()) {
      Integer[] b = bestEpochs.toArray(new Integer[0]);
      Arrays.sort(b);
      median = b[(b.length - 1) / 2];
    }
    String poolProp = st.pool();
    if (done < st.folds()) {
      System.err.printf(Locale.ROOT, "cinc2017: %d of %d folds present in %s; no pooled report "
          + "yet%n", done, st.folds(), ctx.outDir());
      return new Aggregate(null, Double.NaN, Double.NaN, median, done, !poolProp.equals("first"));
    }
    boolean windows = switch (poolProp) {
      case "windows" -> true;
      case "first" -> false;
      default -> valPooledSum >= valFirstSum;
    };
    String reading = windows ? "window-pooled" : "first window only";
    int col = windows ? 2 : 6;
    int other = windows ? 6 : 2;
    double[] scores = new double[done];
    StringBuilder perFold = new StringBuilder();
    List<String[]> rows = new ArrayList<>();
    for (int j = 0; j < done; j++) {
      List<String[]> fr = foldRows.get(j);
      Properties meta = metas.get(j);
      rows.addAll(fr);
      int[] yt = new int[fr.size()];
      int[] yp = new int[fr.size()];
      int[] yo = new int[fr.size()];
      for (int i = 0; i < fr.size(); i++) {
        yt[i] = CincClass.NAMES.indexOf(fr.get(i)[1]);
        yp[i] = argmax(fr.get(i), col);
        yo[i] = argmax(fr.get(i), other);
      }
      ConfusionMatrix cm = ConfusionMatrix.of(yt, yp, 4);
      scores[j] = CincScore.of(cm).score();
      perFold.append(String.format(Locale.ROOT, "fold %d (%d test): challenge score %.4f "
          + "(other reading %.4f); F1 N %.3f, A %.3f, O %.3f, ~ %.3f; accuracy %.3f; best "
          + "epoch %s of %s; validation score %.4f pooled / %.4f first window; %s min%n",
          foldNo.get(j), fr.size(), scores[j], CincScore.of(yt, yo).score(), cm.f1(0), cm.f1(1),
          cm.f1(2), cm.f1(3), cm.accuracy(), meta.getProperty("best_epoch"),
          meta.getProperty("epochs_run"), Double.parseDouble(meta.getProperty("validation_pooled")),
          Double.parseDouble(meta.getProperty("validation_first")), meta.getProperty("minutes")));
    }
    double mean = Arrays.stream(scores).average().orElse(Double.NaN);
    double sd = Math.sqrt(Arrays.stream(scores).map(s -> (s - mean) * (s - mean)).sum()
        / Math.max(1, scores.length - 1));
    int[] yt = new int[rows.size()];
    int[] yp = new int[rows.size()];
    int[] yo = new int[rows.size()];
    double[][] p = new double[rows.size()][4];
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      yt[i] = CincClass.NAMES.indexOf(r[1]);
      for (int c = 0; c < 4; c++) {
        p[i][c] = Double.parseDouble(r[col + c]);
      }
      yp[i] = argmax(r, col);
      yo[i] = argmax(r, other);
    }
    double otherScore = CincScore.of(yt, yo).score();
    Map<String, String> info = new LinkedHashMap<>();
    info.put("experiment", "cinc2017");
    info.put("protocol", "honest: record-level stratified " + st.folds() + "-fold CV; pooled "
        + "out-of-fold predictions of all folds (each recording predicted once, by the model "
        + "that did not see it)");
    info.put("dataset", "PhysioNet/CinC 2017 training (" + rows.size() + " recordings), lead 0, "
        + "100 Hz; " + st.describe());
    info.put("reading", reading + " (chosen by " + (poolProp.equals("auto")
        ? String.format(Locale.ROOT, "mean validation score %.4f pooled vs %.4f first window)",
            valPooledSum / done, valFirstSum / done) : "\"pool\": \"" + poolProp + "\")"));
    info.put("cv_mean_cinc_score", String.format(Locale.ROOT, "%.4f", mean));
    info.put("cv_sd_cinc_score", String.format(Locale.ROOT, "%.4f", sd));
    info.put("oof_other_reading_cinc_score", String.format(Locale.ROOT, "%.4f", otherScore));
    info.put("median_best_epoch", Integer.toString(median));
    info.put("seed", Long.toString(ctx.seed()));
    info.put("smoke", Boolean.toString(ctx.smoke()));
    info.put("commit", RunInfo.gitCommit());
    info.put("date", RunInfo.now());
    // the same recordings as the cinc2017-fast hold-out test part (same seed and split code),
    // so the two settings can be set side by side on identical recordings
    java.util.Set<String> fastTest = new java.util.HashSet<>();
    for (int i : StratifiedHoldout.split(yAll, 0.2, ctx.seed()).test()) {
      fastTest.add(ids.get(i));
    }
    List<Integer> sub = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (fastTest.contains(rows.get(i)[0])) {
        sub.add(i);
      }
    }
    int[] ys = new int[sub.size()];
    int[] ps = new int[sub.size()];
    for (int i = 0; i < ys.length; i++) {
      ys[i] = yt[sub.get(i)];
      ps[i] = yp[sub.get(i)];
    }
    double onFast = ys.length == 0 ? Double.NaN : CincScore.of(ys, ps).score();
    info.put("oof_cinc_score_on_fast_holdout_test", String.format(Locale.ROOT, "%.4f (%d "
        + "recordings)", onFast, ys.length));
    Reporting.Evaluation e = Reporting.evaluate(info, ctx.config(), yt, yp, p, CincClass.NAMES, ctx.seed());
    Reporting.write(ctx.outDir(), "", e, "cinc2017 pooled out-of-fold report (" + reading + ")");
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "cinc2017, honest record-level stratified %d-fold CV, "
        + "%d recordings, seed %d; %s%n", st.folds(), rows.size(), ctx.seed(), st.describe()));
    sb.append(String.format(Locale.ROOT, "reading: %s; mean validation score %.4f window-pooled "
        + "vs %.4f first window (pool %s)%n", reading, valPooledSum / done,
        valFirstSum / done, poolProp));
    sb.append(perFold);
    sb.append(String.format(Locale.ROOT, "mean challenge score over the folds: %.4f +- %.4f (sd)"
        + "%n", mean, sd));
    sb.append(String.format(Locale.ROOT, "pooled OOF: challenge score %s; F1 N %s, A %s, O %s, "
        + "~ %s; accuracy %s; macro-F1 %s; macro AUC %s; other reading's OOF challenge score "
        + "%.4f%n", e.ci("cinc_score"), e.ci("f1_N"), e.ci("f1_A"), e.ci("f1_O"), e.ci("f1_~"),
        e.ci("accuracy"), e.ci("macro_f1"), e.ci("macro_auc"), otherScore));
    sb.append(String.format(Locale.ROOT, "OOF challenge score on the %d recordings of the "
        + "cinc2017-fast hold-out test part: %.4f%n", ys.length, onFast));
    sb.append("median best epoch: ").append(median).append('\n');
    if (metas.stream().allMatch(m -> m.getProperty("int8_cinc_score") != null)) {
      double i8 = metas.stream().mapToDouble(m -> Double.parseDouble(
          m.getProperty("int8_cinc_score"))).average().orElse(Double.NaN);
      double f32 = metas.stream().mapToDouble(m -> Double.parseDouble(
          m.getProperty("fp32_cinc_score"))).average().orElse(Double.NaN);
      double agree = metas.stream().mapToDouble(m -> Double.parseDouble(
          m.getProperty("int8_label_agreement"))).average().orElse(Double.NaN);
      sb.append(String.format(Locale.ROOT, "int8 twins of the fold networks (window-pooled): "
          + "mean fold challenge score %.4f against %.4f in fp32 (%+.4f), mean label agreement "
          + "%.4f%n", i8, f32, i8 - f32, agree));
    }
    Files.writeString(ctx.outDir().resolve("summary.txt"), sb, StandardCharsets.UTF_8);
    System.err.print(sb);
    return new Aggregate(e, mean, sd, median, done, windows);
  }

  private void trainFinal(ExperimentContext ctx, Settings st, CincRecordings data,
      List<String> ids, int[] y, List<Step> steps, Aggregate agg) throws IOException {
    long t1 = System.nanoTime();
    int epochs = st.finalEpochs() > 0 ? st.finalEpochs()
        : agg.medianEpoch() > 0 ? agg.medianEpoch() : st.maxEpochs();
    int[] all = new int[y.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    try (TrainingResult r = fit(ctx, st, data, y, all, null, epochs, "final")) {
      ModelManifest.Builder mb = ModelManifest.builder().setName("cinc2017-rhythm")
          .setClassNames(CincClass.NAMES).setSamplingRate(FS);
      List<Step> used = new ArrayList<>(steps.subList(0, steps.size() - 1));
      used.add(agg.windows() ? steps.get(steps.size() - 1)
          : Step.of("rhythm-crop", "seconds", st.seconds(), "crop", "start", "pad",
              "zero"));
      for (Step s : used) {
        mb.addPreprocessing(s);
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      String split;
      if (agg.pooled() != null) {
        metrics.put("cv_mean_cinc_score", agg.mean());
        metrics.put("cv_sd_cinc_score", agg.sd());
        Training.metrics(agg.pooled()).forEach((k, v) -> metrics.put("oof_" + k, v));
        split = "final model on all " + y.length + " recordings for " + epochs + " epochs (the "
            + "median best epoch of the folds); metrics: record-level stratified " + st.folds()
            + "-fold CV, seed " + ctx.seed() + ", " + (agg.windows() ? "window-pooled"
            : "first-window") + " out-of-fold predictions";
      } else {
        split = "final model on all " + y.length + " recordings for " + epochs + " epochs; no "
            + "complete CV in " + ctx.outDir();
      }
      mb.optProvenance(Training.provenance(ctx, "PhysioNet/CinC Challenge 2017 training set ("
          + ids.size() + " recordings), lead 0, 100 Hz, " + (agg.windows() ? fmt(st.seconds())
          + " s windows every " + fmt(st.hop()) + " s, probabilities averaged per recording"
          : "first " + fmt(st.seconds()) + " s (zero-padded)") + "; trained on "
          + (st.randomCrop() ? "random crops" : "first windows"), split, metrics));
      Training.toPackage(r, mb, ctx.outDir().resolve("model"));
      r.saveReport(ctx.outDir().resolve("final"));
      String line = String.format(Locale.ROOT, "final model: %d epochs on %d recordings, kept "
          + "epoch %d (lowest training loss), %.1f min%n", r.history().epochs().size(), y.length,
          r.history().bestEpoch(), (System.nanoTime() - t1) / 60e9);
      Files.writeString(ctx.outDir().resolve("final").resolve("final.txt"), line,
          StandardCharsets.UTF_8);
      System.err.print(line);
    }
  }

  private static int argmax(String[] row, int from) {
    int best = 0;
    for (int c = 1; c < 4; c++) {
      if (Double.parseDouble(row[from + c]) > Double.parseDouble(row[from + best])) {
        best = c;
      }
    }
    return best;
  }

}
