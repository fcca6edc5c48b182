package dev.ecg.models.engine;

/** An inference runtime (ONNX Runtime, PyTorch) failed to load or run a model. */
public class EngineException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, naming the model
   * @param cause the runtime's error
   */
  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * @param message what failed, naming the model
   */
  public EngineException(String message) {
    super(message);
  }
}
