package dev.ecg.models.onnx;

import java.util.Arrays;

/**
 * A tensor flowing through the graph being exported: its ONNX name and its shape, whose first
 * dimension is the dynamic batch (stored as 1 for shape arithmetic).
 *
 * @param name tensor name in the graph
 * @param shape shape with the batch dimension first
 */
public record GraphValue(String name, long[] shape) {

  /**
   * Copies the shape.
   *
   * @param name see the record description
   * @param shape see the record description
   */
  public GraphValue {
    shape = shape.clone();
  }

  /** @return the rank */
  public int rank() {
    return shape.length;
  }

  /**
   * @param k a dimension index (negative counts from the end)
   * @return its size
   */
  public long dim(int k) {
    return shape[k < 0 ? shape.length + k : k];
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GraphValue g && g.name.equals(name) && Arrays.equals(g.shape, shape);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }
}
