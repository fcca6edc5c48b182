package dev.ecg.models.engine;

/**
 * libtorch computed wrong results on this CPU in the {@link KernelSelfTest}, so the PyTorch
 * engine refuses to train or infer rather than return wrong numbers. The message names the
 * failed check, the CPU and its flags, the oneDNN cap in effect and the ways around it.
 */
public class KernelSelfTestException extends EngineException {

  private static final long serialVersionUID = 1L;

  /** The self-test's outcome (not serialized). */
  private final transient KernelSelfTest.Report report;

  /**
   * @param report the failed self-test
   */
  public KernelSelfTestException(KernelSelfTest.Report report) {
    super(report.describe() + "\n  libtorch's CPU kernels compute wrong results on this "
        + "processor, so the PyTorch engine refuses to run. Ways around it: switch oneDNN off "
        + "inside libtorch (-D" + OneDnnPolicy.PROPERTY + "=off), or cap its instruction set "
        + "before the JVM starts (" + OneDnnPolicy.ENV + "=SSE41, or -D" + OneDnnPolicy.PROPERTY
        + "=SSE41), or run inference on ONNX Runtime "
        + "(EngineChoice.ONNX_RUNTIME), whose kernels are separate; -D" + KernelSelfTest.PROPERTY
        + "=warn runs anyway. Please report the CPU line above (docs/platforms.md).");
    this.report = report;
  }

  /** @return the self-test's outcome */
  public KernelSelfTest.Report report() {
    return report;
  }
}
