package dev.ecg.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.models.engine.EngineChoice;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A network package carries two copies of its weights (DJL params and ONNX). Both engines must
 * compute the same network: a package whose params and ONNX come from different epochs fails
 * here. Checked on the bundled {@code mitbih-aami5} and on the former bundled
 * {@code cinc2017-rhythm} network kept as a test package ({@code snapshot/cinc2017-rhythm-cnn});
 * the tree bundles hold ONNX only.
 */
class BundledModelsTest {
  @ParameterizedTest
  @ValueSource(strings = {"mitbih-aami5", "cinc2017-rhythm-cnn"})
  void onnxRuntimeAndPyTorchAgreeOnTheBundledWeights(String name) throws Exception {
    float[][] inputs;
    float[][] onnx = new float[0][];
    try (EcgClassifier clf = open(name, EngineChoice.ONNX_RUNTIME)) {
      int length = clf.manifest().leads() * clf.manifest().inputLength();
      SplittableRandom rnd = new SplittableRandom(7);
      inputs = new float[32][length];
      for (float[] row : inputs) {
        for (int i = 0; i < length; i++) {
          row[i] = (float) rnd.nextDouble(0, 1);
        }
      }
      Prediction[] p = clf.predictBatch(inputs);
      onnx = new float[p.length][];
      for (int i = 0; i < p.length; i++) {
        onnx[i] = p[i].probabilities();
      }
    }
    try (EcgClassifier clf = open(name, EngineChoice.PYTORCH)) {
      Prediction[] p = clf.predictBatch(inputs);
      assertEquals(onnx.length, p.length);
      for (int i = 0; i < p.length; i++) {
        float[] torch = p[i].probabilities();
        for (int c = 0; c < torch.length; c++) {
          assertEquals(onnx[i][c], torch[c], 1e-4, name + " input " + i + " class " + c);
        }
      }
    }
    assertTrue(onnx.length > 0);
  }

  /** The CNN formerly bundled as {@code cinc2017-rhythm}, kept as a test package. */
  static final java.nio.file.Path CNN = java.nio.file.Path.of(
      "src/test/resources/dev/ecg/models/snapshot/cinc2017-rhythm-cnn");

  private static EcgClassifier open(String name, EngineChoice engine) throws Exception {
    EcgClassifier.Options o = EcgClassifier.Options.DEFAULT.withEngine(engine);
    return name.equals("cinc2017-rhythm-cnn") ? EcgClassifier.load(CNN, o)
        : EcgClassifier.load(name, o);
  }

  @org.junit.jupiter.api.Test
  void theIndexNamesEveryBundledFolder() throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of("src/main/resources/dev/ecg/models/bundled");
    java.util.Set<String> folders;
    try (var s = java.nio.file.Files.list(dir)) {
      folders = s.filter(java.nio.file.Files::isDirectory).map(p -> p.getFileName().toString())
          .collect(java.util.stream.Collectors.toSet());
    }
    java.util.List<String> index = dev.ecg.models.pkg.ModelPackage.bundledNames(
        BundledModelsTest.class.getClassLoader());
    assertEquals(folders, java.util.Set.copyOf(index));
    assertEquals(index.size(), folders.size(), "no name twice: " + index);
    for (String n : index) {
      try (EcgClassifier clf = EcgClassifier.load(n)) {
        assertEquals(n, clf.manifest().name());
      }
    }
  }
}
