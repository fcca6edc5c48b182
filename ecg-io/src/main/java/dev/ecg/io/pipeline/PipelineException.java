package dev.ecg.io.pipeline;

import dev.ecg.core.EcgArgumentException;

/**
 * A step or pipeline that cannot work: an unknown step name, a missing, misspelt or wrong-typed
 * parameter, an out-of-range number, or steps whose rates and shapes do not fit each other or the
 * model they feed. Thrown when the step or pipeline is built, never halfway through a record.
 */
public class PipelineException extends EcgArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, naming the step and parameter
   */
  public PipelineException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong, naming the step and parameter
   * @param cause the underlying cause
   */
  public PipelineException(String message, Throwable cause) {
    super(message, cause);
  }
}
