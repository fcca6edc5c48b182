package dev.ecg.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/** Element-wise {@code max(x, 0)}; any layout, shape unchanged. ONNX: {@code Relu}. */
public final class Relu extends StatelessBlock {

  /** Creates the block. */
  public Relu() {}

  @Override
  protected NDArray apply(NDArray x) {
    return Activation.relu(x);
  }

  @Override
  protected Shape outputShape(Shape in) {
    return in;
  }

  @Override
  public String toString() {
    return "Relu()";
  }
}
