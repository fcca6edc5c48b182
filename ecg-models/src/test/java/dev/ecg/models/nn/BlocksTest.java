package dev.ecg.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.Fixtures;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class BlocksTest {

  private static NDArray run(NDManager m, Block b, NDArray x) {
    b.initialize(m, DataType.FLOAT32, x.getShape());
    NDArray y = b.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    assertEquals(b.getOutputShapes(new Shape[] {x.getShape()})[0], y.getShape(), b.toString());
    return y;
  }

  @Test
  void statelessBlocksMatchHandComputedValues() {
    try (NDManager m = NDManager.newBaseManager()) {
      // x[0, c, t] = 10c + t + 1, shape (1, 2, 5)
      float[] v = {1, 2, 3, 4, 5, 11, 12, 13, 14, 15};
      NDArray x = m.create(v, new Shape(1, 2, 5));
      assertArrayEquals(
          new float[] {0, 0, 1, 2, 3, 4, 5, 0, 0, 0, 11, 12, 13, 14, 15, 0},
          run(m, new Pad1d(2, 1), x).toFloatArray());
      assertArrayEquals(new float[] {1, 11, 2, 12, 3, 13, 4, 14, 5, 15}, run(m, new Transpose(1, 2), x).toFloatArray());
      assertArrayEquals(new float[] {5, 4, 3, 2, 1, 15, 14, 13, 12, 11}, run(m, new ReverseTime(2), x).toFloatArray());
      assertArrayEquals(new float[] {3, 13}, run(m, new GlobalAvgPool(), x).toFloatArray());
      assertArrayEquals(v, run(m, new Flatten(), x).toFloatArray());
      // floor mode: (5 - 2) / 2 + 1 = 2 windows [t0,t1] [t2,t3]
      assertArrayEquals(new float[] {2, 4, 12, 14}, run(m, MaxPool.of1d(2, 2), x).toFloatArray());
      NDArray neg = m.create(new float[] {-1, 2, -3, 4}, new Shape(1, 1, 4));
      assertArrayEquals(new float[] {0, 2, 0, 4}, run(m, new Relu(), neg).toFloatArray());
      NDArray img = m.arange(16f).reshape(1, 1, 4, 4);
      assertArrayEquals(new float[] {5, 7, 13, 15}, run(m, MaxPool.of2d(2, 2), img).toFloatArray());
      assertArrayEquals(new float[] {7.5f}, run(m, new GlobalAvgPool(), img).toFloatArray());
    }
  }

  @Test
  void rejectsInvalidConfiguration() {
    assertThrows(EcgArgumentException.class, () -> new Pad1d(-1, 0));
    assertThrows(EcgArgumentException.class, () -> new Transpose(1, 1));
    assertThrows(EcgArgumentException.class, () -> MaxPool.of1d(0, 1));
    assertThrows(EcgArgumentException.class, () -> new BiLstm(0, true));
    assertThrows(EcgArgumentException.class, () -> new ReverseTime(-1));
  }

  @Test
  void biLstmEqualsPyTorchBidirectionalLstm() {
    JsonFields f = Fixtures.train().object("bilstm");
    int feat = (int) f.wholeNumber("features", 1, 4096);
    int hid = (int) f.wholeNumber("hidden", 1, 4096);
    int t = (int) f.wholeNumber("time", 1, 4096);
    int b = (int) f.wholeNumber("batch", 1, 4096);
    JsonFields p = f.object("params");
    for (boolean seq : new boolean[] {true, false}) {
      try (NDManager m = NDManager.newBaseManager()) {
        BiLstm bl = new BiLstm(hid, seq);
        Shape in = new Shape(b, t, feat);
        bl.initialize(m, DataType.FLOAT32, in);
        set(bl.forwardLstm(), p, "");
        set(bl.backwardLstm(), p, "_reverse");
        NDArray x = m.create(Fixtures.flat(f, "input"), in);
        float[] y = bl.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
        float[] expected = Fixtures.flat(f, seq ? "sequence" : "final");
        assertEquals(expected.length, y.length);
        for (int i = 0; i < y.length; i++) {
          assertEquals(expected[i], y[i], 1e-5, "returnSequence=" + seq + " element " + i);
        }
      }
    }
  }

  /** Copies torch's weight_ih_l0 / weight_hh_l0 / bias_ih_l0 / bias_hh_l0 (+suffix) into a DJL LSTM. */
  private static void set(Block lstm, JsonFields p, String suffix) {
    int matched = 0;
    for (Pair<String, Parameter> e : lstm.getParameters()) {
      String name = e.getKey().toLowerCase(java.util.Locale.ROOT);
      String src =
          name.endsWith("i2h_weight") ? "weight_ih_l0"
              : name.endsWith("h2h_weight") ? "weight_hh_l0"
              : name.endsWith("i2h_bias") ? "bias_ih_l0"
              : name.endsWith("h2h_bias") ? "bias_hh_l0" : null;
      if (src == null) {
        throw new AssertionError("unexpected LSTM parameter " + name);
      }
      float[] data = Fixtures.flat(p, src + suffix);
      NDArray a = e.getValue().getArray();
      assertEquals(a.size(), data.length, name);
      a.set(FloatBuffer.wrap(data));
      matched++;
    }
    assertEquals(4, matched);
  }
}
