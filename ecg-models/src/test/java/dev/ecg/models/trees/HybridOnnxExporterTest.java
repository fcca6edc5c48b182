package dev.ecg.models.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.onnx.OnnxExporter;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A network fused with trees in one graph: ONNX Runtime on the fused model must equal the
 * composition computed outside it (DJL's PyTorch engine for the network, the pure-Java
 * {@link XgbModel#predictProba} for the trees, whose export parity with XGBoost itself
 * {@link XgboostParityTest} checks), with missing features, removed logit offsets and class
 * offsets on the trees.
 */
class HybridOnnxExporterTest {
  private static final int LEN = 12;
  private static final int FEATURES = 3;
  private static final int CLASSES = 5;

  /** Stumps over features and network probabilities, one group per class. */
  private static XgbModel trees() {
    return XgbModel.parse(TreeFixtures.json("multi:softprob", CLASSES, FEATURES + CLASSES,
        "5E-1", TreeFixtures.list(
            TreeFixtures.stump(0, 0.0, 0.4, -0.3, true),     // class 0 on feature 0
            TreeFixtures.stump(3, 0.25, -0.5, 0.9, false),   // class 1 on P(net class 0)
            TreeFixtures.stump(4, 0.2, 0.1, 1.2, true),      // class 2 on P(net class 1)
            TreeFixtures.stump(2, 1.0, -0.2, 0.6, false),    // class 3 on feature 2
            TreeFixtures.stump(7, 0.1, 0.3, -0.4, true)),    // class 4 on P(net class 4)
        new int[] {0, 1, 2, 3, 4}), "hand").withClassOffsets(new double[] {0, 0.3, 0, -0.2, 0});
  }

  @Test
  void theFusedGraphComputesNetworkThenTrees() throws Exception {
    double[] removed = {0, -0.5, 1.0, 0, 0};
    XgbModel trees = trees();
    int n = 64;
    SplittableRandom rnd = new SplittableRandom(5);
    float[] x = new float[n * (LEN + FEATURES)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    for (int r = 0; r < n; r += 4) {
      x[r * (LEN + FEATURES) + LEN] = Float.NaN; // feature 0 missing in every fourth row
    }
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock())
          .add(Linear.builder().setUnits(CLASSES).build());
      net.initialize(m, DataType.FLOAT32, new Shape(1, 1, LEN));
      byte[] onnx = HybridOnnxExporter.export(OnnxExporter.builder().build(), net, LEN, removed,
          trees, FEATURES);
      float[][] got = run(onnx, x, n);
      // the reference, step by step
      float[] sig = new float[n * LEN];
      for (int r = 0; r < n; r++) {
        System.arraycopy(x, r * (LEN + FEATURES), sig, r * LEN, LEN);
      }
      NDArray in = m.create(sig, new Shape(n, 1, LEN));
      float[] logits = net.forward(new ParameterStore(m, false), new NDList(in), false)
          .singletonOrThrow().toFloatArray();
      double spread = 0;
      for (int r = 0; r < n; r++) {
        double[] l = new double[CLASSES];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CLASSES; c++) {
          l[c] = logits[r * CLASSES + c] - removed[c];
          max = Math.max(max, l[c]);
        }
        double sum = 0;
        for (int c = 0; c < CLASSES; c++) {
          l[c] = Math.exp(l[c] - max);
          sum += l[c];
        }
        float[] row = new float[FEATURES + CLASSES];
        System.arraycopy(x, r * (LEN + FEATURES) + LEN, row, 0, FEATURES);
        for (int c = 0; c < CLASSES; c++) {
          row[FEATURES + c] = (float) (l[c] / sum);
        }
        float[] want = trees.predictProba(row);
        for (int c = 0; c < CLASSES; c++) {
          assertEquals(want[c], got[r][c], 1e-5, "row " + r + " class " + c);
          spread = Math.max(spread, Math.abs(got[r][c] - got[0][c]));
        }
      }
      assertTrue(spread > 0.05, "outputs barely vary: the stumps never switch");
    }
  }

  @Test
  void sizesThatDoNotFitAreRefused() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock())
          .add(Linear.builder().setUnits(CLASSES).build());
      net.initialize(m, DataType.FLOAT32, new Shape(1, 1, LEN));
      assertThrows(EcgArgumentException.class, () -> HybridOnnxExporter.export(
          OnnxExporter.builder().build(), net, LEN, null, trees(), FEATURES + 1));
      assertThrows(EcgArgumentException.class, () -> HybridOnnxExporter.export(
          OnnxExporter.builder().build(), net, LEN, new double[] {0, 0}, trees(), FEATURES));
    }
  }

  @Test
  void classOffsetsShiftTheMarginsInJavaAndInTheExport() throws Exception {
    XgbModel plain = XgbModel.parse(TreeFixtures.json("multi:softprob", 3, 1, "5E-1",
        TreeFixtures.list(TreeFixtures.stump(0, 0.0, 1.0, -1.0, true),
            TreeFixtures.stump(0, 0.0, 0.0, 0.5, true),
            TreeFixtures.stump(0, 0.0, -0.5, 0.0, true)), new int[] {0, 1, 2}), "hand");
    XgbModel shifted = plain.withClassOffsets(new double[] {0, 1, -1});
    float[] row = {-1f};
    // margins 0.5 + (1, 0, -0.5) -> + (0, 1, -1) = (1.5, 1.5, -1)
    double e1 = Math.exp(1.5);
    double e3 = Math.exp(-1);
    assertEquals(e1 / (2 * e1 + e3), shifted.predictProba(row)[0], 1e-6);
    assertEquals(e3 / (2 * e1 + e3), shifted.predictProba(row)[2], 1e-6);
    TreeFixtures.OrtOut o = TreeFixtures.ort(TreeOnnxExporter.export(shifted),
        new float[][] {row});
    for (int c = 0; c < 3; c++) {
      assertEquals(shifted.predictProba(row)[c], o.proba()[0][c], 1e-6);
    }
    assertThrows(EcgArgumentException.class, () -> plain.withClassOffsets(new double[] {1}));
  }

  private static float[][] run(byte[] onnx, float[] x, int n) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        OrtSession s = env.createSession(onnx, so);
        OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x),
            new long[] {n, 1, LEN + FEATURES});
        OrtSession.Result r = s.run(Map.of(HybridOnnxExporter.INPUT, t))) {
      return (float[][]) r.get(TreeOnnxExporter.PROBABILITIES).orElseThrow().getValue();
    }
  }
}
