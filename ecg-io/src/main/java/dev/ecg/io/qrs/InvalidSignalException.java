package dev.ecg.io.qrs;

import dev.ecg.core.EcgArgumentException;

/**
 * Thrown when a signal handed to a detector or scorer cannot be processed: a sampling rate that is
 * not a finite positive number, an empty or all-NaN signal, an infinite sample, or unsorted or
 * out-of-range sample positions. The message names the offending value and its position.
 */
public class InvalidSignalException extends EcgArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong, with the offending value
   */
  public InvalidSignalException(String message) {
    super(message);
  }
}
