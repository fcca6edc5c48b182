package dev.ecg.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.Fixtures;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Golden values from PyTorch and scikit-learn (src/test/python/make_train_fixtures.py). */
class LossAndMetricsTest {

  private static double loss(double[] weights, double gamma, JsonObject f) {
    float[] z = Fixtures.flat(f.get("logits"));
    int[] y = Fixtures.ints(f.getAsJsonArray("labels"));
    try (NDManager m = NDManager.newBaseManager()) {
      WeightedSoftmaxCrossEntropyLoss l = new WeightedSoftmaxCrossEntropyLoss(weights, gamma);
      return l.evaluate(new NDList(m.create(y)), new NDList(m.create(z, new Shape(y.length, z.length / y.length))))
          .getFloat();
    }
  }

  @Test
  void lossMatchesPyTorch() {
    JsonObject f = Fixtures.train().getAsJsonObject("loss");
    float[] wf = Fixtures.flat(f.get("weights"));
    double[] w = new double[wf.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = wf[i];
    }
    double gamma = f.get("gamma").getAsDouble();
    assertEquals(f.get("cePlain").getAsDouble(), loss(null, 0, f), 1e-5);
    assertEquals(f.get("ceWeighted").getAsDouble(), loss(w, 0, f), 1e-5);
    assertEquals(f.get("focalPlain").getAsDouble(), loss(null, gamma, f), 1e-5);
    assertEquals(f.get("focalWeighted").getAsDouble(), loss(w, gamma, f), 1e-5);
    assertThrows(EcgArgumentException.class, () -> loss(new double[] {1, 2}, 0, f));
    assertThrows(EcgArgumentException.class, () -> new WeightedSoftmaxCrossEntropyLoss(new double[] {1, 0}, 0));
    assertThrows(EcgArgumentException.class, () -> new WeightedSoftmaxCrossEntropyLoss(null, -1));
  }

  @Test
  void metricsMatchScikitLearn() {
    JsonObject f = Fixtures.train().getAsJsonObject("metrics");
    int[] yt = Fixtures.ints(f.getAsJsonArray("yTrue"));
    int[] yp = Fixtures.ints(f.getAsJsonArray("yPred"));
    double[][] s = Fixtures.matrix(f.getAsJsonArray("scores"));
    int[][] cm = ClassificationMetrics.confusion(yt, yp, 4);
    assertEquals(f.get("accuracy").getAsDouble(), ClassificationMetrics.accuracy(cm), 1e-12);
    assertEquals(f.get("macroF1").getAsDouble(), ClassificationMetrics.macroF1(cm), 1e-12);
    assertEquals(f.get("cincScore").getAsDouble(), ClassificationMetrics.cincScore(cm), 1e-12);
    assertEquals(f.get("macroAuc").getAsDouble(), ClassificationMetrics.macroAuc(yt, s), 1e-12);
    double[] f1 = ClassificationMetrics.f1PerClass(cm);
    double[] ef1 = Fixtures.matrix(wrap(f.getAsJsonArray("f1PerClass")))[0];
    assertArrayEquals(ef1, f1, 1e-12);
    assertThrows(EcgArgumentException.class, () -> ClassificationMetrics.confusion(new int[] {0}, new int[] {4}, 4));
  }

  private static com.google.gson.JsonArray wrap(com.google.gson.JsonArray a) {
    com.google.gson.JsonArray o = new com.google.gson.JsonArray();
    o.add(a);
    return o;
  }

  @Property(tries = 50)
  void aucIsInvariantUnderMonotoneRescaling(@ForAll @IntRange(min = 4, max = 40) int n, @ForAll @DoubleRange(min = 0.1, max = 5) double a) {
    java.util.Random r = new java.util.Random(n);
    int[] y = new int[n];
    double[][] s = new double[n][2];
    double[][] t = new double[n][2];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      for (int c = 0; c < 2; c++) {
        s[i][c] = Math.round(r.nextDouble() * 10) / 10.0;
        t[i][c] = Math.exp(a * s[i][c]) + 3;
      }
    }
    double auc = ClassificationMetrics.macroAuc(y, s);
    assertEquals(auc, ClassificationMetrics.macroAuc(y, t), 1e-12);
    assertTrue(auc >= 0 && auc <= 1);
  }
}
