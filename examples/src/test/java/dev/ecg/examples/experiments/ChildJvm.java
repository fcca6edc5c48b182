package dev.ecg.examples.experiments;

import dev.ecg.examples.EcgCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ecg} in a child JVM with the test class path. XGBoost4J's native library and DJL's
 * PyTorch natives, which other tests of this module load, abort the process when both live in
 * one JVM ({@code munmap_chunk(): invalid pointer}), so a booster gets a process of its own, as
 * it has under {@code ecg train}.
 */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * @param args the {@code ecg} arguments
   * @return its exit code
   * @throws AssertionError if it runs longer than five minutes
   */
  static int ecg(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), EcgCli.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("ecg " + String.join(" ", args) + " did not finish in 5 minutes");
    }
    return p.exitValue();
  }
}
