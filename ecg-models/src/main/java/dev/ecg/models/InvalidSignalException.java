package dev.ecg.models;

import dev.ecg.core.EcgArgumentException;

/**
 * Input the model cannot take: a NaN or infinite sample, the wrong number of samples, or the
 * wrong number of leads. The message names the example (batch index), lead and sample.
 */
public class InvalidSignalException extends EcgArgumentException {

  private static final long serialVersionUID = 1L;

  /** What is wrong with the input. */
  public enum Reason {
    /** A sample is NaN or infinite. */
    NON_FINITE,
    /** The example has the wrong number of samples. */
    WRONG_LENGTH,
    /** The example has the wrong number of leads. */
    WRONG_LEADS,
    /** The record's sampling rate differs from the model's and no step resamples it. */
    WRONG_SAMPLING_RATE
  }

  /** What is wrong with the input. */
  private final Reason reason;

  /**
   * @param reason what is wrong
   * @param message details naming the example, lead and sample
   */
  public InvalidSignalException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** @return what is wrong */
  public Reason reason() {
    return reason;
  }
}
