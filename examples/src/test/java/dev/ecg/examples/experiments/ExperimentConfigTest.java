package dev.ecg.examples.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.json.JsonReader;
import dev.ecg.examples.EcgCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Typed experiment configurations: the defaults in the jar, partial overrides, refusals naming
 * the file and the member, {@code --print-config}, and the example files in
 * {@code examples/configs/}. (That a smoke run's report.json holds the configuration is checked
 * by {@code MitBihIntraTest.smokeRunOfOneModel}.)
 */
class ExperimentConfigTest {
  private static final List<String> PUBLISHED = List.of("mitbih-inter", "mitbih-intra",
      "cinc2017", "cinc2017-fast", "af-binary", "af-windows", "ptbxl-mi-transfer",
      "cinc2017-features", "mitbih-beat-trees");

  @TempDir Path tmp;

  @Test
  void defaultsLoadForEveryRegisteredExperimentAndRoundTrip() {
    assertTrue(Experiments.names().containsAll(PUBLISHED), Experiments.names().toString());
    for (String name : Experiments.names()) {
      roundTrip(Experiments.get(name));
    }
  }

  private static <C extends ExperimentConfig<C>> void roundTrip(Experiment<C> e) {
    C d = ExperimentConfigs.defaults(e);
    // the JSON form parses back to an equal record, and seed/epochs overrides apply
    String json = ExperimentConfigs.toJson(d);
    assertEquals(d, e.parseConfig(JsonFields.of(JsonReader.parse(json), "printed")), e.name());
    assertEquals(20240601L, d.seed(), e.name() + ": the project's one default seed");
    assertEquals(5L, d.withSeed(5).seed());
    C three = d.withEpochs(3);
    if (!e.name().startsWith("unwritten")) {
      assertNotEquals(d, three, e.name() + ": --epochs changes an epoch budget");
      assertTrue(three.toJson().values().stream().anyMatch(v -> Integer.valueOf(3).equals(v)),
          e.name());
    }
  }

  @Test
  void defaultsHoldTodaysSettings() {
    MitBihInter.Config inter = ExperimentConfigs.defaults(new MitBihInter());
    assertEquals(new MitBihInter.Config(20240601L, MitBihInter.EPOCHS, "cv",
        List.of("zscore:1:1", "zscore:4:4", "minmax:1:1"), MitBihInter.POWER,
        MitBihInter.OFFSETS, MitBihInter.FOLDS, true), inter);
    assertEquals(String.join(",", inter.variants()), MitBihInter.VARIANTS);
    Cinc2017Rhythm.Config cinc = ExperimentConfigs.defaults(new Cinc2017Rhythm());
    assertEquals(new Cinc2017Rhythm.Config(20240601L, Cinc2017Rhythm.EPOCHS, 30, null, 5, null,
        true, 0, 8, 4, true, "auto"), cinc);
    assertEquals(new MitBihIntra.Config(20240601L, MitBihIntra.MODELS, MitBihIntra.KACHUEE_EPOCHS,
        MitBihIntra.CNNBILSTM_EPOCHS), ExperimentConfigs.defaults(new MitBihIntra()));
    assertEquals(new AfBinary.Config(20240601L, "all", List.of("cnn", "bilstm"), 1e-4, 1e-3, 15,
        30, 40, 60), ExperimentConfigs.defaults(new AfBinary()));
    assertEquals(new PtbxlMiTransfer.Config(20240601L, PtbxlMiTransfer.EPOCHS, "all",
        PtbxlMiTransfer.SEEDS), ExperimentConfigs.defaults(new PtbxlMiTransfer()));
    assertEquals(new Cinc2017Fast.Config(20240601L, Cinc2017Fast.EPOCHS),
        ExperimentConfigs.defaults(new Cinc2017Fast()));
    assertEquals(new AfWindows.Config(20240601L, AfWindows.EPOCHS, "both", "both",
        AfWindows.FOLDS, null, "both", 20, 400, 500, false),
        ExperimentConfigs.defaults(new AfWindows()));
  }

  @Test
  void partialOverrideChangesOnlyItsKeys() throws Exception {
    Cinc2017Rhythm e = new Cinc2017Rhythm();
    Cinc2017Rhythm.Config d = ExperimentConfigs.defaults(e);
    Path f = tmp.resolve("part.json");
    Files.writeString(f, "{\"runFolds\": [5, 2], \"finalEpochs\": 12, \"hop\": 10}");
    Cinc2017Rhythm.Config c = ExperimentConfigs.load(e, f);
    assertEquals(new Cinc2017Rhythm.Config(d.seed(), d.epochs(), d.seconds(), 10.0, d.folds(),
        List.of(5, 2), d.finalModel(), 12, d.filters(), d.patience(), d.randomCrop(), d.pool()),
        c);
    Map<String, Object> before = d.toJson();
    Map<String, Object> after = c.toJson();
    List<String> changed = new ArrayList<>();
    for (String k : before.keySet()) {
      if (!java.util.Objects.equals(before.get(k), after.get(k))) {
        changed.add(k);
      }
    }
    assertEquals(List.of("hop", "runFolds", "finalEpochs"), changed);
    // an empty file is the defaults; "all" and [] are the two ends of runFolds
    Files.writeString(f, "{}");
    assertEquals(d, ExperimentConfigs.load(e, f));
    Files.writeString(f, "{\"runFolds\": []}");
    assertEquals(List.of(), ExperimentConfigs.load(e, f).runFolds());
    Files.writeString(f, "{\"runFolds\": \"all\", \"hop\": null}");
    assertNull(ExperimentConfigs.load(e, f).runFolds());
  }

