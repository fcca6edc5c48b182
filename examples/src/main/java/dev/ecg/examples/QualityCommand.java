package dev.ecg.examples;

import dev.ecg.core.json.JsonWriter;
import dev.ecg.examples.cli.RecordInput;
import dev.ecg.io.Record;
import dev.ecg.io.dsp.EcgCleaner;
import dev.ecg.io.qrs.NeuroKitDetector;
import dev.ecg.io.quality.AverageQrsQuality;
import dev.ecg.io.quality.SignalDefects;
import dev.ecg.io.quality.SignalQuality;
import dev.ecg.io.quality.Zhao2018Quality;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ecg quality RECORD}: signal quality of every lead (or {@code --lead}): the verdict of
 * {@link SignalQuality} (usable or not, with reasons), the Zhao et al. (2018) level and indices,
 * NeuroKit2's averageQRS beat quality, flat-line, saturation and lead-off intervals, and the same
 * verdict for consecutive segments, as the {@code quality-gate} pipeline step judges them.
 */
@Command(name = "quality", mixinStandardHelpOptions = true,
    description = {"Signal quality of each lead: usable or not and why, Zhao 2018 level, "
        + "averageQRS beat quality, flat line, saturation and lead-off, per segment."})
public final class QualityCommand implements Callable<Integer> {

  @Mixin
  RecordInput input;

  @Option(names = "--segment", defaultValue = "10", paramLabel = "SECONDS",
      description = "Segment length for the per-segment verdicts, 2 to 600 s (default: "
          + "${DEFAULT-VALUE}, as the quality-gate step).")
  double segment;

  @Option(names = "--json", description = "Print JSON (every segment) instead of text (only "
      + "the unusable segments).")
  boolean json;

  private final PrintStream out;
  private final PrintStream err;

  /** Prints to the standard streams. */
  public QualityCommand() {
    this(System.out, System.err);
  }

  QualityCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    if (!(segment >= SignalQuality.MIN_SECONDS && segment <= 600)) {
      err.println("ecg quality: --segment must be 2 to 600 s, got " + segment);
      return 2;
    }
    Record r = input.read("quality", err);
    if (r == null) {
      return 2;
    }
    List<Map<String, Object>> leads = new ArrayList<>();
    try {
      for (int c = 0; c < r.channelCount(); c++) {
        leads.add(lead(r, c));
      }
    } catch (IllegalArgumentException e) {
      err.println("ecg quality: " + input.path() + ": " + e.getMessage());
      return 1;
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("record", r.name());
      m.put("fs", r.fs());
      m.put("duration_s", r.length() / r.fs());
      m.put("segment_s", segment);
      m.put("leads", leads);
      out.println(JsonWriter.pretty(m));
    } else {
      printText(r, leads);
    }
    return 0;
  }

  private Map<String, Object> lead(Record r, int c) {
    double fs = r.fs();
    double[] x = r.channel(c);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lead", r.channelNames().get(c));
    m.putAll(verdict(SignalQuality.assess(x, fs)));
    m.put("average_qrs", averageQrs(x, fs));
    List<Map<String, Object>> segs = new ArrayList<>();
    int n = (int) Math.round(segment * fs);
    int min = (int) Math.ceil(SignalQuality.MIN_SECONDS * fs);
    for (int from = 0; from < x.length; from += n) {
      int to = x.length - (from + n) < min ? x.length : from + n;
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("start_s", from / fs);
      s.put("end_s", to / fs);
      if (to - from < min) {
        s.put("usable", false);
        s.put("reasons", List.of("shorter than " + SignalQuality.MIN_SECONDS + " s"));
      } else {
        s.putAll(verdict(SignalQuality.assess(Arrays.copyOfRange(x, from, to), fs)));
        s.remove("defects");
      }
      segs.add(s);
      if (to == x.length) {
        break;
      }
    }
    m.put("segments", segs);
    return m;
  }

  private static Map<String, Object> verdict(SignalQuality.Assessment a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("usable", a.usable());
    m.put("readable", a.readable());
    m.put("reasons", a.reasons());
    m.put("severe", a.severe());
    m.put("agreement_bsqi", finite(a.agreement()));
    m.put("beat_coherence", finite(a.beatCoherence()));
    m.put("warnings", a.warnings());
    m.put("beats", a.beats());
    Zhao2018Quality.Result z = a.zhao();
    if (z != null) {
      Map<String, Object> zm = new LinkedHashMap<>();
      zm.put("level", z.level().neuroKitName());
      zm.put("kSQI", finite(z.kSqi()));
      zm.put("pSQI", finite(z.pSqi()));
      zm.put("basSQI", finite(z.basSqi()));
      m.put("zhao2018", zm);
    } else {
      m.put("zhao2018", null);
    }
    List<Map<String, Object>> defects = new ArrayList<>();
    for (SignalDefects.Defect d : a.defects()) {
      Map<String, Object> dm = new LinkedHashMap<>();
      dm.put("kind", d.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      dm.put("start", d.start());
      dm.put("end", d.end());
      defects.add(dm);
    }
    m.put("defects", defects);
    return m;
  }

  /** NeuroKit2's averageQRS per beat, summarised; null where it is undefined. */
  private static Map<String, Object> averageQrs(double[] x, double fs) {
    if (Arrays.stream(x).anyMatch(v -> !Double.isFinite(v)) || x.length < 4 * fs
        || fs <= SignalQuality.SPECTRAL_MIN_FS) {
      return null;
    }
    int[] peaks = NeuroKitDetector.create().detect(x, fs);
    try {
      double[] q = AverageQrsQuality.compute(EcgCleaner.of(EcgCleaner.Preset.NEUROKIT_EXACT)
          .clean(x, fs), peaks, fs).beats();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("beats", q.length);
      m.put("mean", finite(Arrays.stream(q).average().orElse(Double.NaN)));
      m.put("min", finite(Arrays.stream(q).min().orElse(Double.NaN)));
      m.put("below_0_5", Arrays.stream(q).filter(v -> v < 0.5).count());
      return m;
    } catch (IllegalArgumentException e) {
      return null; // too few beats for a template
    }
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  @SuppressWarnings("unchecked")
  private void printText(Record r, List<Map<String, Object>> leads) {
    out.printf(Locale.ROOT, "# record %s, %.0f Hz, %.1f s; segments of %s s%n", r.name(), r.fs(),
        r.length() / r.fs(), segment);
    for (Map<String, Object> m : leads) {
      Map<String, Object> z = (Map<String, Object>) m.get("zhao2018");
      Map<String, Object> q = (Map<String, Object>) m.get("average_qrs");
      out.printf(Locale.ROOT, "lead %s: %s; %d beats, bSQI %s; Zhao 2018: %s%s%n",
          m.get("lead"), (Boolean) m.get("usable") ? "usable" : (Boolean) m.get("readable")
              ? "readable (not usable by the strict verdict)" : "UNREADABLE",
          (Integer) m.get("beats"), num(m.get("agreement_bsqi")),
          z == null ? "-" : z.get("level") + String.format(Locale.ROOT,
              " (kSQI %s, pSQI %s, basSQI %s)", num(z.get("kSQI")), num(z.get("pSQI")),
              num(z.get("basSQI"))),
          q == null ? "" : String.format(Locale.ROOT, "; averageQRS mean %s, min %s, %s of %s "
              + "beats below 0.5", num(q.get("mean")), num(q.get("min")), q.get("below_0_5"),
              q.get("beats")));
      for (Object reason : (List<Object>) m.get("reasons")) {
        out.println("  reason: " + reason);
      }
      for (Object warning : (List<Object>) m.get("warnings")) {
        out.println("  warning: " + warning);
      }
      for (Map<String, Object> d : (List<Map<String, Object>>) m.get("defects")) {
        out.printf(Locale.ROOT, "  %s from %.2f s to %.2f s%n", d.get("kind"),
            (Integer) d.get("start") / r.fs(), (Integer) d.get("end") / r.fs());
      }
      List<Map<String, Object>> segs = (List<Map<String, Object>>) m.get("segments");
      long bad = segs.stream().filter(s -> !(Boolean) s.get("usable")).count();
      long unreadable = segs.stream().filter(s -> !Boolean.TRUE.equals(s.get("readable")))
          .count();
      out.printf(Locale.ROOT, "  segments: %d usable, %d unusable, of which %d unreadable%n",
          segs.size() - bad, bad, unreadable);
      for (Map<String, Object> s : segs) {
        if (!(Boolean) s.get("usable")) {
          out.printf(Locale.ROOT, "    %8.1f-%.1f s: %s%s%n", (Double) s.get("start_s"),
              (Double) s.get("end_s"), Boolean.TRUE.equals(s.get("readable")) ? ""
                  : "UNREADABLE: ", String.join(", ", (List<String>) s.get("reasons")));
        }
      }
    }
  }

  private static String num(Object v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.3g", (Double) v);
  }
}
