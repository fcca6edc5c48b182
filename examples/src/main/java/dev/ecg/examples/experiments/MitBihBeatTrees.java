package dev.ecg.examples.experiments;

import dev.ecg.core.imbalance.ClassWeights;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.metrics.AamiMetrics;
import dev.ecg.core.metrics.DecisionOffsets;
import dev.ecg.core.split.MitBihInterPatient;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.MitBih;
import dev.ecg.io.features.BeatFeatures;
import dev.ecg.io.pipeline.Pipeline;
import dev.ecg.io.pipeline.SignalWindows;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.ModelPackager;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.Provenance;
import dev.ecg.models.trees.XgbModel;
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
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * {@code mitbih-beat-trees}: AAMI N/S/V/F/Q beats from beat features made relative to the
 * patient's own running average ({@link BeatFeatures}) into gradient-boosted trees (XGBoost4J),
 * on the beats the package's own detector finds, so the model is trained and judged as
 * {@code EcgClassifier.classify(record)} runs it.
 *
 * <p>Protocol (inter-patient, de Chazal et al. 2004): lead 0 of the 22 DS1 records (paced
 * records excluded) at 360 Hz; beats found by the {@code vf-aware} detector; each detection takes
 * the AAMI class of the nearest reference beat within 150 ms (detections without one are left
 * out of training). The DS1 records are dealt round-robin into {@code folds} folds; every
 * weighting candidate of the configuration is scored by pooled out-of-fold predictions, and the
 * one with the best mean of F1(SVEB) and F1(VEB) is chosen (rule fixed before the run). The
 * final booster is trained on all of DS1 with it and written as the package
 * {@code packages/mitbih-beats}; DS2 is not read here: score it once with
 * {@code ecg evaluate --model OUT/packages/mitbih-beats --dataset mitbih --records ds2.txt}.
 */
public final class MitBihBeatTrees implements Experiment<MitBihBeatTrees.Config> {
  /** Rate the features are computed at (MIT-BIH's own). */
  public static final double FS = 360.0;
  /** Matching window between a detection and a reference beat, in seconds. */
  public static final double MATCH_SECONDS = dev.ecg.io.qrs.Ec57Scorer.DEFAULT_WINDOW_SECONDS;
  /** Weighting candidates. */
  static final List<String> WEIGHTINGS = List.of("inverse", "sqrt", "none");

