package dev.ecg.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Mean over every axis after the channel axis: {@code (N, C, W) -> (N, C)} and {@code (N, C, H,
 * W) -> (N, C)}. ONNX: {@code GlobalAveragePool} followed by {@code Flatten(axis=1)}.
 */
public final class GlobalAvgPool extends StatelessBlock {

  /** Creates the block. */
  public GlobalAvgPool() {}

  @Override
  protected NDArray apply(NDArray x) {
    // the PyTorch engine averages over one axis at a time
    NDArray y = x;
    for (int axis = x.getShape().dimension() - 1; axis >= 2; axis--) {
      y = y.mean(new int[] {axis});
    }
    return y;
  }

  @Override
  protected Shape outputShape(Shape in) {
    return new Shape(in.get(0), in.get(1));
  }

  @Override
  public String toString() {
    return "GlobalAvgPool()";
  }
}
