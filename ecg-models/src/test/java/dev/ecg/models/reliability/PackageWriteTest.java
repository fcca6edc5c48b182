package dev.ecg.models.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.models.pkg.ModelPackageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ModelPackage.Writer.write} never leaves a partial package under the final name: a full
 * disk part way through (child JVM under {@code ulimit -f 512}) and a failing final rename both
 * end in a {@link ModelPackageException}, the previous package intact and no temporary left.
 */
class PackageWriteTest {
  static final byte[] OLD = "previous package".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path tmp;

  static Set<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void fullDiskMidWriteKeepsThePreviousPackage() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
    for (String name : new String[] {"m.zip", "m-folder"}) {
      Path dir = Files.createDirectories(tmp.resolve("disk-" + name));
      Path target = dir.resolve(name);
      if (name.endsWith(".zip")) {
        Files.write(target, OLD);
      }
      Set<String> before = listing(dir);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder("/bin/sh", "-c", "ulimit -f 512 && exec \"$0\" -Xmx512m "
          + "-cp \"$1\" " + PackageWriteChild.class.getName() + " \"$2\"", java,
          System.getProperty("java.class.path"), target.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(5, TimeUnit.MINUTES));
      assertEquals(3, p.exitValue(), "expected a ModelPackageException:\n" + out);
      assertEquals(before, listing(dir), "no temporary or partial package may remain");
      if (name.endsWith(".zip")) {
        assertArrayEquals(OLD, Files.readAllBytes(target));
      }
    }
  }

  @Test
  void failingRenameLeavesNoTemporary() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("rename"));
    Path blocker = Files.createDirectories(dir.resolve("m.zip"));
    Files.write(blocker.resolve("keep"), OLD);
    Set<String> before = listing(dir);
    assertThrows(ModelPackageException.class, () -> PackageWriteChild.write(blocker));
    assertEquals(before, listing(dir));
    assertArrayEquals(OLD, Files.readAllBytes(blocker.resolve("keep")));
  }
}
