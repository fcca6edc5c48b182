package dev.ecg.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.ecg.core.EcgArgumentException;

/**
 * Swaps two axes. The architectures use {@code Transpose(1, 2)} to turn the convolution layout
 * NCW {@code (batch, channels, time)} into the recurrent layout NTC {@code (batch, time,
 * channels)}. ONNX: {@code Transpose} with the permutation that swaps the two axes.
 */
public final class Transpose extends StatelessBlock {

  private final int axisA;
  private final int axisB;

  /**
   * @param axisA first axis (non-negative)
   * @param axisB second axis (non-negative)
   * @throws EcgArgumentException if an axis is negative or both are equal
   */
  public Transpose(int axisA, int axisB) {
    if (axisA < 0 || axisB < 0 || axisA == axisB) {
      throw new EcgArgumentException(
          "Transpose needs two distinct non-negative axes, got " + axisA + " and " + axisB);
    }
    this.axisA = axisA;
    this.axisB = axisB;
  }

  /** @return the first swapped axis */
  public int axisA() {
    return axisA;
  }

  /** @return the second swapped axis */
  public int axisB() {
    return axisB;
  }

  @Override
  protected NDArray apply(NDArray x) {
    return x.swapAxes(axisA, axisB);
  }

  @Override
  protected Shape outputShape(Shape in) {
    long[] d = in.getShape().clone();
    long t = d[axisA];
    d[axisA] = d[axisB];
    d[axisB] = t;
    return new Shape(d);
  }

  @Override
  public String toString() {
    return "Transpose(" + axisA + ", " + axisB + ")";
  }
}
