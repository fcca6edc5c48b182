package dev.ecg.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.ecg.core.EcgArgumentException;

/**
 * Reverses the order of elements along one axis ({@code y[..., t, ...] = x[..., T-1-t, ...]}).
 * For the recurrent layout NTC the time axis is 1. ONNX: {@code Slice} with step -1 (or {@code
 * ReverseSequence}).
 */
public final class ReverseTime extends StatelessBlock {

  private final int axis;

  /**
   * @param axis the axis to reverse (non-negative)
   * @throws EcgArgumentException if {@code axis < 0}
   */
  public ReverseTime(int axis) {
    if (axis < 0) {
      throw new EcgArgumentException("ReverseTime axis must be >= 0, got " + axis);
    }
    this.axis = axis;
  }

  /** @return the reversed axis */
  public int axis() {
    return axis;
  }

  @Override
  protected NDArray apply(NDArray x) {
    return x.flip(axis);
  }

  @Override
  protected Shape outputShape(Shape in) {
    return in;
  }

  @Override
  public String toString() {
    return "ReverseTime(" + axis + ")";
  }
}
