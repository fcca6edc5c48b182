package dev.ecg.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.Fixtures;
import org.junit.jupiter.api.Test;

/** Golden values from PyTorch (src/test/python/make_train_fixtures.py). */
class LossTest {

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
}
