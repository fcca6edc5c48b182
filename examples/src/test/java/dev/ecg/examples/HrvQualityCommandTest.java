package dev.ecg.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ecg hrv} and {@code ecg quality} on recordings built to a known answer. */
class HrvQualityCommandTest {
  static final double FS = 250;

  @TempDir static Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(BiFunction<PrintStream, PrintStream, Callable<Integer>> cmd, String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = new CommandLine(cmd.apply(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8))).execute(args);
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  /**
   * 60 s at 250 Hz of Gaussian P, QRS and T waves, beats alternately 800 and 1000 ms apart
   * (every successive difference is 200 ms), on a 0.05 mV, 0.3 Hz baseline wander (a real lead
   * is never exactly flat), with seconds [flatFrom, flatTo) set to 0; as a CSV file.
   */
  static Path csv(String name, double flatFrom, double flatTo) throws Exception {
    return csv(name, flatFrom, flatTo, FS);
  }

  static Path csv(String name, double flatFrom, double flatTo, double fs) throws Exception {
    int n = (int) (60 * fs);
    double[] x = new double[n];
    double c = 0.6;
    for (int k = 0; c < 59.3; k++) {
      for (int i = Math.max(0, (int) ((c - 0.6) * fs)); i < Math.min(n, (c + 0.7) * fs); i++) {
        double t = i / fs - c;
        x[i] += 0.15 * g(t, -0.17, 0.02) + 1.2 * g(t, 0, 0.01) - 0.3 * g(t, 0.03, 0.01)
            + 0.35 * g(t, 0.3, 0.045);
      }
      c += k % 2 == 0 ? 0.8 : 1.0;
    }
    for (int i = 0; i < n; i++) {
      x[i] += 0.05 * Math.sin(2 * Math.PI * 0.3 * i / fs);
    }
    java.util.Arrays.fill(x, (int) (flatFrom * fs), (int) (flatTo * fs), 0.0);
    StringBuilder sb = new StringBuilder("II\n");
    for (double v : x) {
      sb.append(String.format(Locale.ROOT, "%.6f%n", v));
    }
    Path p = tmp.resolve(name);
    Files.writeString(p, sb);
    return p;
  }

  private static double g(double t, double mu, double sd) {
    double z = (t - mu) / sd;
    return Math.exp(-0.5 * z * z);
  }

  @Test
  void hrvOfAlternatingIntervalsIsTheHandComputedOne() throws Exception {
    Path f = csv("alt.csv", 0, 0);
    Run r = run(HrvCommand::new, "--fs", "250", "--json", f.toString());
    assertEquals(0, r.code(), r.err());
    Map<?, ?> json = (Map<?, ?>) JsonReader.parse(r.out());
    Map<?, ?> hrv = (Map<?, ?>) json.get("hrv");
    // RMSSD = sqrt(mean(200^2)) = 200 ms, MeanNN = 900 ms; all n - 1 differences exceed 50 ms
    // and NeuroKit2 divides by the n intervals: pNN50 = 100 (n - 1) / n
    int n = ((Number) ((Map<?, ?>) json.get("beats")).get("intervals")).intValue();
    assertTrue(n >= 64 && n <= 66, "intervals " + n);
    assertEquals(200.0, ((Number) hrv.get("HRV_RMSSD")).doubleValue(), 4.0);
    assertEquals(900.0, ((Number) hrv.get("HRV_MeanNN")).doubleValue(), 5.0);
    assertEquals(100.0 * (n - 1) / n, ((Number) hrv.get("HRV_pNN50")).doubleValue(), 1e-9);
    assertEquals("vf-aware", ((Map<?, ?>) json.get("beats")).get("source"));
    assertEquals(95, hrv.size(), "all three families");
    // the table: one line per index with its unit
    Run t = run(HrvCommand::new, "--fs", "250", "--domains", "time", f.toString());
    assertEquals(0, t.code(), t.err());
    assertTrue(t.out().lines().anyMatch(l -> l.matches("HRV_RMSSD\\s+19\\d\\.\\d+\\s+ms|"
        + "HRV_RMSSD\\s+20\\d\\.\\d+\\s+ms")), t.out());
    assertEquals(2 + 25, t.out().lines().count(), t.out());
  }

  @Test
  void hrvRefusesWhatItCannotDo() throws Exception {
    Path f = csv("alt2.csv", 0, 0);
    assertEquals(2, run(HrvCommand::new, "--fs", "250", "--beats", "guess", f.toString())
        .code());
    assertEquals(2, run(HrvCommand::new, "--fs", "250", "--domains", "fractal", f.toString())
        .code());
    Run noAnn = run(HrvCommand::new, "--fs", "250", "--beats", "annotations", f.toString());
    assertEquals(2, noAnn.code());
    assertTrue(noAnn.err().contains("no beat annotations"), noAnn.err());
    Run flat = run(HrvCommand::new, "--fs", "250", csv("flat.csv", 0, 60).toString());
    assertEquals(1, flat.code(), flat.out());
    assertTrue(flat.err().contains("HRV needs"), flat.err());
  }

  @Test
  void qualityFindsTheFlatStretchAndJudgesEachSegment() throws Exception {
    Path f = csv("gap.csv", 20, 30);
    Run r = run(QualityCommand::new, "--fs", "250", "--json", f.toString());
    assertEquals(0, r.code(), r.err());
    Map<?, ?> lead = (Map<?, ?>) ((List<?>) ((Map<?, ?>) JsonReader.parse(r.out()))
        .get("leads")).get(0);
    assertEquals(false, lead.get("usable"));
    // the zero stretch, give or take the wander's own zero crossing just before 20 s
    assertTrue(lead.get("reasons").toString().matches(
        "\\[lead off from (19\\.[5-9]\\d|20\\.00) s to 30\\.00 s]"),
        lead.get("reasons").toString());
    List<?> segs = (List<?>) lead.get("segments");
    assertEquals(6, segs.size());
    for (int s = 0; s < 6; s++) {
      assertEquals(s != 2, ((Map<?, ?>) segs.get(s)).get("usable"), "segment " + s);
    }
    Run clean = run(QualityCommand::new, "--fs", "250", csv("clean.csv", 0, 0).toString());
    assertEquals(0, clean.code(), clean.err());
    assertTrue(clean.out().contains("lead II: usable"), clean.out());
    assertTrue(clean.out().contains("segments: 6 usable, 0 unusable, of which 0 unreadable"),
        clean.out());
    assertFalse(clean.out().contains("reason:"), clean.out());
  }

  @Test
  void qualityJudgesOnlyDefectsOfSlowRecordsAndRefusesBadSegments() throws Exception {
    Path f = csv("slow.csv", 0, 0, 60);
    // at 60 Hz only the defects are judged, and the output says so
    Run slow = run(QualityCommand::new, "--fs", "60", f.toString());
    assertEquals(0, slow.code(), slow.err());
    assertTrue(slow.out().contains("lead II: usable") && slow.out().contains("Zhao 2018: -")
        && slow.out().contains("only flat line, lead-off, saturation and missing samples"),
        slow.out());
    assertEquals(2, run(QualityCommand::new, "--fs", "250", "--segment", "1", f.toString())
        .code());
  }
}
