package dev.ecg.examples.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.examples.EcgCli;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.Cinc2017;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.BeatPrediction;
import dev.ecg.models.ClassificationResult;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.engine.EngineChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bundled {@code cinc2017-rhythm} model (the final model of the {@code cinc2017}
 * cross-validation run; it reads the first 30 s at 100 Hz like {@code cinc2017-fast}): it loads
 * by name, carries the preprocessing it was trained with, and classifies a whole record into one
 * of N, A, O, ~; plus the {@code cinc2017-fast} smoke run.
 */
class Cinc2017FastTest {
  private static final List<String> CLASSES = List.of("N", "A", "O", "~");

  @TempDir Path tmp;

  private static void assertOneRhythmLabel(ClassificationResult r) {
    assertEquals(1, r.size(), "one window per recording");
    BeatPrediction p = r.get(0);
    assertTrue(CLASSES.contains(p.label()), p.label());
    float sum = 0;
    for (float v : p.prediction().probabilities()) {
      assertTrue(v >= 0 && v <= 1, "probability " + v);
      sum += v;
    }
    assertEquals(1.0, sum, 1e-4);
    assertEquals(0, p.sample(), "the window starts at the beginning of the record");
  }

  @Test
  void bundledModelLoadsByNameWithTheExperimentsPreprocessing() throws Exception {
    try (EcgClassifier clf = EcgClassifier.load("cinc2017-rhythm")) {
      assertEquals(CLASSES, clf.classNames());
      assertEquals(3000, clf.manifest().inputLength());
      assertEquals(100.0, clf.manifest().samplingRate(), 0);
      assertEquals(1, clf.manifest().leads());
      List<Step> steps = clf.manifest().preprocessing();
      assertEquals(List.of(Step.SelectLeads.indices(0), new Step.Resample(100),
          new Step.Normalize(Step.Normalize.Method.ZSCORE),
          new Step.RhythmCrop(30, dev.ecg.io.segment.RhythmWindows.Crop.START,
              dev.ecg.io.segment.RhythmWindows.Pad.ZERO)), steps);
      assertEquals(Cinc2017Fast.STEPS, steps);
    }
  }

  @Test
  void bundledModelClassifiesASyntheticRecordAt300Hz() throws Exception {
    // 20 s at 300 Hz: a narrow Gaussian "QRS" every 0.8 s on a slow baseline sway
    double fs = 300;
    double[] x = new double[6000];
    for (int i = 0; i < x.length; i++) {
      double t = i / fs;
      double phase = (t % 0.8) - 0.4;
      x[i] = Math.exp(-phase * phase / (2 * 0.01 * 0.01)) + 0.1 * Math.sin(2 * Math.PI * 0.3 * t);
    }
    Record rec = new Record("synthetic", fs, List.of("I"), List.of("mV"), new double[][] {x},
        List.of());
    try (EcgClassifier clf = EcgClassifier.load("cinc2017-rhythm")) {
      assertOneRhythmLabel(clf.classify(rec));
    }
  }

  @Test
  void bundledDjlWeightsAndOnnxGiveTheSamePrediction() throws Exception {
    // both weight files must hold the same (best) epoch: a 30 s record of alternating slow and
    // fast "beats" at 300 Hz, classified by PyTorch on the DJL params and by ONNX Runtime
    double fs = 300;
    double[] x = new double[9000];
    double t = 0.3;
    int k = 0;
    while (t < 30) {
      for (int i = 0; i < x.length; i++) {
        double d = i / fs - t;
        x[i] += Math.exp(-d * d / (2 * 0.012 * 0.012));
      }
      t += (k++ % 2 == 0) ? 0.55 : 1.05;
    }
    Record rec = new Record("irregular", fs, List.of("I"), List.of("mV"), new double[][] {x},
        List.of());
    float[] viaOnnx;
    float[] viaTorch;
    try (EcgClassifier clf = EcgClassifier.load("cinc2017-rhythm",
        EcgClassifier.Options.DEFAULT.withEngine(EngineChoice.ONNX_RUNTIME))) {
      viaOnnx = clf.classify(rec).get(0).prediction().probabilities();
    }
    try (EcgClassifier clf = EcgClassifier.load("cinc2017-rhythm",
        EcgClassifier.Options.DEFAULT.withEngine(EngineChoice.PYTORCH))) {
      viaTorch = clf.classify(rec).get(0).prediction().probabilities();
    }
    for (int c = 0; c < CLASSES.size(); c++) {
      assertEquals(viaOnnx[c], viaTorch[c], 1e-4, "class " + CLASSES.get(c));
    }
  }

  @Test
  void bundledModelClassifiesACincRecord() throws Exception {
    Assumptions.assumeTrue(DataDir.find("cinc2017").isPresent(),
        DataDir.missingMessage("cinc2017"));
    Cinc2017 db = new Cinc2017(DataDir.find("cinc2017").get().resolve("training"));
    String id = db.records().get(0);
    try (EcgClassifier clf = EcgClassifier.load("cinc2017-rhythm")) {
      ClassificationResult r = clf.classify(db.load(id));
      assertOneRhythmLabel(r);
      assertEquals(id, r.summary().record());
    }
  }

  @Test
  void smokeRunWritesALoadablePackage() throws Exception {
    Assumptions.assumeTrue(DataDir.find("cinc2017").isPresent(),
        DataDir.missingMessage("cinc2017"));
    Path out = tmp.resolve("fast");
    int rc = new CommandLine(new EcgCli()).execute("train", "--experiment", "cinc2017-fast",
        "--smoke", "--data", DataDir.find("cinc2017").get().getParent().toString(), "--out",
        out.toString());
    assertEquals(0, rc);
    for (String f : List.of("report.json", "report.txt", "summary.txt", "model/ecg-model.json",
        "model/model.onnx", "model/model-0000.params")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    try (EcgClassifier clf = EcgClassifier.load(out.resolve("model"))) {
      assertEquals(CLASSES, clf.classNames());
      assertEquals(Cinc2017Fast.LENGTH, clf.manifest().inputLength());
    }
  }
}
