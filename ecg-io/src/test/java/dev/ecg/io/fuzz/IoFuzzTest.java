package dev.ecg.io.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Time-bounded mutation fuzzing of every ecg-io parser (see {@link FuzzRunner} for the settings).
 * In CI each target runs about 2 s; the long run is documented in {@code docs/reliability.md}.
 * The only allowed outcomes are a parsed result or an {@link dev.ecg.io.EcgFormatException}.
 */
class IoFuzzTest {

  @TestFactory
  Stream<DynamicTest> everyParserSurvivesMutatedInputs() {
    return IoTargets.all().stream().map(t -> DynamicTest.dynamicTest(t.name(), () -> {
      FuzzRunner.Report r = FuzzRunner.run(t);
      log(r);
      assertTrue(r.failures().isEmpty(), () -> r + "\n" + String.join("\n---\n", r.failures()));
      assertTrue(r.inputs() > 0, "no inputs ran");
    }));
  }

  static void log(FuzzRunner.Report r) throws IOException {
    System.out.println("[fuzz] " + r);
    Path f = Path.of("target", "fuzz-report.csv");
    Files.createDirectories(f.getParent());
    if (!Files.exists(f)) {
      Files.writeString(f, "target,inputs,valid,typed,failures,seconds\n");
    }
    Files.writeString(f, String.format("%s,%d,%d,%d,%d,%.1f%n", r.target(), r.inputs(), r.valid(),
        r.typed(), r.failures().size(), r.seconds()), StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
  }
}
