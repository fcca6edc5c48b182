package dev.ecg.train;

import ai.djl.engine.Engine;
import dev.ecg.models.engine.KernelSelfTest;
import dev.ecg.models.engine.PyTorchAvailability;
import java.util.Locale;

/**
 * Checks that this machine can train: DJL's PyTorch engine loads, its natives match the platform,
 * and libtorch's kernels give the known answers ({@link KernelSelfTest}).
 *
 * <p>This artifact exists for its dependencies: ecg-models declares the PyTorch engine optional,
 * so inference-only applications carry ONNX Runtime alone, and {@code dev.ecg:ecg-train} brings
 * the engine and the libtorch natives back. Run {@code java -cp ... dev.ecg.train.TrainingRuntime}
 * (or call {@link #check()}) on a new machine before a long training run.
 */
public final class TrainingRuntime {

  private TrainingRuntime() {}

  /**
   * What the check found.
   *
   * @param engineVersion the libtorch version DJL loaded
   * @param platform the operating system and architecture of this JVM
   * @param selfTest the kernel self-test's report (passed, or failed with the reason)
   */
  public record Report(String engineVersion, String platform, KernelSelfTest.Report selfTest) {

    /** @return true when training can run with trustworthy kernels */
    public boolean ready() {
      return selfTest.passed() || selfTest.skipped();
    }

    /** @return a multi-line account */
    public String describe() {
      return "PyTorch engine " + engineVersion + " on " + platform + "\n" + selfTest.describe();
    }
  }

  /**
   * Loads the PyTorch engine and runs the kernel self-test once per process.
   *
   * @return the report; {@link Report#ready()} is false when a kernel gave a wrong answer
   * @throws dev.ecg.models.engine.EngineException when the engine or its natives cannot load
   *     (for example natives of another platform), naming the cause
   */
  public static Report check() {
    PyTorchAvailability.require("dev.ecg.train.TrainingRuntime");
    KernelSelfTest.Report r;
    try {
      r = KernelSelfTest.ensurePassed();
    } catch (dev.ecg.models.engine.KernelSelfTestException e) {
      r = KernelSelfTest.lastReport();
    }
    String platform = System.getProperty("os.name", "?").toLowerCase(Locale.ROOT) + "-"
        + System.getProperty("os.arch", "?");
    return new Report(Engine.getEngine("PyTorch").getVersion(), platform, r);
  }

  /**
   * Prints {@link #check()}'s report; exits with status 1 when the machine is not ready.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Report r = check();
    System.out.println(r.describe());
    if (!r.ready()) {
      System.exit(1);
    }
  }
}
