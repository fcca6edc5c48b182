package dev.ecg.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.models.engine.PyTorchAvailability;
import org.junit.jupiter.api.Test;

/** The artifact's promise: with ecg-train on the class path, the PyTorch engine is there. */
class TrainingRuntimeTest {

  @Test
  void pyTorchEngineLoadsAndItsKernelsAreChecked() {
    assertTrue(PyTorchAvailability.present());
    TrainingRuntime.Report r = TrainingRuntime.check();
    // the libtorch version pinned in the parent pom (2.7.1 by default, 2.5.1 with -Pcuda)
    assertTrue(r.engineVersion().matches("2\\.\\d+\\.\\d+.*"), r.engineVersion());
    assertTrue(r.selfTest().skipped() || r.selfTest().checks().size() >= 10, r.describe());
    assertTrue(r.describe().contains("libtorch kernel self-test"), r.describe());
  }
}
