package dev.ecg.core;

/**
 * Thrown when a caller passes an argument the SDK cannot work with: mismatched lengths, a label
 * outside the class set, {@code k > n} in a splitter, and so on. The message always says what was
 * wrong and with which value.
 *
 * <p>It is an {@link IllegalArgumentException}, so code that already catches that keeps working;
 * subclasses narrow the cause where a caller may want to tell cases apart.
 */
public class EcgArgumentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong, with the offending value
   */
  public EcgArgumentException(String message) {
    super(message);
  }

  /**
   * @param message what was wrong, with the offending value
   * @param cause the underlying cause
   */
  public EcgArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
