package dev.ecg.io.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every input the fuzzer once crashed a parser with (kept under
 * {@code src/test/resources/fuzz/regressions/<target>/<case>/}, files listed in order in
 * {@code inputs.txt}): each must now parse or fail with the documented typed exception.
 */
class FuzzRegressionTest {

  /**
   * @param root the regressions folder
   * @param targetByName resolves a target folder name
   * @return one dynamic test per kept input
   * @throws Exception when the folder cannot be listed
   */
  static Stream<DynamicTest> replay(Path root,
      java.util.function.Function<String, FuzzTarget> targetByName) throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> targets = Files.list(root)) {
      for (Path td : targets.sorted().toList()) {
        FuzzTarget t = targetByName.apply(td.getFileName().toString());
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
              java.util.concurrent.ExecutorService worker =
                  java.util.concurrent.Executors.newSingleThreadExecutor();
              try {
                Throwable e = FuzzRunner.once(t, dir, new FuzzInput(names, parts),
                    worker, 30_000);
                assertTrue(e == null || (t.allowed(e)
                    && !(e instanceof java.util.concurrent.TimeoutException)),
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

  @TestFactory
  Stream<DynamicTest> crashingInputsNowFailTyped() throws Exception {
    Path root = Path.of(FuzzRegressionTest.class.getResource("/fuzz/regressions").toURI());
    return replay(root, IoTargets::named);
  }
}
