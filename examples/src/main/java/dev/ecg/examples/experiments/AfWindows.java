package dev.ecg.examples.experiments;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.imbalance.ClassWeights;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.metrics.ConfusionMatrix;
import dev.ecg.core.metrics.RocAuc;
import dev.ecg.core.split.Fold;
import dev.ecg.core.split.Split;
import dev.ecg.core.split.StratifiedGroupKFold;
import dev.ecg.core.split.StratifiedHoldout;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.ResNet1d;
import dev.ecg.models.arch.SpectrogramCnn2d;
import dev.ecg.models.train.EcgTrainer;
import dev.ecg.models.train.EvalMetric;
import dev.ecg.models.train.OptimizerConfig;
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
import java.util.TreeMap;

/**
 * {@code af-windows}: a 1-D CNN on raw 5,000-sample windows against a 2-D CNN on STFT
 * spectrograms of the same windows, AF vs non-AF, on MIT-BIH Arrhythmia AFIB rhythm episodes plus
 * PhysioNet/CinC 2017 recordings ({@link AfWindowsData}), under two protocols:
 *
 * <ol>
 *   <li><b>random</b> (leaky, as in the anchor project): a window-level stratified 80/20 split
 *       ({@link StratifiedHoldout}); a window-level stratified 10 % of the training part is the
 *       validation set. Windows of one record land on both sides.
 *   <li><b>group</b> (honest): record-level {@link StratifiedGroupKFold} with {@code folds}
 *       folds (default 5); in each fold the validation set is one record-level tenth of the
 *       training part (again a {@link StratifiedGroupKFold} fold, so no record is shared between
 *       train, validation and test).
 * </ol>
 *
 * <p>Models: {@link ResNet1d} (8 residual blocks, 8 start filters doubling every 2 blocks, kernel
 * 8, stride 2 on every block, dropout 0.2) on the z-scored window; {@link SpectrogramCnn2d} (16
 * filters, dropout 0.3) on the {@link AfWindowsData#FREQ_BINS} x {@link AfWindowsData#TIME_FRAMES}
 * log spectrogram. Both: cross-entropy with inverse-frequency class weights, AdamW (lr 1e-3,
 * weight decay 1e-2), batch 64, at most {@link #EPOCHS} epochs with early stopping on the
 * validation macro-F1 (patience 4); the best validation epoch is scored once on the test part.
 *
 * <p>The configuration ({@link Config}, defaults in {@code af-windows.json}) selects a part of
 * the run, so that it can be split into shorter jobs writing into the same output folder:
 * {@code protocol} ({@code random}, {@code group} or {@code both}), {@code model} ({@code cnn1d},
 * {@code spec2d} or {@code both}), {@code folds} (number of CV folds), {@code runFolds} (1-based
 * folds to run, {@code "all"} or a list), and the data caps {@code mitbihNonAfPerRecord}
 * (default 20), {@code cincNonAf} (non-AF CinC recordings, default 500) and {@code cincAf} (AF
 * CinC recordings, default 400; -1 = all); {@code "sources": "mitbih"} leaves CinC out (MIT-BIH
 * windows only, closest to the anchor's long-record setting). After every part the combined
 * table of all parts found in the output folder is rewritten ({@code table.md});
 * {@code "summarizeOnly": true} only rewrites it.
 */
public final class AfWindows implements Experiment<AfWindows.Config> {
  /** Default maximum epochs. */
  public static final int EPOCHS = 20;
  /** Default number of record-level folds. */
  public static final int FOLDS = 5;
  /** Model names. */
  public static final List<String> MODELS = List.of("cnn1d", "spec2d");
  /** Protocol names. */
  public static final List<String> PROTOCOLS = List.of("random", "group");

