package dev.ecg.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Inference needs no PyTorch: with every {@code ai.djl.pytorch} jar taken off the class path (as
 * a Maven client does with an exclusion, README "Use it from Maven"), all bundled models load
 * and classify on ONNX Runtime in a fresh JVM; asking for PyTorch there is refused with one
 * sentence naming the artifact to add.
 */
class OnnxOnlyClasspathTest {
  @Test
  void everyBundledModelRunsWithoutThePyTorchJars() throws Exception {
    List<String> full = Arrays.asList(System.getProperty("java.class.path")
        .split(File.pathSeparator));
    String cp = full.stream().filter(e -> !e.contains("pytorch"))
        .collect(Collectors.joining(File.pathSeparator));
    assertTrue(full.stream().anyMatch(e -> e.contains("pytorch")),
        "the test class path should hold the PyTorch jars this test removes");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", cp, OnnxOnlyMain.class.getName()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the child JVM did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    List<String> ok = out.lines().filter(l -> l.startsWith("OK ")).toList();
    assertEquals(4, ok.size(), out);
    for (String l : ok) {
      assertTrue(l.toLowerCase(java.util.Locale.ROOT).contains("onnx"), l);
    }
    assertFalse(out.contains("NoClassDefFoundError"), out);
    assertFalse(out.contains("UNEXPECTED"), out);
    List<String> refused = out.lines().filter(l -> l.startsWith("REFUSED ")).toList();
    assertEquals(2, refused.size(), out);
    for (String l : refused) {
      assertTrue(l.contains("PyTorch engine") && l.contains("dev.ecg:ecg-train"), l);
    }
  }
}
