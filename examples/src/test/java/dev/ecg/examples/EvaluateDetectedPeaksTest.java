package dev.ecg.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.json.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ecg evaluate --peaks detected}: the bundled beat model through
 * {@code EcgClassifier.classify} with its own detector, each reference beat scored by the
 * detection within 150 ms. On record 100 (2,273 AAMI beats, clean) nearly every beat is found.
 */
class EvaluateDetectedPeaksTest {
  @TempDir Path tmp;

  @Test
  void detectedPeaksAreMatchedToTheReferenceBeats() throws Exception {
    Assumptions.assumeTrue(DataDir.find("mitdb").isPresent(), DataDir.missingMessage("mitdb"));
    Path recs = tmp.resolve("records.txt");
    Files.writeString(recs, "100\n");
    Path rep = tmp.resolve("eval.json");
    int rc = new CommandLine(new EcgCli()).execute("evaluate", "--model", "mitbih-aami5",
        "--dataset", "mitbih", "--data", DataDir.find("mitdb").get().toString(), "--records",
        recs.toString(), "--peaks", "detected", "--out", rep.toString());
    assertEquals(0, rc);
    Map<?, ?> json = (Map<?, ?>) JsonReader.parse(Files.readString(rep));
    long n = ((Number) json.get("n")).longValue();
    int missed = Integer.parseInt((String) json.get("reference_beats_missed"));
    assertEquals(2273L, n + missed, "every reference beat is scored or missed (a beat the "
        + "quality gate skipped has no prediction, so it counts as missed)");
    assertTrue(missed < 10, "missed " + missed);
    assertTrue(json.containsKey("beats_skipped_by_quality_gate"));
    assertTrue(json.containsKey("extra_detections"));
    int bad = new CommandLine(new EcgCli()).execute("evaluate", "--model", "mitbih-aami5",
        "--dataset", "mitbih", "--data", DataDir.find("mitdb").get().toString(), "--records",
        recs.toString(), "--peaks", "nearby");
    assertNotEquals(0, bad, "an unknown --peaks value is refused");
  }

  @Test
  void recordsOfTheTrainingSetAreMarkedAndScoredApart() throws Exception {
    Assumptions.assumeTrue(DataDir.find("mitdb").isPresent(), DataDir.missingMessage("mitdb"));
    // 100 is a DS2 record; 101 is in DS1, the bundled model's training set (its provenance)
    Path recs = tmp.resolve("two.txt");
    Files.writeString(recs, "100\n101\n");
    Path rep = tmp.resolve("two").resolve("report.json");
    int rc = new CommandLine(new EcgCli()).execute("evaluate", "--model", "mitbih-aami5",
        "--dataset", "mitbih", "--data", DataDir.find("mitdb").get().toString(), "--records",
        recs.toString(), "--out", rep.toString());
    assertEquals(0, rc);
    Map<?, ?> all = (Map<?, ?>) JsonReader.parse(Files.readString(rep));
    assertEquals("1 of 2 (from the model's provenance)", all.get("records_in_training_set"));
    Map<?, ?> held = (Map<?, ?>) JsonReader.parse(Files.readString(
        rep.resolveSibling("report-held-out-report.json")));
    // record 100 alone: its 2,273 AAMI beats (101 has 1,865)
    assertEquals(2273L, ((Number) held.get("n")).longValue());
    assertEquals(2273L + 1865L, ((Number) all.get("n")).longValue());
  }
}
