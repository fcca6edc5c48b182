package dev.ecg.examples;

import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.labels.CincClass;
import dev.ecg.examples.experiments.MitBihBeats;
import dev.ecg.examples.experiments.Reporting;
import dev.ecg.examples.experiments.Training;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.Cinc2017;
import dev.ecg.io.datasets.MitBih;
import dev.ecg.models.BeatPrediction;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.Prediction;
import dev.ecg.models.Preprocessors;
import dev.ecg.models.SignalWindows;
import dev.ecg.models.pkg.PreprocessingStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *       {@code EcgClassifier.classify} and are matched to the annotations by sample.</li>
 *   <li>{@code cinc2017}: any folder with {@code .hea/.mat} files and a {@code REFERENCE.csv};
 *       each record goes through {@code EcgClassifier.classify} (the manifest's preprocessing)
 *       and the class probabilities of its windows are averaged.</li>
 * </ul>
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate a model package on a dataset folder; JSON report to stdout or --out.")
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "package folder, .zip or bundled name")
  String model;

  @Option(names = "--dataset", required = true, description = "mitbih | cinc2017 | ptbxl")
  String dataset;

  @Option(names = "--data", required = true, description = "dataset folder (e.g. "
      + "../shared/data/mitdb or ../shared/data/cinc2017/training)")
  Path data;

  @Option(names = "--records", description = "file with one record name per line (default: all)")
  Path records;

  @Option(names = "--out", description = "write the JSON here instead of stdout; report.txt and "
      + "the confusion PNG go beside it")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "bootstrap seed")
  long seed;

  @Override
  public Integer call() throws Exception {
    EcgClassifier clf;
    clf = dev.ecg.examples.cli.ModelArg.load(model);
    try (clf) {
      Reporting.Evaluation e;
      switch (dataset) {
        case "mitbih" -> e = mitbih(clf);
        case "cinc2017" -> e = cinc(clf);
        case "ptbxl" -> {
          System.err.println("ecg evaluate: ptbxl is not supported yet (no PTB-XL model has been "
              + "trained with this SDK)");
          return 2;
        }
        default -> {
          System.err.println("ecg evaluate: unknown dataset '" + dataset
              + "', use mitbih, cinc2017 or ptbxl");
          return 2;
        }
      }
      if (out == null) {
        System.out.print(e.json());
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
      }
      return 0;
    }
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
        .map(PreprocessingStep::name).toList();
    boolean kachuee = steps.contains("kachuee-segment");
    boolean rr = steps.contains("rr-features");
    int[] map = classMap(clf.classNames(), AamiClass.NAMES);
    // a beat-segmenting step (qrs-windows) is replayed at the reference beat annotations
    List<PreprocessingStep> referencePeaks = null;
    if (!kachuee && steps.contains("qrs-windows")) {
      referencePeaks = new ArrayList<>();
      for (PreprocessingStep s : clf.manifest().preprocessing()) {
        if (s.name().equals("qrs-windows")) {
          Map<String, Object> params = new LinkedHashMap<>(s.params());
          params.put("detector", "annotations");
          s = new PreprocessingStep(s.name(), params);
        }
        referencePeaks.add(s);
      }
    }
    List<Integer> ys = new ArrayList<>();
    List<double[]> ps = new ArrayList<>();
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
          SignalWindows w = Preprocessors.run(rec, referencePeaks);
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
      System.err.print("\r" + n + " (" + ys.size() + " beats)");
    }
    System.err.println();
    double[][] probs = ps.toArray(new double[0][]);
    int[] y = ys.stream().mapToInt(Integer::intValue).toArray();
    Map<String, String> info = info(names.size());
    info.put("model_name", clf.manifest().name());
    return Reporting.evaluate(info, y, Training.argmax(probs), probs, AamiClass.NAMES, seed);
  }

  private Reporting.Evaluation cinc(EcgClassifier clf) throws IOException {
    Path root = Files.exists(data.resolve("REFERENCE.csv")) ? data
        : data.resolve("cinc2017").resolve("training");
    Cinc2017 db = new Cinc2017(root);
    List<String> names = recordList(db.records());
    int[] map = classMap(clf.classNames(), CincClass.NAMES);
    int k = CincClass.NAMES.size();
    int[] y = new int[names.size()];
    double[][] probs = new double[names.size()][];
    int i = 0;
    for (String n : names) {
      y[i] = db.label(n).ordinal();
      double[] acc = new double[k];
      List<BeatPrediction> win = clf.classify(db.load(n));
      for (BeatPrediction bp : win) {
        double[] r = reorder(bp.prediction().probabilities(), map, k);
        for (int c = 0; c < k; c++) {
          acc[c] += r[c] / win.size();
        }
      }
      probs[i++] = acc;
      if (i % 100 == 0) {
        System.err.print("\r" + i + "/" + names.size() + " records");
      }
    }
    System.err.println();
    Map<String, String> info = info(names.size());
    info.put("model_name", clf.manifest().name());
    return Reporting.evaluate(info, y, Training.argmax(probs), probs, CincClass.NAMES, seed);
  }
}
