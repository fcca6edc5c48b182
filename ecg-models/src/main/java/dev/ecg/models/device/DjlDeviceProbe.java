package dev.ecg.models.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Optional;

/**
 * {@link DeviceProbe} over the default DJL engine: {@code Engine.getInstance().getGpuCount()}, and
 * a trial allocation on {@code Device.gpu(0)} to see whether the CUDA natives really work. The
 * result is computed once per instance.
 */
public final class DjlDeviceProbe implements DeviceProbe {

  private Integer gpuCount;
  private Optional<String> problem;

  /** Creates a probe; nothing is loaded until the first question. */
  public DjlDeviceProbe() {}

  @Override
  public synchronized int gpuCount() {
    if (gpuCount == null) {
      try {
        dev.ecg.models.engine.OneDnnPolicy.apply(); // before the default engine may load libtorch
        gpuCount = Engine.getInstance().getGpuCount();
      } catch (RuntimeException | LinkageError e) {
        gpuCount = 0;
        problem = Optional.of("the DJL engine failed to load: " + e);
      }
    }
    return gpuCount;
  }

  @Override
  public synchronized Optional<String> cudaProblem() {
    if (problem != null) {
      return problem;
    }
    int n = gpuCount();
    if (problem != null) {
      return problem;
    }
    if (n == 0) {
      String engine;
      try {
        Engine e = Engine.getInstance();
        engine = e.getEngineName() + " " + e.getVersion();
      } catch (RuntimeException | LinkageError e) {
        engine = "the DJL engine";
      }
      problem = Optional.of(engine + " reports no CUDA GPU (CPU-only natives or no driver)");
      return problem;
    }
    try (NDManager m = NDManager.newBaseManager(Device.gpu(0));
        NDArray a = m.ones(new ai.djl.ndarray.types.Shape(2))) {
      a.sum().toFloatArray();
      problem = Optional.empty();
    } catch (RuntimeException | LinkageError e) {
      problem = Optional.of("CUDA natives could not be used on gpu(0): " + e);
    }
    return problem;
  }
}
