package com.example.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.models.EcgClassifier;
import dev.ecg.models.Prediction;
import org.junit.jupiter.api.Test;

/** What an application developer writes first: load a bundled model, classify one beat. */
class BundledModelTest {

  /** The real bundled model when the jar has it, else the library's test model. */
  static String bundledName() {
    return EcgClassifier.class.getClassLoader()
        .getResource("dev/ecg/models/bundled/mitbih-aami5/ecg-model.json") != null
        ? "mitbih-aami5" : "tiny-test";
  }

  /** An inference client of ecg-models alone carries no PyTorch (it comes from ecg-train). */
  @Test
  void noPyTorchOnTheClassPath() {
    String cp = System.getProperty("java.class.path");
    for (String entry : cp.split(java.io.File.pathSeparator)) {
      assertTrue(!entry.contains("pytorch"), "PyTorch reached an inference client: " + entry);
      assertTrue(!entry.contains("ecg-train"), "ecg-train reached an inference client: " + entry);
    }
    assertTrue(cp.contains("onnxruntime"), cp);
    long bytes = 0;
    int jars = 0;
    for (String entry : cp.split(java.io.File.pathSeparator)) {
      java.io.File f = new java.io.File(entry);
      if (f.isFile() && entry.endsWith(".jar") && !entry.contains("junit")
          && !entry.contains("opentest4j") && !entry.contains("apiguardian")) {
        bytes += f.length();
        jars++;
      }
    }
    System.out.printf("user-style IT: runtime class path %d jars, %.1f MB%n", jars, bytes / 1e6);
    assertTrue(bytes < 155_000_000L, "the inference class path grew to " + bytes + " bytes");
    assertTrue(!dev.ecg.models.engine.PyTorchAvailability.present());
  }

  @Test
  void loadBundledModelAndPredictOneBeat() throws Exception {
    String name = bundledName();
    System.out.println("user-style IT: bundled model " + name);
    try (EcgClassifier clf = EcgClassifier.load(name)) {
      int n = clf.manifest().leads() * clf.manifest().inputLength();
      float[] beat = new float[n];
      for (int i = 0; i < n; i++) {
        // a Gaussian bump: a QRS-like shape in [0, 1]
        beat[i] = (float) Math.exp(-0.5 * Math.pow((i - n / 5.0) / 3.0, 2));
      }
      Prediction p = clf.predict(beat);
      assertTrue(clf.classNames().contains(p.label()), p.toString());
      assertEquals(clf.classNames().indexOf(p.label()), p.index());
      float sum = 0;
      for (float v : p.probabilities()) {
        assertTrue(v >= 0 && v <= 1, p.toString());
        sum += v;
      }
      assertEquals(1.0, sum, 1e-5);
      assertEquals(clf.classNames().size(), p.probabilities().length);
    }
  }
}
