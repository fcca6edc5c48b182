package dev.ecg.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.json.JsonReader;
import dev.ecg.examples.experiments.MitBihBeats;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * CI smoke versions of the experiments: {@code ecg train --experiment X --smoke} (a few records,
 * one epoch) must run end to end and write a loadable package and reports. Skipped when the
 * reference data is absent.
 */
class TrainSmokeTest {
  @TempDir Path tmp;

  private static Path dataRoot(String dataset) {
    Assumptions.assumeTrue(DataDir.find(dataset).isPresent(), DataDir.missingMessage(dataset));
    return DataDir.find(dataset).get().getParent();
  }

  private static int run(String... args) {
    return new CommandLine(new EcgCli()).execute(args);
  }

  private static void assertOutputs(Path out) throws Exception {
    assertReports(out);
    for (String f : List.of("model/ecg-model.json", "model/model.onnx", "model/model-0000.params")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
  }

  private static void assertReports(Path out) throws Exception {
    for (String f : List.of("report.json", "report.txt", "confusion.png", "history.json",
        "loss.png")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    Map<?, ?> json = (Map<?, ?>) JsonReader.parse(Files.readString(out.resolve("report.json")));
    assertTrue(json.containsKey("ci95") && json.containsKey("report"));
  }

  @Test
  void mitbihInterSmokeTrainsPackagesAndEvaluates() throws Exception {
    Path data = dataRoot("mitdb");
    Path out = tmp.resolve("inter");
    assertEquals(0, run("train", "--experiment", "mitbih-inter", "--smoke", "--data",
        data.toString(), "--out", out.toString()));
    assertOutputs(out);
    try (EcgClassifier clf = EcgClassifier.load(out.resolve("model"))) {
      assertEquals(List.of("N", "S", "V", "F", "Q"), clf.classNames());
      // the package's provenance comes from the trainer (TrainingResult.toPackage) plus the
      // experiment's data, split and configuration name
      var prov = clf.manifest().provenance();
      assertTrue(prov.split().endsWith("experiment configuration: mitbih-inter defaults"),
          prov.split());
      assertEquals(20240601L, prov.seed());
      assertEquals("KachueeResNet", prov.training().architecture());
      assertEquals(prov.epochs().intValue(), prov.training().epochsRun());
      Prediction p = clf.predict(new float[MitBihBeats.LENGTH]);
      float sum = 0;
      for (float v : p.probabilities()) {
        sum += v;
      }
      assertEquals(1f, sum, 1e-4f);
    }
    Path recs = tmp.resolve("records.txt");
    Files.writeString(recs, "100\n");
    Path rep = tmp.resolve("eval.json");
    assertEquals(0, run("evaluate", "--model", out.resolve("model").toString(), "--dataset",
        "mitbih", "--data", data.resolve("mitdb").toString(), "--records", recs.toString(),
        "--out", rep.toString()));
    Map<?, ?> json = (Map<?, ?>) JsonReader.parse(Files.readString(rep));
    // record 100 holds 2273 beats with an AAMI class (MIT-BIH directory: 2239 N + 33 A + 1 V)
    assertEquals(2273L, ((Number) json.get("n")).longValue());
  }

  @Test
  void mitbihIntraSmoke() throws Exception {
    Path data = dataRoot("mitdb");
    Path out = tmp.resolve("intra");
    assertEquals(0, run("train", "--experiment", "mitbih-intra", "--smoke", "--data",
        data.toString(), "--out", out.toString()));
    assertOutputs(out.resolve("kachueeresnet"));
    assertOutputs(out.resolve("cnnbilstm"));
  }

  @Test
  void cinc2017Smoke() throws Exception {
    Path data = dataRoot("cinc2017");
    Path out = tmp.resolve("cinc");
    assertEquals(0, run("train", "--experiment", "cinc2017", "--smoke", "--data",
        data.toString(), "--out", out.toString()));
    assertReports(out.resolve("fold1"));
    try (EcgClassifier clf = EcgClassifier.load(out.resolve("model"))) {
      assertEquals(List.of("N", "A", "O", "~"), clf.classNames());
      assertEquals(1500, clf.manifest().inputLength());
    }
  }

  @Test
  void registeredButUnwrittenExperimentFailsWithoutResults() {
    // every published experiment is implemented now; a stand-in keeps the refusal path covered
    dev.ecg.examples.experiments.Experiments.register("unwritten-for-test",
        () -> new dev.ecg.examples.experiments.NotYetRun("unwritten-for-test", "test stand-in"));
    Path out = tmp.resolve("unwritten");
    assertNotEquals(0, run("train", "--experiment", "unwritten-for-test", "--out",
        out.toString()));
    assertTrue(!Files.exists(out.resolve("report.json")));
  }

  @Test
  void unknownExperimentIsRefused() {
    assertEquals(2, run("train", "--experiment", "no-such-thing", "--out",
        tmp.resolve("x").toString()));
  }
}
