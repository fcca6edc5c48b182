package dev.ecg.models.device;

import ai.djl.Device;
import dev.ecg.core.EcgArgumentException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link DeviceChoice} into a DJL {@link Device}, explaining (and logging at INFO) why.
 *
 * <ul>
 *   <li>CPU: the CPU.
 *   <li>AUTO: {@code gpu(0)} when the probe reports a GPU and the CUDA natives work; otherwise the
 *       CPU, with the reason (no GPU, or GPU present but natives unloadable).
 *   <li>GPU(n): {@code gpu(n)} when {@code n < gpuCount} and the natives work; otherwise {@link
 *       NoSuchDeviceException} (never a silent fallback for an explicit request).
 * </ul>
 */
public final class DeviceSelector {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceSelector.class);

  private DeviceSelector() {}

  /**
   * @param choice what the caller asked for
   * @return the selection on this machine (probing the DJL engine)
   * @throws NoSuchDeviceException if a specific GPU was asked for and cannot be used
   */
  public static DeviceSelection select(DeviceChoice choice) {
    return select(choice, new DjlDeviceProbe());
  }

  /**
   * @param choice what the caller asked for
   * @param probe what the machine offers
   * @return the device and the reason
   * @throws NoSuchDeviceException if a specific GPU was asked for and cannot be used
   * @throws EcgArgumentException if an argument is null
   */
  public static DeviceSelection select(DeviceChoice choice, DeviceProbe probe) {
    if (choice == null || probe == null) {
      throw new EcgArgumentException("device choice and probe are required");
    }
    DeviceSelection s = decide(choice, probe);
    LOG.info("device {} selected: {}", s.device(), s.reason());
    return s;
  }

  private static DeviceSelection decide(DeviceChoice choice, DeviceProbe probe) {
    switch (choice.kind()) {
      case CPU:
        return new DeviceSelection(Device.cpu(), "CPU requested");
      case AUTO: {
        int n = probe.gpuCount();
        if (n <= 0) {
          Optional<String> why = probe.cudaProblem();
          return new DeviceSelection(
              Device.cpu(), "AUTO: no CUDA GPU found" + why.map(w -> " (" + w + ")").orElse("") + ", using CPU");
        }
        Optional<String> problem = probe.cudaProblem();
        if (problem.isPresent()) {
          return new DeviceSelection(
              Device.cpu(),
              "AUTO: " + n + " GPU(s) reported but CUDA natives are unusable (" + problem.get()
                  + "), falling back to CPU");
        }
        return new DeviceSelection(Device.gpu(0), "AUTO: " + n + " CUDA GPU(s) usable, using gpu(0)");
      }
      case GPU: {
        int idx = choice.gpuIndex();
        int n = probe.gpuCount();
        if (idx >= n) {
          throw new NoSuchDeviceException(
              "gpu:" + idx + " requested but the engine reports " + n + " GPU(s)"
                  + probe.cudaProblem().map(w -> " (" + w + ")").orElse(""));
        }
        Optional<String> problem = probe.cudaProblem();
        if (problem.isPresent()) {
          throw new NoSuchDeviceException(
              "gpu:" + idx + " requested but CUDA natives are unusable: " + problem.get());
        }
        return new DeviceSelection(Device.gpu(idx), "gpu:" + idx + " requested and usable");
      }
      default:
        throw new EcgArgumentException("unknown device choice " + choice);
    }
  }
}
