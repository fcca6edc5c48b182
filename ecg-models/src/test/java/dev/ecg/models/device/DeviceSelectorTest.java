package dev.ecg.models.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.ecg.core.EcgArgumentException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceSelectorTest {

  private static DeviceProbe probe(int gpus, String problem) {
    return new DeviceProbe() {
      @Override
      public int gpuCount() {
        return gpus;
      }

      @Override
      public Optional<String> cudaProblem() {
        return Optional.ofNullable(problem);
      }
    };
  }

  @Test
  void autoOnGpuMachinePicksGpuZero() {
    DeviceSelection s = DeviceSelector.select(DeviceChoice.AUTO, probe(2, null));
    assertEquals(Device.gpu(0), s.device());
    assertTrue(s.reason().contains("gpu(0)"), s.reason());
  }

  @Test
  void autoWithBrokenCudaFallsBackToCpuWithReason() {
    DeviceSelection s = DeviceSelector.select(DeviceChoice.AUTO, probe(1, "libcudart.so.12: cannot open"));
    assertEquals(Device.cpu(), s.device());
    assertTrue(s.reason().contains("libcudart.so.12"), s.reason());
    assertTrue(s.reason().contains("CPU"), s.reason());
  }

  @Test
  void autoOnCpuMachinePicksCpu() {
    DeviceSelection s = DeviceSelector.select(DeviceChoice.AUTO, probe(0, "no GPU"));
    assertEquals(Device.cpu(), s.device());
    assertTrue(s.reason().contains("no CUDA GPU"), s.reason());
  }

  @Test
  void explicitGpuOutOfRangeOrBrokenIsTypedError() {
    NoSuchDeviceException e =
        assertThrows(NoSuchDeviceException.class, () -> DeviceSelector.select(DeviceChoice.gpu(2), probe(2, null)));
    assertTrue(e.getMessage().contains("gpu:2") && e.getMessage().contains("2 GPU"), e.getMessage());
    assertThrows(NoSuchDeviceException.class, () -> DeviceSelector.select(DeviceChoice.gpu(0), probe(1, "broken")));
    assertEquals(Device.gpu(1), DeviceSelector.select(DeviceChoice.gpu(1), probe(2, null)).device());
    assertEquals(Device.cpu(), DeviceSelector.select(DeviceChoice.CPU, probe(4, null)).device());
  }

  @Test
  void parsesCommandLineForms() {
    assertEquals(DeviceChoice.AUTO, DeviceChoice.parse("AUTO"));
    assertEquals(DeviceChoice.CPU, DeviceChoice.parse(" cpu "));
    assertEquals(DeviceChoice.gpu(0), DeviceChoice.parse("gpu"));
    assertEquals(DeviceChoice.gpu(3), DeviceChoice.parse("gpu:3"));
    assertEquals(DeviceChoice.gpu(1), DeviceChoice.parse("cuda:1"));
    assertEquals("gpu:3", DeviceChoice.gpu(3).toString());
    assertThrows(EcgArgumentException.class, () -> DeviceChoice.parse("tpu"));
    assertThrows(EcgArgumentException.class, () -> DeviceChoice.gpu(-1));
  }

  @Test
  void realProbeOnThisMachineAgreesWithItself() {
    DjlDeviceProbe p = new DjlDeviceProbe();
    int n = p.gpuCount();
    assertTrue(n >= 0);
    if (n == 0) {
      assertTrue(p.cudaProblem().isPresent());
      assertEquals(Device.cpu(), DeviceSelector.select(DeviceChoice.AUTO, p).device());
    }
  }
}
