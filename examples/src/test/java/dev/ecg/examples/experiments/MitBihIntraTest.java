package dev.ecg.examples.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.json.JsonReader;
import dev.ecg.examples.EcgCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The settings helpers of {@code mitbih-intra} and a one-model smoke run. */
class MitBihIntraTest {
  @TempDir Path tmp;

  @Test
  void modelSelection() {
    MitBihIntra x = new MitBihIntra();
    MitBihIntra.Config d = ExperimentConfigs.defaults(x);
    assertEquals(List.of("kachueeresnet", "cnnbilstm"), d.models());
    assertEquals(List.of("cnnbilstm", "kachueeresnet"), ExperimentConfigs.override(x, d,
        "{\"models\": [\"cnnbilstm\", \"kachueeresnet\"]}", "m.json").models());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ExperimentConfigs.override(x, d, "{\"models\": [\"resnet\"]}", "m.json"));
    assertTrue(e.getMessage().contains("resnet") && e.getMessage().startsWith("m.json: 'models'"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ExperimentConfigs.override(x, d, "{\"models\": []}", "m.json"));
    assertThrows(IllegalArgumentException.class, () -> ExperimentConfigs.override(x, d,
        "{\"models\": [\"cnnbilstm\", \"cnnbilstm\"]}", "m.json"));
  }

  @Test
  void classWeightsMatchHandComputation() {
    // 16 beats of class 0, 1 of class 1, none of class 2; power 0.5:
    // raw 16^-0.5 = 0.25 and 1; mean per beat (16 * 0.25 + 1) / 17 = 5/17
    // -> 0.25 * 17/5 = 0.85, 17/5 = 3.4; the absent class gets 1
    int[] y = new int[17];
    y[16] = 1;
    assertArrayEquals(new double[] {0.85, 3.4, 1.0}, dev.ecg.core.imbalance.ClassWeights.fillAbsent(
        dev.ecg.core.imbalance.ClassWeights.power(y, 3, 0.5), 1), 1e-12);
    // power 0 leaves every weight at 1
    assertArrayEquals(new double[] {1, 1, 1}, dev.ecg.core.imbalance.ClassWeights.fillAbsent(
        dev.ecg.core.imbalance.ClassWeights.power(y, 3, 0), 1), 1e-12);
  }

  @Test
  void partOfPassDrawsDistinctIndicesAndIsReproducible() {
    checkIndices(MitBihIntra.partOfPass(4).epochIndices(10, new SplittableRandom(7)),
        4, 10);
    int[] all = MitBihIntra.partOfPass(25).epochIndices(10, new SplittableRandom(7));
    checkIndices(all, 10, 10);
    assertArrayEquals(MitBihIntra.partOfPass(4).epochIndices(1000, new SplittableRandom(3)),
        MitBihIntra.partOfPass(4).epochIndices(1000, new SplittableRandom(3)));
    assertFalse(Arrays.equals(
        MitBihIntra.partOfPass(50).epochIndices(1000, new SplittableRandom(3)),
        MitBihIntra.partOfPass(50).epochIndices(1000, new SplittableRandom(4))));
    assertThrows(IllegalArgumentException.class, () -> MitBihIntra.partOfPass(0));
  }

  @Test
  void smokeRunOfOneModel() throws Exception {
    Assumptions.assumeTrue(DataDir.find("mitdb").isPresent(), DataDir.missingMessage("mitdb"));
    Path data = DataDir.find("mitdb").get().getParent();
    Path out = tmp.resolve("intra");
    Path cfg = tmp.resolve("only-cnnbilstm.json");
    Files.writeString(cfg, "{\"models\": [\"cnnbilstm\"], \"epochsCnnBiLstm\": 3}");
    assertEquals(0, new CommandLine(new EcgCli()).execute("train", "--experiment",
        "mitbih-intra", "--smoke", "--config", cfg.toString(), "--seed", "7", "--data",
        data.toString(), "--out", out.toString()));
    assertFalse(Files.exists(out.resolve("kachueeresnet")), "only the selected model is trained");
    Path dir = out.resolve("cnnbilstm");
    for (String f : List.of("report.json", "report.txt", "confusion.png", "history.json",
        "model/ecg-model.json", "model/model.onnx")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    Map<?, ?> json = (Map<?, ?>) JsonReader.parse(Files.readString(dir.resolve("report.json")));
    assertTrue(json.containsKey("ci95"), "report has bootstrap CIs");
    assertTrue(String.valueOf(json.get("protocol")).startsWith("LEAKY"), "labelled leaky");
    // the effective configuration: the file's members, --seed over the default seed, the rest
    // from the defaults in the jar
    Map<?, ?> config = (Map<?, ?>) json.get("config");
    assertEquals(Map.of("seed", 7.0, "models", List.of("cnnbilstm"), "epochsKachueeResNet", 16.0,
        "epochsCnnBiLstm", 3.0), config);
    assertEquals(config, JsonReader.parse(Files.readString(out.resolve("config.json"))));
    assertTrue(Files.readString(out.resolve("summary.txt")).contains("LEAKY"));
  }

  private static void checkIndices(int[] idx, int expectedLength, int n) {
    assertEquals(expectedLength, idx.length);
    assertEquals(expectedLength, Arrays.stream(idx).distinct().count(), "distinct");
    assertTrue(Arrays.stream(idx).allMatch(i -> i >= 0 && i < n), "in range");
  }
}