  /**
   * The configuration (defaults in {@code mitbih-beat-trees.json}).
   *
   * @param seed seed of the boosters' row and column sampling and the bootstrap
   * @param folds cross-validation folds over the DS1 records
   * @param rounds boosting rounds
   * @param maxDepth XGBoost {@code max_depth}
   * @param eta XGBoost learning rate
   * @param subsample row subsample per tree
   * @param colsample {@code colsample_bytree}
   * @param weightings class-weighting candidates ({@code inverse}, {@code sqrt}, {@code none})
   * @param exclude features the trees may not use (set to missing in training, so no split
   *     reads them: absolute RR and widths let trees learn the training patients)
   * @param network empty for features only; else a beat network package (bundled name or
   *     folder, such as {@code mitbih-aami5}) whose class probabilities are stacked under the
   *     trees and fused with them into one ONNX graph
   * @param networkOof the network's DS1 out-of-fold probabilities ({@code oof.csv} of an
   *     {@code mitbih-inter} cross-validation of the same recipe), the trees' training input
   * @param networkOffsets logit offsets folded into the packaged network's output bias (taken
   *     off in the fused graph so the trees see the probabilities of the out-of-fold file)
   * @param threads XGBoost threads and feature-extraction parallelism
   */
  public record Config(long seed, int folds, int rounds, int maxDepth, double eta,
      double subsample, double colsample, List<String> weightings, List<String> exclude,
      String network, String networkOof, List<Double> networkOffsets, int threads)
      implements ExperimentConfig<Config> {
    static final List<String> KEYS = List.of("seed", "folds", "rounds", "maxDepth", "eta",
        "subsample", "colsample", "weightings", "exclude", "network", "networkOof",
        "networkOffsets", "threads");

    static Config fromJson(JsonFields f) {
      ConfigFields.exactly(f, KEYS);
      return new Config(ConfigFields.seed(f), ConfigFields.integer(f, "folds", 2, 22),
          ConfigFields.epochs(f, "rounds"), ConfigFields.integer(f, "maxDepth", 1, 20),
          f.number("eta", 1e-4, 1.0), f.number("subsample", 1e-3, 1.0),
          f.number("colsample", 1e-3, 1.0), ConfigFields.subsetOf(f, "weightings", WEIGHTINGS),
          excluded(f), f.string("network"), f.string("networkOof"),
          offsets(f), ConfigFields.integer(f, "threads", 1, 256));
    }

    private static List<Double> offsets(JsonFields f) {
      List<Object> raw = f.list("networkOffsets");
      List<Double> out = new ArrayList<>();
      for (Object o : raw) {
        if (!(o instanceof Number num) || !Double.isFinite(num.doubleValue())) {
          throw new dev.ecg.core.EcgArgumentException(f.where() + ": 'networkOffsets' must be "
              + "finite numbers, got " + o);
        }
        out.add(num.doubleValue());
      }
      if (!out.isEmpty() && out.size() != AamiClass.NAMES.size()) {
        throw new dev.ecg.core.EcgArgumentException(f.where() + ": 'networkOffsets' needs "
            + AamiClass.NAMES.size() + " numbers or none, got " + out.size());
      }
      return List.copyOf(out);
    }

    /** @return whether the network's probabilities are stacked under the trees */
    boolean hybrid() {
      return !network.isEmpty();
    }

    private static List<String> excluded(JsonFields f) {
      List<String> ex = f.stringList("exclude");
      for (String e : ex) {
        if (!BeatFeatures.names().contains(e)) {
          throw new dev.ecg.core.EcgArgumentException(f.where() + ": 'exclude' names unknown "
              + "feature '" + e + "'; known: " + BeatFeatures.names());
        }
      }
      return List.copyOf(ex);
    }

    @Override
    public Config withSeed(long s) {
      return new Config(s, folds, rounds, maxDepth, eta, subsample, colsample, weightings,
          exclude, network, networkOof, networkOffsets, threads);
    }

    @Override
    public Config withEpochs(int e) {
      return new Config(seed, folds, e, maxDepth, eta, subsample, colsample, weightings,
          exclude, network, networkOof, networkOffsets, threads);
    }

    @Override
    public Map<String, Object> toJson() {
      return ConfigFields.tree("seed", seed, "folds", folds, "rounds", rounds, "maxDepth",
          maxDepth, "eta", eta, "subsample", subsample, "colsample", colsample, "weightings",
          weightings, "exclude", exclude, "network", network, "networkOof", networkOof,
          "networkOffsets", networkOffsets, "threads", threads);
    }

    Map<String, Object> params() {
      return Boosting.params(AamiClass.NAMES.size(), maxDepth, eta, subsample, colsample, 1.0,
          threads, seed);
    }
  }

  @Override
  public Config parseConfig(JsonFields f) {
    return Config.fromJson(f);
  }

  @Override
  public String name() {
    return "mitbih-beat-trees";
  }

  @Override
  public String description() {
    return "MIT-BIH AAMI beats from patient-relative beat features into XGBoost on the "
        + "package's own detections; DS1 record-level CV, final model packaged";
  }

  /** The steps of the package, up to the features. */
  static List<Step> featureSteps() {
    return List.of(Step.SelectLeads.indices(0), new Step.Resample(FS),
        new Step.BeatFeatureWindows(Step.Detector.VF_AWARE, 0));
  }

  /** Matched beats of some records. */
  record Beats(double[][] x, int[] y, int[] record, int detections, int matched, int missed) {}

  /**
   * Features of the detected beats of each record, labelled by the nearest reference beat within
   * {@link #MATCH_SECONDS}.
   */
  static Beats beats(MitBih db, List<String> records) throws IOException {
    return beats(db, records, featureSteps(), 0, null);
  }

