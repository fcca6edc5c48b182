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
    }
  }
}
