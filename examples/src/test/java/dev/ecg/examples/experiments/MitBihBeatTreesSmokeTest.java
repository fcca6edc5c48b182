package dev.ecg.examples.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.json.JsonReader;
import dev.ecg.io.datasets.MitBih;
import dev.ecg.io.features.BeatFeatures;
import dev.ecg.models.ClassificationResult;
import dev.ecg.models.EcgClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke version of {@code mitbih-beat-trees} (the first 5 DS1 records, 10 rounds): the beat
 * table, the out-of-fold predictions of each weighting, the report, and a package that
 * classifies a record's detected beats. Skipped when the MIT-BIH data is absent. The booster
 * runs in a child JVM (XGBoost4J and PyTorch natives abort one process together).
 */
class MitBihBeatTreesSmokeTest {
  @TempDir Path tmp;

  @Test
  void smokeRunWritesBeatsReportsAndALoadablePackage() throws Exception {
    Assumptions.assumeTrue(DataDir.find("mitdb").isPresent(), DataDir.missingMessage("mitdb"));
    Path data = DataDir.find("mitdb").get().getParent();
    Path out = tmp.resolve("beats");
    assertEquals(0, ChildJvm.ecg("train", "--experiment", "mitbih-beat-trees", "--smoke", "--data",
        data.toString(), "--out", out.toString()));
    List<String> beats = Files.readAllLines(out.resolve("ds1-beats.csv"));
    assertEquals("record,label," + String.join(",", BeatFeatures.names()), beats.get(0));
    assertTrue(beats.size() > 5 * 1500, "five half-hour records: " + beats.size());
    Map<?, ?> json = (Map<?, ?>) JsonReader.parse(Files.readString(
        out.resolve("ds1-cv-report.json")));
    assertEquals(beats.size() - 1L, ((Number) json.get("n")).longValue());
    assertTrue(Files.readString(out.resolve("summary.txt")).contains("chosen: "));
    MitBih db = new MitBih(DataDir.find("mitdb").get());
    try (EcgClassifier clf = EcgClassifier.load(out.resolve("packages").resolve("mitbih-beats"))) {
      ClassificationResult r = clf.classify(db.load("100"));
      // record 100 has 2,273 beats; the detector finds nearly all of them
      assertTrue(Math.abs(r.size() + r.skipped().size() - 2273) < 30, "beats " + r.size());
      assertEquals(List.of("N", "S", "V", "F", "Q"), clf.classNames());
    }
  }

  @Test
  void hybridSmokeRunFusesTheNetworkAndTheTreesIntoOneLoadablePackage() throws Exception {
    Assumptions.assumeTrue(DataDir.find("mitdb").isPresent(), DataDir.missingMessage("mitdb"));
    Path data = DataDir.find("mitdb").get().getParent();
    MitBih db = new MitBih(DataDir.find("mitdb").get());
    // a stand-in out-of-fold file for the first five DS1 records: the smoke run needs its
    // shape, not its values
    StringBuilder oof = new StringBuilder("record,index,label,p_N,p_S,p_V,p_F,p_Q\n");
    for (String r : dev.ecg.core.split.MitBihInterPatient.DS1.subList(0, 5)) {
      int i = 0;
      for (dev.ecg.io.Annotation a : db.annotations(r)) {
        var c = dev.ecg.core.labels.AamiClass.fromMitSymbol(a.symbol());
        if (c.isPresent()) {
          oof.append(r).append(',').append(i++).append(',').append(c.get().name())
              .append(i % 7 == 0 ? ",0.2,0.6,0.1,0.05,0.05\n" : ",0.9,0.05,0.03,0.01,0.01\n");
        }
      }
    }
    Path oofCsv = tmp.resolve("oof.csv");
    Files.writeString(oofCsv, oof.toString());
    Path cfg = tmp.resolve("hybrid.json");
    Files.writeString(cfg, "{\"network\": \"mitbih-aami5\", \"networkOof\": \""
        + oofCsv.toString().replace("\\", "\\\\") + "\", \"networkOffsets\": "
        + "[0, -0.25, -1.75, 0, 0]}");
    Path out = tmp.resolve("hybrid");
    assertEquals(0, ChildJvm.ecg("train", "--experiment", "mitbih-beat-trees", "--smoke",
        "--config", cfg.toString(), "--data", data.toString(), "--out", out.toString()));
    List<String> header = Files.readAllLines(out.resolve("ds1-beats.csv")).subList(0, 1);
    assertTrue(header.get(0).endsWith(",net_p_N,net_p_S,net_p_V,net_p_F,net_p_Q"), header.get(0));
    try (EcgClassifier clf = EcgClassifier.load(out.resolve("packages").resolve("mitbih-beats"))) {
      assertEquals(187 + BeatFeatures.names().size(), clf.manifest().inputLength());
      assertEquals("probabilities", clf.manifest().output());
      ClassificationResult r = clf.classify(db.load("100"));
      assertTrue(Math.abs(r.size() + r.skipped().size() - 2273) < 30, "beats " + r.size());
    }
  }

  @Test
  void configRefusesUnknownFeaturesAndWeightings() {
    MitBihBeatTrees e = new MitBihBeatTrees();
    String ok = ExperimentConfigs.toJson(ExperimentConfigs.defaults(e));
    assertEquals(ExperimentConfigs.defaults(e),
        e.parseConfig(JsonFields.of(JsonReader.parse(ok), "ok")));
    String badFeature = ok.replace("\"rr_pre\"", "\"rr_before\"");
    assertTrue(!badFeature.equals(ok), ok);
    assertThrows(EcgArgumentException.class,
        () -> e.parseConfig(JsonFields.of(JsonReader.parse(badFeature), "bad")));
    String badWeighting = ok.replace("\"sqrt\"", "\"cube\"");
    assertThrows(EcgArgumentException.class,
        () -> e.parseConfig(JsonFields.of(JsonReader.parse(badWeighting), "bad")));
  }
}
