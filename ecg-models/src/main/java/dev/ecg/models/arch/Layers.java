package dev.ecg.models.arch;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.nn.Pad1d;

/** Small layer recipes shared by the architectures. */
final class Layers {

  private Layers() {}

  /**
   * Adds a 1-D convolution whose output length is {@code floor(L / stride)} for any input length
   * L: total padding {@code kernel - stride}, split {@code floor/ceil} (left/right), i.e. the
   * TensorFlow "same" convention for stride 1. Symmetric padding goes into the {@link Conv1d};
   * asymmetric padding becomes a {@link Pad1d} before an unpadded convolution.
   *
   * @throws EcgArgumentException if {@code kernel < stride}
   */
  static void sameConv1d(SequentialBlock seq, int filters, int kernel, int stride, boolean bias) {
    if (kernel < stride) {
      // floor(L / stride) would need negative padding (cropping)
      throw new EcgArgumentException(
          "a same-length convolution needs kernel >= stride, got kernel " + kernel + ", stride " + stride);
    }
    int total = kernel - stride;
    int left = total / 2;
    int right = total - left;
    int convPad = 0;
    if (left == right) {
      convPad = left;
    } else {
      seq.add(new Pad1d(left, right));
    }
    seq.add(
        Conv1d.builder()
            .setFilters(filters)
            .setKernelShape(new Shape(kernel))
            .optStride(new Shape(stride))
            .optPadding(new Shape(convPad))
            .optBias(bias)
            .build());
  }

  /** A 2-D convolution, stride 1, symmetric padding {@code kernel / 2} (odd kernels keep size). */
  static Conv2d conv2d(int filters, int kernel) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optPadding(new Shape(kernel / 2, kernel / 2))
        .build();
  }

  /** Batch normalisation over axis 1 (channels) with DJL defaults (eps 1e-5, momentum 0.9). */
  static BatchNorm batchNorm() {
    return BatchNorm.builder().optAxis(1).build();
  }

  /** Output length of {@link #sameConv1d}: {@code floor(L / stride)}. */
  static int sameConvLength(int length, int stride) {
    return length / stride;
  }

  /** Output length of a floor-mode pool with no padding. */
  static int poolLength(int length, int kernel, int stride) {
    return length < kernel ? 0 : (length - kernel) / stride + 1;
  }
}
