package dev.ecg.models.reliability;

import dev.ecg.io.fuzz.FuzzInput;
import dev.ecg.io.fuzz.FuzzRunner;
import dev.ecg.io.fuzz.FuzzTarget;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every input that once crashed a model-package reader (kept under
 * {@code src/test/resources/fuzz/regressions/<target>/<case>/}, files listed in
 * {@code inputs.txt}): each must now load or fail with a ModelPackageException.
 */
class ModelFuzzRegressionTest {

  @TestFactory
  Stream<DynamicTest> crashingInputsNowFailTyped() throws Exception {
    Path root = Path.of(ModelFuzzRegressionTest.class.getResource("/fuzz/regressions").toURI());
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> targets = Files.list(root)) {
      for (Path td : targets.sorted().toList()) {
        FuzzTarget t = ModelTargets.named(td.getFileName().toString());
        try (Stream<Path> cases = Files.list(td)) {
          for (Path c : cases.sorted().toList()) {
            tests.add(DynamicTest.dynamicTest(t.name() + "/" + c.getFileName(), () -> {
              List<String> names = Files.readAllLines(c.resolve("inputs.txt")).stream()
                  .filter(s -> !s.isBlank()).toList();
              List<byte[]> parts = new ArrayList<>();
              for (String n : names) {
                parts.add(Files.readAllBytes(c.resolve(n)));
              }
              Path dir = Files.createTempDirectory("fuzz-regression");
              java.util.concurrent.ExecutorService worker = Executors.newSingleThreadExecutor();
              try {
                Throwable e = FuzzRunner.once(t, dir, new FuzzInput(names, parts),
                    worker, 30_000);
                assertTrue(e == null || (t.allowed(e) && !(e instanceof TimeoutException)),
                    () -> FuzzRunner.trace(e));
              } finally {
                worker.shutdownNow();
                FuzzRunner.deleteTree(dir);
              }
            }));
          }
        }
      }
    }
    assertFalse(tests.isEmpty(), "no regression inputs under " + root);
    return tests.stream();
  }
}
