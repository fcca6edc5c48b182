package dev.ecg.models.arch;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.nn.BiLstm;
import dev.ecg.models.nn.MaxPool;
import dev.ecg.models.nn.Relu;
import dev.ecg.models.nn.Transpose;
import java.util.Map;

/**
 * A convolutional front end followed by a bidirectional LSTM: three stages {@code "same"
 * Conv1d(64, 5), Conv1d(128, 3), Conv1d(128, 3)}, each with BatchNorm, ReLU and {@code MaxPool(2,
 * stride 2)}; {@code Transpose(1, 2)}; {@link BiLstm}{@code (lstmHidden, returnSequence=false)};
 * {@code Linear(fc), ReLU, Dropout(dropout), Linear(numClasses)}. Defaults: lstmHidden 64, fc 64,
 * dropout 0.5. {@code width} scales the three convolution widths (default 1.0 = 64/128/128).
 */
public final class CnnBiLstm extends AbstractArchitecture {

  /** Registry name. */
  public static final String NAME = "CnnBiLstm";

  private static final int[] FILTERS = {64, 128, 128};
  private static final int[] KERNELS = {5, 3, 3};

  private CnnBiLstm(Map<String, Object> hp) {
    super(NAME, hp);
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Block build() {
    double width = doubleParam("width");
    SequentialBlock seq = new SequentialBlock();
    for (int i = 0; i < 3; i++) {
      int filters = Math.max(1, (int) Math.round(FILTERS[i] * width));
      Layers.sameConv1d(seq, filters, KERNELS[i], 1, true);
      seq.add(Layers.batchNorm()).add(new Relu()).add(MaxPool.of1d(2, 2));
    }
    return seq.add(new Transpose(1, 2))
        .add(new BiLstm(intParam("lstmHidden"), false))
        .add(Linear.builder().setUnits(intParam("fc")).build())
        .add(new Relu())
        .add(Dropout.builder().optRate((float) doubleParam("dropout")).build())
        .add(Linear.builder().setUnits(numClasses()).build());
  }

  /** Builder of {@link CnnBiLstm}. */
  public static final class Builder extends AbstractArchitecture.Builder<Builder, CnnBiLstm> {
    Builder() {
      values.put("lstmHidden", 64);
      values.put("fc", 64);
      values.put("dropout", 0.5);
      values.put("width", 1.0);
    }

    /**
     * @param lstmHidden hidden size per LSTM direction
     * @return this builder
     */
    public Builder optLstmHidden(int lstmHidden) {
      values.put("lstmHidden", positive("lstmHidden", lstmHidden));
      return this;
    }

    /**
     * @param fc units of the hidden fully connected layer
     * @return this builder
     */
    public Builder optFc(int fc) {
      values.put("fc", positive("fc", fc));
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
     * @param width multiplier of the convolution widths (64, 128, 128), in (0, 16]
     * @return this builder
     * @throws EcgArgumentException outside (0, 16]
     */
    public Builder optWidth(double width) {
      if (!(width > 0 && width <= 16)) {
        throw new EcgArgumentException("CnnBiLstm width must be in (0, 16], got " + width);
      }
      values.put("width", width);
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected void validate() {
      positive("lstmHidden", intValue("lstmHidden"));
      positive("fc", intValue("fc"));
      probability("dropout", doubleValue("dropout"));
      double width = doubleValue("width");
      if (!(width > 0 && width <= 16)) {
        throw new EcgArgumentException("CnnBiLstm width must be in (0, 16], got " + width);
      }
      if (intValue("inputLength") < 8) {
        throw new EcgArgumentException(
            "CnnBiLstm needs inputLength >= 8 (three pools of 2), got " + intValue("inputLength"));
      }
    }

    @Override
    protected CnnBiLstm create() {
      return new CnnBiLstm(values);
    }
  }
}
