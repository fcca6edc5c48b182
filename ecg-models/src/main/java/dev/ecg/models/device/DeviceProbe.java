package dev.ecg.models.device;

import java.util.Optional;

/**
 * What the machine offers. The real implementation is {@link DjlDeviceProbe}; tests pass fakes
 * to {@link DeviceSelector}.
 */
public interface DeviceProbe {

  /** @return number of CUDA GPUs the engine reports (0 on a CPU-only engine build) */
  int gpuCount();

  /**
   * @return empty when the CUDA natives load and a small tensor can be created on GPU 0;
   *     otherwise the reason they cannot (for the log and for error messages)
   */
  Optional<String> cudaProblem();

  /** @return whether {@link #cudaProblem()} is empty */
  default boolean cudaNativesLoadable() {
    return cudaProblem().isEmpty();
  }
}
