package dev.ecg.models.arch;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.nn.GlobalAvgPool;
import dev.ecg.models.nn.MaxPool;
import dev.ecg.models.nn.Relu;
import java.util.Map;

/**
 * A 2-D CNN over a short-time Fourier transform magnitude (computed in preprocessing, e.g. with
 * {@code ecg-io}'s spectrogram), input NCHW {@code (batch, leads, freqBins, timeFrames)}; each
 * example is fed flat as {@code float[leads * freqBins * timeFrames]} (row-major: frequency-major
 * within a lead). Three stages {@code Conv2d(f, 3x3, pad 1), BatchNorm, ReLU} with {@code f =
 * filters, 2*filters, 4*filters}; the first two are followed by {@code MaxPool(2x2, stride 2)}.
 * Head: {@link GlobalAvgPool}, dropout, {@code Linear(numClasses)}.
 *
 * <p>{@link #inputLength()} is {@code freqBins * timeFrames}.
 */
public final class SpectrogramCnn2d extends AbstractArchitecture {

  /** Registry name. */
  public static final String NAME = "SpectrogramCnn2d";

  private SpectrogramCnn2d(Map<String, Object> hp) {
    super(NAME, hp);
  }

  /**
   * @return a builder with defaults filters 16, dropout 0.3; {@link Builder#setSpectrogram} is
   *     required instead of {@code setInput}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return number of frequency bins */
  public int freqBins() {
    return intParam("freqBins");
  }

  /** @return number of time frames */
  public int timeFrames() {
    return intParam("timeFrames");
  }

  @Override
  public Shape inputShape(int batch) {
    return new Shape(batch, leads(), freqBins(), timeFrames());
  }

  @Override
  public Block build() {
    int f = intParam("filters");
    SequentialBlock seq = new SequentialBlock();
    for (int stage = 0; stage < 3; stage++) {
      seq.add(Layers.conv2d(f << stage, 3)).add(Layers.batchNorm()).add(new Relu());
      if (stage < 2) {
        seq.add(MaxPool.of2d(2, 2));
      }
    }
    return seq.add(new GlobalAvgPool())
        .add(Dropout.builder().optRate((float) doubleParam("dropout")).build())
        .add(Linear.builder().setUnits(numClasses()).build());
  }

  /** Builder of {@link SpectrogramCnn2d}. */
  public static final class Builder
      extends AbstractArchitecture.Builder<Builder, SpectrogramCnn2d> {
    Builder() {
      values.put("freqBins", null);
      values.put("timeFrames", null);
      values.put("filters", 16);
      values.put("dropout", 0.3);
    }

    /**
     * Sets the input: {@code leads} spectrograms of {@code freqBins x timeFrames}; {@code
     * inputLength} becomes {@code freqBins * timeFrames}.
     *
     * @param leads number of leads (input channels)
     * @param freqBins frequency bins, at least 4
     * @param timeFrames time frames, at least 4
     * @return this builder
     * @throws EcgArgumentException for sizes below those limits
     */
    public Builder setSpectrogram(int leads, int freqBins, int timeFrames) {
      if (freqBins < 4 || timeFrames < 4) {
        throw new EcgArgumentException(
            "SpectrogramCnn2d needs freqBins and timeFrames >= 4, got "
                + freqBins + " x " + timeFrames);
      }
      values.put("freqBins", freqBins);
      values.put("timeFrames", timeFrames);
      return setInput(leads, Math.multiplyExact(freqBins, timeFrames));
    }

    /**
     * @param filters filters of the first stage (doubling per stage)
     * @return this builder
     */
    public Builder optFilters(int filters) {
      values.put("filters", positive("filters", filters));
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
      positive("filters", intValue("filters"));
      probability("dropout", doubleValue("dropout"));
      int fb = intValue("freqBins");
      int tf = intValue("timeFrames");
      if (fb < 4 || tf < 4) {
        throw new EcgArgumentException(
            "SpectrogramCnn2d needs freqBins and timeFrames >= 4, got " + fb + " x " + tf);
      }
      if ((long) fb * tf != intValue("inputLength")) {
        throw new EcgArgumentException(
            "SpectrogramCnn2d inputLength " + intValue("inputLength")
                + " != freqBins * timeFrames = " + (long) fb * tf);
      }
    }

    @Override
    protected SpectrogramCnn2d create() {
      return new SpectrogramCnn2d(values);
    }
  }
}
