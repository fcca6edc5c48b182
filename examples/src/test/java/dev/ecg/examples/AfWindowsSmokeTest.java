package dev.ecg.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.json.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * CI smoke version of {@code ecg train --experiment af-windows --smoke}: three MIT-BIH records (two with AF) and
 * 20 CinC 2017 recordings, one epoch, both protocols and both models. Checks that every part
 * writes its reports, that the record-level folds share no record between training and test while
 * the window-level split does, and that the combined table holds the four protocol x model rows.
 * Skipped when the reference data is absent.
 */
class AfWindowsSmokeTest {
  @TempDir Path tmp;

  private static Map<?, ?> json(Path p) throws Exception {
    return (Map<?, ?>) JsonReader.parse(Files.readString(p));
  }

  private static void assertReports(Path dir) throws Exception {
    for (String f : List.of("report.json", "report.txt", "confusion.png", "history.json",
        "loss.png", "predictions.csv")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, dir + "/" + f);
    }
    Map<?, ?> j = json(dir.resolve("report.json"));
    assertTrue(j.containsKey("ci95") && j.containsKey("report"), "report.json of " + dir);
    assertTrue(((Map<?, ?>) j.get("ci95")).containsKey("f1_AF"), "f1_AF interval in " + dir);
  }

  @Test
  void bothProtocolsAndModelsRunAndTheGroupFoldsDoNotLeak() throws Exception {
    Assumptions.assumeTrue(DataDir.find("mitdb").isPresent(), DataDir.missingMessage("mitdb"));
    Assumptions.assumeTrue(DataDir.find("cinc2017").isPresent(),
        DataDir.missingMessage("cinc2017"));
    Path data = DataDir.find("mitdb").get().getParent();
    Path out = tmp.resolve("afw");
    assertEquals(0, new CommandLine(new EcgCli()).execute("train", "--experiment", "af-windows",
        "--smoke", "--data", data.toString(), "--out", out.toString()));
    for (String model : List.of("cnn1d", "spec2d")) {
      Path random = out.resolve("random").resolve(model);
      assertReports(random);
      // windows of one record on both sides: the leak this experiment demonstrates
      assertTrue(Integer.parseInt((String) json(random.resolve("report.json"))
          .get("records_shared_train_test")) > 0, "random split of " + model);
      for (int f = 1; f <= 2; f++) {
        Path fold = out.resolve("group").resolve(model).resolve("fold" + f);
        assertReports(fold);
        assertEquals("0", json(fold.resolve("report.json")).get("records_shared_train_test"),
            "group fold " + f + " of " + model);
      }
      assertTrue(Files.size(out.resolve("group").resolve(model).resolve("pooled-report.json"))
          > 0);
    }
    List<String> rows = Files.readAllLines(out.resolve("table.md")).stream()
        .filter(l -> l.startsWith("| random") || l.startsWith("| record-level")).toList();
    assertEquals(4, rows.size(), String.join("\n", rows));
  }
}
