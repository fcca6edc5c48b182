package dev.ecg.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.json.JsonReader;
import dev.ecg.core.json.JsonWriter;
import dev.ecg.io.Record;
import dev.ecg.io.synth.EcgSyn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A package whose pipeline has a {@code quality-gate} abstains on poor signal, with a reason. */
class QualityGateClassifyTest {

  @Test
  void windowsOverAFlatLineAreSkippedWithTheGatesReason(@TempDir Path dir) throws Exception {
    Path src = Path.of("src/test/resources/dev/ecg/models/bundled/tiny-test");
    for (String f : List.of("model.onnx", "card.md")) {
      Files.copy(src.resolve(f), dir.resolve(f));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) JsonReader.parse(
        Files.readString(src.resolve("ecg-model.json"))));
    m.put("schemaVersion", 2L);
    // 2 s windows at 125 Hz cropped to the model's 64 samples; after segmentation the gate
    // judges each window by the 2 s segments of the original record it covers
    m.put("preprocessing", List.of(
        Map.of("name", "resample", "params", Map.of("fs", 125.0)),
        Map.of("name", "rhythm-windows", "params", Map.of("seconds", 2.0, "hop", 2.0)),
        Map.of("name", "quality-gate", "params", Map.of("seconds", 2.0)),
        Map.of("name", "normalize", "params", Map.of("method", "minmax")),
        Map.of("name", "crop-pad", "params", Map.of("length", 64))));
    Files.writeString(dir.resolve("ecg-model.json"), JsonWriter.pretty(m));

    double[] x = EcgSyn.builder().optSamplingRate(360).optDuration(20).optSeed(3).build()
        .generate().signal().clone();
    Arrays.fill(x, 8 * 360, 12 * 360, 0.0);
    Record r = new Record("flat", 360, List.of("II"), List.of("mV"), new double[][] {x},
        List.of());
    try (EcgClassifier clf = EcgClassifier.load(dir)) {
      ClassificationResult res = clf.classify(r);
      assertEquals(10, res.size() + res.skipped().size());
      assertEquals(2, res.skipped().size(), res.skipped().toString());
      for (ClassificationResult.Skipped k : res.skipped()) {
        assertTrue(k.time() >= 8 && k.time() < 12, "skipped at " + k.time());
        assertTrue(k.reason().startsWith("rejected by preprocessing: poor signal quality"),
            k.reason());
      }
      // 2 of 10 windows is a fifth of the record: the result says so
      assertEquals(1, res.warnings().size(), res.warnings().toString());
      assertTrue(res.warnings().get(0).contains("2 of 10 windows (20 %) were not classified "
          + "(rejected by preprocessing: poor signal quality"), res.warnings().get(0));
      // 1.5 s: shorter than one 2 s window
      Record shortRec = new Record("short", 360, List.of("II"), List.of("mV"),
          new double[][] {Arrays.copyOf(x, 540)}, List.of());
      ClassificationResult none = clf.classify(shortRec);
      assertEquals(0, none.size());
      assertEquals(1, none.warnings().size(), none.warnings().toString());
      assertTrue(none.warnings().get(0).contains("1 of 1 windows (100 %) were not classified")
          && none.warnings().get(0).contains("shorter than the 2 s"), none.warnings().get(0));
    }
  }

  /**
   * The bundled beat model gates its beat windows: Gaussian noise, on which the same model
   * without the gate reports about 140 beats a minute of N and S, gives no beat at all, while an
   * ECGSYN record keeps every beat.
   */
  @Test
  void noiseGivesNoBeatsThroughTheBundledBeatModel(@TempDir Path dir) throws Exception {
    Path src = Path.of("src/main/resources/dev/ecg/models/bundled/mitbih-aami5");
    try (var files = Files.list(src)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) JsonReader.parse(
        Files.readString(src.resolve("ecg-model.json"))));
    List<Object> steps = new java.util.ArrayList<>((List<?>) m.get("preprocessing"));
    assertTrue(steps.removeIf(st -> "quality-gate".equals(((Map<?, ?>) st).get("name"))),
        "the bundled model has a quality-gate step");
    m.put("preprocessing", steps);
    Files.writeString(dir.resolve("ecg-model.json"), JsonWriter.pretty(m));

    java.util.Random rnd = new java.util.Random(9);
    double[] noise = new double[60 * 360];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = 0.3 * rnd.nextGaussian();
    }
    Record n = new Record("noise", 360, List.of("MLII"), List.of("mV"), new double[][] {noise},
        List.of());
    double[] ecg = EcgSyn.builder().optSamplingRate(360).optDuration(60).optSeed(4).build()
        .generate().signal();
    Record e = new Record("ecg", 360, List.of("MLII"), List.of("mV"), new double[][] {ecg},
        List.of());
    try (EcgClassifier gated = EcgClassifier.load("mitbih-aami5");
        EcgClassifier ungated = EcgClassifier.load(dir)) {
      assertTrue(ungated.classify(n).size() > 60, "without the gate the noise gives beats");
      ClassificationResult rn = gated.classify(n);
      assertEquals(0, rn.size(), rn.summary().toString());
      assertTrue(rn.skipped().size() > 60 && rn.skipped().stream()
          .allMatch(k -> k.reason().contains("QRS detectors disagree")), rn.skipped().toString());
      ClassificationResult re = gated.classify(e);
      assertEquals(ungated.classify(e).size(), re.size());
      assertTrue(re.skipped().isEmpty(), re.skipped().toString());
      assertTrue(re.warnings().isEmpty(), re.warnings().toString());
      // a flat line has no beat: no window at all, and the result says why it is empty
      Record flat = new Record("flat", 360, List.of("MLII"), List.of("mV"),
          new double[][] {new double[5 * 360]}, List.of());
      ClassificationResult rf = gated.classify(flat);
      assertEquals(0, rf.size() + rf.skipped().size());
      assertEquals(List.of("record flat (5 s) gave no window to classify: it is shorter than "
          + "model mitbih-aami5's window or no beat was found in it"), rf.warnings());
      assertTrue(rn.warnings().size() == 1 && rn.warnings().get(0).contains("(100 %) were not"),
          rn.warnings().toString());
    }
  }
}
