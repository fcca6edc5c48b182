package dev.ecg.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonFields;
import dev.ecg.models.Fixtures;
import org.junit.jupiter.api.Test;

/** Golden values from PyTorch (src/test/python/make_train_fixtures.py). */
class LossTest {

  private static double loss(double[] weights, double gamma, JsonFields f) {
    float[] z = Fixtures.flat(f, "logits");
    int[] y = Fixtures.ints(f, "labels");
    try (NDManager m = NDManager.newBaseManager()) {
      WeightedSoftmaxCrossEntropyLoss l = new WeightedSoftmaxCrossEntropyLoss(weights, gamma);
      return l.evaluate(new NDList(m.create(y)), new NDList(m.create(z, new Shape(y.length, z.length / y.length))))
          .getFloat();
    }
  }

  @Test
  void lossMatchesPyTorch() {
    JsonFields f = Fixtures.train().object("loss");
    float[] wf = Fixtures.flat(f, "weights");
    double[] w = new double[wf.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = wf[i];
    }
    double gamma = f.number("gamma");
    assertEquals(f.number("cePlain"), loss(null, 0, f), 1e-5);
    assertEquals(f.number("ceWeighted"), loss(w, 0, f), 1e-5);
    assertEquals(f.number("focalPlain"), loss(null, gamma, f), 1e-5);
    assertEquals(f.number("focalWeighted"), loss(w, gamma, f), 1e-5);
    assertThrows(EcgArgumentException.class, () -> loss(new double[] {1, 2}, 0, f));
    assertThrows(EcgArgumentException.class, () -> new WeightedSoftmaxCrossEntropyLoss(new double[] {1, 0}, 0));
    assertThrows(EcgArgumentException.class, () -> new WeightedSoftmaxCrossEntropyLoss(null, -1));
  }
}