  /**
   * Features of the detected beats of each record, labelled by the nearest reference beat within
   * {@link #MATCH_SECONDS}.
   *
   * @param steps the pipeline up to the features
   * @param from where the {@link BeatFeatures} start in each window
   * @param network per record, the network's out-of-fold probabilities of its AAMI-labelled
   *     beats in sample order, appended to each row; null for features only
   */
  static Beats beats(MitBih db, List<String> records, List<Step> steps, int from,
      Map<String, List<double[]>> network) throws IOException {
    List<double[]> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    List<Integer> rs = new ArrayList<>();
    int detections = 0;
    int missed = 0;
    int nf = BeatFeatures.names().size();
    for (int r = 0; r < records.size(); r++) {
      Record rec = db.load(records.get(r));
      SignalWindows w = Pipeline.run(rec, steps);
      List<long[]> ann = new ArrayList<>();
      for (Annotation a : rec.annotations()) {
        AamiClass.fromMitSymbol(a.symbol()).ifPresent(c -> ann.add(new long[] {a.sample(),
            c.ordinal()}));
      }
      ann.sort((a, b) -> Long.compare(a[0], b[0]));
      long[] ref = ann.stream().mapToLong(a -> a[0]).toArray();
      int[] cls = ann.stream().mapToInt(a -> (int) a[1]).toArray();
      List<double[]> net = null;
      if (network != null) {
        net = network.get(records.get(r));
        if (net == null || net.size() != ref.length) {
          throw new dev.ecg.core.EcgArgumentException("network out-of-fold file: record "
              + records.get(r) + " has " + (net == null ? "no" : net.size()) + " rows, the "
              + "record " + ref.length + " AAMI-labelled beats");
        }
      }
      int[] match = dev.ecg.io.qrs.BeatMatching.match(w.samples(), ref,
          Math.round(MATCH_SECONDS * rec.fs()));
      boolean[] used = new boolean[ref.length];
      detections += match.length;
      for (int k = 0; k < match.length; k++) {
        if (match[k] >= 0) {
          used[match[k]] = true;
          if (w.rejection(k) != null) {
            continue; // the package abstains on it (quality gate): not a training row
          }
          double[] row = java.util.Arrays.copyOfRange(w.windows().get(k)[0], from, from + nf);
          if (net != null) {
            double[] p = net.get(match[k]);
            row = java.util.Arrays.copyOf(row, nf + p.length);
            System.arraycopy(p, 0, row, nf, p.length);
          }
          xs.add(row);
          ys.add(cls[match[k]]);
          rs.add(r);
        }
      }
      for (boolean u : used) {
        missed += u ? 0 : 1;
      }
      System.err.printf(Locale.ROOT, "mitbih-beat-trees: %s %d detections, %d reference "
          + "beats%n", records.get(r), match.length, ref.length);
    }
    return new Beats(xs.toArray(new double[0][]), ys.stream().mapToInt(i -> i).toArray(),
        rs.stream().mapToInt(i -> i).toArray(), detections, xs.size(), missed);
  }

