package dev.ecg.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.json.JsonReader;
import dev.ecg.core.json.JsonWriter;
import dev.ecg.io.Record;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.models.EcgClassifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ecg stream}: a recording replayed as a live feed gives classify's beats. */
class StreamCommandTest {

  @TempDir
  Path tmp;

  /** Lead 0 of a record as a one-column CSV file named {@code name}, headed by {@code lead}. */
  private Path csv(Record rec, String lead, String name) throws java.io.IOException {
    StringBuilder sb = new StringBuilder(lead).append('\n');
    for (double v : rec.channel(0)) {
      sb.append(String.format(Locale.ROOT, "%.6f%n", v));
    }
    return Files.writeString(tmp.resolve(name), sb);
  }

  private static CliRun ecg(String... args) {
    return CliRun.ecg(args);
  }

  /** The bundled beat model's weights and steps with causal RR features. */
  Path causalPackage() throws Exception {
    Path src = Path.of("../ecg-models/src/main/resources/dev/ecg/models/bundled/mitbih-aami5");
    Path dst = Files.createDirectories(tmp.resolve("causal"));
    try (var files = Files.list(src)) {
      for (Path f : files.toList()) {
        Files.copy(f, dst.resolve(f.getFileName()));
      }
    }
    String json = Files.readString(src.resolve("ecg-model.json"));
    @SuppressWarnings("unchecked")
    Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) JsonReader.parse(json));
    List<Object> steps = new ArrayList<>();
    for (Object o : (List<?>) m.get("preprocessing")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> st = new LinkedHashMap<>((Map<String, Object>) o);
      if ("rr-features".equals(st.get("name"))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = new LinkedHashMap<>((Map<String, Object>) st.get("params"));
        p.put("average", "causal");
        st.put("params", p);
      }
      steps.add(st);
    }
    m.put("preprocessing", steps);
    Files.writeString(dst.resolve("ecg-model.json"), JsonWriter.pretty(m));
    return dst;
  }

  @Test
  void replaysARecordAndFindsClassifysBeats() throws Exception {
    Path pkg = causalPackage();
    Record rec = EcgSyn.builder().optSamplingRate(360).optDuration(30).optSeed(21).build()
        .generate().record();
    Path csv = csv(rec, "MLII", "live.csv");
    int expected;
    try (EcgClassifier clf = EcgClassifier.load(pkg)) {
      expected = clf.classify(dev.ecg.io.Records.read(csv,
          dev.ecg.io.Records.Options.defaults().fs(360))).size();
    }
    CliRun r = ecg("stream", "--model", pkg.toString(), "--fs", "360", "--speed", "max",
        "--chunk-ms", "100", csv.toString());
    assertEquals(0, r.code(), r.err());
    List<String> beats = r.out().lines().filter(l -> l.matches("[0-9.]+,[0-9.]+,[NSVFQ],.*"))
        .toList();
    assertEquals(expected, beats.size(), r.out());
    for (String l : beats) {
      String[] f = l.split(",");
      double delay = Double.parseDouble(f[4]);
      assertTrue(delay > 0 && delay < 25, l);
    }
    assertTrue(r.out().contains("live: " + expected + " beats"), r.out());
  }

  @Test
  void aModelThatCannotStreamIsRefusedInOneLine() throws Exception {
    Record rec = EcgSyn.builder().optSamplingRate(360).optDuration(10).optSeed(22).build()
        .generate().record();
    Path csv = csv(rec, "MLII", "r.csv");
    CliRun r = ecg("stream", "--model", "mitbih-aami5", "--fs", "360", csv.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("cannot run as a stream") && r.err().contains("average causal"),
        r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    CliRun bad = ecg("stream", "--model", "mitbih-aami5", "--fs", "360", "--speed", "fast",
        csv.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("--speed must be like 1x"), bad.err());
  }

  /** Without --model the bundled live model replays the record. */
  @Test
  void theBundledLiveModelIsTheDefault() throws Exception {
    Record rec = EcgSyn.builder().optSamplingRate(360).optDuration(20).optSeed(23).build()
        .generate().record();
    Path csv = csv(rec, "MLII", "d.csv");
    int expected;
    try (EcgClassifier clf = EcgClassifier.load("mitbih-aami5-live")) {
      expected = clf.classify(dev.ecg.io.Records.read(csv,
          dev.ecg.io.Records.Options.defaults().fs(360))).size();
    }
    CliRun r = ecg("stream", "--fs", "360", "--quiet", csv.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(expected > 15 && r.out().contains("d: " + expected + " beats"), r.out());
  }

  /** The rhythm model's episodes and the vitals come as '#' lines between the beats. */
  @Test
  void printsAfEpisodesAndVitals() throws Exception {
    Record rec = EcgSyn.builder().optSamplingRate(300).optDuration(150).optSeed(24)
        .optAtrialFibrillation(40, 120).build().generate().record();
    Path csv = csv(rec, "I", "af.csv");
    CliRun r = ecg("stream", "--fs", "300", "--rhythm", "af-detect", csv.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("# [0-9.]+ s: AF episode started at "
        + "[0-9.]+ s .*")), r.out());
    assertTrue(r.out().lines().filter(l -> l.matches("# [0-9.]+ s: HR [0-9]+ bpm.*")).count()
        >= 14, r.out());
    assertTrue(r.out().matches("(?s).*af-detect episodes \\(\\[non-AF, AF, noisy\\]\\): "
        + "[^\\n]*AF [0-9.]+-[0-9.]+ s.*"), r.out());
    CliRun none = ecg("stream", "--fs", "300", "--rhythm", "none", "--quiet", csv.toString());
    assertEquals(0, none.code(), none.err());
    assertFalse(none.out().contains("episodes"), none.out());
  }
}
