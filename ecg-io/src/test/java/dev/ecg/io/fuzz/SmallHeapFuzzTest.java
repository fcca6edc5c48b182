package dev.ecg.io.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every ecg-io fuzz target again, in a child JVM with a 128 MiB heap: an input that makes a
 * reader allocate beyond what the file holds ends as an OutOfMemoryError there, which the child
 * reports as a failure (in the test JVM's larger heap it could pass unnoticed).
 */
class SmallHeapFuzzTest {

  @Test
  void everyTargetSurvivesMutatedInputsIn128MiB() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx128m",
        "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
        "-Decg.fuzz.seconds=" + System.getProperty("ecg.fuzz.smallheap.seconds", "0.5"),
        Main.class.getName());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child JVM timed out");
    String text = new String(out, StandardCharsets.UTF_8);
    System.out.println(text.lines().filter(l -> l.startsWith("[small-heap]"))
        .reduce("", (a, b) -> a + b + "\n"));
    assertEquals(0, p.exitValue(), "fuzzing in a 128 MiB heap failed (exit " + p.exitValue()
        + "; 3 = OutOfMemoryError):\n" + text);
  }

  /** Child JVM: exit 0 when every target passed, 1 on a failure, 3 on OutOfMemoryError. */
  public static final class Main {
    public static void main(String[] args) throws Exception {
      int failures = 0;
      try {
        for (FuzzTarget t : IoTargets.all()) {
          FuzzRunner.Report r = FuzzRunner.run(t);
          System.out.println("[small-heap] " + r);
          for (String f : r.failures()) {
            System.out.println(f);
          }
          failures += r.failures().size();
        }
      } catch (OutOfMemoryError e) {
        System.out.println("OutOfMemoryError: " + e.getMessage());
        System.exit(3);
      }
      System.exit(failures == 0 ? 0 : 1);
    }
  }
}
