package dev.ecg.models.arch;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.nn.Flatten;
import dev.ecg.models.nn.MaxPool;
import dev.ecg.models.nn.Relu;
import java.util.Map;

/**
 * A small baseline 1-D CNN: two "same" convolutions ({@code filters1}, {@code filters2}, kernel
 * {@code kernel}) each followed by ReLU and max pooling (2, stride 2), then flatten, dropout, a
 * hidden fully connected layer with ReLU, dropout and the output layer.
 *
 * <p>Block tree: {@code Conv1d, Relu, MaxPool, Conv1d, Relu, MaxPool, Flatten, Dropout, Linear,
 * Relu, Dropout, Linear} (a {@link dev.ecg.models.nn.Pad1d} precedes a convolution when the
 * kernel is even).
 */
public final class SimpleCnn extends AbstractArchitecture {

  /** Registry name. */
  public static final String NAME = "SimpleCnn";

  private SimpleCnn(Map<String, Object> hp) {
    super(NAME, hp);
  }

  /** @return a builder with defaults filters1 16, filters2 32, kernel 7, hidden 64, dropout 0.3 */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Block build() {
    SequentialBlock seq = new SequentialBlock();
    Layers.sameConv1d(seq, intParam("filters1"), intParam("kernel"), 1, true);
    seq.add(new Relu()).add(MaxPool.of1d(2, 2));
    Layers.sameConv1d(seq, intParam("filters2"), intParam("kernel"), 1, true);
    seq.add(new Relu()).add(MaxPool.of1d(2, 2));
    seq.add(new Flatten())
        .add(Dropout.builder().optRate((float) doubleParam("dropout")).build())
        .add(Linear.builder().setUnits(intParam("hidden")).build())
        .add(new Relu())
        .add(Dropout.builder().optRate((float) doubleParam("dropout")).build())
        .add(Linear.builder().setUnits(numClasses()).build());
    return seq;
  }

  /** Builder of {@link SimpleCnn}. */
  public static final class Builder extends AbstractArchitecture.Builder<Builder, SimpleCnn> {
    Builder() {
      values.put("filters1", 16);
      values.put("filters2", 32);
      values.put("kernel", 7);
      values.put("hidden", 64);
      values.put("dropout", 0.3);
    }

    /**
     * @param filters1 filters of the first convolution
     * @param filters2 filters of the second convolution
     * @return this builder
     */
    public Builder optFilters(int filters1, int filters2) {
      values.put("filters1", positive("filters1", filters1));
      values.put("filters2", positive("filters2", filters2));
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
     * @param hidden units of the hidden fully connected layer
     * @return this builder
     */
    public Builder optHidden(int hidden) {
      values.put("hidden", positive("hidden", hidden));
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

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected void validate() {
      positive("filters1", intValue("filters1"));
      positive("filters2", intValue("filters2"));
      positive("kernel", intValue("kernel"));
      positive("hidden", intValue("hidden"));
      probability("dropout", doubleValue("dropout"));
      if (intValue("inputLength") < 4) {
        throw new EcgArgumentException(
            "SimpleCnn needs inputLength >= 4 (two pools of 2), got " + intValue("inputLength"));
      }
    }

    @Override
    protected SimpleCnn create() {
      return new SimpleCnn(values);
    }
  }
}
