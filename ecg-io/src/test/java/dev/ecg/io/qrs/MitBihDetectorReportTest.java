package dev.ecg.io.qrs;

import dev.ecg.core.DataDir;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.dsp.Resample;
import dev.ecg.io.testdata.MitBihLead0;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Gated report (not a check): the detectors on lead 0 of the 48 MIT-BIH records, scored against
 * <b>every</b> beat annotation ({@link Ec57Scorer#referenceBeats}) with a 150 ms window, nothing
 * excluded (no ventricular flutter exclusion, no start or end margin). Prints one Markdown table
 * per detector (Se, +P, TP, FN, FP per record and gross) and a side-by-side summary.
 *
 * <p>Runs only with {@code -Decg.report.mitbih=true}; skips otherwise and when the data are absent.
 * {@code -Decg.report.detectors=pantompkins,twoaverage,vfaware,pantompkins-vf} picks the detectors
 * (default all four; see {@link #detector}); {@code -Decg.report.rate=250} resamples the records
 * first ({@link #atRate}).
 *
 * <pre>
 * mvn -B -ntp -o -pl ecg-io -am test -Dtest=MitBihDetectorReportTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Decg.report.mitbih=true
 * </pre>
 */
class MitBihDetectorReportTest {
  /** The scorer of the report: 150 ms window, no margins. */
  static final Ec57Scorer SCORER = Ec57Scorer.builder().optMargins(0, 0).build();

  static QrsDetector detector(String name) {
    switch (name) {
      case "pantompkins":
        return PanTompkins.create();
      case "twoaverage":
        return TwoAverageDetector.create();
      case "vfaware":
        return VfAwareDetector.create();
      case "pantompkins-vf":
        return VfAwareDetector.wrap(PanTompkins.create());
      default:
        throw new IllegalArgumentException("unknown detector " + name
            + " (pantompkins, twoaverage, vfaware, pantompkins-vf)");
    }
  }

  /** Scores one detector over all records (nothing excluded). */
  static List<Ec57Scorer.RecordScore> score(QrsDetector d, List<Record> records, long[] nanos) {
    List<Ec57Scorer.RecordScore> out = new ArrayList<>();
    for (Record r : records) {
      long t0 = System.nanoTime();
      int[] det = d.detect(r.channel(0), r.fs());
      nanos[0] += System.nanoTime() - t0;
      out.add(SCORER.score(r.name(), Ec57Scorer.referenceBeats(r.annotations()), det, r.fs(),
          r.length(), List.of()));
    }
    return out;
  }

  /**
   * The records resampled to {@code fs} with {@link Resample#toRate} (annotations mapped with
   * {@link Resample#samples}); the records themselves when {@code fs} is their rate.
   */
  static List<Record> atRate(List<Record> records, double fs) {
    List<Record> out = new ArrayList<>();
    for (Record r : records) {
      if (fs == r.fs()) {
        out.add(r);
        continue;
      }
      double[] y = Resample.toRate(r.channel(0), r.fs(), fs);
      long[] at = Resample.samples(r.annotations().stream().mapToLong(Annotation::sample)
          .toArray(), r.fs(), fs);
      List<Annotation> ann = new ArrayList<>();
      for (int i = 0; i < at.length; i++) {
        Annotation a = r.annotations().get(i);
        ann.add(new Annotation(Math.min(at[i], y.length - 1), a.symbol(), a.subtype(),
            a.chan(), a.num(), a.aux()));
      }
      out.add(new Record(r.name(), fs, r.channelNames(), r.units(), new double[][] {y}, ann));
    }
    return out;
  }

  static String row(Ec57Scorer.RecordScore s) {
    return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %d | %d | %d |", s.recordId(),
        100 * s.sensitivity(), 100 * s.positivePredictivity(), s.tp(), s.fn(), s.fp());
  }

  @Test
  void report() {
    Assumptions.assumeTrue(Boolean.getBoolean("ecg.report.mitbih"),
        "report only with -Decg.report.mitbih=true");
    Optional<List<Record>> loaded = MitBihLead0.load();
    Assumptions.assumeTrue(loaded.isPresent(), DataDir.missingMessage("mitdb"));
    double rate = Double.parseDouble(System.getProperty("ecg.report.rate", "360"));
    Optional<List<Record>> data = Optional.of(atRate(loaded.get(), rate));
    System.out.printf(Locale.ROOT, "MIT-BIH lead 0 at %.0f Hz%n", rate);
    String[] names = System.getProperty("ecg.report.detectors", "pantompkins,twoaverage,vfaware,pantompkins-vf")
        .split(",");
    Map<String, List<Ec57Scorer.RecordScore>> all = new LinkedHashMap<>();
    for (String name : names) {
      QrsDetector d = detector(name.trim());
      score(d, data.get(), new long[1]); // warm-up pass (JIT), not timed
      long[] nanos = new long[1];
      List<Ec57Scorer.RecordScore> sc = score(d, data.get(), nanos);
      all.put(name.trim(), sc);
      StringBuilder t = new StringBuilder(d + "\n| record | Se % | +P % | TP | FN | FP |\n"
          + "|---|---|---|---|---|---|\n");
      for (Ec57Scorer.RecordScore s : sc) {
        t.append(row(s)).append('\n');
      }
      Ec57Scorer.RecordScore g = Ec57Scorer.gross(sc);
      t.append(row(g).replace("| gross |", "| **gross** |")).append('\n');
      System.out.println(t);
      System.out.printf(Locale.ROOT, "%s: gross Se %.3f %%, +P %.3f %% (TP %d, FN %d, FP %d); "
          + "detection %.1f ms per record on average (warm JIT, single thread)%n%n", name,
          100 * g.sensitivity(), 100 * g.positivePredictivity(), g.tp(), g.fn(), g.fp(),
          nanos[0] / 1e6 / data.get().size());
    }
    if (all.size() > 1) {
      StringBuilder t = new StringBuilder("| record | beats");
      StringBuilder sep = new StringBuilder("|---|---");
      for (String n : all.keySet()) {
        t.append(" | ").append(n).append(" FN | ").append(n).append(" FP | ").append(n)
            .append(" Se % | ").append(n).append(" +P %");
        sep.append("|---|---|---|---");
      }
      t.append(" |\n").append(sep).append("|\n");
      int nRec = data.get().size();
      for (int i = 0; i <= nRec; i++) {
        boolean gross = i == nRec;
        String id = gross ? "gross" : data.get().get(i).name();
        Ec57Scorer.RecordScore first = gross
            ? Ec57Scorer.gross(all.values().iterator().next())
            : all.values().iterator().next().get(i);
        t.append("| ").append(id).append(" | ").append(first.tp() + first.fn());
        for (List<Ec57Scorer.RecordScore> sc : all.values()) {
          Ec57Scorer.RecordScore s = gross ? Ec57Scorer.gross(sc) : sc.get(i);
          t.append(String.format(Locale.ROOT, " | %d | %d | %.2f | %.2f", s.fn(), s.fp(),
              100 * s.sensitivity(), 100 * s.positivePredictivity()));
        }
        t.append(" |\n");
      }
      System.out.println(t);
    }
  }
}
