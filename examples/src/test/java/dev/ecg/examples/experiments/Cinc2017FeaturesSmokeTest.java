package dev.ecg.examples.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.json.JsonReader;
import dev.ecg.io.features.RecordFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke version of {@code cinc2017-features} (5 recordings per class, 5 folds, 10 boosting
 * rounds): the feature cache, every fold's booster, the final booster, the pooled report and a
 * second run that reads the cache. Skipped when the CinC 2017 data is absent.
 */
class Cinc2017FeaturesSmokeTest {
  @TempDir Path tmp;

  @Test
  void smokeRunCachesFeaturesSavesBoostersAndReports() throws Exception {
    Assumptions.assumeTrue(DataDir.find("cinc2017").isPresent(),
        DataDir.missingMessage("cinc2017"));
    Path data = DataDir.find("cinc2017").get().getParent();
    Path out = tmp.resolve("feat");
    assertEquals(0, ChildJvm.ecg("train", "--experiment", "cinc2017-features", "--smoke", "--data",
        data.toString(), "--out", out.toString()));
    List<String> lines = Files.readAllLines(out.resolve("features.csv"));
    assertEquals(21, lines.size(), "header and 5 recordings of each of 4 classes");
    assertEquals("record,label," + String.join(",", RecordFeatures.names()), lines.get(0));
    for (int k = 1; k <= 5; k++) {
      assertTrue(Files.readString(out.resolve("fold" + k).resolve("xgb.json"))
          .contains("\"learner\""), "fold " + k);
    }
    Map<?, ?> model = (Map<?, ?>) JsonReader.parse(Files.readString(
        out.resolve("final-xgb.json")));
    assertTrue(model.containsKey("learner"));
    Map<?, ?> json = (Map<?, ?>) JsonReader.parse(Files.readString(out.resolve("report.json")));
    assertEquals(20L, ((Number) json.get("n")).longValue());
    assertTrue(((Map<?, ?>) json.get("ci95")).containsKey("cinc_score"));
    assertEquals("cinc2017-features", json.get("experiment"));
    assertTrue(((Map<?, ?>) json.get("config")).containsKey("maxDepth"));
    assertEquals(21, Files.readAllLines(out.resolve("oof.csv")).size());
    assertTrue(Files.readString(out.resolve("summary.txt")).contains("mean challenge score"));
    Map<?, ?> af = (Map<?, ?>) JsonReader.parse(Files.readString(
        out.resolve("af-detect").resolve("report.json")));
    assertTrue(((Map<?, ?>) af.get("ci95")).containsKey("f1_AF"));
    // both packages load and classify a CinC recording into one of their classes
    dev.ecg.io.datasets.Cinc2017 db = new dev.ecg.io.datasets.Cinc2017(
        DataDir.find("cinc2017").get().resolve("training"));
    String id = db.records().get(0);
    for (String name : List.of("cinc2017-rhythm", "af-detect")) {
      try (dev.ecg.models.EcgClassifier clf = dev.ecg.models.EcgClassifier.load(
          out.resolve("packages").resolve(name))) {
        dev.ecg.models.ClassificationResult r = clf.classify(db.load(id));
        assertEquals(1, r.size(), name + ": a recording of up to 30 s is one window");
        assertTrue(clf.classNames().contains(r.get(0).label()), name);
      }
    }
    // a second run reuses the cached features: identical file, same pooled predictions
    String csv = Files.readString(out.resolve("features.csv"));
    String oof = Files.readString(out.resolve("oof.csv"));
    assertEquals(0, ChildJvm.ecg("train", "--experiment", "cinc2017-features", "--smoke", "--data",
        data.toString(), "--out", out.toString()));
    assertEquals(csv, Files.readString(out.resolve("features.csv")));
    assertEquals(oof, Files.readString(out.resolve("oof.csv")), "seeded boosting repeats");
  }

  @Test
  void configRefusesOutOfRangeMembers() {
    Cinc2017Features e = new Cinc2017Features();
    String ok = ExperimentConfigs.toJson(ExperimentConfigs.defaults(e));
    assertEquals(ExperimentConfigs.defaults(e),
        e.parseConfig(JsonFields.of(JsonReader.parse(ok), "ok")));
    String bad = ok.replace("\"eta\": 0.05", "\"eta\": 0");
    assertTrue(!bad.equals(ok), ok);
    assertThrows(EcgArgumentException.class,
        () -> e.parseConfig(JsonFields.of(JsonReader.parse(bad), "bad")));
  }
}
