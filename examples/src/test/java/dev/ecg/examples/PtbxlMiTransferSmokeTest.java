package dev.ecg.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.json.JsonReader;
import dev.ecg.examples.experiments.PtbxlMi;
import dev.ecg.models.EcgClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * CI smoke run of {@code ecg train --experiment ptbxl-mi-transfer --smoke} (6 + 6 training
 * records, one epoch per arm) and {@code ecg evaluate --dataset ptbxl} on its package. Skipped
 * when the PTB-XL subset is absent.
 */
class PtbxlMiTransferSmokeTest {
  @TempDir static Path tmp;
  private static Path ptbxl;
  private static Path out;

  @BeforeAll
  static void trainOnce() {
    Assumptions.assumeTrue(DataDir.find("ptbxl").isPresent(), DataDir.missingMessage("ptbxl"));
    ptbxl = DataDir.find("ptbxl").get();
    out = tmp.resolve("run");
    assertEquals(0, run("train", "--experiment", "ptbxl-mi-transfer", "--smoke", "--data",
        ptbxl.getParent().toString(), "--out", out.toString()));
  }

  private static int run(String... args) {
    return new CommandLine(new EcgCli()).execute(args);
  }

  private static Map<?, ?> json(Path p) throws Exception {
    return (Map<?, ?>) JsonReader.parse(Files.readString(p));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> ci(Map<?, ?> report, String key) {
    return (Map<String, Object>) ((Map<?, ?>) report.get("ci95")).get(key);
  }

  @Test
  void bothArmsWriteReportsAndLoadablePackages() throws Exception {
    for (String arm : List.of("pretrained", "scratch")) {
      Path d = out.resolve(arm);
      for (String f : List.of("report.json", "report.txt", "confusion.png", "history.json",
          "loss.png", "model/ecg-model.json", "model/model.onnx", "model/model-0000.params")) {
        assertTrue(Files.size(d.resolve(f)) > 0, arm + "/" + f);
      }
      Map<?, ?> r = json(d.resolve("report.json"));
      // smoke: the first 3 NORM-only and 3 MI records of fold 10
      assertEquals(6L, ((Number) r.get("n")).longValue());
      assertEquals(6, ((String) r.get("test_records")).split(" ").length);
      assertTrue(ci(r, "macro_auc") != null && ci(r, "f1_MI") != null, arm);
      try (EcgClassifier clf = EcgClassifier.load(d.resolve("model"))) {
        assertEquals(PtbxlMi.CLASSES, clf.classNames());
        assertEquals(12, clf.manifest().leads());
        assertTrue(clf.manifest().provenance().metrics().containsKey(PtbxlMi.THRESHOLD_KEY));
      }
    }
    Map<?, ?> cmp = json(out.resolve("comparison.json"));
    Map<?, ?> arms = (Map<?, ?>) cmp.get("arms");
    assertEquals(List.of("pretrained", "scratch"), List.copyOf(arms.keySet()));
    assertTrue(((Map<?, ?>) cmp.get("auc_difference_pretrained_minus_scratch"))
        .containsKey("point"));
    // smoke runs train two seeds per arm; the first seed's values are those of the reports
    List<?> seeds = (List<?>) cmp.get("seeds");
    assertEquals(2, seeds.size());
    Map<?, ?> first = (Map<?, ?>) ((Map<?, ?>) seeds.get(0)).get("pretrained");
    Map<?, ?> second = (Map<?, ?>) ((Map<?, ?>) seeds.get(1)).get("pretrained");
    assertEquals(((Number) cmp.get("seed")).longValue() + 1,
        ((Number) second.get("seed")).longValue());
    Map<?, ?> pre = json(out.resolve("pretrained/report.json"));
    assertEquals(((Number) ci(pre, "accuracy").get("point")).doubleValue(),
        ((Number) first.get("accuracy")).doubleValue(), 1e-4);
    // the pretrained arm did start from the MIT-BIH weights (copied tensors are logged)
    String init = (String) json(out.resolve("pretrained/report.json")).get("initialisation");
    assertTrue(init.contains("mitbih-aami5") && init.contains("inflated"), init);
  }

  @Test
  void evaluateReproducesTheExperimentsOwnTestReport() throws Exception {
    Path pkg = out.resolve("pretrained/model");
    Map<?, ?> own = json(out.resolve("pretrained/report.json"));
    String[] ids = ((String) own.get("test_records")).split(" ");
    // a folder laid out like PTB-XL holding only those records
    Path mini = tmp.resolve("mini-ptbxl");
    Files.createDirectories(mini);
    Files.copy(ptbxl.resolve("ptbxl_database.csv"), mini.resolve("ptbxl_database.csv"));
    Files.copy(ptbxl.resolve("scp_statements.csv"), mini.resolve("scp_statements.csv"));
    for (String id : ids) {
      String base = String.format("records100/%05d/%05d_lr", Integer.parseInt(id) / 1000 * 1000,
          Integer.parseInt(id));
      for (String ext : List.of(".hea", ".dat")) {
        Path src = ptbxl.resolve(base + ext);
        Files.createDirectories(mini.resolve(base + ext).getParent());
        Files.copy(src, mini.resolve(base + ext));
      }
    }
    Path recs = tmp.resolve("ids.txt");
    Files.writeString(recs, String.join("\n", ids) + "\n");
    Path rep = tmp.resolve("eval/ptbxl.json");
    Files.createDirectories(rep.getParent());
    assertEquals(0, run("evaluate", "--model", pkg.toString(), "--dataset", "ptbxl", "--data",
        mini.toString(), "--records", recs.toString(), "--out", rep.toString()));
    Map<?, ?> ev = json(rep);
    assertEquals(6L, ((Number) ev.get("n")).longValue());
    assertEquals(own.get("record_threshold_MI"),
        String.format(java.util.Locale.ROOT, "%.4f", Double.parseDouble(
            (String) ev.get("threshold_MI"))));
    assertTrue(((String) ev.get("threshold_source")).contains("provenance"));
    // same inputs, same threshold: same confusion matrix; the AUC agrees up to the engine
    // (ONNX Runtime here, PyTorch in training)
    Map<?, ?> ownRep = (Map<?, ?>) own.get("report");
    Map<?, ?> evRep = (Map<?, ?>) ev.get("report");
    assertEquals(ownRep.get("confusion_matrix"), evRep.get("confusion_matrix"));
    assertEquals(((Number) ci(own, "macro_auc").get("point")).doubleValue(),
        ((Number) ci(ev, "macro_auc").get("point")).doubleValue(), 1e-6);
  }

  @Test
  void evaluateSelectsFoldsAndRefusesOtherModels() throws Exception {
    Path rep = tmp.resolve("fold10/report.json");
    Files.createDirectories(rep.getParent());
    assertEquals(0, run("evaluate", "--model", out.resolve("scratch/model").toString(),
        "--dataset", "ptbxl", "--data", ptbxl.toString(), "--folds", "10", "--threshold", "0.5",
        "--out", rep.toString()));
    Map<?, ?> ev = json(rep);
    // fold 10 holds 34 NORM-only and 8 MI records (Python csv + ast count over the CSV)
    assertEquals(42L, ((Number) ev.get("n")).longValue());
    assertEquals("--threshold", ev.get("threshold_source"));
    // an AAMI beat model is not a NORM-vs-MI model
    assertNotEquals(0, run("evaluate", "--model", "mitbih-aami5", "--dataset", "ptbxl",
        "--data", ptbxl.toString(), "--folds", "10"));
  }
}
