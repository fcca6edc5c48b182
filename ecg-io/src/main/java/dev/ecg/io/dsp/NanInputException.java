package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/**
 * Thrown when a DSP routine receives a signal containing NaN (or an infinity) where it cannot
 * give a meaningful answer. The message and {@link #index()} name the first offending sample, so
 * a caller can find the gap (WFDB readers mark invalid samples as NaN) and decide how to fill it.
 */
public final class NanInputException extends EcgArgumentException {
  private static final long serialVersionUID = 1L;

  /** Index of the first non-finite sample. */
  private final int index;

  /**
   * @param what name of the argument, for the message
   * @param index index of the first non-finite sample
   * @param value the offending value (NaN or an infinity)
   */
  public NanInputException(String what, int index, double value) {
    super(what + " contains a non-finite value (" + value + ") at index " + index
        + "; fill or cut invalid samples before filtering");
    this.index = index;
  }

  /**
   * @return index of the first non-finite sample
   */
  public int index() {
    return index;
  }
}
