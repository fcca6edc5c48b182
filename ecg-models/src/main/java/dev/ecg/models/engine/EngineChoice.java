package dev.ecg.models.engine;

/** Which runtime executes a model package. */
public enum EngineChoice {
  /**
   * ONNX Runtime when the package has a {@code model.onnx} (fastest on CPU), else PyTorch (DJL
   * params rebuilt through {@code Architectures.create}, or TorchScript).
   */
  AUTO,
  /** ONNX Runtime on the package's ONNX file. */
  ONNX_RUNTIME,
  /** PyTorch through DJL: the package's DJL params, or its TorchScript module. */
  PYTORCH
}
