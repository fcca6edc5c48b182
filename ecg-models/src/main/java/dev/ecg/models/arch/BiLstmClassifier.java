package dev.ecg.models.arch;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import dev.ecg.models.nn.BiLstm;
import dev.ecg.models.nn.Transpose;
import java.util.Map;

/**
 * A bidirectional LSTM over the raw samples with a linear head: {@code Transpose(1,2)} (NCW to
 * NTC, each time step's feature vector is the leads), {@link BiLstm}{@code (hidden,
 * returnSequence=false)} giving {@code (N, 2*hidden)}, dropout, {@code Linear(numClasses)}.
 */
public final class BiLstmClassifier extends AbstractArchitecture {

  /** Registry name. */
  public static final String NAME = "BiLstmClassifier";

  private BiLstmClassifier(Map<String, Object> hp) {
    super(NAME, hp);
  }

  /** @return a builder with defaults hidden 64, dropout 0.2 */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Block build() {
    return new SequentialBlock()
        .add(new Transpose(1, 2))
        .add(new BiLstm(intParam("hidden"), false))
        .add(Dropout.builder().optRate((float) doubleParam("dropout")).build())
        .add(Linear.builder().setUnits(numClasses()).build());
  }

  /** Builder of {@link BiLstmClassifier}. */
  public static final class Builder
      extends AbstractArchitecture.Builder<Builder, BiLstmClassifier> {
    Builder() {
      values.put("hidden", 64);
      values.put("dropout", 0.2);
    }

    /**
     * @param hidden hidden size per direction
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
      positive("hidden", intValue("hidden"));
      probability("dropout", doubleValue("dropout"));
    }

    @Override
    protected BiLstmClassifier create() {
      return new BiLstmClassifier(values);
    }
  }
}
