package dev.ecg.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.ecg.core.EcgArgumentException;

/**
 * Zero padding of the last axis of an NCW tensor: {@code left} zeros before and {@code right} zeros
 * after, {@code (N, C, W) -> (N, C, left + W + right)}. Used before an unpadded {@link
 * ai.djl.nn.convolutional.Conv1d} when the wanted padding is asymmetric (even kernels). ONNX:
 * {@code Pad(mode=constant, pads=[0,0,left,0,0,right])}.
 */
public final class Pad1d extends StatelessBlock {

  private final int left;
  private final int right;

  /**
   * @param left zeros before the first sample
   * @param right zeros after the last sample
   * @throws EcgArgumentException if either is negative
   */
  public Pad1d(int left, int right) {
    if (left < 0 || right < 0) {
      throw new EcgArgumentException("Pad1d amounts must be >= 0, got " + left + ", " + right);
    }
    this.left = left;
    this.right = right;
  }

  /** @return zeros added before */
  public int left() {
    return left;
  }

  /** @return zeros added after */
  public int right() {
    return right;
  }

  @Override
  protected NDArray apply(NDArray x) {
    if (left == 0 && right == 0) {
      return x;
    }
    return x.pad(new Shape(left, right), 0.0);
  }

  @Override
  protected Shape outputShape(Shape in) {
    long[] d = in.getShape().clone();
    d[d.length - 1] += left + right;
    return new Shape(d);
  }

  @Override
  public String toString() {
    return "Pad1d(" + left + ", " + right + ")";
  }
}
