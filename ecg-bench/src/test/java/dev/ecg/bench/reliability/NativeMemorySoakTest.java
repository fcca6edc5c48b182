package dev.ecg.bench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.bench.NativeMemorySoak;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The CI version of {@link NativeMemorySoak}: 20,000 ONNX Runtime and 3,000 PyTorch predictions
 * (the long run is in {@code docs/reliability.md}). It runs the real main program in a child JVM
 * with a fixed, pre-touched 256 MiB heap, so Java heap growth cannot pass for native growth, and
 * requires the program's verdict: RSS after warm-up (the first 10 %) grows by at most 15 %.
 */
class NativeMemorySoakTest {

  static List<String> soak(String engine, int predictions, int every) throws Exception {
    Path log = Files.createTempFile("soak", ".csv");
    try {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-Dai.djl.offline=true",
          "-cp", System.getProperty("java.class.path"), NativeMemorySoak.class.getName(),
          "--predictions", Integer.toString(predictions), "--every", Integer.toString(every),
          "--engine", engine, "--max-growth", "0.15")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("soak did not finish within 10 minutes");
      }
      List<String> out = Files.readAllLines(log, StandardCharsets.UTF_8);
      out.stream().filter(l -> l.startsWith("#")).forEach(l -> System.out.println("[soak] " + l));
      assertEquals(0, p.exitValue(), String.join("\n", out));
      return out;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static void check(List<String> out, String engine, int points) {
    long rows = out.stream().filter(l -> l.startsWith(engine + ",")).count();
    assertEquals(points, rows, "RSS samples for " + engine);
    assertTrue(out.stream().anyMatch(l -> l.startsWith("# " + engine) && l.endsWith(
        "PASS (bound 15 %)")), String.join("\n", out));
  }

  @Test
  void onnxRuntimeRssStaysFlat() throws Exception {
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs Linux /proc");
    check(soak("onnx", 20_000, 1_000), "OnnxRuntime", 21);
  }

  @Test
  void pyTorchRssStaysFlat() throws Exception {
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs Linux /proc");
    check(soak("pytorch", 3_000, 250), "PyTorch", 13);
  }

  @Test
  void rssIsReadFromProc() throws IOException {
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs Linux /proc");
    long kb = NativeMemorySoak.rssKb();
    // a running JVM is resident for more than 10 MiB and less than the machine
    assertTrue(kb > 10 * 1024 && kb < 1L << 40, Long.toString(kb));
  }
}