  /** Reads an {@code mitbih-inter} {@code oof.csv}: per record, the rows in beat order. */
  static Map<String, List<double[]>> readOof(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    String want = "record,index,label,p_" + String.join(",p_", AamiClass.NAMES);
    if (lines.isEmpty() || !lines.get(0).equals(want)) {
      throw new dev.ecg.core.EcgArgumentException(csv + ": header must be " + want);
    }
    Map<String, List<double[]>> out = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] c = lines.get(i).split(",", -1);
      if (c.length != 3 + AamiClass.NAMES.size()) {
        throw new dev.ecg.core.EcgArgumentException(csv + ", line " + (i + 1) + ": "
            + c.length + " columns");
      }
      List<double[]> rows = out.computeIfAbsent(c[0], k -> new ArrayList<>());
      if (Integer.parseInt(c[1]) != rows.size()) {
        throw new dev.ecg.core.EcgArgumentException(csv + ", line " + (i + 1) + ": index "
            + c[1] + ", expected " + rows.size());
      }
      double[] p = new double[AamiClass.NAMES.size()];
      for (int k = 0; k < p.length; k++) {
        p[k] = Double.parseDouble(c[3 + k]);
      }
      rows.add(p);
    }
    return out;
  }

  /** The hybrid package's steps: the network's, with the vf-aware detector, then the features. */
  static List<Step> hybridSteps(dev.ecg.models.pkg.ModelManifest net) {
    List<Step> steps = new ArrayList<>();
    for (Step st : net.preprocessing()) {
      if (st instanceof Step.QrsWindows q) {
        st = new Step.QrsWindows(q.before(), q.after(), Step.Detector.VF_AWARE, q.channel(),
            q.edges());
      }
      steps.add(st);
    }
    int length = net.inputLength();
    steps.add(new Step.CropPad(length + BeatFeatures.names().size(), Step.CropPad.Align.START,
        0));
    steps.add(new Step.BeatFeatureSlots(length, 0));
    return steps;
  }

  static double[] weights(String weighting, int[] y) {
    int k = AamiClass.NAMES.size();
    double[] w = switch (weighting) {
      case "inverse" -> ClassWeights.inverseFrequency(y, k);
      case "sqrt" -> ClassWeights.sqrtInverseFrequency(y, k);
      default -> null;
    };
    return w == null ? null : ClassWeights.fillAbsent(w, 1.0);
  }

  /** Column names: the beat features, then the network's probabilities in hybrid rows. */
  static List<String> columns(int width) {
    List<String> n = new ArrayList<>(BeatFeatures.names());
    for (int k = 0; n.size() < width; k++) {
      n.add("net_p_" + AamiClass.NAMES.get(k));
    }
    return n;
  }

  static Booster train(double[][] x, int[] y, int[] rows, Config c, int rounds, String weighting)
      throws XGBoostError {
    return Boosting.train(x, y, rows, weights(weighting, Training.pick(y, rows)),
        columns(x.length == 0 ? BeatFeatures.names().size() : x[0].length), c.params(), rounds);
  }

  static double[][] predict(Booster b, double[][] x, int[] rows) throws XGBoostError {
    return Boosting.predict(b, x, rows, columns(x[0].length));
  }

  @Override
  public void run(ExperimentContext ctx, Config config) throws Exception {
    long t0 = System.nanoTime();
    MitBih db = new MitBih(ctx.dataDir().resolve("mitdb"));
    List<String> ds1 = new ArrayList<>(MitBihInterPatient.DS1);
    int rounds = config.rounds();
    if (ctx.smoke()) {
      ds1 = ds1.subList(0, Math.min(ds1.size(), Math.max(config.folds(), 3)));
      rounds = Math.min(rounds, 10);
    }
    Path out = ctx.outDir();
    Files.createDirectories(out);
    dev.ecg.models.pkg.ModelPackage net = null;
    Beats b;
    if (config.hybrid()) {
      net = Files.isDirectory(Path.of(config.network()))
          ? dev.ecg.models.pkg.ModelPackage.open(Path.of(config.network()))
          : dev.ecg.models.pkg.ModelPackage.openBundled(config.network(),
              MitBihBeatTrees.class.getClassLoader());
      if (config.networkOof().isEmpty()) {
        throw new dev.ecg.core.EcgArgumentException("network " + config.network() + " needs "
            + "its DS1 out-of-fold probabilities ('networkOof')");
      }
      b = beats(db, ds1, hybridSteps(net.manifest()), net.manifest().inputLength(),
          readOof(Path.of(config.networkOof())));
    } else {
      b = beats(db, ds1);
    }
    for (String ex : config.exclude()) {
      int at = BeatFeatures.names().indexOf(ex);
      for (double[] row : b.x()) {
        row[at] = Double.NaN;
      }
    }
    double extractSeconds = (System.nanoTime() - t0) / 1e9;
    StringBuilder csv = new StringBuilder("record,label," + String.join(",",
        columns(b.x().length == 0 ? BeatFeatures.names().size() : b.x()[0].length)) + "\n");
    for (int i = 0; i < b.y().length; i++) {
      csv.append(ds1.get(b.record()[i])).append(',').append(AamiClass.NAMES.get(b.y()[i]));
      for (double v : b.x()[i]) {
        csv.append(',').append(Double.isNaN(v) ? "NaN" : Float.toString((float) v));
      }
      csv.append('\n');
    }
    Files.writeString(out.resolve("ds1-beats.csv"), csv.toString(), StandardCharsets.UTF_8);
    System.err.printf(Locale.ROOT, "mitbih-beat-trees: DS1 %d detections, %d matched, %d "
        + "reference beats missed (%.1f s)%n", b.detections(), b.matched(), b.missed(),
        extractSeconds);
    int k = Math.min(config.folds(), ds1.size());
    List<int[]> testRows = new ArrayList<>();
    List<int[]> trainRows = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      List<Integer> te = new ArrayList<>();
      List<Integer> tr = new ArrayList<>();
      for (int i = 0; i < b.y().length; i++) {
        (b.record()[i] % k == f ? te : tr).add(i);
      }
      testRows.add(te.stream().mapToInt(Integer::intValue).toArray());
      trainRows.add(tr.stream().mapToInt(Integer::intValue).toArray());
    }
    Map<String, String> looks = new LinkedHashMap<>();
    String best = null;
    double bestScore = -1;
    double[][] bestOof = null;
    long t1 = System.nanoTime();
    for (String weighting : config.weightings()) {
      double[][] oof = new double[b.y().length][];
      for (int f = 0; f < k; f++) {
        if (testRows.get(f).length == 0 || trainRows.get(f).length == 0) {
          continue;
        }
        Booster bo = train(b.x(), b.y(), trainRows.get(f), config, rounds, weighting);
        try {
          double[][] p = predict(bo, b.x(), testRows.get(f));
          for (int i = 0; i < p.length; i++) {
            oof[testRows.get(f)[i]] = p[i];
          }
        } finally {
          bo.dispose();
        }
      }
      int[] pred = Training.argmax(oof);
      StringBuilder oc = new StringBuilder("record,label,pred\n");
      for (int i = 0; i < pred.length; i++) {
        oc.append(ds1.get(b.record()[i])).append(',').append(AamiClass.NAMES.get(b.y()[i]))
            .append(',').append(AamiClass.NAMES.get(pred[i])).append('\n');
      }
      Files.writeString(out.resolve("oof-" + weighting + ".csv"), oc.toString(),
          StandardCharsets.UTF_8);
      AamiMetrics am = AamiMetrics.of(b.y(), pred);
      double score = 0.5 * (am.sveb().f1() + am.veb().f1());
      String line = String.format(Locale.ROOT, "F1 SVEB %.4f (Se %.4f, +P %.4f), F1 VEB %.4f "
          + "(Se %.4f, +P %.4f); mean %.4f", am.sveb().f1(), am.sveb().sensitivity(),
          am.sveb().positivePredictivity(), am.veb().f1(), am.veb().sensitivity(),
          am.veb().positivePredictivity(), score);
      looks.put("cv_" + weighting, line);
      System.err.println("mitbih-beat-trees: DS1 " + k + "-fold CV, weighting " + weighting
          + ": " + line);
      if (score > bestScore) {
        bestScore = score;
        best = weighting;
        bestOof = oof;
      }
    }
    // decision offsets for S and V on the chosen weighting's out-of-fold probabilities (the
    // class-prior correction the network recipe uses), carried by the packaged trees
    int sIdx = AamiClass.S.ordinal();
    int vIdx = AamiClass.V.ordinal();
    double[] treeOffsets = DecisionOffsets.choose(b.y(), bestOof, AamiClass.NAMES.size(), sIdx,
        vIdx);
    int[] predOff = DecisionOffsets.apply(bestOof, treeOffsets);
    AamiMetrics amOff = AamiMetrics.of(b.y(), predOff);
    String offLine = String.format(Locale.ROOT, "F1 SVEB %.4f (Se %.4f, +P %.4f), F1 VEB %.4f "
        + "(Se %.4f, +P %.4f); mean %.4f", amOff.sveb().f1(), amOff.sveb().sensitivity(),
        amOff.sveb().positivePredictivity(), amOff.veb().f1(), amOff.veb().sensitivity(),
        amOff.veb().positivePredictivity(), 0.5 * (amOff.sveb().f1() + amOff.veb().f1()));
    looks.put("cv_" + best + "_offsets_" + Arrays.toString(treeOffsets), offLine);
    System.err.println("mitbih-beat-trees: with offsets " + Arrays.toString(treeOffsets) + ": "
        + offLine);
    Map<String, String> info = new LinkedHashMap<>();
    info.put("experiment", name());
    info.put("protocol", "inter-patient; DS1 records dealt round-robin into " + k
        + " folds; pooled out-of-fold predictions of the detected beats matched to a "
        + "reference beat within 150 ms; weighting " + best + "; S/V decision offsets "
        + Arrays.toString(treeOffsets) + " chosen on the same predictions");
    info.put("model", config.hybrid() ? "hybrid: " + config.network() + " probabilities "
        + "(out-of-fold) and beat features into XGBoost" : "beat features into XGBoost");
    Reporting.Evaluation bestEval = Reporting.evaluate(info, ctx.config(), b.y(), predOff,
        bestOof, AamiClass.NAMES, config.seed());
    double cvSeconds = (System.nanoTime() - t1) / 1e9;
    long t2 = System.nanoTime();
    int[] all = new int[b.y().length];
    Arrays.setAll(all, i -> i);
    Booster fin = train(b.x(), b.y(), all, config, rounds, best);
    Path xgb = out.resolve("final-xgb.json");
    try {
      fin.saveModel(xgb.toString());
    } finally {
      fin.dispose();
    }
    double finalSeconds = (System.nanoTime() - t2) / 1e9;
    Reporting.write(out, "ds1-cv-", bestEval, "mitbih-beat-trees: DS1 " + k + "-fold CV of the "
        + "chosen weighting (" + best + ")");
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "mitbih-beat-trees: DS1 %d detections, %d matched to "
        + "reference beats, %d reference beats missed; feature extraction %.1f s, CV %.1f s, "
        + "final model %.1f s%n", b.detections(), b.matched(), b.missed(), extractSeconds,
        cvSeconds, finalSeconds));
    looks.forEach((key, v) -> sb.append(key).append(": ").append(v).append('\n'));
    sb.append("chosen: ").append(best).append('\n');
    Files.writeString(out.resolve("summary.txt"), sb.toString(), StandardCharsets.UTF_8);
    System.err.print(sb);
    {
      Map<String, Double> metrics = new LinkedHashMap<>(Training.metrics(bestEval));
      Provenance p = Training.provenance(ctx, "MIT-BIH Arrhythmia Database, DS1 (22 records), "
          + "lead 0 at 360 Hz, beats of the vf-aware detector labelled by the nearest reference "
          + "beat within 150 ms", "final model on all DS1 beats, " + rounds + " rounds, class "
          + "weighting " + best + " chosen by " + k + "-fold DS1 record-level CV (metrics: its "
          + "pooled out-of-fold predictions); DS2 not used", metrics);
      p = new Provenance(p.data(), p.split(), config.seed(), rounds, p.metrics(), p.commit(),
          java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
              .toString(), null, new Provenance.TrainingSet("mitbih", ds1));
      ModelManifest.Builder mb = ModelManifest.builder().setName("mitbih-beats")
          .setClassNames(AamiClass.NAMES).optProvenance(p);
      Path target = out.resolve("packages").resolve("mitbih-beats");
      Training.deleteRecursively(target);
      if (net == null) {
        mb.setSamplingRate(FS).setInputLength(Step.BeatFeatureWindows.featureCount());
        featureSteps().forEach(mb::addPreprocessing);
        mb.addPreprocessing(new Step.QualityGate(10, 0));
        ModelPackager.writeTrees(XgbModel.read(xgb).withClassOffsets(treeOffsets), mb.build(),
            target);
      } else {
        ModelManifest nm = net.manifest();
        mb.setSamplingRate(nm.samplingRate())
            .setInputLength(nm.inputLength() + BeatFeatures.names().size());
        hybridSteps(nm).forEach(mb::addPreprocessing);
        dev.ecg.models.pkg.WeightFile djl = nm.weights().stream()
            .filter(wf -> wf.format() == dev.ecg.models.pkg.WeightFile.Format.DJL).findFirst()
            .orElseThrow(() -> new dev.ecg.core.EcgArgumentException("network "
                + config.network() + " has no DJL weights to fuse"));
        double[] off = config.networkOffsets().stream().mapToDouble(Double::doubleValue)
            .toArray();
        ModelPackager.writeHybrid(dev.ecg.models.arch.Architectures.create(
            nm.architecture().name(), nm.architecture().hyperparameters()), net.file(djl),
            off.length == 0 ? null : off, XgbModel.read(xgb).withClassOffsets(treeOffsets),
            BeatFeatures.names().size(),
            mb.build(), target);
        net.close();
      }
      System.err.println("mitbih-beat-trees: wrote package " + target);
    }
  }
}
