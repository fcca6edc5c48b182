package dev.ecg.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Keeps axis 0 (batch) and merges all other axes in row-major (C) order: {@code (N, d1, ..., dk)
 * -> (N, d1*...*dk)}. ONNX: {@code Flatten(axis=1)}.
 */
public final class Flatten extends StatelessBlock {

  /** Creates the block. */
  public Flatten() {}

  @Override
  protected NDArray apply(NDArray x) {
    return x.reshape(x.getShape().get(0), -1);
  }

  @Override
  protected Shape outputShape(Shape in) {
    return new Shape(in.get(0), in.size() / in.get(0));
  }

  @Override
  public String toString() {
    return "Flatten()";
  }
}
