package dev.ecg.core.metrics;

import dev.ecg.core.EcgArgumentException;

/**
 * Thrown when the inputs of a metric are malformed: arrays of different lengths, an empty sample,
 * a label outside {@code [0, k)}, a score row of the wrong width, a non-finite score, and so on.
 * The message names the argument and the offending index or value.
 */
public class MetricInputException extends EcgArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong, with the offending value
   */
  public MetricInputException(String message) {
    super(message);
  }
}
