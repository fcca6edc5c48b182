package dev.ecg.io.qrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.io.Record;
import dev.ecg.io.quality.SignalQuality;
import dev.ecg.io.testdata.MitBihLead0;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Report, not a unit test: {@link NeuroKitDetector} on lead 0 of all 48 MIT-BIH records, scored
 * with {@link Ec57Scorer} (150 ms matching window, every beat annotation as reference) twice: with
 * no exclusions at all, and with the EC57 conventions used by {@link MitBihQrsTest} (first and
 * last second and ventricular flutter episodes left out). Pan-Tompkins runs beside it for
 * comparison, and {@link SignalQuality} is applied to every whole record. Runs only with
 * {@code -Decg.report.mitbih=true} (about a minute); the figures are in docs/quality-and-peaks.md.
 */
class NeuroKitMitBihReportTest {
  @Test
  void scoreAll48Records() {
    Assumptions.assumeTrue(Boolean.getBoolean("ecg.report.mitbih"),
        "report skipped; run with -Decg.report.mitbih=true");
    Optional<List<Record>> data = MitBihLead0.load();
    Assumptions.assumeTrue(data.isPresent(), DataDir.missingMessage("mitdb"));
    List<Record> records = data.get();
    assertEquals(48, records.size());

    Ec57Scorer plain = Ec57Scorer.builder().optMargins(0, 0).build();
    NeuroKitDetector nk = NeuroKitDetector.create();
    List<Ec57Scorer.RecordScore> scores = new ArrayList<>();
    StringBuilder table = new StringBuilder(
        "| record | beats | TP | FN | FP | Se % | +P % | mean err ms | sd err ms |\n"
        + "|---|---|---|---|---|---|---|---|---|\n");
    long t0 = System.nanoTime();
    List<int[]> detections = new ArrayList<>();
    for (Record r : records) {
      detections.add(nk.detect(r.channel(0), r.fs()));
    }
    long t1 = System.nanoTime();
    for (int i = 0; i < records.size(); i++) {
      Record r = records.get(i);
      Ec57Scorer.RecordScore s = plain.score(r.name(), Ec57Scorer.referenceBeats(r.annotations()),
          detections.get(i), r.fs(), r.length(), List.of());
      scores.add(s);
      table.append(s.markdownRow()).append('\n');
    }
    Ec57Scorer.RecordScore g = Ec57Scorer.gross(scores);
    table.append(g.markdownRow()).append('\n');
    System.out.println("NeuroKitDetector, every beat annotation, no exclusions, 150 ms window\n"
        + table);
    System.out.printf(Locale.ROOT, "NeuroKit gross (no exclusions): Se %.3f %%, +P %.3f %%, "
        + "detection of 48 records took %.1f s%n", 100 * g.sensitivity(),
        100 * g.positivePredictivity(), (t1 - t0) / 1e9);

    Ec57Scorer.RecordScore ec57 = MitBihQrsTest.evaluate(nk, records);
    Ec57Scorer.RecordScore pt = MitBihQrsTest.evaluate(PanTompkins.create(), records);
    System.out.printf(Locale.ROOT, "EC57 conventions: NeuroKit Se %.3f %% +P %.3f %%; "
        + "Pan-Tompkins Se %.3f %% +P %.3f %%%n", 100 * ec57.sensitivity(),
        100 * ec57.positivePredictivity(), 100 * pt.sensitivity(), 100 * pt.positivePredictivity());

    int usable = 0;
    StringBuilder q = new StringBuilder("| record | usable | Zhao level | kSQI | pSQI | basSQI | "
        + "reasons / warnings |\n|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < records.size(); i++) {
      Record r = records.get(i);
      SignalQuality.Assessment a = SignalQuality.assess(r.channel(0), r.fs(), detections.get(i));
      usable += a.usable() ? 1 : 0;
      q.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.3f | %.3f | %s |%n", r.name(),
          a.usable() ? "yes" : "no", a.zhao().level(), a.zhao().kSqi(), a.zhao().pSqi(),
          a.zhao().basSqi(), String.join("; ", a.usable() ? a.warnings() : a.reasons())));
    }
    System.out.println("SignalQuality on whole records (lead 0, 30 min)\n" + q);
    System.out.println("usable records: " + usable + " of 48");
    // loose sanity bounds only; the figures themselves go to the docs
    assertTrue(g.sensitivity() > 0.95, "gross Se " + g.sensitivity());
    assertTrue(g.positivePredictivity() > 0.95, "gross +P " + g.positivePredictivity());
  }
}
