package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/**
 * Thrown when a signal is too short for the requested operation, typically zero-phase filtering
 * whose edge padding needs more samples than the signal holds (SciPy raises {@code ValueError}
 * in the same case).
 */
public final class SignalTooShortException extends EcgArgumentException {
  private static final long serialVersionUID = 1L;

  /** Signal length given. */
  private final int length;
  /** Smallest length that works. */
  private final int required;

  /**
   * @param what what needs the samples (for the message)
   * @param length the signal length given
   * @param required the smallest length that works
   */
  public SignalTooShortException(String what, int length, int required) {
    super(what + " needs a signal of at least " + required + " samples, got " + length);
    this.length = length;
    this.required = required;
  }

  /**
   * @return the signal length given
   */
  public int length() {
    return length;
  }

  /**
   * @return the smallest length that works
   */
  public int required() {
    return required;
  }
}
