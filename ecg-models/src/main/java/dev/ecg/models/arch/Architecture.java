package dev.ecg.models.arch;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Map;

/**
 * A network description that can build a fresh, uninitialised DJL {@link Block}. An architecture
 * is fully described by its {@link #name()} and {@link #hyperparameters()}; {@link
 * Architectures#create(String, Map)} rebuilds an equal architecture from exactly these two, which
 * is what a model package stores.
 *
 * <p>Input layout is NCW {@code (batch, leads, length)} for the 1-D networks and NCHW {@code
 * (batch, leads, freqBins, timeFrames)} for {@link SpectrogramCnn2d}; the per-example input is
 * always fed as a flat {@code float[leads * inputLength]} in row-major order and reshaped to
 * {@link #inputShape(int)}. The block outputs unnormalised logits {@code (batch, numClasses)}.
 */
public interface Architecture {

  /** @return the registry name, e.g. {@code "ResNet1d"} */
  String name();

  /**
   * @return every hyperparameter, including {@code leads}, {@code inputLength} and {@code
   *     numClasses}, as an unmodifiable insertion-ordered map of {@link Integer} or {@link Double}
   *     values
   */
  Map<String, Object> hyperparameters();

  /** @return number of input channels (leads) */
  int leads();

  /** @return number of input values per lead (samples, or freqBins*timeFrames for 2-D input) */
  int inputLength();

  /** @return number of output classes */
  int numClasses();

  /**
   * Builds a new, uninitialised block. Each call returns a distinct block with the same
   * structure and the same child names.
   *
   * @return the network
   */
  Block build();

  /**
   * @param batch batch size
   * @return the input shape for that batch size
   */
  Shape inputShape(int batch);
}
