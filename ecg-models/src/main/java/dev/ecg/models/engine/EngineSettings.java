package dev.ecg.models.engine;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.device.DeviceChoice;

/**
 * Runtime settings shared by the inference engines.
 *
 * <p><b>Threads.</b> {@code intraOpThreads} is the number of threads one call may use inside an
 * operator (0: the runtime's default, which is the number of physical cores for ONNX Runtime and
 * the number of cores for libtorch). On a machine shared with other work, or when many caller
 * threads run predictions at once, 1 is usually best: each call then stays on its own core and
 * nothing waits for a descheduled helper thread. With few callers and large batches on a big
 * machine, use the core count. For PyTorch the setting is process-wide (libtorch has one
 * intra-op pool); it is applied when an engine is created with a positive value, and 0 keeps
 * the pool DJL sized at start-up (system property {@code ai.djl.pytorch.num_threads}, e.g.
 * {@code -Dai.djl.pytorch.num_threads=1}, else the core count).
 *
 * <p><b>Spinning.</b> ONNX Runtime's pool threads busy-wait for work between operators by
 * default. That lowers latency on an idle machine but burns the cores other processes (and the
 * caller's other threads) need; it is off by default here ({@code spinning = false}).
 *
 * @param intraOpThreads threads per call inside operators, 0 for the runtime's default
 * @param spinning whether ONNX Runtime's intra-op threads may spin while idle
 * @param device where to run: {@link DeviceChoice#AUTO} takes a usable CUDA GPU, else the CPU
 */
public record EngineSettings(int intraOpThreads, boolean spinning, DeviceChoice device) {

  /** Runtime-default threads, no spinning, device AUTO. */
  public static final EngineSettings DEFAULT = new EngineSettings(0, false, DeviceChoice.AUTO);

  /**
   * Checks arguments.
   *
   * @param intraOpThreads see the record description
   * @param spinning see the record description
   * @param device see the record description
   * @throws EcgArgumentException if {@code intraOpThreads < 0} or {@code device} is null
   */
  public EngineSettings {
    if (intraOpThreads < 0) {
      throw new EcgArgumentException("intraOpThreads must be >= 0 (0: runtime default), got "
          + intraOpThreads);
    }
    if (device == null) {
      throw new EcgArgumentException("device is required (DeviceChoice.AUTO for the default)");
    }
  }

  /**
   * @param n threads per call inside operators, 0 for the runtime's default
   * @return a copy with that thread count
   */
  public EngineSettings withIntraOpThreads(int n) {
    return new EngineSettings(n, spinning, device);
  }

  /**
   * @param d device choice
   * @return a copy with that device
   */
  public EngineSettings withDevice(DeviceChoice d) {
    return new EngineSettings(intraOpThreads, spinning, d);
  }

  /**
   * @param s whether ONNX Runtime threads may spin
   * @return a copy with that spinning policy
   */
  public EngineSettings withSpinning(boolean s) {
    return new EngineSettings(intraOpThreads, s, device);
  }
}
