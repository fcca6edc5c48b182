package dev.ecg.core.imbalance;

import dev.ecg.core.EcgArgumentException;

/**
 * Thrown by {@link ClassWeights} and {@link WeightedRandomSampler} for unusable input: a label
 * outside {@code [0, numClasses)}, no samples, a negative, NaN or infinite sampling weight, weights
 * that sum to zero, a negative draw count. The message names the offending value and position.
 */
public class ImbalanceArgumentException extends EcgArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong, with the offending value
   */
  public ImbalanceArgumentException(String message) {
    super(message);
  }
}
