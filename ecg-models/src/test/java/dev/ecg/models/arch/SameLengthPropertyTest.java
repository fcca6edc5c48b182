package dev.ecg.models.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.ecg.core.EcgArgumentException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SameLengthPropertyTest {

  /** "same" convolution: output length floor(L / stride) for every L, kernel and stride. */
  @Property(tries = 40)
  void sameConvolutionGivesFloorLengthOverStride(
      @ForAll @IntRange(min = 1, max = 17) int kernel,
      @ForAll @IntRange(min = 1, max = 3) int stride,
      @ForAll @IntRange(min = 3, max = 70) int length) {
    SequentialBlock seq = new SequentialBlock();
    if (kernel < stride) {
      assertThrows(EcgArgumentException.class, () -> Layers.sameConv1d(seq, 2, kernel, stride, true));
      return;
    }
    Layers.sameConv1d(seq, 2, kernel, stride, true);
    try (NDManager m = NDManager.newBaseManager()) {
      Shape in = new Shape(1, 1, length);
      seq.initialize(m, DataType.FLOAT32, in);
      NDArray y = seq.forward(new ParameterStore(m, false), new NDList(m.ones(in)), false).singletonOrThrow();
      assertEquals(new Shape(1, 2, length / stride), y.getShape());
      assertEquals(y.getShape(), seq.getOutputShapes(new Shape[] {in})[0]);
    }
  }

  /** Residual branches of ResNet1d line up for any length the builder accepts. */
  @Property(tries = 15)
  void resNetRunsOnAnyAcceptedLength(
      @ForAll @IntRange(min = 4, max = 60) int length,
      @ForAll @IntRange(min = 2, max = 16) int kernel,
      @ForAll @IntRange(min = 1, max = 4) int blocks) {
    ResNet1d a = ResNet1d.builder().setInput(2, length).setNumClasses(3)
        .optStartFilters(2).optIncreaseEvery(2).optKernel(kernel).optBlocks(blocks).build();
    try (NDManager m = NDManager.newBaseManager()) {
      Block b = a.build();
      b.initialize(m, DataType.FLOAT32, a.inputShape(2));
      NDArray y = b.forward(new ParameterStore(m, false), new NDList(m.ones(a.inputShape(2))), false)
          .singletonOrThrow();
      assertEquals(new Shape(2, 3), y.getShape());
    }
  }
}
