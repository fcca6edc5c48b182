package dev.ecg.models.arch;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.nn.Flatten;
import dev.ecg.models.nn.MaxPool;
import dev.ecg.models.nn.Relu;
import dev.ecg.models.nn.Residual;
import java.util.Map;

/**
 * The heartbeat classifier of Kachuee, Fazeli and Sarrafzadeh 2018 ("ECG Heartbeat
 * Classification: A Deep Transferable Representation", IEEE ICHI): a "same" {@code
 * Conv1d(filters, kernel)}, then {@code blocks} residual blocks, each {@code Residual(Conv1d,
 * ReLU, Conv1d) (identity shortcut), ReLU, MaxPool(5, stride 2)}, then flatten, {@code
 * Linear(fc), ReLU, Linear(fc), ReLU, Linear(numClasses)}. Defaults follow the paper: 32 filters,
 * kernel 5, 5 blocks, fc 32 (its input is a 187-sample beat at 125 Hz).
 */
public final class KachueeResNet extends AbstractArchitecture {

  /** Registry name. */
  public static final String NAME = "KachueeResNet";

  private KachueeResNet(Map<String, Object> hp) {
    super(NAME, hp);
  }

  /** @return a builder with the paper's defaults */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Block build() {
    int f = intParam("filters");
    int k = intParam("kernel");
    SequentialBlock net = new SequentialBlock();
    Layers.sameConv1d(net, f, k, 1, true);
    for (int i = 0; i < intParam("blocks"); i++) {
      SequentialBlock main = new SequentialBlock();
      Layers.sameConv1d(main, f, k, 1, true);
      main.add(new Relu());
      Layers.sameConv1d(main, f, k, 1, true);
      net.add(new Residual(main, null)).add(new Relu()).add(MaxPool.of1d(5, 2));
    }
    int fc = intParam("fc");
    return net.add(new Flatten())
        .add(Linear.builder().setUnits(fc).build())
        .add(new Relu())
        .add(Linear.builder().setUnits(fc).build())
        .add(new Relu())
        .add(Linear.builder().setUnits(numClasses()).build());
  }

  /** Builder of {@link KachueeResNet}. */
  public static final class Builder extends AbstractArchitecture.Builder<Builder, KachueeResNet> {
    Builder() {
      values.put("filters", 32);
      values.put("kernel", 5);
      values.put("blocks", 5);
      values.put("fc", 32);
    }

    /**
     * @param filters convolution filters
     * @return this builder
     */
    public Builder optFilters(int filters) {
      values.put("filters", positive("filters", filters));
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
     * @param blocks number of residual blocks
     * @return this builder
     */
    public Builder optBlocks(int blocks) {
      values.put("blocks", positive("blocks", blocks));
      return this;
    }

    /**
     * @param fc units of the two hidden fully connected layers
     * @return this builder
     */
    public Builder optFc(int fc) {
      values.put("fc", positive("fc", fc));
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected void validate() {
      positive("filters", intValue("filters"));
      positive("kernel", intValue("kernel"));
      positive("fc", intValue("fc"));
      int blocks = positive("blocks", intValue("blocks"));
      int length = intValue("inputLength");
      for (int i = 0; i < blocks; i++) {
        length = Layers.poolLength(length, 5, 2);
      }
      if (length < 1) {
        throw new EcgArgumentException(
            "KachueeResNet with " + blocks + " pools (5, stride 2) cannot take inputLength "
                + intValue("inputLength"));
      }
    }

    @Override
    protected KachueeResNet create() {
      return new KachueeResNet(values);
    }
  }
}
