package dev.ecg.models.engine;

/**
 * Whether DJL's PyTorch engine is on the class path, and the error to give when it is not.
 *
 * <p>ecg-models declares the PyTorch engine optional: classifying with a package's
 * {@code model.onnx} runs on ONNX Runtime alone, so an application that only classifies carries no
 * libtorch. Training, writing packages from DJL parameters, exporting to ONNX and the PyTorch
 * inference engine need it; they come from the {@code dev.ecg:ecg-train} artifact. Every such
 * entry point calls {@link #require(String)} first, so a missing engine is one clear sentence
 * instead of a {@code NoClassDefFoundError} or DJL's "No deep learning engine found".
 */
public final class PyTorchAvailability {

  /** The DJL class that registers the PyTorch engine. */
  static final String PROVIDER_CLASS = "ai.djl.pytorch.engine.PtEngineProvider";

  /** What to add, in the words of the exception. */
  public static final String REMEDY = "add the Maven dependency dev.ecg:ecg-train (it brings DJL's "
      + "PyTorch engine and the libtorch natives for linux-x86_64; other platforms: "
      + "docs/install.md). Classifying with a package that has model.onnx needs only ecg-models";

  private PyTorchAvailability() {}

  /** @return true when DJL's PyTorch engine classes can be loaded */
  public static boolean present() {
    try {
      Class.forName(PROVIDER_CLASS, false, PyTorchAvailability.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Refuses clearly when the PyTorch engine is absent.
   *
   * @param what what needs it, e.g. "training" or "the PyTorch engine of model mitbih-aami5"
   * @throws EngineException naming {@code what} and the artifact to add
   */
  public static void require(String what) {
    if (!present()) {
      throw new EngineException(what + " needs DJL's PyTorch engine, which is not on the class "
          + "path: " + REMEDY);
    }
  }
}