  /**
   * The configuration of a run.
   *
   * @param seed seed of the splits, initialisation, sampling and bootstrap
   * @param epochs maximum epochs (early stopping on validation macro-F1)
   * @param protocol {@code random}, {@code group} or {@code both}
   * @param model {@code cnn1d}, {@code spec2d} or {@code both}
   * @param folds record-level CV folds, 2 to 20
   * @param runFolds 1-based folds to run, null for all
   * @param sources {@code both} (MIT-BIH and CinC 2017) or {@code mitbih}
   * @param mitbihNonAfPerRecord non-AF windows kept per MIT-BIH record
   * @param cincAf AF CinC recordings used, -1 for all
   * @param cincNonAf non-AF CinC recordings used, -1 for all
   * @param summarizeOnly only rewrite {@code table.md} from the parts found in the output folder
   */
  public record Config(long seed, int epochs, String protocol, String model, int folds,
      List<Integer> runFolds, String sources, int mitbihNonAfPerRecord, int cincAf,
      int cincNonAf, boolean summarizeOnly) implements ExperimentConfig<Config> {
    static final List<String> KEYS = List.of("seed", "epochs", "protocol", "model", "folds",
        "runFolds", "sources", "mitbihNonAfPerRecord", "cincAf", "cincNonAf", "summarizeOnly");

    /**
     * Copies the list.
     *
     * @param seed see the record description
     * @param epochs see the record description
     * @param protocol see the record description
     * @param model see the record description
     * @param folds see the record description
     * @param runFolds see the record description
     * @param sources see the record description
     * @param mitbihNonAfPerRecord see the record description
     * @param cincAf see the record description
     * @param cincNonAf see the record description
     * @param summarizeOnly see the record description
     */
    public Config {
      runFolds = runFolds == null ? null : List.copyOf(runFolds);
    }

    static Config fromJson(JsonFields f) {
      ConfigFields.exactly(f, KEYS);
      int folds = ConfigFields.integer(f, "folds", 2, 20);
      return new Config(ConfigFields.seed(f), ConfigFields.epochs(f, "epochs"),
          ConfigFields.oneOf(f, "protocol", List.of("both", "random", "group")),
          ConfigFields.oneOf(f, "model", List.of("both", "cnn1d", "spec2d")), folds,
          ConfigFields.folds(f, "runFolds", folds),
          ConfigFields.oneOf(f, "sources", List.of("both", "mitbih")),
          ConfigFields.integer(f, "mitbihNonAfPerRecord", 0, 1_000_000),
          ConfigFields.integer(f, "cincAf", -1, 1_000_000),
          ConfigFields.integer(f, "cincNonAf", -1, 1_000_000),
          ConfigFields.bool(f, "summarizeOnly"));
    }

    @Override
    public Config withSeed(long s) {
      return new Config(s, epochs, protocol, model, folds, runFolds, sources,
          mitbihNonAfPerRecord, cincAf, cincNonAf, summarizeOnly);
    }

    @Override
    public Config withEpochs(int e) {
      return new Config(seed, e, protocol, model, folds, runFolds, sources,
          mitbihNonAfPerRecord, cincAf, cincNonAf, summarizeOnly);
    }

    @Override
    public Map<String, Object> toJson() {
      return ConfigFields.tree("seed", seed, "epochs", epochs, "protocol", protocol, "model",
          model, "folds", folds, "runFolds", ConfigFields.foldsJson(runFolds), "sources", sources,
          "mitbihNonAfPerRecord", mitbihNonAfPerRecord, "cincAf", cincAf, "cincNonAf", cincNonAf,
          "summarizeOnly", summarizeOnly);
    }
  }

  @Override
  public Config parseConfig(JsonFields f) {
    return Config.fromJson(f);
  }

  @Override
  public String name() {
    return "af-windows";
  }

  @Override
  public String description() {
    return "AF vs non-AF on 5000-sample windows (MIT-BIH AFIB + CinC 2017): ResNet1d on raw "
        + "windows vs SpectrogramCnn2d on STFT, leaky window-level split vs record-level "
        + "StratifiedGroupKFold";
  }

  /**
   * @param model {@code cnn1d} or {@code spec2d}
   * @return the architecture of that model
   * @throws EcgArgumentException for another name
   */
  public static Architecture architecture(String model) {
    return switch (model) {
      case "cnn1d" -> ResNet1d.builder().setInput(1, AfWindowsData.LENGTH).setNumClasses(2)
          .optBlocks(8).optStartFilters(8).optKernel(8).optIncreaseEvery(2)
          .optSubsampleEvery(1).optDropout(0.2).build();
      case "spec2d" -> SpectrogramCnn2d.builder()
          .setSpectrogram(1, AfWindowsData.FREQ_BINS, AfWindowsData.TIME_FRAMES)
          .setNumClasses(2).optFilters(16).optDropout(0.3).build();
      default -> throw new EcgArgumentException("unknown af-windows model '" + model
          + "', known: " + MODELS);
    };
  }

