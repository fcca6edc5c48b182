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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bundled {@code cinc2017-rhythm} model (gradient-boosted trees on record features, from
 * the {@code cinc2017-features} run) loads by name and classifies a whole record of up to 60 s
 * into one of N, A, O, ~; plus the {@code cinc2017-fast} experiment's steps and smoke run.
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
  void fastExperimentReadsTheFirst30SecondsAt100Hz() {
    assertEquals(List.of(Step.SelectLeads.indices(0), new Step.Resample(100),
        new Step.Normalize(Step.Normalize.Method.ZSCORE),
        new Step.RhythmCrop(30, dev.ecg.io.segment.RhythmWindows.Crop.START,
            dev.ecg.io.segment.RhythmWindows.Pad.ZERO)), Cinc2017Fast.STEPS);
  }

  @Test
  void bundledModelLoadsByName() throws Exception {
    try (EcgClassifier clf = EcgClassifier.load("cinc2017-rhythm")) {
      assertEquals(CLASSES, clf.classNames());
      assertEquals(300.0, clf.manifest().samplingRate(), 0);
      assertEquals(1, clf.manifest().leads());
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
