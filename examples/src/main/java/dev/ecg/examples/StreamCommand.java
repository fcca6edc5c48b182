package dev.ecg.examples;

import dev.ecg.examples.cli.ModelArg;
import dev.ecg.examples.cli.RecordInput;
import dev.ecg.io.Record;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.stream.EcgMonitor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ecg stream --model M RECORD --speed 10x}: replays a recording as a live feed, chunk by
 * chunk at the given speed, through an {@link EcgMonitor} (a beat model and a rhythm model), and
 * prints each beat as it arrives with how long after its R peak it came, and the rhythm
 * episodes, vitals, quality changes and warnings as {@code #} lines.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
    description = {"Replay a recording as a live feed through a beat model and a rhythm model; "
        + "print each beat as it arrives, and rhythm episodes, heart rate and HRV, quality "
        + "changes and warnings as '#' lines.",
        "The model's steps must stream exactly (rr-features with average causal, as the "
            + "bundled mitbih-aami5-live); see docs/realtime.md."})
public final class StreamCommand implements Callable<Integer> {

  @Option(names = {"-m", "--model"}, defaultValue = "mitbih-aami5-live",
      description = "Model package folder/zip or bundled model name (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--rhythm", defaultValue = "af-detect", description = "Rhythm model for "
      + "windows and episodes (AF, noise), or none (default: ${DEFAULT-VALUE}).")
  String rhythm;

  @Mixin
  RecordInput input;

  @Option(names = "--speed", defaultValue = "max", description = "Replay speed: 1x is real "
      + "time, 10x ten times faster, max as fast as possible (default: ${DEFAULT-VALUE}).")
  String speed;

  @Option(names = "--chunk-ms", defaultValue = "250", description = "Samples per push, in "
      + "milliseconds of signal, as a monitor sends them (default: ${DEFAULT-VALUE}).")
  double chunkMs;

  @Option(names = "--quiet", description = "Print the summary only.")
  boolean quiet;

  private final PrintStream out;
  private final PrintStream err;

  /** Prints to the standard streams. */
  public StreamCommand() {
    this(System.out, System.err);
  }

  StreamCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  static double parseSpeed(String s) {
    if (s.equalsIgnoreCase("max")) {
      return Double.POSITIVE_INFINITY;
    }
    String t = s.toLowerCase(Locale.ROOT).endsWith("x") ? s.substring(0, s.length() - 1) : s;
    double v;
    try {
      v = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--speed must be like 1x, 10x or max, got " + s);
    }
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("--speed must be positive, got " + s);
    }
    return v;
  }

  @Override
  public Integer call() throws Exception {
    double factor = parseSpeed(speed);
    if (!(chunkMs > 0 && chunkMs <= 60_000)) {
      throw new IllegalArgumentException("--chunk-ms must be in (0, 60000], got " + chunkMs);
    }
    Record r = input.read("stream", err);
    if (r == null) {
      return 2;
    }
    try (EcgClassifier clf = ModelArg.load(model);
        EcgClassifier rhy = rhythm.equalsIgnoreCase("none") ? null : ModelArg.load(rhythm)) {
      EcgMonitor st = EcgMonitor.builder(r.fs(), r.channelNames()).beats(clf).rhythm(rhy)
          .build();
      int chunk = Math.max(1, (int) Math.round(chunkMs / 1000 * r.fs()));
      long t0 = System.nanoTime();
      List<Double> delays = new ArrayList<>();
      Map<String, Integer> counts = new TreeMap<>();
      List<String> episodes = new ArrayList<>();
      int skipped = 0;
      int warnings = 0;
      if (!quiet) {
        out.println("arrived_s,beat_s,label,probability,delay_s");
      }
      for (int i = 0; i <= r.length(); i += chunk) {
        List<EcgMonitor.Event> ev;
        if (i < r.length()) {
          int n = Math.min(chunk, r.length() - i);
          double[][] part = new double[r.channelCount()][];
          for (int c = 0; c < part.length; c++) {
            part[c] = Arrays.copyOfRange(r.channel(c), i, i + n);
          }
          if (Double.isFinite(factor)) {
            long due = t0 + (long) ((i + n) / r.fs() / factor * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
          }
          ev = st.push(part);
        } else {
          ev = st.finish();
        }
        double now = Math.min(i + chunk, r.length()) / r.fs();
        for (EcgMonitor.Event e : ev) {
          String line = null;
          if (e instanceof EcgMonitor.Beat b) {
            double arrived = b.emittedAtSample() / r.fs();
            double delay = arrived - b.time();
            if (b.prediction() == null) {
              skipped++;
            } else {
              counts.merge(b.label(), 1, Integer::sum);
              delays.add(delay);
            }
            line = String.format(Locale.ROOT, "%.3f,%.3f,%s,%s,%.3f", arrived, b.time(),
                b.label(), b.prediction() == null ? b.skipped() : String.format(Locale.ROOT,
                    "%.3f", b.prediction().probabilities()[b.prediction().index()]), delay);
          } else if (e instanceof EcgMonitor.Episode p) {
            line = String.format(Locale.ROOT, "# %.1f s: %s episode %s at %.1f s%s (mean p "
                + "%.2f)", now, p.label(), p.ongoing() ? "started" : "ended", p.ongoing()
                ? p.onset() : p.offset(), p.ongoing() ? "" : String.format(Locale.ROOT,
                    ", from %.1f s", p.onset()), p.meanProbability());
            if (!p.ongoing()) {
              episodes.add(String.format(Locale.ROOT, "%s %.1f-%.1f s", p.label(), p.onset(),
                  p.offset()));
            }
          } else if (e instanceof EcgMonitor.Vitals v) {
            line = String.format(Locale.ROOT, "# %.1f s: HR %.0f bpm; last %d NN: mean %.0f ms,"
                + " SDNN %.1f ms, RMSSD %.1f ms", v.time(), v.heartRateBpm(), v.nnIntervals(),
                v.meanNnMs(), v.sdnnMs(), v.rmssdMs());
          } else if (e instanceof EcgMonitor.Quality q) {
            line = String.format(Locale.ROOT, "# %.1f s: signal %s%s", q.time(),
                q.usable() ? "usable" : "NOT usable", q.reasons().isEmpty() ? ""
                    : " (" + String.join("; ", q.reasons()) + ")");
          } else if (e instanceof EcgMonitor.Warning w) {
            warnings += w.ongoing() ? 0 : 1;
            line = String.format(Locale.ROOT, "# %.1f s: %s on %s %.2f-%.2f s%s", now,
                w.kind(), w.lead(), w.time(), w.endTime(), w.ongoing() ? " (ongoing)" : "");
          }
          if (!quiet && line != null) {
            out.println(line);
          }
        }
      }
      double[] d = delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double wall = (System.nanoTime() - t0) / 1e9;
      out.printf(Locale.ROOT, "%s: %d beats %s, %d skipped; delay after the R peak median %.2f s,"
          + " max %.2f s; %.1f s of signal in %.1f s (%.0fx real time)%n", r.name(), d.length,
          counts, skipped, d.length == 0 ? Double.NaN : d[d.length / 2],
          d.length == 0 ? Double.NaN : d[d.length - 1], r.length() / r.fs(), wall,
          r.length() / r.fs() / wall);
      if (rhy != null) {
        out.printf(Locale.ROOT, "%s episodes (%s): %s; %d warnings%n", rhy.manifest().name(),
            rhy.manifest().classNames(), episodes.isEmpty() ? "none" : String.join(", ",
                episodes), warnings);
      }
      return 0;
    }
  }
}
