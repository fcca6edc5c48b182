package dev.ecg.bench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.bench.NativeMemorySoak;
import dev.ecg.models.engine.EngineChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI version of {@link NativeMemorySoak}: 20,000 predictions per engine (the full run is
 * 10^6, see {@code docs/reliability.md}). The surefire JVM has a growable 4 GiB heap, so the bound
 * is loose: after warm-up the RSS may grow by at most 25 % and 128 MiB. A leak of one 187-float
 * input tensor per call would add ~15 MB per 20k calls on top of the per-call NDArray overhead,
 * and a leaked NDManager per call far more.
 */
class NativeMemorySoakTest {
  @TempDir Path tmp;

  @Test
  void rssStaysFlatOverTwentyThousandPredictionsPerEngine() throws Exception {
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs Linux /proc");
    Path pkg = NativeMemorySoak.writePackage(tmp);
    for (EngineChoice e : new EngineChoice[] {EngineChoice.ONNX_RUNTIME, EngineChoice.PYTORCH}) {
      NativeMemorySoak.Result r = NativeMemorySoak.run(pkg, e, 20_000, 1_000, null);
      System.out.println("[soak] " + r);
      assertEquals(21, r.points().size());
      assertTrue(r.growth() <= 0.25 && r.maxAfterWarmupKb() - r.warmupRssKb() <= 128 * 1024,
          r.toString());
    }
  }
}
