package dev.ecg.models.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.models.trees.TreeFixtures.OrtOut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parity with XGBoost itself: models trained here with XGBoost4J 3.0.4 on synthetic data with
 * missing values, saved as JSON, read by {@link XgbModel} and exported by
 * {@link TreeOnnxExporter}. On held-back rows XGBoost's own {@code Booster.predict}, ONNX
 * Runtime's probabilities of the export and {@code XgbModel.predictProba} agree within 1e-5, and
 * ONNX Runtime's label is XGBoost's most probable class. Skips (never fails) when XGBoost's
 * native library cannot be loaded on this platform.
 */
class XgboostParityTest {

  private static final double TOL = 1e-5;
  private static final int F = 6;
  private static final String[] NAMES = {"rr_pre", "rr_post", "qrs_ms", "pr_ms", "qt_ms",
      "noise"};

  @TempDir static Path tmp;

  @BeforeAll
  static void xgboostLoads() {
    try {
      DMatrix d = new DMatrix(new float[] {1f, 2f}, 2, 1, Float.NaN);
      d.setLabel(new float[] {0f, 1f});
      d.dispose();
    } catch (Throwable t) {
      Assumptions.abort("XGBoost4J's native library does not load here ("
          + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + t
          + "; the XGBoost parity tests are skipped");
    }
  }

  /** Labels 0..classes-1; features: class-dependent means, noise, 12 % NaN, one useless. */
  private static float[][] rows(int n, int classes, long seed, float[] labels) {
    Random r = new Random(seed);
    float[][] x = new float[n][F];
    for (int i = 0; i < n; i++) {
      int c = r.nextInt(classes);
      labels[i] = c;
      for (int j = 0; j < F; j++) {
        double mean = j == F - 1 ? 0 : c * (0.4 + 0.3 * j) * ((j & 1) == 0 ? 1 : -1);
        x[i][j] = r.nextDouble() < 0.12 ? Float.NaN : (float) (mean + r.nextGaussian());
      }
    }
    // Whole rows missing, and extreme values, among the first rows.
    java.util.Arrays.fill(x[0], Float.NaN);
    x[1][0] = 1e30f;
    x[2][1] = -1e30f;
    return x;
  }

  private static DMatrix matrix(float[][] x, float[] y) throws Exception {
    float[] flat = new float[x.length * F];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, flat, i * F, F);
    }
    DMatrix d = new DMatrix(flat, x.length, F, Float.NaN);
    d.setLabel(y);
    d.setFeatureNames(NAMES);
    return d;
  }

  private record Result(double ort, double ref, int rows) {}

  private Result parity(String objective, int classes, int rounds, int depth, long seed)
      throws Exception {
    int nTrain = 600;
    int nTest = 300;
    float[] yTrain = new float[nTrain];
    float[] yTest = new float[nTest];
    float[][] train = rows(nTrain, classes, seed, yTrain);
    float[][] test = rows(nTest, classes, seed + 1, yTest);
    Map<String, Object> p = new HashMap<>();
    p.put("objective", objective);
    if (classes > 2) {
      p.put("num_class", classes);
    }
    p.put("max_depth", depth);
    p.put("eta", 0.3);
    p.put("subsample", 0.9);
    p.put("seed", 7);
    p.put("nthread", 1);
    Path json = tmp.resolve(objective.replace(':', '_') + ".json");
    float[][] xgb;
    DMatrix dTrain = matrix(train, yTrain);
    DMatrix dTest = matrix(test, yTest);
    try {
      Booster b = XGBoost.train(dTrain, p, rounds, new HashMap<>(), null, null);
      try {
        b.saveModel(json.toString());
        xgb = b.predict(dTest);
      } finally {
        b.dispose();
      }
    } finally {
      dTrain.dispose();
      dTest.dispose();
    }
    XgbModel m = XgbModel.read(json);
    assertEquals(classes > 2 ? classes * rounds : rounds, m.numTrees(), m.toString());
    assertEquals(Math.max(2, classes), m.numClasses());
    Path onnx = tmp.resolve(objective.replace(':', '_') + ".onnx");
    TreeOnnxExporter.write(m, onnx);
    assertEquals(List.of(NAMES), m.featureNames());
    byte[] bytes = Files.readAllBytes(onnx);
    Map<String, String> meta = TreeFixtures.metadata(bytes);
    assertEquals("[\"rr_pre\",\"rr_post\",\"qrs_ms\",\"pr_ms\",\"qt_ms\",\"noise\"]",
        meta.get("ecg.feature_names"));
    assertEquals(String.valueOf(F), meta.get("ecg.num_features"));
    assertEquals(objective, meta.get("ecg.objective"));
    OrtOut o = TreeFixtures.ort(bytes, test);
    double maxOrt = 0;
    double maxRef = 0;
    int labelsChecked = 0;
    for (int i = 0; i < nTest; i++) {
      float[] want = classes > 2 ? xgb[i] : new float[] {1 - xgb[i][0], xgb[i][0]};
      float[] ref = m.predictProba(test[i]);
      int best = 0;
      for (int k = 0; k < want.length; k++) {
        maxOrt = Math.max(maxOrt, Math.abs(want[k] - o.proba()[i][k]));
        maxRef = Math.max(maxRef, Math.abs(want[k] - ref[k]));
        best = want[k] > want[best] ? k : best;
      }
      // A label is only meaningful where the top two probabilities are apart.
      float second = -1;
      for (int k = 0; k < want.length; k++) {
        if (k != best) {
          second = Math.max(second, want[k]);
        }
      }
      if (want[best] - second > 1e-4) {
        assertEquals(best, o.label()[i], "label of held-back row " + i);
        labelsChecked++;
      }
    }
    assertTrue(labelsChecked > nTest * 0.9, "labels checked: " + labelsChecked);
    System.out.printf(Locale.ROOT, "%s: %d classes, %d rounds, depth %d, %d trees, %d nodes:"
        + " max |xgboost - onnxruntime| = %.3g, max |xgboost - XgbModel| = %.3g on %d rows%n",
        objective, m.numClasses(), rounds, depth, m.numTrees(), m.totalNodes(), maxOrt, maxRef,
        nTest);
    assertTrue(maxOrt <= TOL, objective + ": ONNX Runtime differs from XGBoost by " + maxOrt);
    assertTrue(maxRef <= TOL, objective + ": XgbModel differs from XGBoost by " + maxRef);
    return new Result(maxOrt, maxRef, nTest);
  }

  @Test
  void multiSoftprobThreeClasses() throws Exception {
    parity("multi:softprob", 3, 40, 4, 11);
  }

  @Test
  void multiSoftprobFiveClassesDeep() throws Exception {
    parity("multi:softprob", 5, 30, 6, 12);
  }

  @Test
  void binaryLogistic() throws Exception {
    parity("binary:logistic", 2, 50, 5, 13);
  }

  @Test
  void binaryLogisticShallow() throws Exception {
    parity("binary:logistic", 2, 20, 3, 14);
  }
}
