package dev.ecg.models.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.core.json.JsonWriter;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exported tree ensemble is an ordinary model package: {@link EcgClassifier} loads it (ONNX
 * Runtime picks the {@code probabilities} output of the two the graph has) and predicts the
 * probabilities computed by hand.
 */
class TreePackageTest {

  @Test
  void aTreeEnsemblePackageClassifiesThroughEcgClassifier(@TempDir Path dir) throws Exception {
    // base_score 0.2 -> margin ln(0.25); one stump on feature 0 at 1.0: leaves +0.3 and +1.7
    XgbModel m = XgbModel.parse(TreeFixtures.json("binary:logistic", 0, 2, "2E-1",
        TreeFixtures.list(TreeFixtures.stump(0, 1.0, 0.3, 1.7, true)), new int[] {0}), "hand");
    byte[] onnx = TreeOnnxExporter.export(m);
    Files.write(dir.resolve("model.onnx"), onnx);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2L);
    manifest.put("name", "tree-test");
    manifest.put("classNames", List.of("no", "yes"));
    manifest.put("leads", 1L);
    manifest.put("inputLength", 2L);
    manifest.put("samplingRate", 250.0);
    manifest.put("output", "probabilities");
    manifest.put("preprocessing", List.of());
    manifest.put("provenance", Map.of("data", "hand-made stump"));
    manifest.put("weights", List.of(Map.of("file", "model.onnx", "format", "ONNX", "sha256",
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(onnx)))));
    Files.writeString(dir.resolve("ecg-model.json"), JsonWriter.pretty(manifest));

    double b = Math.log(0.25);
    try (EcgClassifier clf = EcgClassifier.load(dir)) {
      Prediction low = clf.predict(new float[] {0.5f, 0f});
      Prediction high = clf.predict(new float[] {3f, 0f});
      assertEquals(1 / (1 + Math.exp(-(b + 0.3))), low.probabilities()[1], 1e-6);
      assertEquals(1 / (1 + Math.exp(-(b + 1.7))), high.probabilities()[1], 1e-6);
      assertEquals(1.0, low.probabilities()[0] + low.probabilities()[1], 1e-6);
      assertEquals("no", low.label());
      assertEquals("yes", high.label());
    }
  }

  @Test
  void aRecordFeaturesPackageClassifiesRecordsAndTakesNanAsMissing(@TempDir Path dir)
      throws Exception {
    int nf = dev.ecg.io.pipeline.Step.RecordFeatureWindows.featureCount();
    // one stump on length_s (feature 0) at 20 s: shorter -> +0.3, longer -> +1.7, missing
    // (NaN) -> the right branch (+1.7); base_score 0.2 -> margin ln(0.25)
    XgbModel m = XgbModel.parse(TreeFixtures.json("binary:logistic", 0, nf, "2E-1",
        TreeFixtures.list(TreeFixtures.stump(0, 20.0, 0.3, 1.7, false)), new int[] {0}),
        "hand");
    dev.ecg.models.pkg.ModelManifest base = dev.ecg.models.pkg.ModelManifest.builder()
        .setName("length-test").setClassNames(List.of("short", "long")).setSamplingRate(250)
        .setInputLength(nf)
        .addPreprocessing(new dev.ecg.io.pipeline.Step.RecordFeatureWindows(60, 30, 0))
        .build();
    Path pkg = dev.ecg.models.ModelPackager.writeTrees(m, base, dir.resolve("pkg"));
    double b = Math.log(0.25);
    double pShort = 1 / (1 + Math.exp(-(b + 0.3)));
    double pLong = 1 / (1 + Math.exp(-(b + 1.7)));
    try (EcgClassifier clf = EcgClassifier.load(pkg)) {
      assertEquals("probabilities", clf.manifest().output());
      for (int seconds : new int[] {10, 30}) {
        double[] x = new double[seconds * 250];
        for (int i = 0; i < x.length; i++) {
          x[i] = Math.sin(2 * Math.PI * 1.1 * i / 250.0) * 0.5;
        }
        dev.ecg.models.ClassificationResult r = clf.classify(new dev.ecg.io.Record("r" + seconds,
            250, List.of("I"), List.of("mV"), new double[][] {x}, List.of()));
        assertEquals(1, r.size());
        assertEquals(seconds < 20 ? pShort : pLong, r.get(0).prediction().probabilities()[1],
            1e-6, seconds + " s");
      }
      float[] missing = new float[nf];
      missing[0] = Float.NaN;
      assertEquals(pLong, clf.predict(missing).probabilities()[1], 1e-6,
          "NaN is a missing feature and takes the default branch");
      float[] inf = new float[nf];
      inf[0] = Float.POSITIVE_INFINITY;
      assertThrows(dev.ecg.models.InvalidSignalException.class, () -> clf.predict(inf));
    }
    // a tree ensemble whose class count differs from the manifest's is refused
    dev.ecg.models.pkg.ModelManifest three = dev.ecg.models.pkg.ModelManifest.builder()
        .setName("bad").setClassNames(List.of("a", "b", "c")).setSamplingRate(250)
        .setInputLength(nf).build();
    assertThrows(dev.ecg.models.pkg.ModelPackageException.class,
        () -> dev.ecg.models.ModelPackager.writeTrees(m, three, dir.resolve("bad")));
  }
}
