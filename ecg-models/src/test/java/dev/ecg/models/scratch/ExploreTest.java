package dev.ecg.models.scratch;
import ai.djl.*; import ai.djl.ndarray.*; import ai.djl.ndarray.types.*; import ai.djl.nn.*; import ai.djl.nn.recurrent.*; import ai.djl.nn.norm.*;
import ai.djl.training.ParameterStore; import org.junit.jupiter.api.Test;
class ExploreTest {
  @Test void explore() throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Block b = new SequentialBlock().add(LSTM.builder().setStateSize(4).setNumLayers(2).optBatchFirst(true).optReturnState(false).build())
          .add(BatchNorm.builder().build());
      b.initialize(m, DataType.FLOAT32, new Shape(1, 5, 3));
      for (var p : b.getParameters()) System.out.println(p.getKey() + " " + p.getValue().getArray().getShape());
      NDList out = b.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(2,5,3))), false);
      System.out.println(out.size() + " " + out.head().getShape());
      System.out.println(java.util.Arrays.toString(b.getOutputShapes(new Shape[]{new Shape(1,5,3)})));
      for (var f : BatchNorm.class.getDeclaredFields()) System.out.println(f);
    }
  }
}
