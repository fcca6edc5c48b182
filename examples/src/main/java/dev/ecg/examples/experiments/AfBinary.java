package dev.ecg.examples.experiments;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.imbalance.ClassWeights;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.labels.CincClass;
import dev.ecg.core.labels.ScpStatements;
import dev.ecg.core.split.Split;
import dev.ecg.core.split.StratifiedHoldout;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.Cinc2017;
import dev.ecg.io.datasets.PtbXl;
import dev.ecg.io.pipeline.Pipeline;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.BiLstmClassifier;
import dev.ecg.models.arch.SimpleCnn;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.train.EcgTrainer;
import dev.ecg.models.train.EvalMetric;
import dev.ecg.models.train.IndexSampler;
import dev.ecg.models.train.OptimizerConfig;
import dev.ecg.models.train.TrainingResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code af-binary}: atrial fibrillation against everything else, comparing a {@link SimpleCnn}
 * on the raw signal with a {@link BiLstmClassifier}, both trained with a class-weighted
 * cross-entropy plus a weighted random sampler (the setup of the anchor project, which reports
 * CNN F1 0.27 / AUC 0.69 / accuracy 0.83 and BiLSTM F1 0.22 on a 12-lead AFib task).
 *
 * <p><b>Inputs.</b> The CNN reads the signal: on CinC 2017 exactly the {@code cinc2017-fast}
 * steps ({@link Cinc2017Fast#STEPS}: lead 0, 100 Hz, z-score, first 30 s or zero-padded, 3,000
 * samples); on PTB-XL the 12 leads at 100 Hz, z-scored per lead, 1,000 samples. The BiLSTM
 * reads a <em>derived</em> input: the beat-to-beat (RR) interval sequence from the Pan-Tompkins
 * detector (Pan and Tompkins 1985) as two leads (intervals in seconds and relative to the
 * record's median), {@link #RR_LENGTH_CINC} or {@link #RR_LENGTH_PTBXL} values, via the
 * {@code rr-sequence} preprocessing step so a package replays it. An LSTM over 3,000 raw samples
 * is both slow on a CPU and hard to train; AF is defined by an irregularly irregular RR sequence,
 * so the RR sequence is the natural short sequence for it (the comparison is therefore "CNN on
 * morphology and rhythm of the raw signal" against "BiLSTM on rhythm only").
 *
 * <p><b>Imbalance.</b> Loss weights are square-root inverse class frequencies and the sampler
 * draws example i with weight {@code count(y_i)^-1/2}; together the two give each class the same
 * expected share of the loss (each alone would only halve the imbalance on a log scale).
 *
 * <p><b>Protocols.</b> CinC 2017: record-level stratified 80/20 hold-out (seed = context seed),
 * validation = a stratified 10 % of the training part. PTB-XL (the 500-record subset): the
 * dataset's {@code strat_fold}, folds 1-8 train, 9 validation, 10 test. Epochs stop early on the
 * validation ROC-AUC; the decision threshold on P(AF) is the one maximising F1(AF) on the
 * validation set (never on the test set), and the test set is scored once with it.
 *
 * <p>Configuration ({@link Config}, defaults in {@code af-binary.json}): {@code part} =
 * {@code all} (default), {@code cinc} or {@code ptbxl}; {@code models} = {@code ["cnn",
 * "bilstm"]} (default) or one of them; the Adam learning rates and epoch budgets of each model
 * and data set; the seed.
 */
public final class AfBinary implements Experiment<AfBinary.Config> {
  /** The two classes, in label order (1 = AF). */
  public static final List<String> CLASS_NAMES = List.of("other", "AF");
  /** RR intervals fed to the BiLSTM on CinC 2017 (9 to 61 s recordings). */
  public static final int RR_LENGTH_CINC = 64;
  /** RR intervals fed to the BiLSTM on PTB-XL (10 s recordings). */
  public static final int RR_LENGTH_PTBXL = 24;
  /** PTB-XL model input length (10 s at 100 Hz). */
  public static final int PTBXL_LENGTH = 1000;
  /** The PTB-XL codes counted as AF. */
  public static final List<String> PTBXL_AF_CODES = List.of("AFIB", "AFLT");

  /** Steps of the CinC BiLSTM input: lead 0 at 300 Hz, Pan-Tompkins, RR sequence. */
  public static final List<Step> CINC_RR_STEPS = List.of(
      Step.of("select-leads", "indices", List.of(0)),
      Step.of("rr-sequence", "length", RR_LENGTH_CINC, "detector", "pan-tompkins",
          "channel", 0));
  /** Steps of the PTB-XL CNN input: 12 leads at 100 Hz, z-score, 1,000 samples. */
  public static final List<Step> PTBXL_CNN_STEPS = List.of(
      Step.of("zscore"),
      Step.of("crop-pad", "length", PTBXL_LENGTH, "align", "start", "value", 0));
  /** Steps of the PTB-XL BiLSTM input: lead II at 100 Hz, Pan-Tompkins, RR sequence. */
  public static final List<Step> PTBXL_RR_STEPS = List.of(
      Step.of("select-leads", "indices", List.of(1)),
      Step.of("rr-sequence", "length", RR_LENGTH_PTBXL, "detector", "pan-tompkins",
          "channel", 0));

  /**
   * The configuration of a run.
   *
   * @param seed seed of the splits, initialisation, sampling and bootstrap
   * @param part {@code all}, {@code cinc} or {@code ptbxl}
   * @param models {@code cnn} and/or {@code bilstm}, in training order
   * @param lrCnn Adam learning rate of the CNN
   * @param lrBilstm Adam learning rate of the BiLSTM
   * @param epochsCnnCinc maximum epochs of the CNN on CinC 2017
   * @param epochsCnnPtbxl maximum epochs of the CNN on PTB-XL
   * @param epochsBilstmCinc maximum epochs of the BiLSTM on CinC 2017
   * @param epochsBilstmPtbxl maximum epochs of the BiLSTM on PTB-XL
   */
  public record Config(long seed, String part, List<String> models, double lrCnn,
      double lrBilstm, int epochsCnnCinc, int epochsCnnPtbxl, int epochsBilstmCinc,
      int epochsBilstmPtbxl) implements ExperimentConfig<Config> {
    static final List<String> KEYS = List.of("seed", "part", "models", "lrCnn", "lrBilstm",
        "epochsCnnCinc", "epochsCnnPtbxl", "epochsBilstmCinc", "epochsBilstmPtbxl");

    /**
     * Copies the list.
     *
     * @param seed see the record description
     * @param part see the record description
     * @param models see the record description
     * @param lrCnn see the record description
     * @param lrBilstm see the record description
     * @param epochsCnnCinc see the record description
     * @param epochsCnnPtbxl see the record description
     * @param epochsBilstmCinc see the record description
     * @param epochsBilstmPtbxl see the record description
     */
    public Config {
      models = List.copyOf(models);
    }

    static Config fromJson(JsonFields f) {
      ConfigFields.exactly(f, KEYS);
      return new Config(ConfigFields.seed(f),
          ConfigFields.oneOf(f, "part", List.of("all", "cinc", "ptbxl")),
          ConfigFields.subsetOf(f, "models", List.of("cnn", "bilstm")),
          f.number("lrCnn", 1e-7, 1), f.number("lrBilstm", 1e-7, 1),
          ConfigFields.epochs(f, "epochsCnnCinc"), ConfigFields.epochs(f, "epochsCnnPtbxl"),
          ConfigFields.epochs(f, "epochsBilstmCinc"), ConfigFields.epochs(f, "epochsBilstmPtbxl"));
    }

    @Override
    public Config withSeed(long s) {
      return new Config(s, part, models, lrCnn, lrBilstm, epochsCnnCinc, epochsCnnPtbxl,
          epochsBilstmCinc, epochsBilstmPtbxl);
    }

    @Override
    public Config withEpochs(int e) {
      return new Config(seed, part, models, lrCnn, lrBilstm, e, e, e, e);
    }

    @Override
    public Map<String, Object> toJson() {
      return ConfigFields.tree("seed", seed, "part", part, "models", models, "lrCnn", lrCnn,
          "lrBilstm", lrBilstm, "epochsCnnCinc", epochsCnnCinc, "epochsCnnPtbxl", epochsCnnPtbxl,
          "epochsBilstmCinc", epochsBilstmCinc, "epochsBilstmPtbxl", epochsBilstmPtbxl);
    }
  }

  @Override
  public Config parseConfig(JsonFields f) {
    return Config.fromJson(f);
  }

  @Override
  public String name() {
    return "af-binary";
  }

  @Override
  public String description() {
    return "AF vs rest: SimpleCnn (raw signal) vs BiLstmClassifier (RR-interval sequence), "
        + "weighted CE + weighted sampler, CinC 2017 hold-out and PTB-XL strat_fold";
  }

  /** One dataset ready for training: inputs of both models, labels and the split. */
  record Data(String part, String title, List<String> ids, float[][] xCnn, float[][] xRr,
      int[] y, int[] train, int[] validation, int[] test, String protocol, String source,
      List<Step> cnnSteps, List<Step> rrSteps, int leads,
      int cnnLength, double cnnFs, int rrLength, double rrFs) {}

  @Override
  public void run(ExperimentContext ctx, Config config) throws Exception {
    String part = config.part();
    Files.createDirectories(ctx.outDir());
    if (!part.equals("ptbxl")) {
      runPart(ctx, config, loadCinc(ctx));
    }
    if (!part.equals("cinc")) {
      runPart(ctx, config, loadPtbxl(ctx));
    }
  }

  private void runPart(ExperimentContext ctx, Config config, Data d) throws Exception {
    StringBuilder summary = new StringBuilder();
    for (String m : config.models()) {
      summary.append(trainAndScore(ctx, config, d, m));
    }
    Path f = ctx.outDir().resolve("summary-" + d.part() + ".txt");
    Files.writeString(f, summary.toString(), StandardCharsets.UTF_8);
    System.err.print(summary);
  }

  // ------------------------------------------------------------------ data

  private static Data loadCinc(ExperimentContext ctx) throws Exception {
    long t0 = System.nanoTime();
    Cinc2017 db = new Cinc2017(ctx.dataDir().resolve("cinc2017").resolve("training"));
    List<String> ids = new ArrayList<>(db.records());
    if (ctx.smoke()) {
      List<String> pick = new ArrayList<>();
      int af = 0;
      int other = 0;
      for (String id : ids) {
        boolean isAf = db.label(id) == CincClass.AF;
        if (isAf && af < 10) {
          af++;
          pick.add(id);
        } else if (!isAf && other < 15) {
          other++;
          pick.add(id);
        }
      }
      ids = pick;
    }
    float[][] xc = new float[ids.size()][];
    float[][] xr = new float[ids.size()][];
    int[] y = new int[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      Record r = db.load(ids.get(i));
      xc[i] = Cinc2017Fast.input(r);
      xr[i] = flatten(Pipeline.run(r, CINC_RR_STEPS).windows().get(0));
      y[i] = db.label(ids.get(i)) == CincClass.AF ? 1 : 0;
    }
    System.err.printf(Locale.ROOT, "af-binary: %d CinC recordings loaded in %.1f s%n",
        ids.size(), (System.nanoTime() - t0) / 1e9);
    Split outer = StratifiedHoldout.split(y, 0.2, ctx.seed());
    int[] trainAll = outer.train();
    Split inner = StratifiedHoldout.split(Training.pick(y, trainAll), 0.1, ctx.seed() + 7);
    return new Data("cinc", "CinC 2017", ids, xc, xr, y, Training.compose(trainAll, inner.train()),
        Training.compose(trainAll, inner.test()), outer.test(),
        "record-level stratified 80/20 hold-out (single split, seed " + ctx.seed()
            + "); validation = stratified 10 % of the training part",
        "PhysioNet/CinC 2017 training subset (" + ids.size() + " recordings), A vs N/O/~",
        Cinc2017Fast.STEPS, CINC_RR_STEPS, 1, Cinc2017Fast.LENGTH, Cinc2017Fast.FS,
        RR_LENGTH_CINC, 300.0);
  }

  private static Data loadPtbxl(ExperimentContext ctx) throws Exception {
    long t0 = System.nanoTime();
    PtbXl db = new PtbXl(ctx.dataDir().resolve("ptbxl"));
    List<PtbXl.Row> rows = new ArrayList<>();
    int[] perFold = new int[11];
    for (PtbXl.Row row : db.rows()) {
      boolean af = isPtbxlAf(row.scpCodes());
      if (!ctx.smoke() || af || perFold[row.stratFold()]++ < 6) {
        rows.add(row);
      }
    }
    List<String> ids = new ArrayList<>();
    float[][] xc = new float[rows.size()][];
    float[][] xr = new float[rows.size()][];
    int[] y = new int[rows.size()];
    List<Integer> tr = new ArrayList<>();
    List<Integer> va = new ArrayList<>();
    List<Integer> te = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      PtbXl.Row row = rows.get(i);
      Record r = db.load(row.ecgId());
      ids.add(Integer.toString(row.ecgId()));
      xc[i] = flatten(Pipeline.run(r, PTBXL_CNN_STEPS).windows().get(0));
      xr[i] = flatten(Pipeline.run(r, PTBXL_RR_STEPS).windows().get(0));
      y[i] = isPtbxlAf(row.scpCodes()) ? 1 : 0;
      (row.stratFold() == 10 ? te : row.stratFold() == 9 ? va : tr).add(i);
    }
    System.err.printf(Locale.ROOT, "af-binary: %d PTB-XL records loaded in %.1f s%n",
        rows.size(), (System.nanoTime() - t0) / 1e9);
    return new Data("ptbxl", "PTB-XL", ids, xc, xr, y, toArray(tr), toArray(va), toArray(te),
        "PTB-XL strat_fold: folds 1-8 train, 9 validation, 10 test",
        "PTB-XL first 500 records (" + rows.size() + " used), 12 leads 100 Hz, AFIB or AFLT vs rest",
        PTBXL_CNN_STEPS, PTBXL_RR_STEPS, 12, PTBXL_LENGTH, 100.0, RR_LENGTH_PTBXL, 100.0);
  }

  /**
   * @param scpCodes a PTB-XL {@code scp_codes} literal
   * @return whether it holds AFIB or AFLT (rhythm statements carry likelihood 0, so presence
   *     counts)
   */
  static boolean isPtbxlAf(String scpCodes) {
    Map<String, Double> codes = ScpStatements.parseScpCodes(scpCodes);
    return PTBXL_AF_CODES.stream().anyMatch(codes::containsKey);
  }

  // ------------------------------------------------------------------ training

  private static Architecture cnn(Data d) {
    return SimpleCnn.builder().setInput(d.leads(), d.cnnLength()).setNumClasses(2).build();
  }

  private static Architecture bilstm(Data d) {
    return BiLstmClassifier.builder().setInput(2, d.rrLength()).setNumClasses(2).optHidden(64)
        .optDropout(0.2).build();
  }

  private String trainAndScore(ExperimentContext ctx, Config config, Data d, String model)
      throws Exception {
    long t0 = System.nanoTime();
    boolean isCnn = model.equals("cnn");
    String tag = d.part() + "-" + model;
    Path dir = ctx.outDir().resolve(tag);
    Training.deleteRecursively(dir);
    float[][] x = isCnn ? d.xCnn() : d.xRr();
    int[] ytr = Training.pick(d.y(), d.train());
    int[] yva = Training.pick(d.y(), d.validation());
    int[] yte = Training.pick(d.y(), d.test());
    boolean cinc = d.part().equals("cinc");
    int dflt = isCnn ? (cinc ? config.epochsCnnCinc() : config.epochsCnnPtbxl())
        : (cinc ? config.epochsBilstmCinc() : config.epochsBilstmPtbxl());
    int patience = cinc ? (isCnn ? 4 : 6) : 10;
    int epochs = Training.epochs(ctx, dflt);
    double lr = isCnn ? config.lrCnn() : config.lrBilstm();
    EcgTrainer t = Training.trainer(EcgTrainer.builder()
        .setArchitecture(isCnn ? cnn(d) : bilstm(d))
        .optBatchSize(32)
        .optOptimizer(OptimizerConfig.adam(lr))
        .optClassWeights(ClassWeights.fillAbsent(ClassWeights.sqrtInverseFrequency(ytr, 2), 1))
        .optSampler(IndexSampler.weighted(ClassWeights.sampleWeights(ytr, 2, 0.5), 0))
        .optMetrics(EvalMetric.ACCURACY, EvalMetric.MACRO_F1, EvalMetric.MACRO_AUC)
        .optEarlyStopping(EvalMetric.MACRO_AUC, patience), ctx.withOutDir(dir), epochs, "train");
    float[][] xva = Training.pick(x, d.validation());
    try (TrainingResult r = t.fit(Training.pick(x, d.train()), ytr, xva, yva)) {
      double[] pva = column(Training.toDouble(r.predictProbabilities(xva)));
      double threshold = chooseThreshold(pva, yva);
      double[][] p = Training.toDouble(r.predictProbabilities(Training.pick(x, d.test())));
      int[] pred = new int[p.length];
      int[] pred05 = Training.argmax(p);
      for (int i = 0; i < p.length; i++) {
        pred[i] = p[i][1] >= threshold ? 1 : 0;
      }
      int pos = 0;
      for (int v : yte) {
        pos += v;
      }
      Map<String, String> info = new LinkedHashMap<>();
      info.put("experiment", name());
      info.put("part", d.part());
      info.put("protocol", "honest: " + d.protocol() + "; threshold on P(AF) chosen on "
          + "validation (max F1(AF)), test scored once");
      info.put("dataset", d.source());
      info.put("input", isCnn ? "raw signal: " + d.leads() + " lead(s) x " + d.cnnLength()
          + " samples at " + d.cnnFs() + " Hz" : "derived: Pan-Tompkins RR-interval sequence, "
          + d.rrLength() + " intervals x 2 (seconds, relative to median)");
      info.put("split", d.train().length + " train (" + Training.sum(ytr) + " AF) / "
          + d.validation().length + " validation (" + Training.sum(yva) + " AF) / "
          + d.test().length + " test (" + pos + " AF)");
      info.put("model", r.architecture().name() + " " + r.architecture().hyperparameters());
      info.put("training", "Adam lr " + lr + ", batch 32, sqrt-inverse-frequency class weights "
          + "+ weighted sampler (count^-1/2), early stopping on validation AUC (patience "
          + patience + ")");
      info.put("threshold", Double.toString(threshold));
      info.put("f1_af_at_argmax", String.format(Locale.ROOT, "%.4f", f1(yte, pred05)));
      RunInfo.putRun(info, ctx.seed(), r.history().epochs().size(), r.history().bestEpoch(),
          ctx.smoke(), (System.nanoTime() - t0) / 60e9);
      Reporting.Evaluation e = Reporting.evaluate(info, ctx.config(), yte, pred, p, CLASS_NAMES, ctx.seed());
      Reporting.write(dir, "", e, "af-binary " + d.title() + " " + model + " test report");
      r.saveReport(dir.resolve("training"));
      writePredictions(dir.resolve("test-predictions.csv"), d, p, threshold);
      if (cinc) {
        ModelManifest.Builder mb = ModelManifest.builder().setName("af-binary-cinc-" + model)
            .setClassNames(CLASS_NAMES)
            .setSamplingRate(isCnn ? d.cnnFs() : d.rrFs());
        for (Step s : isCnn ? d.cnnSteps() : d.rrSteps()) {
          mb.addPreprocessing(s);
        }
        Map<String, Double> metrics = Training.metrics(e);
        metrics.put("threshold", threshold);
        mb.optProvenance(Training.provenance(ctx, d.source() + "; trained on "
            + d.train().length + " records, validated on " + d.validation().length,
            d.protocol() + "; metrics on the " + d.test().length + " test records with the "
                + "validation-chosen threshold P(AF) >= " + String.format(Locale.ROOT, "%.4f",
                threshold) + " (argmax, i.e. 0.5, is what classify() applies)", metrics));
        Training.toPackage(r, mb, dir.resolve("model"));
      }
      return String.format(Locale.ROOT, "af-binary %s %s: test n=%d (%d AF): F1(AF) %s, AUC %s, "
          + "accuracy %s; threshold %.3f (F1 at argmax %.3f); best epoch %d of %d; %.1f min%n",
          d.title(), model, yte.length, pos, e.ci("f1_AF"), e.ci("macro_auc"), e.ci("accuracy"),
          threshold, f1(yte, pred05), r.history().bestEpoch(), r.history().epochs().size(),
          (System.nanoTime() - t0) / 60e9);
    }
  }

  private static void writePredictions(Path f, Data d, double[][] p, double threshold)
      throws java.io.IOException {
    StringBuilder sb = new StringBuilder("record,label,p_af,pred\n");
    int[] te = d.test();
    for (int i = 0; i < te.length; i++) {
      sb.append(d.ids().get(te[i])).append(',').append(d.y()[te[i]]).append(',')
          .append(String.format(Locale.ROOT, "%.8f", p[i][1])).append(',')
          .append(p[i][1] >= threshold ? 1 : 0).append('\n');
    }
    Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ threshold

  /**
   * The decision threshold on the positive score that maximises F1 of the positive class on the
   * given (validation) examples: candidates are midpoints between consecutive distinct scores
   * (plus one below the smallest); the first maximum from the top wins, i.e. the highest
   * threshold among equally good ones.
   *
   * @param scores positive-class scores
   * @param y labels 0/1
   * @return the threshold (predict positive when {@code score >= threshold}); 0.5 when there
   *     is no positive example
   * @throws EcgArgumentException if the lengths differ or a label is not 0/1
   */
  public static double chooseThreshold(double[] scores, int[] y) {
    if (scores.length != y.length) {
      throw new EcgArgumentException(scores.length + " scores but " + y.length + " labels");
    }
    int positives = 0;
    for (int v : y) {
      if (v != 0 && v != 1) {
        throw new EcgArgumentException("labels must be 0 or 1, got " + v);
      }
      positives += v;
    }
    if (positives == 0) {
      return 0.5;
    }
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    double best = -1;
    double bestT = 0.5;
    int tp = 0;
    int fp = 0;
    for (int k = 0; k < order.length; k++) {
      int i = order[k];
      tp += y[i];
      fp += 1 - y[i];
      if (k + 1 < order.length && scores[order[k + 1]] == scores[i]) {
        continue; // a threshold cannot split tied scores
      }
      double f = 2.0 * tp / (2.0 * tp + fp + (positives - tp));
      if (f > best) {
        best = f;
        bestT = k + 1 < order.length ? 0.5 * (scores[i] + scores[order[k + 1]])
            : scores[i] - 1e-6;
      }
    }
    return bestT;
  }

  /**
   * @param y labels 0/1
   * @param pred predictions 0/1
   * @return F1 of class 1 (0 when it has no true and no predicted positive)
   */
  static double f1(int[] y, int[] pred) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (int i = 0; i < y.length; i++) {
      if (pred[i] == 1 && y[i] == 1) {
        tp++;
      } else if (pred[i] == 1) {
        fp++;
      } else if (y[i] == 1) {
        fn++;
      }
    }
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }

  // ------------------------------------------------------------------ helpers

  private static double[] column(double[][] p) {
    double[] c = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      c[i] = p[i][1];
    }
    return c;
  }

  private static float[] flatten(double[][] w) {
    int len = w[0].length;
    float[] out = new float[w.length * len];
    for (int c = 0; c < w.length; c++) {
      for (int i = 0; i < len; i++) {
        out[c * len + i] = (float) w[c][i];
      }
    }
    return out;
  }

  private static int[] toArray(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }
}
