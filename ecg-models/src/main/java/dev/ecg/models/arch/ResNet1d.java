package dev.ecg.models.arch;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.nn.GlobalAvgPool;
import dev.ecg.models.nn.MaxPool;
import dev.ecg.models.nn.Relu;
import dev.ecg.models.nn.Residual;
import java.util.Map;

/**
 * A pre-activation 1-D residual network in the style of Hannun et al. 2019 ("Cardiologist-level
 * arrhythmia detection and classification in ambulatory electrocardiograms using a deep neural
 * network", Nature Medicine 25:65-69).
 *
 * <p>Stem: "same" {@code Conv1d(startFilters, kernel)}, BatchNorm, ReLU. Then {@code blocks}
 * residual blocks; block {@code i} has {@code startFilters * 2^(i / increaseEvery)} filters and
 * stride 2 when {@code i} is odd ({@code i % subsampleEvery == subsampleEvery - 1}), else 1. Its
 * main branch is {@code [BatchNorm, ReLU] (omitted for block 0), Conv(stride), BatchNorm, ReLU,
 * Dropout, Conv(1)}, all convolutions "same" with kernel {@code kernel} and no bias. Its shortcut
 * is {@code MaxPool(stride, stride)} when strided and a {@code 1x1 Conv1d} projection when the
 * filter count changes (Hannun et al. zero-pad the channels instead; the projection is He et al.
 * 2016's option B, easier to export). Head: BatchNorm, ReLU, {@link GlobalAvgPool}, {@code
 * Linear(numClasses)} (the paper emits one label per 256 samples; here one label per input).
 *
 * <p>The 34-layer preset ({@link #hannun34(int, int, int)}) has 16 blocks (32 convolutions + stem
 * + output layer), 32 filters doubling every 4 blocks (32, 64, 128, 256), kernel 16, dropout 0.2.
 */
public final class ResNet1d extends AbstractArchitecture {

  /** Registry name. */
  public static final String NAME = "ResNet1d";

  private ResNet1d(Map<String, Object> hp) {
    super(NAME, hp);
  }

  /**
   * @return a builder with the small defaults: 4 blocks, 32 start filters, kernel 16, dropout
   *     0.2, channels doubling every 4 blocks, stride 2 on every second block
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The 34-layer network of Hannun et al. 2019.
   *
   * @param leads number of leads
   * @param inputLength samples per lead (at least 256)
   * @param numClasses number of classes
   * @return the architecture
   * @throws EcgArgumentException for invalid sizes
   */
  public static ResNet1d hannun34(int leads, int inputLength, int numClasses) {
    return builder().setInput(leads, inputLength).setNumClasses(numClasses).optBlocks(16).build();
  }

  private int stride(int block) {
    int every = intParam("subsampleEvery");
    return block % every == every - 1 ? 2 : 1;
  }

  @Override
  public Block build() {
    int kernel = intParam("kernel");
    int start = intParam("startFilters");
    int blocks = intParam("blocks");
    int increaseEvery = intParam("increaseEvery");
    float dropout = (float) doubleParam("dropout");
    SequentialBlock net = new SequentialBlock();
    Layers.sameConv1d(net, start, kernel, 1, false);
    net.add(Layers.batchNorm()).add(new Relu());
    int channels = start;
    for (int i = 0; i < blocks; i++) {
      int filters = start << (i / increaseEvery);
      int stride = stride(i);
      SequentialBlock main = new SequentialBlock();
      if (i > 0) {
        main.add(Layers.batchNorm()).add(new Relu());
      }
      Layers.sameConv1d(main, filters, kernel, stride, false);
      main.add(Layers.batchNorm()).add(new Relu()).add(Dropout.builder().optRate(dropout).build());
      Layers.sameConv1d(main, filters, kernel, 1, false);
      SequentialBlock shortcut = null;
      if (stride > 1 || filters != channels) {
        shortcut = new SequentialBlock();
        if (stride > 1) {
          shortcut.add(MaxPool.of1d(stride, stride));
        }
        if (filters != channels) {
          shortcut.add(
              Conv1d.builder()
                  .setFilters(filters)
                  .setKernelShape(new Shape(1))
                  .optBias(false)
                  .build());
        }
      }
      net.add(new Residual(main, shortcut));
      channels = filters;
    }
    net.add(Layers.batchNorm())
        .add(new Relu())
        .add(new GlobalAvgPool())
        .add(Linear.builder().setUnits(numClasses()).build());
    return net;
  }

  /** Builder of {@link ResNet1d}. */
  public static final class Builder extends AbstractArchitecture.Builder<Builder, ResNet1d> {
    Builder() {
      values.put("blocks", 4);
      values.put("startFilters", 32);
      values.put("kernel", 16);
      values.put("dropout", 0.2);
      values.put("increaseEvery", 4);
      values.put("subsampleEvery", 2);
    }

    /**
     * @param blocks number of residual blocks (16 for the 34-layer network)
     * @return this builder
     */
    public Builder optBlocks(int blocks) {
      values.put("blocks", positive("blocks", blocks));
      return this;
    }

    /**
     * @param startFilters filters of the stem and the first 4 blocks
     * @return this builder
     */
    public Builder optStartFilters(int startFilters) {
      values.put("startFilters", positive("startFilters", startFilters));
      return this;
    }

    /**
     * @param kernel convolution kernel length
     * @return this builder
     */
    public Builder optKernel(int kernel) {
      values.put("kernel", positive("kernel", kernel));
      return this;
    }

    /**
     * @param dropout drop probability in [0, 1)
     * @return this builder
     */
    public Builder optDropout(double dropout) {
      values.put("dropout", probability("dropout", dropout));
      return this;
    }

    /**
     * @param increaseEvery the filter count doubles every this many blocks
     * @return this builder
     */
    public Builder optIncreaseEvery(int increaseEvery) {
      values.put("increaseEvery", positive("increaseEvery", increaseEvery));
      return this;
    }

    /**
     * @param subsampleEvery every this-many-th block has stride 2
     * @return this builder
     */
    public Builder optSubsampleEvery(int subsampleEvery) {
      values.put("subsampleEvery", positive("subsampleEvery", subsampleEvery));
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected void validate() {
      int blocks = positive("blocks", intValue("blocks"));
      positive("startFilters", intValue("startFilters"));
      positive("kernel", intValue("kernel"));
      positive("increaseEvery", intValue("increaseEvery"));
      if (intValue("kernel") < 2 && blocks >= intValue("subsampleEvery")) {
        throw new EcgArgumentException(
            "ResNet1d strided blocks need kernel >= 2, got " + intValue("kernel"));
      }
      int every = positive("subsampleEvery", intValue("subsampleEvery"));
      probability("dropout", doubleValue("dropout"));
      if (intValue("startFilters") << ((blocks - 1) / intValue("increaseEvery")) > 1 << 16) {
        throw new EcgArgumentException("ResNet1d filter count would exceed 65536");
      }
      int length = intValue("inputLength");
      for (int i = 0; i < blocks; i++) {
        length /= (i % every == every - 1) ? 2 : 1;
      }
      if (length < 1) {
        throw new EcgArgumentException(
            "ResNet1d with "
                + blocks
                + " blocks halves the input "
                + (blocks / every)
                + " times; inputLength "
                + intValue("inputLength")
                + " is too short");
      }
    }

    @Override
    protected ResNet1d create() {
      return new ResNet1d(values);
    }
  }
}
