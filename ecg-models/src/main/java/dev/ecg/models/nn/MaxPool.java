package dev.ecg.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import dev.ecg.core.EcgArgumentException;

/**
 * Max pooling over the spatial axes of an NCW (1-D) or NCHW (2-D) tensor, floor mode, no padding:
 * each spatial size {@code L} becomes {@code floor((L - kernel) / stride) + 1}. The number of
 * spatial axes is the length of the kernel. ONNX: {@code MaxPool(kernel_shape, strides,
 * ceil_mode=0)}.
 */
public final class MaxPool extends StatelessBlock {

  private final int[] kernel;
  private final int[] stride;

  private MaxPool(int[] kernel, int[] stride) {
    for (int i = 0; i < kernel.length; i++) {
      if (kernel[i] < 1 || stride[i] < 1) {
        throw new EcgArgumentException(
            "MaxPool kernel and stride must be >= 1, got kernel "
                + java.util.Arrays.toString(kernel)
                + " stride "
                + java.util.Arrays.toString(stride));
      }
    }
    this.kernel = kernel.clone();
    this.stride = stride.clone();
  }

  /**
   * @param kernel window length
   * @param stride step
   * @return a 1-D max pool for NCW input
   * @throws EcgArgumentException if kernel or stride is below 1
   */
  public static MaxPool of1d(int kernel, int stride) {
    return new MaxPool(new int[] {kernel}, new int[] {stride});
  }

  /**
   * @param kernel square window side
   * @param stride step along both axes
   * @return a 2-D max pool for NCHW input
   * @throws EcgArgumentException if kernel or stride is below 1
   */
  public static MaxPool of2d(int kernel, int stride) {
    return new MaxPool(new int[] {kernel, kernel}, new int[] {stride, stride});
  }

  /** @return the window per spatial axis (a copy) */
  public int[] kernel() {
    return kernel.clone();
  }

  /** @return the step per spatial axis (a copy) */
  public int[] stride() {
    return stride.clone();
  }

  private static Shape shapeOf(int[] v) {
    long[] l = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      l[i] = v[i];
    }
    return new Shape(l);
  }

  @Override
  protected NDArray apply(NDArray x) {
    Shape k = shapeOf(kernel);
    Shape s = shapeOf(stride);
    Shape p = shapeOf(new int[kernel.length]);
    return kernel.length == 1 ? Pool.maxPool1d(x, k, s, p, false) : Pool.maxPool2d(x, k, s, p, false);
  }

  @Override
  protected Shape outputShape(Shape in) {
    long[] d = in.getShape().clone();
    int first = d.length - kernel.length;
    for (int i = 0; i < kernel.length; i++) {
      d[first + i] = (d[first + i] - kernel[i]) / stride[i] + 1;
    }
    return new Shape(d);
  }

  @Override
  public String toString() {
    return "MaxPool(kernel=" + java.util.Arrays.toString(kernel) + ", stride="
        + java.util.Arrays.toString(stride) + ")";
  }
}
