package dev.ecg.models.reliability;

import dev.ecg.io.fuzz.FuzzInput;
import dev.ecg.io.fuzz.FuzzRunner;
import dev.ecg.io.fuzz.FuzzTarget;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.ModelPackageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Time-bounded mutation fuzzing of the model-package JSON and zip readers ({@link FuzzRunner}
 * settings); the only allowed failure is a {@link ModelPackageException}.
 */
class ModelFuzzTest {

  @TestFactory
  Stream<DynamicTest> packageReadersSurviveMutatedInputs() {
    return ModelTargets.all().stream().map(t -> DynamicTest.dynamicTest(t.name(), () -> {
      FuzzRunner.Report r = FuzzRunner.run(t);
      System.out.println("[fuzz] " + r);
      Path f = Path.of("target", "fuzz-report.csv");
      Files.createDirectories(f.getParent());
      Files.writeString(f, String.format("%s,%d,%d,%d,%d,%.1f%n", r.target(), r.inputs(),
          r.valid(), r.typed(), r.failures().size(), r.seconds()), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      assertTrue(r.failures().isEmpty(), () -> r + "\n" + String.join("\n---\n", r.failures()));
      assertTrue(r.inputs() > 0, "no inputs ran");
    }));
  }

  /** Deep nesting is a classic parser stack overflow: it must be a typed refusal. */
  @Test
  void deeplyNestedJsonIsATypedError() {
    for (String open : new String[] {"[", "{\"a\":"}) {
      String json = "{\"schemaVersion\":1,\"name\":" + open.repeat(200_000);
      assertThrows(ModelPackageException.class, () -> ModelManifest.fromJson(json, "deep"));
      String closed = "{\"schemaVersion\":1,\"x\":" + "[".repeat(100_000) + "]".repeat(100_000)
          + "}";
      try {
        ModelManifest.fromJson(closed, "deep");
      } catch (ModelPackageException expected) {
        // typed refusal is fine; a StackOverflowError would escape this test and fail it
      }
    }
  }

  /** A 10^7-character manifest string (e.g. a class name) parses or is refused, never OOM. */
  @Test
  void hugeStringFieldsAreBounded() throws IOException {
    String big = "x".repeat(10_000_000);
    String json = new String(ModelTargets.fullManifest().toJson().getBytes(StandardCharsets.UTF_8),
        StandardCharsets.UTF_8).replace("\"fuzz\"", "\"" + big + "\"");
    try {
      ModelManifest m = ModelManifest.fromJson(json, "big");
      assertTrue(m.name().length() == big.length());
    } catch (ModelPackageException expected) {
      // refusing an absurd name is also documented behaviour
    }
  }
}
