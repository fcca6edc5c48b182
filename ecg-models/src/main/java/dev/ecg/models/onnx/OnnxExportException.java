package dev.ecg.models.onnx;

/** A block tree cannot be exported: the message names the block and what is unsupported. */
public class OnnxExportException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what is unsupported, naming the block
   */
  public OnnxExportException(String message) {
    super(message);
  }

  /**
   * @param message what is unsupported, naming the block
   * @param cause underlying failure
   */
  public OnnxExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