  @Test
  void unknownKeyWrongTypeAndOutOfRangeAreRefusedNamingFileAndKey() throws Exception {
    Path f = tmp.resolve("bad-config.json");
    String file = f.toString();
    assertRefused(new MitBihInter(), f, "{\"foldz\": 3}", file + ": unknown member(s) [foldz]");
    assertRefused(new MitBihInter(), f, "{\"folds\": \"3\"}",
        file + ": 'folds' must be a whole number");
    assertRefused(new MitBihInter(), f, "{\"folds\": 1}",
        file + ": 'folds' must be a whole number in [2, 22], got 1");
    assertRefused(new MitBihInter(), f, "{\"folds\": 2.5}", file + ": 'folds'");
    assertRefused(new MitBihInter(), f, "{\"power\": 1.5}", file + ": 'power' must be in [0.0, "
        + "1.0], got 1.5");
    assertRefused(new MitBihInter(), f, "{\"mode\": \"loo\"}", file + ": 'mode' must be one of "
        + "[cv, val], got 'loo'");
    assertRefused(new MitBihInter(), f, "{\"test\": \"yes\"}", file + ": 'test' must be true or "
        + "false");
    assertRefused(new MitBihInter(), f, "{\"variants\": [\"zscore:x:1\"]}", file
        + ": 'variants'");
    assertRefused(new MitBihInter(), f, "{\"seed\": null}", file + ": member 'seed' is required");
    assertRefused(new Cinc2017Rhythm(), f, "{\"runFolds\": [6]}", file + ": 'runFolds' holds");
    assertRefused(new Cinc2017Rhythm(), f, "{\"runFolds\": \"some\"}", file + ": 'runFolds' must "
        + "be \"all\"");
    assertRefused(new Cinc2017Rhythm(), f, "{\"epochs\": 0}", file + ": 'epochs' must be a whole "
        + "number in [1, 100000], got 0");
    assertRefused(new AfBinary(), f, "{\"models\": \"cnn\"}", file + ": 'models' must be an "
        + "array");
    assertRefused(new PtbxlMiTransfer(), f, "[1, 2]", file + ": expected a JSON object");
    assertRefused(new PtbxlMiTransfer(), f, "{\"leads\": ", file + ": not valid JSON");
    assertThrows(java.nio.file.NoSuchFileException.class,
        () -> ExperimentConfigs.load(new PtbxlMiTransfer(), tmp.resolve("absent.json")));
  }

  private static <C extends ExperimentConfig<C>> void assertRefused(Experiment<C> e, Path f,
      String json, String messageStart) throws Exception {
    Files.writeString(f, json);
    EcgArgumentException ex = assertThrows(EcgArgumentException.class,
        () -> ExperimentConfigs.load(e, f), json);
    assertTrue(ex.getMessage().startsWith(messageStart), ex.getMessage() + "\n  expected: "
        + messageStart);
  }

  @Test
  void printConfigParsesBackToTheEffectiveConfig() throws Exception {
    Path f = tmp.resolve("inter.json");
    Files.writeString(f, "{\"mode\": \"val\", \"variants\": [\"minmax:1:1\"]}");
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new EcgCli());
    cli.setOut(new PrintWriter(out));
    Path runs = tmp.resolve("runs");
    assertEquals(0, cli.execute("train", "--experiment", "mitbih-inter", "--config",
        f.toString(), "--seed", "42", "--epochs", "3", "--print-config", "--out",
        runs.toString()));
    MitBihInter e = new MitBihInter();
    MitBihInter.Config printed = e.parseConfig(JsonFields.of(JsonReader.parse(out.toString()),
        "stdout"));
    assertEquals(ExperimentConfigs.load(e, f).withSeed(42).withEpochs(3), printed);
    assertEquals(new MitBihInter.Config(42, 3, "val", List.of("minmax:1:1"), 0.5, "sv", 5, true),
        printed);
    assertTrue(!Files.exists(runs), "--print-config runs nothing and writes nothing");
  }

  @Test
  void badConfigOnTheCommandLineExitsWith2() throws Exception {
    Path f = tmp.resolve("typo.json");
    Files.writeString(f, "{\"epoch\": 3}");
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new EcgCli());
    cli.setErr(new PrintWriter(err));
    assertEquals(2, cli.execute("train", "--experiment", "cinc2017-fast", "--config",
        f.toString(), "--print-config"));
    assertEquals(2, cli.execute("train", "--experiment", "cinc2017-fast", "--config",
        tmp.resolve("absent.json").toString(), "--print-config"));
  }

  @Test
  void everyExampleFileLoadsForItsExperiment() throws Exception {
    Path dir = Path.of("configs");
    assertTrue(Files.isDirectory(dir), "examples/configs/ (tests run in the module folder)");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertTrue(files.size() >= PUBLISHED.size(), files.toString());
    String readme = Files.readString(dir.resolve("README.md"));
    java.util.Set<String> covered = new java.util.HashSet<>();
    for (Path p : files) {
      String file = p.getFileName().toString();
      // the experiment is the longest registered name the file name starts with
      String name = PUBLISHED.stream().filter(n -> file.startsWith(n + "-"))
          .max(java.util.Comparator.comparingInt(String::length)).orElseThrow(
              () -> new AssertionError(file + " names no experiment"));
      Experiment<?> e = Experiments.get(name);
      Object c = ExperimentConfigs.load(e, p);
      assertNotEquals(ExperimentConfigs.defaults(e), c, file + " changes something");
      assertTrue(readme.contains("`" + file + "`"), file + " is listed in configs/README.md");
      covered.add(name);
    }
    for (String n : List.of("mitbih-inter", "mitbih-intra", "cinc2017", "af-binary",
        "af-windows", "ptbxl-mi-transfer")) {
      assertTrue(covered.contains(n), n);
    }
  }
}
