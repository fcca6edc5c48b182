package dev.ecg.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.json.JsonReader;
import dev.ecg.io.datasets.Cinc2017;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.EcgClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * CI smoke version of {@code ecg train --experiment af-binary --smoke}: 25 CinC 2017 recordings
 * and about 80 PTB-XL records, one epoch per model. Checks that the four reports are well formed,
 * that their counts add up, and that the two CinC packages replay their preprocessing: the
 * packaged model, run by {@code EcgClassifier.classify} on a raw test record, gives the P(AF)
 * the experiment wrote for it. Skipped when CinC 2017 or PTB-XL is absent.
 */
class AfBinarySmokeTest {
  @TempDir Path tmp;

  @Test
  void smokeRunWritesReportsAndReplayablePackages() throws Exception {
    Assumptions.assumeTrue(DataDir.find("cinc2017").isPresent(),
        DataDir.missingMessage("cinc2017"));
    Assumptions.assumeTrue(DataDir.find("ptbxl").isPresent(), DataDir.missingMessage("ptbxl"));
    Path data = DataDir.find("cinc2017").get().getParent();
    Path out = tmp.resolve("afb");
    assertEquals(0, new CommandLine(new EcgCli()).execute("train", "--experiment", "af-binary",
        "--smoke", "--data", data.toString(), "--out", out.toString()));
    for (String run : List.of("cinc-cnn", "cinc-bilstm", "ptbxl-cnn", "ptbxl-bilstm")) {
      Path dir = out.resolve(run);
      for (String f : List.of("report.json", "report.txt", "confusion.png",
          "test-predictions.csv", "training/history.json")) {
        assertTrue(Files.size(dir.resolve(f)) > 0, run + "/" + f);
      }
      Map<?, ?> json = (Map<?, ?>) JsonReader.parse(Files.readString(dir.resolve("report.json")));
      assertEquals("af-binary", json.get("experiment"));
      Map<?, ?> ci = (Map<?, ?>) json.get("ci95");
      assertTrue(ci.containsKey("f1_AF") && ci.containsKey("accuracy"), run + " " + ci.keySet());
      List<String> lines = Files.readAllLines(dir.resolve("test-predictions.csv"));
      assertEquals("record,label,p_af,pred", lines.get(0));
      assertEquals(((Number) json.get("n")).longValue(), lines.size() - 1L, run);
      double threshold = Double.parseDouble((String) json.get("threshold"));
      for (String l : lines.subList(1, lines.size())) {
        String[] c = l.split(",");
        double p = Double.parseDouble(c[2]);
        assertTrue(p >= 0 && p <= 1, l);
        if (Math.abs(p - threshold) > 1e-7) { // the CSV rounds to 8 decimals
          assertEquals(p >= threshold ? 1 : 0, Integer.parseInt(c[3]), l);
        }
      }
    }
    assertTrue(Files.exists(out.resolve("summary-cinc.txt")));
    assertTrue(Files.exists(out.resolve("summary-ptbxl.txt")));

    Cinc2017 db = new Cinc2017(data.resolve("cinc2017").resolve("training"));
    for (String model : List.of("cnn", "bilstm")) {
      Path dir = out.resolve("cinc-" + model);
      String[] first = Files.readAllLines(dir.resolve("test-predictions.csv")).get(1).split(",");
      try (EcgClassifier clf = EcgClassifier.load(dir.resolve("model"))) {
        assertEquals(List.of("other", "AF"), clf.classNames());
        List<String> steps = clf.manifest().preprocessing().stream()
            .map(Step::name).toList();
        assertEquals(model.equals("cnn") ? "rhythm-crop" : "rr-sequence",
            steps.get(steps.size() - 1));
        float[] p = clf.classify(db.load(first[0])).get(0).prediction().probabilities();
        assertEquals(Double.parseDouble(first[2]), p[1], 1e-4, model + " " + first[0]);
      }
    }
  }
}
