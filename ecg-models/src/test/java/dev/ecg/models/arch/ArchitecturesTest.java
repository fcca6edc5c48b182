package dev.ecg.models.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import dev.ecg.core.EcgArgumentException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ArchitecturesTest {

  static Stream<Architecture> small() {
    return Stream.of(
        SimpleCnn.builder().setInput(2, 50).setNumClasses(3).build(),
        BiLstmClassifier.builder().setInput(1, 24).setNumClasses(4).optHidden(8).build(),
        ResNet1d.builder().setInput(3, 64).setNumClasses(5).optStartFilters(4).optBlocks(5).build(),
        SpectrogramCnn2d.builder().setSpectrogram(1, 9, 13).setNumClasses(4).optFilters(4).build(),
        KachueeResNet.builder().setInput(1, 187).setNumClasses(5).optFilters(8).build(),
        CnnBiLstm.builder().setInput(2, 40).setNumClasses(3).optWidth(0.125).optLstmHidden(8).build());
  }

  @ParameterizedTest
  @MethodSource("small")
  void buildsInitializesAndForwards(Architecture a) {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(1);
      Block block = a.build();
      Shape in = a.inputShape(3);
      assertEquals(3 * a.leads() * (long) a.inputLength(), in.size());
      block.initialize(m, DataType.FLOAT32, in);
      Shape[] declared = block.getOutputShapes(new Shape[] {in});
      assertEquals(new Shape(3, a.numClasses()), declared[0]);
      NDArray x = m.randomNormal(in);
      for (boolean training : new boolean[] {false, true}) {
        NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), training).singletonOrThrow();
        assertEquals(new Shape(3, a.numClasses()), y.getShape(), a.name());
        float[] v = y.toFloatArray();
        for (float f : v) {
          assertTrue(Float.isFinite(f), a.name() + " produced " + f);
        }
      }
      assertTrue(block.getParameters().size() > 0);
      assertNoLambdaBlocks(block, a.name());
    }
  }

  private static void assertNoLambdaBlocks(Block b, String where) {
    assertFalse(b instanceof LambdaBlock, where + " contains an anonymous LambdaBlock");
    for (var child : b.getChildren()) {
      assertNoLambdaBlocks(child.getValue(), where + "/" + child.getKey());
    }
  }

  @ParameterizedTest
  @MethodSource("small")
  void registryRoundTripsThroughStringifiedMap(Architecture a) {
    Map<String, Object> stored = new HashMap<>();
    // as a JSON reader might give them back: longs and strings
    a.hyperparameters().forEach((k, v) -> stored.put(k, v instanceof Integer i ? (Object) i.longValue() : v.toString()));
    Architecture b = Architectures.create(a.name(), stored);
    assertEquals(a, b);
    assertEquals(a.hyperparameters(), b.hyperparameters());
    assertEquals(a.inputShape(2), b.inputShape(2));
  }

  @Test
  void rejectsBadInput() {
    assertThrows(EcgArgumentException.class, () -> Architectures.create("Nope", Map.of()));
    assertThrows(EcgArgumentException.class, () -> Architectures.create("SimpleCnn", Map.of("leads", 1)));
    assertThrows(
        EcgArgumentException.class,
        () -> Architectures.create("SimpleCnn", Map.of("leads", 1, "inputLength", 10, "numClasses", 2, "bogus", 1)));
    assertThrows(
        EcgArgumentException.class,
        () -> Architectures.create("SimpleCnn", Map.of("leads", 1, "inputLength", 10, "numClasses", 2, "kernel", 2.5)));
    assertThrows(EcgArgumentException.class, () -> SimpleCnn.builder().setNumClasses(1));
    assertThrows(EcgArgumentException.class, () -> SimpleCnn.builder().optDropout(1.0));
    // 34-layer ResNet halves 8 times: 255 samples are too few, 256 are enough
    assertThrows(EcgArgumentException.class, () -> ResNet1d.hannun34(1, 255, 4));
    ResNet1d r34 = ResNet1d.hannun34(1, 256, 4);
    assertEquals(16, r34.hyperparameters().get("blocks"));
    assertThrows(EcgArgumentException.class, () -> KachueeResNet.builder().setInput(1, 60).setNumClasses(5).build());
    assertThrows(EcgArgumentException.class, () -> SpectrogramCnn2d.builder().setSpectrogram(1, 3, 10));
    assertThrows(EcgArgumentException.class,
        () -> ResNet1d.builder().setInput(1, 64).setNumClasses(2).optKernel(1).optBlocks(2).build());
  }

  @Test
  void resnet34HasThirtyThreeConvolutionsOnTheMainPath() {
    Block b = ResNet1d.hannun34(1, 256, 4).build();
    // count Conv1d blocks with kernel > 1 (the 1x1 shortcut projections are not layers of the 34)
    int[] count = new int[1];
    countConvs(b, count);
    assertEquals(33, count[0]);
  }

  private static void countConvs(Block b, int[] count) {
    if (b instanceof ai.djl.nn.convolutional.Conv1d c && c.getKernelShape().get(0) > 1) {
      count[0]++;
    }
    for (var child : b.getChildren()) {
      countConvs(child.getValue(), count);
    }
  }

  @Test
  void childNamesAreDeterministic() {
    Architecture a = CnnBiLstm.builder().setInput(1, 32).setNumClasses(2).optWidth(0.1).optLstmHidden(4).build();
    try (NDManager m = NDManager.newBaseManager()) {
      Block b1 = a.build();
      Block b2 = a.build();
      b1.initialize(m, DataType.FLOAT32, a.inputShape(1));
      b2.initialize(m, DataType.FLOAT32, a.inputShape(1));
      List<String> n1 = b1.getParameters().keys();
      List<String> n2 = b2.getParameters().keys();
      assertEquals(n1, n2);
      assertTrue(n1.stream().anyMatch(s -> s.contains("forward")), n1.toString());
      assertArrayEquals(n1.toArray(), n2.toArray());
    }
  }
}
