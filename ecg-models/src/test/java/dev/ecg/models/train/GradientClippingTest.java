package dev.ecg.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.ecg.core.EcgArgumentException;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

  private static double norm(Linear l) {
    double s = 0;
    for (Pair<String, Parameter> p : l.getParameters()) {
      for (float g : p.getValue().getArray().getGradient().toFloatArray()) {
        s += (double) g * g;
      }
    }
    return Math.sqrt(s);
  }

  @Test
  void clipsToTheGlobalNorm() {
    try (NDManager m = NDManager.newBaseManager()) {
      Linear l = Linear.builder().setUnits(2).build();
      l.initialize(m, DataType.FLOAT32, new Shape(2, 3));
      NDArray x = m.ones(new Shape(2, 3));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y = l.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
        gc.backward(y.sum().mul(100));
      }
      // d(100 * sum(W x + b)) / dW_ij = 100 * sum_batch x_j = 200, and / db_i = 200:
      // 6 weights + 2 biases of 200 -> norm 200 * sqrt(8)
      double before = GradientClipping.clipByGlobalNorm(l.getParameters(), 1.5);
      assertEquals(200 * Math.sqrt(8), before, 1e-3);
      assertEquals(1.5, norm(l), 1e-4);
      // below the limit nothing changes
      assertEquals(1.5, GradientClipping.clipByGlobalNorm(l.getParameters(), 10), 1e-4);
      assertEquals(1.5, norm(l), 1e-4);
    }
    assertThrows(EcgArgumentException.class, () -> GradientClipping.clipByGlobalNorm(null, 0));
  }
}
