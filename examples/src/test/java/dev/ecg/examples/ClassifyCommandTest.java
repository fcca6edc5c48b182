package dev.ecg.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.json.JsonReader;
import dev.ecg.io.Record;
import dev.ecg.io.edf.EdfWriter;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.synth.SyntheticEcg;
import dev.ecg.io.wfdb.WfdbWriter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ecg classify} on one synthetic record written in every supported format. */
class ClassifyCommandTest {

  @TempDir static Path tmp;
  static Path pkg;
  static SyntheticEcg syn;

  @BeforeAll
  static void setUp() throws Exception {
    pkg = TestModels.kachueeAami5(tmp);
    syn = EcgSyn.builder().optSamplingRate(250).optDuration(20).optHeartRate(70)
        .optPvcProbability(0.1).optSeed(3).build().generate();
  }

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = new CommandLine(new ClassifyCommand(
        new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8))).execute(args);
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  /** The sample column of the CSV-like output. */
  static List<Long> samples(String out) {
    return out.lines().filter(l -> l.matches("\\d+,\\d+\\.\\d{3},[NSVFQ],[01]\\.\\d{4}"))
        .map(l -> Long.parseLong(l.substring(0, l.indexOf(',')))).toList();
  }

  /** Every true beat has a reported beat within 150 ms. */
  static void assertFindsTheBeats(List<Long> got, String out) {
    int tol = (int) Math.round(0.150 * 250);
    int found = 0;
    for (int t : syn.rPeaks()) {
      if (got.stream().anyMatch(g -> Math.abs(g - t) <= tol)) {
        found++;
      }
    }
    assertTrue(found >= syn.rPeaks().length - 1, found + " of " + syn.rPeaks().length + "\n"
        + out);
  }

  @Test
  void wfdbEdfCsvAndMatGiveTheSameBeats() throws Exception {
    Record rec = syn.record();
    Path base = tmp.resolve("wfdb/syn");
    Files.createDirectories(base.getParent());
    WfdbWriter.writePhysical(base, rec, 16, 1000);
    Run wfdb = run("--model", pkg.toString(), base.toString());
    assertEquals(0, wfdb.code(), wfdb.err());
    List<Long> ref = samples(wfdb.out());
    assertFindsTheBeats(ref, wfdb.out());
    assertTrue(wfdb.out().contains("mean HR"), wfdb.out());
    Run hea = run("--model", pkg.toString(), base + ".hea");
    assertEquals(ref, samples(hea.out()));

    Path edf = tmp.resolve("syn.edf");
    EdfWriter.write(EdfWriter.fromRecord(rec, 250, LocalDateTime.of(2026, 1, 1, 0, 0)), edf);
    Run e = run("--model", pkg.toString(), edf.toString());
    assertEquals(0, e.code(), e.err());
    assertFindsTheBeats(samples(e.out()), e.out());

    Path csv = tmp.resolve("syn.csv");
    StringBuilder sb = new StringBuilder("II\n");
    for (double v : rec.channel(0)) {
      sb.append(String.format(Locale.ROOT, "%.6f%n", v));
    }
    Files.writeString(csv, sb);
    Run c = run("--model", pkg.toString(), "--fs", "250", csv.toString());
    assertEquals(0, c.code(), c.err());
    assertFindsTheBeats(samples(c.out()), c.out());
    Run noFs = run("--model", pkg.toString(), csv.toString());
    assertNotEquals(0, noFs.code());
    assertTrue(noFs.err().contains("syn.csv") && noFs.err().contains("--fs"), noFs.err());

    // bare MAT v4 'val' matrix (1 x n int16 in ADC units, gain 1000/mV), written per the
    // MathWorks level-4 layout: type 30 = little-endian int16 full matrix
    Path mat = tmp.resolve("bare.mat");
    double[] x = rec.channel(0);
    ByteBuffer bb = ByteBuffer.allocate(20 + 4 + 2 * x.length).order(ByteOrder.LITTLE_ENDIAN);
    bb.putInt(30).putInt(1).putInt(x.length).putInt(0).putInt(4);
    bb.put("val\0".getBytes(StandardCharsets.US_ASCII));
    for (double v : x) {
      bb.putShort((short) Math.round(v * 1000));
    }
    Files.write(mat, bb.array());
    Run m = run("--model", pkg.toString(), "--fs", "250", "--gain", "1000", mat.toString());
    assertEquals(0, m.code(), m.err());
    assertFindsTheBeats(samples(m.out()), m.out());
    Run matNoFs = run("--model", pkg.toString(), mat.toString());
    assertEquals(2, matNoFs.code());
    assertTrue(matNoFs.err().contains("bare.mat") && matNoFs.err().contains("--gain"),
        matNoFs.err());
  }

  @Test
  void jsonOutput() throws Exception {
    Path base = tmp.resolve("json/syn");
    Files.createDirectories(base.getParent());
    WfdbWriter.writePhysical(base, syn.record(), 16, 1000);
    Run r = run("--model", pkg.toString(), "--json", base.toString());
    assertEquals(0, r.code(), r.err());
    @SuppressWarnings("unchecked")
    Map<String, Object> root = (Map<String, Object>) JsonReader.parse(r.out());
    assertEquals("test-aami5", root.get("model"));
    List<?> beats = (List<?>) root.get("beats");
    @SuppressWarnings("unchecked")
    Map<String, Object> summary = (Map<String, Object>) root.get("summary");
    assertEquals(beats.size(), ((Number) summary.get("windows")).intValue());
    @SuppressWarnings("unchecked")
    Map<String, Object> b0 = (Map<String, Object>) beats.get(0);
    assertEquals(((Number) b0.get("sample")).doubleValue() / 250,
        ((Number) b0.get("time_s")).doubleValue(), 1e-9);
    assertEquals(5, ((List<?>) b0.get("probabilities")).size());
    double hr = ((Number) summary.get("mean_heart_rate_bpm")).doubleValue();
    assertTrue(hr > 60 && hr < 80, "HR " + hr);
  }

  @Test
  void cinc2017MatWithItsHeader() {
    java.util.Optional<Path> dir = dev.ecg.core.DataDir.find("cinc2017");
    org.junit.jupiter.api.Assumptions.assumeTrue(dir.isPresent(),
        dev.ecg.core.DataDir.missingMessage("cinc2017"));
    Path mat = dir.get().resolve("training/A00001.mat");
    Run viaMat = run("--model", pkg.toString(), mat.toString());
    assertEquals(0, viaMat.code(), viaMat.err());
    Run viaHea = run("--model", pkg.toString(), dir.get().resolve("training/A00001.hea")
        .toString());
    assertEquals(0, viaHea.code(), viaHea.err());
    assertEquals(samples(viaMat.out()), samples(viaHea.out()));
    // A00001.hea: 9000 samples at 300 Hz
    assertTrue(viaMat.out().contains("beats in 30.0 s"), viaMat.out());
    assertTrue(samples(viaMat.out()).size() > 20, viaMat.out());
  }

  @Test
  void missingAndUnsupportedFilesAreNamed() {
    Run missing = run("--model", pkg.toString(), tmp.resolve("nope.edf").toString());
    assertNotEquals(0, missing.code());
    assertTrue(missing.err().contains("nope.edf"), missing.err());
    Run missingWfdb = run("--model", pkg.toString(), tmp.resolve("rec42").toString());
    assertNotEquals(0, missingWfdb.code());
    assertTrue(missingWfdb.err().contains("rec42.hea"), missingWfdb.err());
    Run xls = run("--model", pkg.toString(), tmp.resolve("table.xlsx").toString());
    assertNotEquals(0, xls.code());
    assertTrue(xls.err().contains("table.xlsx") && xls.err().contains("unsupported"),
        xls.err());
  }

  @Test
  void afDetectListsTheEpisodeOfALongRecord() throws Exception {
    // 4 minutes at 300 Hz with ECGSYN atrial fibrillation from 60 to 150 s
    Record rec = EcgSyn.builder().optSamplingRate(300).optDuration(240).optHeartRate(70)
        .optAtrialFibrillation(60, 150).optSeed(8).build().generate().record();
    Path base = tmp.resolve("wfdb-af/af");
    Files.createDirectories(base.getParent());
    WfdbWriter.writePhysical(base, rec, 16, 1000);
    Run t = run("--model", "af-detect", "--episodes", "AF", base.toString());
    assertEquals(0, t.code(), t.err());
    List<String> eps = t.out().lines().filter(l -> l.startsWith("#   AF ")).toList();
    assertEquals(1, eps.size(), t.out());
    // "#   AF 60.0-150.0 s (mean p 0.93)": onset and offset within one 10 s hop
    String[] span = eps.get(0).substring(7, eps.get(0).indexOf(" s ")).split("-");
    assertEquals(60, Double.parseDouble(span[0]), 10.0 + 1e-9, eps.get(0));
    assertEquals(150, Double.parseDouble(span[1]), 10.0 + 1e-9, eps.get(0));
    Run j = run("--model", "af-detect", "--episodes", "AF", "--json", base.toString());
    assertEquals(0, j.code(), j.err());
    Map<?, ?> json = (Map<?, ?>) dev.ecg.core.json.JsonReader.parse(j.out());
    assertEquals(1, ((List<?>) json.get("episodes")).size(), j.out());
    Run bad = run("--model", "af-detect", "--episodes", "VT", base.toString());
    assertNotEquals(0, bad.code());
    assertTrue(bad.err().contains("VT"), bad.err());
  }
}
