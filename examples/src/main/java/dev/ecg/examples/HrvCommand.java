package dev.ecg.examples;

import dev.ecg.core.json.JsonWriter;
import dev.ecg.core.labels.AamiClass;
import dev.ecg.examples.cli.RecordInput;
import dev.ecg.io.Record;
import dev.ecg.io.hrv.Hrv;
import dev.ecg.io.hrv.HrvResult;
import dev.ecg.io.pipeline.Step;
import dev.ecg.io.rpeaks.ArtifactCorrection;
import dev.ecg.io.rpeaks.RrSeries;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ecg hrv RECORD}: heart-rate variability of one lead, NeuroKit2's {@code hrv_time},
 * {@code hrv_frequency} and {@code hrv_nonlinear} columns ({@link Hrv}), from the record's beat
 * annotations (NN intervals: both neighbouring beats normal) or from R peaks found on the lead,
 * printed as a table or as JSON.
 */
@Command(name = "hrv", mixinStandardHelpOptions = true,
    description = {"Heart-rate variability of one lead: NeuroKit2's time, frequency and "
        + "nonlinear indices, from beat annotations or detected R peaks."})
public final class HrvCommand implements Callable<Integer> {

  @Mixin
  RecordInput input;

  @Option(names = "--beats", defaultValue = "auto", description = "Where the beats come from: "
      + "auto (the annotations when --annotations gives beat annotations, else vf-aware), "
      + "annotations (NN intervals between normal beats), or a detector on the lead: vf-aware, "
      + "neurokit, pan-tompkins, two-average (default: ${DEFAULT-VALUE}).")
  String beats;

  @Option(names = "--fix-peaks", description = "Correct artefacts and ectopic beats of detected "
      + "peaks first (Lipponen and Tarvainen 2019, NeuroKit2's signal_fixpeaks kubios).")
  boolean fixPeaks;

  @Option(names = "--domains", split = ",", defaultValue = "time,frequency,nonlinear",
      description = "Families to compute, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> domains;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  private final PrintStream out;
  private final PrintStream err;

  /** Prints to the standard streams. */
  public HrvCommand() {
    this(System.out, System.err);
  }

  HrvCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    for (String d : domains) {
      if (!Set.of("time", "frequency", "nonlinear").contains(d)) {
        err.println("ecg hrv: unknown domain '" + d + "' (time, frequency, nonlinear)");
        return 2;
      }
    }
    Record r = input.read("hrv", err);
    if (r == null) {
      return 2;
    }
    if (input.lead() == null && r.channelCount() > 1) {
      r = RecordInput.selectLead(r, "0");
    }
    boolean annotated = r.annotations().stream().anyMatch(a -> AamiClass.isQrs(a.symbol()));
    String source = beats.equals("auto") ? (annotated ? "annotations" : "vf-aware") : beats;
    double[] rri;
    String description;
    try {
      if (source.equals("annotations")) {
        if (!annotated) {
          err.println("ecg hrv: " + input.path() + " has no beat annotations (give "
              + "--annotations EXT, or --beats with a detector)");
          return 2;
        }
        RrSeries s = RrSeries.fromAnnotations(r.annotations(), r.fs());
        rri = s.nnIntervalsMs();
        description = s.size() + 1 + " annotated beats, " + rri.length + " NN intervals "
            + "(both neighbours normal)";
      } else {
        Step.Detector d;
        try {
          d = Step.Detector.valueOf(source.toUpperCase(Locale.ROOT).replace('-', '_'));
          d.create();
        } catch (RuntimeException e) {
          err.println("ecg hrv: unknown --beats '" + source + "' (auto, annotations, vf-aware, "
              + "neurokit, pan-tompkins, two-average)");
          return 2;
        }
        int[] peaks = d.create().detect(r.channel(0), r.fs());
        description = peaks.length + " R peaks found by " + source;
        if (fixPeaks && peaks.length >= Hrv.MIN_PEAKS) {
          ArtifactCorrection.Result fixed = ArtifactCorrection.create().correct(peaks, r.fs());
          ArtifactCorrection.Artifacts a = fixed.firstPass();
          description += String.format(Locale.ROOT, ", corrected to %d (%d ectopic, %d "
              + "missed, %d extra, %d long/short)", fixed.peaks().length, a.ectopic().length,
              a.missed().length, a.extra().length, a.longShort().length);
          peaks = fixed.peaks();
        }
        if (peaks.length < 2) {
          err.println("ecg hrv: " + input.path() + ": " + description + "; HRV needs at least "
              + Hrv.MIN_PEAKS + " beats");
          return 1;
        }
        rri = Hrv.rrIntervalsMs(peaks, r.fs());
      }
      HrvResult h = null;
      for (String d : domains) {
        HrvResult part = switch (d) {
          case "time" -> Hrv.time(rri);
          case "frequency" -> Hrv.frequency(rri);
          default -> Hrv.nonlinear(rri);
        };
        h = h == null ? part : h.merge(part);
      }
      if (json) {
        out.println(toJson(r, source, description, rri.length, h));
      } else {
        printTable(r, description, h);
      }
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("ecg hrv: " + input.path() + ": " + e.getMessage());
      return 1;
    }
  }

  private void printTable(Record r, String description, HrvResult h) {
    out.printf(Locale.ROOT, "# record %s, lead %s, %.0f Hz, %.1f s; %s%n", r.name(),
        r.channelNames().get(0), r.fs(), r.length() / r.fs(), description);
    out.printf(Locale.ROOT, "%-26s %16s  %s%n", "index", "value", "unit");
    for (String c : h.columns()) {
      double v = h.get(c);
      out.printf(Locale.ROOT, "%-26s %16s  %s%n", c, Double.isNaN(v) ? "NaN"
          : String.format(Locale.ROOT, "%.6g", v), unit(c));
    }
  }

  static String toJson(Record r, String source, String description, int intervals,
      HrvResult h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("record", r.name());
    m.put("lead", r.channelNames().get(0));
    m.put("fs", r.fs());
    m.put("duration_s", r.length() / r.fs());
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("source", source);
    b.put("description", description);
    b.put("intervals", intervals);
    m.put("beats", b);
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Object> units = new LinkedHashMap<>();
    for (String c : h.columns()) {
      double v = h.get(c);
      values.put(c, Double.isFinite(v) ? v : null);
      units.put(c, unit(c));
    }
    m.put("hrv", values);
    m.put("units", units);
    return JsonWriter.pretty(m);
  }

  private static final Set<String> MS = Set.of("MeanNN", "SDNN", "SDANN1", "SDNNI1", "SDANN2",
      "SDNNI2", "SDANN5", "SDNNI5", "RMSSD", "SDSD", "MedianNN", "MadNN", "IQRNN", "Prc20NN",
      "Prc80NN", "MinNN", "MaxNN", "TINN", "SD1", "SD2", "SD1d", "SD1a", "SD2d", "SD2a",
      "SDNNd", "SDNNa");

  /** NeuroKit2's unit of a column: ms, ms², %, "normalised" for band powers, or empty. */
  static String unit(String column) {
    String c = column.startsWith("HRV_") ? column.substring(4) : column;
    if (MS.contains(c)) {
      return "ms";
    }
    if (c.equals("S")) {
      return "ms²";
    }
    if (c.startsWith("pNN") || List.of("GI", "SI", "AI", "PI").contains(c)) {
      return "%";
    }
    if (List.of("ULF", "VLF", "LF", "HF", "VHF", "TP").contains(c)) {
      return "fraction of PSD peak";
    }
    return "";
  }
}
