package dev.ecg.examples.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.json.JsonReader;
import dev.ecg.examples.EcgCli;
import dev.ecg.io.datasets.Cinc2017;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.BeatPrediction;
import dev.ecg.models.ClassificationResult;
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
 * Smoke version of the {@code cinc2017} cross-validation (12 recordings, 15 s windows, 2 folds,
 * one epoch each): both folds run into one folder, the pooled out-of-fold report appears, and
 * the final package replays the window pooling. Skipped when the CinC 2017 data is absent.
 */
class Cinc2017CvSmokeTest {
  private static final List<String> CLASSES = List.of("N", "A", "O", "~");

  @TempDir Path tmp;

  @Test
  void twoFoldSmokeCvPoolsOutOfFoldPredictionsAndPackagesWindowPooling() throws Exception {
    Assumptions.assumeTrue(DataDir.find("cinc2017").isPresent(),
        DataDir.missingMessage("cinc2017"));
    Path data = DataDir.find("cinc2017").get().getParent();
    Path out = tmp.resolve("cv");
    // fold 1 in one job, fold 2 (and the final model) in a second one, into the same folder
    runWith("1", "false", data, out);
    assertFalse(Files.exists(out.resolve("report.json")), "no pooled report after 1 of 2 folds");
    runWith("2", "true", data, out);

    int pooledRows = 0;
    for (String fold : List.of("fold1", "fold2")) {
      for (String f : List.of("report.json", "report.txt", "confusion.png", "oof.csv",
          "fold.properties", "history.json")) {
        assertTrue(Files.size(out.resolve(fold).resolve(f)) > 0, fold + "/" + f);
      }
      List<String> lines = Files.readAllLines(out.resolve(fold).resolve("oof.csv"));
      assertEquals("record,label,pooled_N,pooled_A,pooled_O,pooled_~,first_N,first_A,first_O,"
          + "first_~", lines.get(0));
      for (String line : lines.subList(1, lines.size())) {
        String[] c = line.split(",");
        assertEquals(10, c.length, line);
        assertTrue(CLASSES.contains(c[1]), line);
        for (int from : new int[] {2, 6}) {
          double sum = 0;
          for (int k = 0; k < 4; k++) {
            sum += Double.parseDouble(c[from + k]);
          }
          assertEquals(1.0, sum, 1e-4, line);
        }
      }
      pooledRows += lines.size() - 1;
      // each fold packages its network with an int8 twin and scores both on its test part
      java.util.Properties meta = new java.util.Properties();
      try (var rd = Files.newBufferedReader(out.resolve(fold).resolve("fold.properties"))) {
        meta.load(rd);
      }
      double agree = Double.parseDouble(meta.getProperty("int8_label_agreement"));
      assertTrue(agree >= 0 && agree <= 1, fold + ": " + agree);
      double fp32 = Double.parseDouble(meta.getProperty("fp32_cinc_score"));
      assertTrue(fp32 >= 0 && fp32 <= 1 && Double.parseDouble(
          meta.getProperty("int8_cinc_score")) >= 0, fold + ": " + meta);
      assertTrue(Files.exists(out.resolve(fold).resolve("int8").resolve("model.int8.onnx")),
          fold + "/int8/model.int8.onnx");
    }
    // 3 recordings of each class, every one predicted out of fold exactly once
    assertEquals(12, pooledRows);
    Map<?, ?> json = (Map<?, ?>) JsonReader.parse(Files.readString(out.resolve("report.json")));
    assertEquals(12L, ((Number) json.get("n")).longValue());
    assertTrue(((Map<?, ?>) json.get("ci95")).containsKey("cinc_score"));
    assertTrue(Files.readString(out.resolve("summary.txt")).contains("mean challenge score"));
    assertTrue(Files.readString(out.resolve("summary.txt")).contains("int8 twins"));

    try (EcgClassifier clf = EcgClassifier.load(out.resolve("model"))) {
      assertEquals(CLASSES, clf.classNames());
      assertEquals(1500, clf.manifest().inputLength());
      assertEquals(100.0, clf.manifest().samplingRate(), 0);
      List<Step> steps = clf.manifest().preprocessing();
      assertEquals(List.of("select-leads", "resample", "normalize", "rhythm-windows"),
          steps.stream().map(Step::name).toList());
      Cinc2017 db = new Cinc2017(data.resolve("cinc2017").resolve("training"));
      String id = db.records().get(0);
      var rec = db.load(id);
      ClassificationResult r = clf.classify(rec);
      // 15 s windows every 7.5 s plus, if needed, one ending at the record end
      double seconds = rec.length() / rec.fs();
      if (seconds <= 15) {
        assertEquals(1, r.size());
      } else {
        assertTrue(r.size() >= 2, r.size() + " windows of a " + seconds + " s record");
        long lastEnd = r.get(r.size() - 1).sample() + Math.round(15 * rec.fs());
        assertEquals(rec.length(), lastEnd, 3, "the last window ends at the record end");
      }
      long prev = -1;
      for (BeatPrediction p : r.beats()) {
        assertTrue(p.sample() > prev);
        prev = p.sample();
      }
    }
  }

  private void runWith(String fold, String fin, Path data, Path out) throws Exception {
    // the real run chooses the reading on validation; pin it to pooling here
    Path cfg = tmp.resolve("fold" + fold + ".json");
    Files.writeString(cfg, "{\"runFolds\": [" + fold + "], \"finalModel\": " + fin
        + ", \"pool\": \"windows\"}");
    assertEquals(0, new CommandLine(new EcgCli()).execute("train", "--experiment", "cinc2017",
        "--smoke", "--config", cfg.toString(), "--data", data.toString(), "--out",
        out.toString()));
  }
}
