package dev.ecg.bench;

import dev.ecg.core.DataDir;
import dev.ecg.io.Annotation;
import dev.ecg.io.wfdb.Wfdb;
import dev.ecg.io.wfdb.WfdbRecord;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.stream.EcgMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Live AF episodes against the cardiologists' rhythm annotations: every MIT-BIH record (lead 0)
 * is pushed in 1 s chunks through an {@link EcgMonitor} with a bundled rhythm model (trained on
 * CinC 2017 only, so MIT-BIH is held out), and its closed AF episodes are compared with the
 * {@code (AFIB} stretches of the reference annotations.
 *
 * <p>Prints per model: AF-time sensitivity and positive predictivity (seconds of overlap over
 * reference and detected AF seconds, all records pooled), the share of reference episodes of at
 * least 30 s that a detected episode overlaps, detected AF seconds in records without AF, the
 * number of detected and reference episodes, and the delay from a reference onset to the
 * moment the overlapping episode was announced (median).
 *
 * <pre>{@code
 * java -cp <ecg-bench classpath> dev.ecg.bench.AfEpisodeBench [-Decg.data.dir=...]
 * }</pre>
 */
public final class AfEpisodeBench {
  private AfEpisodeBench() {}

  /**
   * @param args model names (default af-detect and cinc2017-rhythm)
   * @throws Exception if the data or a model cannot be read
   */
  public static void main(String[] args) throws Exception {
    Path dir = DataDir.find("mitdb").orElseThrow(() -> new IllegalStateException(
        DataDir.missingMessage("mitdb")));
    List<String> names = List.of(Files.readString(dir.resolve("RECORDS")).trim().split("\\s+"));
    List<String> models = args.length > 0 ? List.of(args) : List.of("af-detect",
        "cinc2017-rhythm");
    System.out.println("model,af_time_sensitivity,af_time_ppv,episode_sensitivity_30s,"
        + "false_af_s_in_af_free_records,detected_episodes,reference_episodes,"
        + "median_announce_delay_s,seconds");
    for (String model : models) {
      try (EcgClassifier clf = EcgClassifier.load(model)) {
        String af = clf.manifest().classNames().contains("AF") ? "AF" : "A";
        double overlap = 0;
        double refTotal = 0;
        double detTotal = 0;
        double falseFree = 0;
        int refLong = 0;
        int refHit = 0;
        int detected = 0;
        int reference = 0;
        List<Double> delays = new ArrayList<>();
        double seconds = 0;
        long t0 = System.nanoTime();
        for (String name : names) {
          WfdbRecord w = Wfdb.readRecord(dir.resolve(name));
          double fs = w.fs();
          double[] x = w.physical()[0];
          List<double[]> ref = afStretches(Wfdb.readAnnotation(dir.resolve(name), "atr"),
              x.length, fs);
          EcgMonitor m = EcgMonitor.builder(fs, List.of(w.signalNames().get(0))).rhythm(clf)
              .episodes(af, 0.5, 0.35, 2).build();
          List<EcgMonitor.Episode> closed = new ArrayList<>();
          List<EcgMonitor.Episode> announced = new ArrayList<>();
          int chunk = (int) Math.round(fs);
          for (int i = 0; i <= x.length; i += chunk) {
            List<EcgMonitor.Event> ev = i < x.length
                ? m.push(Arrays.copyOfRange(x, i, Math.min(x.length, i + chunk))) : m.finish();
            for (EcgMonitor.Event e : ev) {
              if (e instanceof EcgMonitor.Episode p) {
                (p.ongoing() ? announced : closed).add(p);
              }
            }
          }
          seconds += x.length / fs;
          detected += closed.size();
          reference += ref.size();
          double refHere = 0;
          for (double[] r : ref) {
            refHere += r[1] - r[0];
            boolean hit = false;
            for (int k = 0; k < closed.size(); k++) {
              EcgMonitor.Episode d = closed.get(k);
              double o = Math.min(r[1], d.offset()) - Math.max(r[0], d.onset());
              if (o > 0) {
                overlap += o;
                if (!hit && r[1] - r[0] >= 30) {
                  delays.add(announced.get(k).emittedAtSample() / fs - r[0]);
                }
                hit = true;
              }
            }
            if (r[1] - r[0] >= 30) {
              refLong++;
              refHit += hit ? 1 : 0;
            }
          }
          refTotal += refHere;
          for (EcgMonitor.Episode d : closed) {
            detTotal += d.offset() - d.onset();
            if (ref.isEmpty()) {
              falseFree += d.offset() - d.onset();
            }
          }
        }
        double[] d = delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s,%.3f,%.3f,%.3f,%.0f,%d,%d,%.1f,%.1f%n", model,
            overlap / refTotal, overlap / detTotal, refHit / (double) refLong, falseFree,
            detected, reference, d.length == 0 ? Double.NaN : d[d.length / 2],
            (System.nanoTime() - t0) / 1e9);
      }
    }
  }

  /** Reference AF stretches [from, to) in seconds from the rhythm annotations. */
  static List<double[]> afStretches(List<Annotation> ann, int length, double fs) {
    List<double[]> out = new ArrayList<>();
    double start = -1;
    for (Annotation a : ann) {
      if (a.aux() == null || !a.aux().startsWith("(")) {
        continue; // not a rhythm change
      }
      String rhythm = a.aux().trim().replace("\0", "");
      if (start >= 0) {
        out.add(new double[] {start, a.sample() / fs});
        start = -1;
      }
      if (rhythm.equals("(AFIB")) {
        start = a.sample() / fs;
      }
    }
    if (start >= 0) {
      out.add(new double[] {start, length / fs});
    }
    return out;
  }
}
