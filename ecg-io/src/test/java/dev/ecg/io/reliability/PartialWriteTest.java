package dev.ecg.io.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers never leave a half-written file under the final name. Two injected failures, no seam
 * in the writers needed:
 * <ul>
 *   <li>a full disk part way through the data: the writer runs in a child JVM under
 *       {@code ulimit -f 512} (512 KiB), so the kernel refuses the write with EFBIG;</li>
 *   <li>a failing final rename: the final name is a non-empty folder.</li>
 * </ul>
 * Either way the writer must throw an IOException, a previous file under the final name must be
 * byte-identical afterwards, and no temporary file may be left in the folder.
 */
class PartialWriteTest {
  static final byte[] OLD = "previous good content\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path tmp;

  /** Files the writer produces for a target, relative to the folder. */
  static List<String> outputs(String writer) {
    return switch (writer) {
      case "wfdb" -> List.of("r.dat", "r.hea");
      case "annotations" -> List.of("r.atr");
      case "edf" -> List.of("r.edf");
      default -> List.of("r.csv");
    };
  }

  static Path target(Path dir, String writer) {
    return switch (writer) {
      case "wfdb" -> dir.resolve("r");
      case "annotations" -> dir.resolve("r.atr");
      case "edf" -> dir.resolve("r.edf");
      default -> dir.resolve("r.csv");
    };
  }

  static Set<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"wfdb", "annotations", "edf", "heartbeat-csv"})
  void fullDiskMidWriteKeepsThePreviousFile(String writer) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
    for (boolean previous : new boolean[] {true, false}) {
      Path dir = Files.createDirectories(tmp.resolve(writer + "-" + previous));
      if (previous) {
        for (String f : outputs(writer)) {
          Files.write(dir.resolve(f), OLD);
        }
      }
      Set<String> before = listing(dir);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder("/bin/sh", "-c", "ulimit -f 512 && exec \"$0\" -Xmx512m "
          + "-cp \"$1\" " + PartialWriteChild.class.getName() + " \"$2\" \"$3\"", java,
          System.getProperty("java.class.path"), writer, target(dir, writer).toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(5, TimeUnit.MINUTES));
      assertEquals(3, p.exitValue(), "expected an IOException from the writer:\n" + out);
      assertTrue(out.contains("too large") || out.contains("File too large")
          || out.contains("IOException"), out);
      assertEquals(before, listing(dir), "no temporary or partial file may remain");
      if (previous) {
        for (String f : outputs(writer)) {
          assertArrayEquals(OLD, Files.readAllBytes(dir.resolve(f)), f + " was clobbered");
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"wfdb", "annotations", "edf", "heartbeat-csv"})
  void failingRenameLeavesNoTemporaryFile(String writer) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("rename-" + writer));
    // the first output's final name is a non-empty folder: the final move must fail
    Path blocker = dir.resolve(outputs(writer).get(0));
    Files.createDirectories(blocker);
    Files.write(blocker.resolve("keep"), OLD);
    Set<String> before = listing(dir);
    assertThrows(IOException.class, () -> PartialWriteChild.write(writer, target(dir, writer)));
    assertEquals(before, listing(dir), "no temporary or partial file may remain");
    assertArrayEquals(OLD, Files.readAllBytes(blocker.resolve("keep")));
    assertFalse(Files.isRegularFile(blocker));
  }
}
