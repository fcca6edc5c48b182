package dev.ecg.examples;

import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.labels.CincClass;
import dev.ecg.examples.experiments.MitBihBeats;
import dev.ecg.examples.experiments.PtbxlMi;
import dev.ecg.examples.experiments.Reporting;
import dev.ecg.examples.experiments.Training;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.Cinc2017;
import dev.ecg.io.datasets.MitBih;
import dev.ecg.io.datasets.PtbXl;
import dev.ecg.io.pipeline.Pipeline;
import dev.ecg.io.pipeline.SignalWindows;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.BeatPrediction;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.Prediction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecg evaluate}: runs a model package on a dataset folder and writes the JSON report
 * (challenge score for CinC, per-class F1, confusion matrix, ROC-AUCs, bootstrap 95 % intervals).
 *
 * <ul>
 *   <li>{@code mitbih}: a folder with {@code RECORDS} and WFDB {@code .hea/.dat/.atr}; every
 *       reference beat with an AAMI class is scored. Models whose manifest starts with
 *       {@code kachuee-segment} (and optionally {@code rr-features}) get
 *       {@link MitBihBeats} inputs; models with a {@code qrs-windows} step (such as the
 *       R-centred {@code mitbih-aami5}) replay their manifest with {@code detector: annotations},
 *       so every reference beat is scored as in training; other models go through
 *       {@code EcgClassifier.classify} and are matched to the annotations by sample. With
 *       {@code --peaks detected} every model but a Kachuee one goes through
 *       {@code EcgClassifier.classify} with its own detector, and each reference beat takes the
 *       prediction of the nearest detection within 150 ms; missed reference beats, extra
 *       detections and beats skipped by a quality gate are counted in the report.</li>
 *   <li>{@code cinc2017}: any folder with {@code .hea/.mat} files and a {@code REFERENCE.csv};
 *       each record goes through {@code EcgClassifier.classify} (the manifest's preprocessing)
 *       and the class probabilities of its windows are averaged; a record the model abstains on
 *       (no window passed its quality checks) counts as {@code ~}. An AF detector (classes
 *       {@code non-AF}, {@code AF}, {@code noisy}, like {@code af-detect}) is scored on N + O
 *       vs A vs ~, with the ROC-AUC of AF against the rest.</li>
 *   <li>{@code ptbxl}: a folder laid out like PTB-XL ({@code ptbxl_database.csv},
 *       {@code scp_statements.csv}, {@code records100/}) and a NORM-vs-MI package (classes
 *       {@code NORM} and {@code MI}, e.g. from {@code ecg train --experiment
 *       ptbxl-mi-transfer}). The task's records ({@link PtbxlMi}: NORM only vs any MI; others
 *       are skipped and counted), optionally restricted by {@code --records} (ecg_ids) and
 *       {@code --folds}, go through {@code EcgClassifier.classify}; a record's score is the mean
 *       P(MI) of its windows and it is called MI when the score reaches the threshold
 *       ({@code --threshold}, else the package's validation-chosen
 *       {@value PtbxlMi#THRESHOLD_KEY}, else 0.5). A record without windows scores 0.</li>
 * </ul>
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate a model package on a dataset folder; JSON report to stdout or --out.")
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--precision", defaultValue = "FP32", description = "FP32 (default) or "
      + "INT8: the package's int8 graph (model.int8.onnx, see 'ecg quantize') on ONNX Runtime")
  EcgClassifier.Precision precision;

  @Option(names = "--model", required = true, description = "package folder, .zip or bundled name")
  String model;

  @Option(names = "--dataset", required = true, description = "mitbih | cinc2017 | ptbxl")
  String dataset;

  @Option(names = "--data", required = true, description = "dataset folder (e.g. "
      + "../shared/data/mitdb, ../shared/data/cinc2017/training or ../shared/data/ptbxl)")
  Path data;

  @Option(names = "--records", description = "file with one record name per line (ecg_ids for ptbxl; "
      + "default: all)")
  Path records;

  @Option(names = "--out", description = "write the JSON here instead of stdout; report.txt and "
      + "the confusion PNG go beside it")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "bootstrap seed")
  long seed;

  @Option(names = "--folds", split = ",", description = "ptbxl only: keep records of these "
      + "strat_folds (e.g. 10, or 9,10); default all")
  List<Integer> folds;

  @Option(names = "--threshold", description = "ptbxl only: record-level MI threshold on the "
      + "mean beat P(MI); default the package's provenance metric "
      + PtbxlMi.THRESHOLD_KEY + ", else 0.5")
  Double threshold;

  @Option(names = "--peaks", defaultValue = "reference", description = "mitbih only: "
      + "'reference' replays a qrs-windows package at the reference beats; 'detected' runs "
      + "EcgClassifier.classify (the package's own detector) and scores each reference beat by "
      + "the detection within 150 ms (missed beats and extra detections are counted)")
  String peaks;

  @Override
  public Integer call() throws Exception {
    EcgClassifier clf;
    clf = dev.ecg.examples.cli.ModelArg.load(model, EcgClassifier.Options.DEFAULT.withPrecision(precision));
    try (clf) {
      Reporting.Evaluation e;
      switch (dataset) {
        case "mitbih" -> e = mitbih(clf);
        case "cinc2017" -> e = cinc(clf);
        case "ptbxl" -> e = ptbxl(clf);
        default -> {
          System.err.println("ecg evaluate: unknown dataset '" + dataset
              + "', use mitbih, cinc2017 or ptbxl");
          return 2;
        }
      }
      if (out == null) {
        System.out.print(e.json());
        if (heldOut != null) {
          System.err.println("held-out records only:");
          System.err.println(heldOut.report().toText());
        }
      } else {
        Path dir = out.toAbsolutePath().getParent();
        String file = out.getFileName().toString();
        String prefix = file.endsWith(".json") ? file.substring(0, file.length() - 5) + "-" : "";
        Reporting.write(dir, prefix, e, "ecg evaluate " + model + " on " + dataset + " " + data);
        if (!file.equals(prefix + "report.json")) {
          Files.move(dir.resolve(prefix + "report.json"), out,
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        System.err.println(e.report().toText());
        if (heldOut != null) {
          Reporting.write(dir, prefix + "held-out-", heldOut, "ecg evaluate " + model + " on "
              + dataset + " " + data + ": records not in the model's training set");
          System.err.println("held-out records only (" + dir.resolve(prefix + "held-out-report.json")
              + "):");
          System.err.println(heldOut.report().toText());
        }
      }
      return 0;
    }
  }

  /** The report on the records the model was not trained on, when some were (else null). */
  private Reporting.Evaluation heldOut;

  /**
   * Marks the records the package's provenance lists as its training set, puts the count into
   * {@code info}, warns on standard error, and scores the other records alone.
   *
   * @param names the evaluated records
   * @param rowRecord the record of each scored row
   * @return the held-out evaluation, or null when no evaluated record was seen in training or
   *     every one was
   */
  private Reporting.Evaluation heldOutEvaluation(EcgClassifier clf, String datasetName,
      List<String> names, List<String> rowRecord, Map<String, String> info, int[] y,
      double[][] probs, List<String> classes) {
    var set = clf.manifest().provenance().trainingSet();
    if (set == null || !set.dataset().equals(datasetName)) {
      info.put("records_in_training_set", "unknown (the package lists no " + datasetName
          + " training records)");
      return null;
    }
    Set<String> seen = new java.util.HashSet<>(set.records());
    long k = names.stream().filter(seen::contains).count();
    info.put("records_in_training_set", k + " of " + names.size() + " (from the model's "
        + "provenance)");
    if (k == 0) {
      return null;
    }
    if (k == names.size()) {
      System.err.println("ecg evaluate: all " + k + " records were in the training set of "
          + clf.manifest().name() + ": these scores do not estimate accuracy on new recordings");
      return null;
    }
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      if (!seen.contains(rowRecord.get(i))) {
        keep.add(i);
      }
    }
    int[] yh = new int[keep.size()];
    double[][] ph = new double[keep.size()][];
    for (int i = 0; i < yh.length; i++) {
      yh[i] = y[keep.get(i)];
      ph[i] = probs[keep.get(i)];
    }
    System.err.println("ecg evaluate: " + k + " of " + names.size() + " records were in the "
        + "training set of " + clf.manifest().name() + "; the held-out report scores the other "
        + (names.size() - k) + " alone");
    Map<String, String> hi = new LinkedHashMap<>(info);
    hi.put("subset", "records not in the model's training set: " + (names.size() - k));
    return Reporting.evaluate(hi, yh, Training.argmax(ph), ph, classes, seed);
  }

  private List<String> recordList(List<String> all) throws IOException {
    if (records == null) {
      return all;
    }
    List<String> r = new ArrayList<>();
    for (String l : Files.readAllLines(records, StandardCharsets.UTF_8)) {
      String s = l.strip();
      if (!s.isEmpty() && !s.startsWith("#")) {
        r.add(s);
      }
    }
    return r;
  }

  private Map<String, String> info(int nRecords) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("model", model);
    m.put("model_name", "");
    m.put("dataset", dataset);
    m.put("data", data.toString());
    m.put("records", Integer.toString(nRecords));
    return m;
  }

  /** Maps the model's class indices to the dataset's class order. */
  /** Classes of an AF detector such as the bundled {@code af-detect}. */
  static final List<String> AF_CLASSES = List.of("non-AF", "AF", "noisy");

  private static int[] classMap(List<String> modelNames, List<String> datasetNames) {
    int[] map = new int[modelNames.size()];
    for (int i = 0; i < map.length; i++) {
      map[i] = datasetNames.indexOf(modelNames.get(i));
      if (map[i] < 0) {
        throw new IllegalArgumentException("model class '" + modelNames.get(i)
            + "' is not one of the dataset's classes " + datasetNames);
      }
    }
    return map;
  }

  private static double[] reorder(float[] probs, int[] map, int k) {
    double[] d = new double[k];
    for (int i = 0; i < probs.length; i++) {
      d[map[i]] += probs[i];
    }
    return d;
  }

  private Reporting.Evaluation mitbih(EcgClassifier clf) throws IOException {
    Path root = Files.exists(data.resolve("mitdb").resolve("RECORDS")) ? data.resolve("mitdb")
        : data;
    MitBih db = new MitBih(root);
    List<String> names = recordList(db.records());
    List<String> steps = clf.manifest().preprocessing().stream()
        .map(Step::name).toList();
    boolean kachuee = steps.contains("kachuee-segment");
    boolean rr = steps.contains("rr-features");
    int[] map = classMap(clf.classNames(), AamiClass.NAMES);
    // a beat-segmenting step (qrs-windows) is replayed at the reference beat annotations
    if (!peaks.equals("reference") && !peaks.equals("detected")) {
      throw new dev.ecg.core.EcgArgumentException("--peaks must be 'reference' or 'detected', "
          + "got '" + peaks + "'");
    }
    boolean detected = peaks.equals("detected");
    if (detected && kachuee) {
      throw new dev.ecg.core.EcgArgumentException("--peaks detected: model "
          + clf.manifest().name() + " takes Kachuee beats built from the annotations; it has no "
          + "detector of its own");
    }
    int missed = 0;
    int extra = 0;
    int skippedBeats = 0;
    List<Step> referencePeaks = null;
    if (!kachuee && !detected && steps.contains("qrs-windows")) {
      referencePeaks = new ArrayList<>();
      for (Step s : clf.manifest().preprocessing()) {
        if (s instanceof Step.QrsWindows q) {
          s = new Step.QrsWindows(q.before(), q.after(), Step.Detector.ANNOTATIONS, q.channel(),
              q.edges());
        }
        referencePeaks.add(s);
      }
    }
    List<Integer> ys = new ArrayList<>();
    List<double[]> ps = new ArrayList<>();
    RecordProgress progress = RecordProgress.onStderr("ecg evaluate", names.size());
    int doneRecords = 0;
    List<String> beatRecord = new ArrayList<>();
    for (String n : names) {
      Record rec = db.load(n);
      if (kachuee) {
        MitBihBeats.Data d = MitBihBeats.fromRecord(rec, rr);
        Prediction[] pr = clf.predictBatch(d.x());
        for (int i = 0; i < pr.length; i++) {
          ys.add(d.y()[i]);
          ps.add(reorder(pr[i].probabilities(), map, AamiClass.NAMES.size()));
        }
      } else {
        Map<Long, Integer> truth = new HashMap<>();
        rec.annotations().forEach(a -> AamiClass.fromMitSymbol(a.symbol())
            .ifPresent(c -> truth.put(a.sample(), c.ordinal())));
        if (referencePeaks != null) {
          // beat models: segment at the reference beats (as in training), not at detected QRS
          SignalWindows w = Pipeline.run(rec, referencePeaks);
          float[][] flat = new float[w.windows().size()][];
          for (int b = 0; b < flat.length; b++) {
            double[][] win = w.windows().get(b);
            int len = win[0].length;
            flat[b] = new float[win.length * len];
            for (int c = 0; c < win.length; c++) {
              for (int i = 0; i < len; i++) {
                flat[b][c * len + i] = (float) win[c][i];
              }
            }
          }
          Prediction[] pr = clf.predictBatch(flat);
          for (int b = 0; b < pr.length; b++) {
            Integer t = truth.get(w.samples()[b]);
            if (t != null) {
              ys.add(t);
              ps.add(reorder(pr[b].probabilities(), map, AamiClass.NAMES.size()));
            }
          }
        } else if (detected) {
          // score each reference beat by the nearest detection within 150 ms
          dev.ecg.models.ClassificationResult res = clf.classify(rec);
          skippedBeats += res.skipped().size();
          long[] ref = truth.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
          long[] det = new long[res.size()];
          for (int b = 0; b < det.length; b++) {
            det[b] = res.get(b).sample();
          }
          int[] m = dev.ecg.io.qrs.BeatMatching.match(det, ref,
              Math.round(dev.ecg.io.qrs.Ec57Scorer.DEFAULT_WINDOW_SECONDS * rec.fs()));
          boolean[] hit = new boolean[ref.length];
          for (int b = 0; b < m.length; b++) {
            if (m[b] < 0) {
              extra++;
              continue;
            }
            hit[m[b]] = true;
            ys.add(truth.get(ref[m[b]]));
            ps.add(reorder(res.get(b).prediction().probabilities(), map,
                AamiClass.NAMES.size()));
          }
          for (boolean h : hit) {
            missed += h ? 0 : 1;
          }
        } else {
          for (BeatPrediction bp : clf.classify(rec)) {
            Integer t = truth.get(bp.sample());
            if (t != null) {
              ys.add(t);
              ps.add(reorder(bp.prediction().probabilities(), map, AamiClass.NAMES.size()));
            }
          }
        }
      }
      while (beatRecord.size() < ys.size()) {
        beatRecord.add(n);
      }
      progress.update(++doneRecords, "record " + n + ", " + ys.size() + " beats so far");
    }
    double[][] probs = ps.toArray(new double[0][]);
    int[] y = ys.stream().mapToInt(Integer::intValue).toArray();
    Map<String, String> info = info(names.size());
    info.put("model_name", clf.manifest().name());
    if (detected) {
      info.put("peaks", "detected by the package's own preprocessing (EcgClassifier.classify); "
          + "each reference beat scored by the nearest classified detection within 150 ms");
      info.put("reference_beats_missed", Integer.toString(missed));
      info.put("extra_detections", Integer.toString(extra));
      info.put("beats_skipped_by_quality_gate", Integer.toString(skippedBeats));
    }
    heldOut = heldOutEvaluation(clf, "mitbih", names, beatRecord, info, y, probs,
        AamiClass.NAMES);
    return Reporting.evaluate(info, y, Training.argmax(probs), probs, AamiClass.NAMES, seed);
  }

  private Reporting.Evaluation cinc(EcgClassifier clf) throws IOException {
    Path root = Files.exists(data.resolve("REFERENCE.csv")) ? data
        : data.resolve("cinc2017").resolve("training");
    Cinc2017 db = new Cinc2017(root);
    List<String> names = recordList(db.records());
    // an AF detector (non-AF / AF / noisy) is scored on N + O vs A vs ~
    boolean af = clf.classNames().equals(AF_CLASSES);
    List<String> classes = af ? AF_CLASSES : CincClass.NAMES;
    int[] map = classMap(clf.classNames(), classes);
    int k = classes.size();
    int noisy = k - 1;
    int[] y = new int[names.size()];
    double[][] probs = new double[names.size()][];
    int i = 0;
    int abstained = 0;
    RecordProgress progress = RecordProgress.onStderr("ecg evaluate", names.size());
    for (String n : names) {
      CincClass label = db.label(n);
      y[i] = !af ? label.ordinal() : label == CincClass.AF ? 1 : label == CincClass.NOISY ? 2 : 0;
      double[] acc = new double[k];
      List<BeatPrediction> win = clf.classify(db.load(n));
      if (win.isEmpty()) {
        // the model abstained (signal quality): that is the noisy class
        acc[noisy] = 1;
        abstained++;
      }
      for (BeatPrediction bp : win) {
        double[] r = reorder(bp.prediction().probabilities(), map, k);
        for (int c = 0; c < k; c++) {
          acc[c] += r[c] / win.size();
        }
      }
      probs[i++] = acc;
      progress.update(i, "");
    }
    Map<String, String> info = info(names.size());
    info.put("model_name", clf.manifest().name());
    info.put("abstained_records_scored_as_noisy", Integer.toString(abstained));
    if (af) {
      info.put("task", "AF detection: N and O are non-AF, A is AF, ~ is noisy");
      info.put("auc_AF_vs_rest", String.format(java.util.Locale.ROOT, "%.4f",
          dev.ecg.core.metrics.RocAuc.ovr(y, probs, 1)));
    }
    heldOut = heldOutEvaluation(clf, "cinc2017", names, names, info, y, probs, classes);
    return Reporting.evaluate(info, y, Training.argmax(probs), probs, classes, seed);
  }

  private Reporting.Evaluation ptbxl(EcgClassifier clf) throws IOException {
    Path root = Files.exists(data.resolve("ptbxl_database.csv")) ? data : data.resolve("ptbxl");
    PtbXl db = new PtbXl(root);
    List<PtbxlMi.Item> all = PtbxlMi.items(db, PtbxlMi.statements(db));
    if (!new java.util.HashSet<>(clf.classNames()).equals(Set.copyOf(PtbxlMi.CLASSES))) {
      throw new dev.ecg.core.EcgArgumentException("model " + clf.manifest().name()
          + " has classes " + clf.classNames() + "; a NORM-vs-MI model needs exactly "
          + PtbxlMi.CLASSES);
    }
    int[] map = classMap(clf.classNames(), PtbxlMi.CLASSES);
    List<PtbxlMi.Item> items = new ArrayList<>();
    int skipped = 0;
    if (records != null) {
      Map<Integer, PtbxlMi.Item> byId = new HashMap<>();
      all.forEach(it -> byId.put(it.ecgId(), it));
      for (String r : recordList(List.of())) {
        int id;
        try {
          id = Integer.parseInt(r);
        } catch (NumberFormatException ex) {
          throw new dev.ecg.core.EcgArgumentException(records + ": '" + r
              + "' is not an ecg_id (PTB-XL record ids are whole numbers)");
        }
        db.row(id); // unknown ids fail here, naming the id
        PtbxlMi.Item it = byId.get(id);
        if (it == null) {
          skipped++;
        } else if (folds == null || folds.contains(it.fold())) {
          items.add(it);
        }
      }
    } else {
      for (PtbxlMi.Item it : all) {
        if (folds == null || folds.contains(it.fold())) {
          items.add(it);
        }
      }
      skipped = db.rows().size() - all.size();
    }
    if (items.isEmpty()) {
      throw new dev.ecg.core.EcgArgumentException("no NORM-only or MI record selected in " + root
          + (folds == null ? "" : " (folds " + folds + ")"));
    }
    Double stored = clf.manifest().provenance() == null ? null
        : clf.manifest().provenance().metrics().get(PtbxlMi.THRESHOLD_KEY);
    double t = threshold != null ? threshold : stored != null ? stored : 0.5;
    String source = threshold != null ? "--threshold" : stored != null
        ? "package provenance " + PtbxlMi.THRESHOLD_KEY : "default 0.5";
    int[] y = new int[items.size()];
    double[] score = new double[items.size()];
    RecordProgress ptbProgress = RecordProgress.onStderr("ecg evaluate", items.size());
    int noBeats = 0;
    for (int i = 0; i < items.size(); i++) {
      PtbxlMi.Item it = items.get(i);
      y[i] = it.label();
      List<BeatPrediction> win = clf.classify(db.load(it.ecgId()));
      double sum = 0;
      for (BeatPrediction bp : win) {
        sum += reorder(bp.prediction().probabilities(), map, 2)[1];
      }
      if (win.isEmpty()) {
        noBeats++;
      }
      score[i] = win.isEmpty() ? Double.NaN : sum / win.size();
      ptbProgress.update(i + 1, "");
    }
    Map<String, String> info = info(items.size());
    info.put("model_name", clf.manifest().name());
    info.put("task", "NORM only (0) vs any MI (1), record level, score = mean window P(MI)");
    info.put("folds", folds == null ? "all" : folds.toString());
    info.put("skipped_records_outside_task", Integer.toString(skipped));
    info.put("threshold_MI", Double.toString(t));
    info.put("threshold_source", source);
    info.put("records_without_beats", Integer.toString(noBeats));
    return Reporting.evaluate(info, y, PtbxlMi.predict(score, t),
        PtbxlMi.probabilityRows(score), PtbxlMi.CLASSES, seed);
  }
}