  private static List<String> choice(String v, List<String> all) {
    return v.equals("both") ? all : List.of(v);
  }

  @Override
  public void run(ExperimentContext ctx, Config config) throws Exception {
    long t0 = System.nanoTime();
    List<String> protocols = choice(config.protocol(), PROTOCOLS);
    List<String> models = choice(config.model(), MODELS);
    int folds = ctx.smoke() ? 2 : config.folds();
    if (config.summarizeOnly()) {
      System.err.print(summarize(ctx.outDir(), folds, ctx.seed(), ctx.config()));
      return;
    }
    String sources = config.sources();
    List<Integer> runFolds = new ArrayList<>();
    if (config.runFolds() == null || ctx.smoke()) {
      for (int f = 1; f <= folds; f++) {
        runFolds.add(f);
      }
    } else {
      runFolds.addAll(config.runFolds());
    }
    AfWindowsData.Limits limits = ctx.smoke()
        ? new AfWindowsData.Limits(List.of("201", "222", "100"), 4, 8, 12)
        : sources.equals("mitbih")
            ? new AfWindowsData.Limits(null, config.mitbihNonAfPerRecord(), 0, 0)
            : new AfWindowsData.Limits(null, config.mitbihNonAfPerRecord(), config.cincAf(),
                config.cincNonAf());
    AfWindowsData.Data d = AfWindowsData.load(ctx.dataDir(), limits, ctx.seed());
    String dataLine = String.format(Locale.ROOT,
        "%d windows from %d records (MIT-BIH: %d records, %d AF + %d non-AF windows; CinC 2017: "
            + "%d recordings, %d AF + %d non-AF windows)", d.size(), d.groups(), d.mitbihRecords(),
        d.count(AfWindowsData.MITBIH, 1), d.count(AfWindowsData.MITBIH, 0), d.cincRecords(),
        d.count(AfWindowsData.CINC, 1), d.count(AfWindowsData.CINC, 0));
    System.err.printf(Locale.ROOT, "af-windows: %s, loaded in %.1f s%n", dataLine,
        (System.nanoTime() - t0) / 1e9);
    float[][] spec = null;
    if (models.contains("spec2d")) {
      long ts = System.nanoTime();
      spec = AfWindowsData.spectrograms(d.x());
      System.err.printf(Locale.ROOT, "af-windows: %d spectrograms %dx%d in %.1f s%n",
          spec.length, AfWindowsData.FREQ_BINS, AfWindowsData.TIME_FRAMES,
          (System.nanoTime() - ts) / 1e9);
    }
    Files.createDirectories(ctx.outDir());
    Files.writeString(ctx.outDir().resolve("data.txt"), dataLine + "\n", StandardCharsets.UTF_8);
    int epochs = Training.epochs(ctx, config.epochs());
    for (String protocol : protocols) {
      for (String model : models) {
        float[][] x = model.equals("cnn1d") ? d.x() : spec;
        if (protocol.equals("random")) {
          Split outer = StratifiedHoldout.split(d.y(), 0.2, ctx.seed());
          int[] trAll = outer.train();
          Split inner = StratifiedHoldout.split(Training.pick(d.y(), trAll), 0.1, ctx.seed() + 7);
          runOne(ctx, d, x, model, protocol, 0, Training.compose(trAll, inner.train()),
              Training.compose(trAll, inner.test()), outer.test(), epochs, dataLine);
        } else {
          List<Fold> cv = StratifiedGroupKFold.split(d.y(), d.group(), folds, ctx.seed());
          for (int f : runFolds) {
            Fold fold = cv.get(f - 1);
            int[] trAll = fold.train();
            // a tenth of the training records, or fewer folds when fewer records hold AF
            // windows (MIT-BIH alone has 8), so that the validation part holds some AF
            int[] trGroups = Training.pick(d.group(), trAll);
            int[] trY = Training.pick(d.y(), trAll);
            int afGroups = 0;
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < trY.length; i++) {
              if (trY[i] == 1 && seen.add(trGroups[i])) {
                afGroups++;
              }
            }
            int innerK = Math.max(2, Math.min(10, Math.min(afGroups, distinct(trGroups))));
            Fold inner = StratifiedGroupKFold.split(Training.pick(d.y(), trAll),
                Training.pick(d.group(), trAll), innerK, ctx.seed() + f).get(0);
            runOne(ctx, d, x, model, protocol, f, Training.compose(trAll, inner.train()),
                Training.compose(trAll, inner.test()), fold.test(), epochs, dataLine);
          }
        }
      }
    }
    String table = summarize(ctx.outDir(), folds, ctx.seed(), ctx.config());
    System.err.print(table);
    System.err.printf(Locale.ROOT, "af-windows: this part took %.1f min%n",
        (System.nanoTime() - t0) / 60e9);
  }

  private static void runOne(ExperimentContext ctx, AfWindowsData.Data d, float[][] x,
      String model, String protocol, int fold, int[] tr, int[] va, int[] te, int epochs,
      String dataLine) throws IOException {
    long t1 = System.nanoTime();
    String tag = protocol + "-" + model + (fold > 0 ? "-fold" + fold : "");
    Path dir = ctx.outDir().resolve(protocol).resolve(model);
    if (fold > 0) {
      dir = dir.resolve("fold" + fold);
    }
    System.err.printf(Locale.ROOT, "af-windows %s: train %d (AF %d), validation %d (AF %d), "
        + "test %d (AF %d) windows%n", tag, tr.length, Training.sum(Training.pick(d.y(), tr)),
        va.length, Training.sum(Training.pick(d.y(), va)), te.length,
        Training.sum(Training.pick(d.y(), te)));
    int[] ytr = Training.pick(d.y(), tr);
    EcgTrainer t = Training.trainer(EcgTrainer.builder().setArchitecture(architecture(model))
        .optBatchSize(64)
        .optOptimizer(OptimizerConfig.adamW(1e-3, 1e-2))
        .optClassWeights(ClassWeights.fillAbsent(ClassWeights.inverseFrequency(ytr, 2), 1))
        // (a class absent from the training part, only in smoke runs, gets 1, which no example uses)
        .optMetrics(EvalMetric.ACCURACY, EvalMetric.MACRO_F1, EvalMetric.MACRO_AUC)
        .optEarlyStopping(EvalMetric.MACRO_F1, 4), ctx, epochs, tag);
    try (TrainingResult r = t.fit(Training.pick(x, tr), ytr, Training.pick(x, va),
        Training.pick(d.y(), va))) {
      int[] yte = Training.pick(d.y(), te);
      double[][] p = Training.toDouble(r.predictProbabilities(Training.pick(x, te)));
      int[] pred = Training.argmax(p);
      double minutes = (System.nanoTime() - t1) / 60e9;
      Map<String, String> info = new LinkedHashMap<>();
      info.put("experiment", "af-windows");
      info.put("protocol", protocol.equals("random")
          ? "LEAKY: window-level stratified 80/20 split; validation = window-level 10 % of train"
          : "honest: record-level StratifiedGroupKFold, fold " + fold + "; validation = one "
              + "record-level StratifiedGroupKFold fold of the training records (10 folds, fewer "
              + "when fewer training records hold AF)");
      info.put("model_name", model);
      info.put("dataset", dataLine);
      info.put("split", tr.length + " train / " + va.length + " validation / " + te.length
          + " test windows");
      info.put("test_records", Integer.toString(distinct(Training.pick(d.group(), te))));
      info.put("records_shared_train_test", Integer.toString(shared(Training.pick(d.group(), tr),
          Training.pick(d.group(), te))));
      info.put("model", r.architecture().name() + " " + r.architecture().hyperparameters());
      RunInfo.putRun(info, ctx.seed(), r.history().epochs().size(), r.history().bestEpoch(),
          ctx.smoke(), minutes);
      Reporting.Evaluation e = Reporting.evaluate(info, ctx.config(), yte, pred, p, AfWindowsData.NAMES,
          ctx.seed());
      Reporting.write(dir, "", e, "af-windows " + tag + " test report");
      r.saveReport(dir);
      StringBuilder csv = new StringBuilder("index,group,source,y,p_af\n");
      for (int i = 0; i < te.length; i++) {
        csv.append(te[i]).append(',').append(d.group()[te[i]]).append(',')
            .append(d.source()[te[i]] == AfWindowsData.MITBIH ? "mitbih" : "cinc").append(',')
            .append(yte[i]).append(',').append(String.format(Locale.ROOT, "%.6f", p[i][1]))
            .append('\n');
      }
      Files.writeString(dir.resolve("predictions.csv"), csv, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("meta.txt"), String.format(Locale.ROOT,
          "epochs_run=%d%nbest_epoch=%d%nminutes=%.2f%nshared_records=%s%n",
          r.history().epochs().size(), r.history().bestEpoch(), minutes,
          info.get("records_shared_train_test")), StandardCharsets.UTF_8);
      System.err.printf(Locale.ROOT, "af-windows %s: F1(AF) %s, AUC %s, accuracy %s "
          + "(%.1f min)%n", tag, e.ci("f1_AF"), e.ci("macro_auc"), e.ci("accuracy"), minutes);
    }
  }

  /** Test predictions of one run, read back from {@code predictions.csv}. */
  record Preds(int[] y, double[] pAf, boolean[] mitbih) {
    int[] pred() {
      int[] out = new int[pAf.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = pAf[i] > 0.5 ? 1 : 0;
      }
      return out;
    }

    double[][] probs() {
      double[][] out = new double[pAf.length][];
      for (int i = 0; i < out.length; i++) {
        out[i] = new double[] {1 - pAf[i], pAf[i]};
      }
      return out;
    }

    static Preds read(Path csv) throws IOException {
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      int n = lines.size() - 1;
      int[] y = new int[n];
      double[] p = new double[n];
      boolean[] m = new boolean[n];
      for (int i = 0; i < n; i++) {
        String[] c = lines.get(i + 1).split(",");
        m[i] = c[2].equals("mitbih");
        y[i] = Integer.parseInt(c[3]);
        p[i] = Double.parseDouble(c[4]);
      }
      return new Preds(y, p, m);
    }

    static Preds concat(List<Preds> parts) {
      int n = parts.stream().mapToInt(q -> q.y.length).sum();
      int[] y = new int[n];
      double[] p = new double[n];
      boolean[] m = new boolean[n];
      int o = 0;
      for (Preds q : parts) {
        System.arraycopy(q.y, 0, y, o, q.y.length);
        System.arraycopy(q.pAf, 0, p, o, q.y.length);
        System.arraycopy(q.mitbih, 0, m, o, q.y.length);
        o += q.y.length;
      }
      return new Preds(y, p, m);
    }

    /** F1(AF) on the windows of one source. */
    double f1(boolean ofMitbih) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (mitbih[i] == ofMitbih) {
          idx.add(i);
        }
      }
      int[] yy = new int[idx.size()];
      int[] pp = new int[idx.size()];
      int[] pr = pred();
      for (int i = 0; i < yy.length; i++) {
        yy[i] = y[idx.get(i)];
        pp[i] = pr[idx.get(i)];
      }
      return yy.length == 0 ? Double.NaN : ConfusionMatrix.of(yy, pp, 2).f1(1);
    }
  }

  /** Per-window point metrics: F1(AF), ROC-AUC, accuracy. */
  static double[] metrics(Preds q) {
    int[] pred = q.pred();
    ConfusionMatrix cm = ConfusionMatrix.of(q.y(), pred, 2);
    double auc = RocAuc.binaryIfDefined(q.y(), q.pAf()).orElse(Double.NaN);
    return new double[] {cm.f1(1), auc, cm.accuracy()};
  }

  /**
   * Rebuilds {@code table.md} (and, once every fold of a group model is present, the pooled
   * out-of-fold report of that model) from all parts found under an output folder.
   *
   * @param out output folder of the experiment
   * @param folds number of CV folds
   * @param seed bootstrap seed
   * @param config the configuration's JSON tree, written into the pooled reports
   * @return the table text
   * @throws IOException if reading or writing fails
   */
  static String summarize(Path out, int folds, long seed, Map<String, Object> config)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("| protocol | model | test windows | F1(AF) | ROC-AUC | accuracy | F1(AF) MIT-BIH "
        + "| F1(AF) CinC | records in train and test |\n|---|---|---|---|---|---|---|---|---|\n");
    StringBuilder folded = new StringBuilder();
    for (String protocol : PROTOCOLS) {
      for (String model : MODELS) {
        Path dir = out.resolve(protocol).resolve(model);
        if (protocol.equals("random")) {
          if (!Files.exists(dir.resolve("predictions.csv"))) {
            continue;
          }
          Preds q = Preds.read(dir.resolve("predictions.csv"));
          Reporting.Evaluation e = Reporting.evaluate(Map.of(), config, q.y(), q.pred(), q.probs(),
              AfWindowsData.NAMES, seed);
          sb.append(String.format(Locale.ROOT, "| random window-level 80/20 (LEAKY) | %s | %d | "
                  + "%s | %s | %s | %.3f | %.3f | %s |%n", model, q.y().length, e.ci("f1_AF"),
              e.ci("macro_auc"), e.ci("accuracy"), q.f1(true), q.f1(false),
              meta(dir, "shared_records")));
        } else {
          List<Preds> parts = new ArrayList<>();
          Map<Integer, double[]> per = new TreeMap<>();
          for (int f = 1; f <= folds; f++) {
            Path p = dir.resolve("fold" + f).resolve("predictions.csv");
            if (Files.exists(p)) {
              Preds q = Preds.read(p);
              parts.add(q);
              per.put(f, metrics(q));
            }
          }
          if (parts.isEmpty()) {
            continue;
          }
          for (Map.Entry<Integer, double[]> en : per.entrySet()) {
            double[] m = en.getValue();
            folded.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %s |%n",
                model, en.getKey(), m[0], m[1], m[2],
                meta(dir.resolve("fold" + en.getKey()), "epochs_run")));
          }
          Preds all = Preds.concat(parts);
          Reporting.Evaluation e = Reporting.evaluate(Map.of("experiment", "af-windows",
                  "protocol", "record-level StratifiedGroupKFold, pooled out-of-fold predictions "
                      + "of folds " + per.keySet() + " of " + folds), config, all.y(), all.pred(),
              all.probs(), AfWindowsData.NAMES, seed);
          if (per.size() == folds) {
            Reporting.write(dir, "pooled-", e, "af-windows group " + model
                + " pooled out-of-fold report (" + folds + " folds)");
          }
          sb.append(String.format(Locale.ROOT, "| record-level StratifiedGroupKFold, %s | %s | "
                  + "%d | %s; folds %s | %s; folds %s | %s; folds %s | %.3f | %.3f | 0 |%n",
              per.size() == folds ? folds + " folds, pooled" : "folds " + per.keySet() + " of "
                  + folds, model, all.y().length, e.ci("f1_AF"), meanSd(per, 0),
              e.ci("macro_auc"), meanSd(per, 1), e.ci("accuracy"), meanSd(per, 2), all.f1(true),
              all.f1(false)));
        }
      }
    }
    if (folded.length() > 0) {
      sb.append("\nPer fold (record-level StratifiedGroupKFold):\n\n| model | fold | F1(AF) | "
          + "ROC-AUC | accuracy | epochs run |\n|---|---|---|---|---|---|\n").append(folded);
    }
    Files.writeString(out.resolve("table.md"), sb.toString(), StandardCharsets.UTF_8);
    return sb.toString();
  }

  private static String meta(Path dir, String key) throws IOException {
    Path m = dir.resolve("meta.txt");
    if (!Files.exists(m)) {
      return "?";
    }
    for (String line : Files.readAllLines(m, StandardCharsets.UTF_8)) {
      if (line.startsWith(key + "=")) {
        return line.substring(key.length() + 1);
      }
    }
    return "?";
  }

  private static String meanSd(Map<Integer, double[]> per, int k) {
    double[] v = per.values().stream().mapToDouble(a -> a[k]).toArray();
    double m = Arrays.stream(v).average().orElse(Double.NaN);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    s = v.length > 1 ? Math.sqrt(s / (v.length - 1)) : Double.NaN;
    return String.format(Locale.ROOT, "%.3f ± %.3f", m, s);
  }

  private static int distinct(int[] a) {
    return (int) Arrays.stream(a).distinct().count();
  }

  private static int shared(int[] a, int[] b) {
    java.util.Set<Integer> s = new java.util.HashSet<>();
    for (int v : a) {
      s.add(v);
    }
    return (int) Arrays.stream(b).distinct().filter(s::contains).count();
  }

}
