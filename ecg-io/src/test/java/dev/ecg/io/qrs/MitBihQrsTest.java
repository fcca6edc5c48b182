package dev.ecg.io.qrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.io.Record;
import dev.ecg.io.dsp.Resample;
import dev.ecg.io.testdata.MitBihLead0;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The standard evaluation: Pan-Tompkins on lead 0 of all 48 MIT-BIH records, scored beat by beat
 * (150 ms window, first and last second and ventricular flutter episodes excluded) against the
 * reference beat annotations. Pan and Tompkins (1985) report 99.3 % of beats correctly detected.
 */
class MitBihQrsTest {
  /** Scores a detector on lead 0 of all records, prints the per-record table, returns gross. */
  static Ec57Scorer.RecordScore evaluate(QrsDetector detector, List<Record> records) {
    Ec57Scorer scorer = Ec57Scorer.builder().optMargins(1.0, 1.0).build();
    long t0 = System.nanoTime();
    List<int[]> detections = new ArrayList<>();
    for (Record r : records) {
      detections.add(detector.detect(r.channel(0), r.fs()));
    }
    long t1 = System.nanoTime();
    List<Ec57Scorer.RecordScore> scores = new ArrayList<>();
    StringBuilder table = new StringBuilder(
        "| record | beats | TP | FN | FP | Se % | +P % | mean err ms | sd err ms |\n"
        + "|---|---|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < records.size(); i++) {
      Record r = records.get(i);
      Ec57Scorer.RecordScore s = scorer.score(r.name(),
          Ec57Scorer.referenceBeats(r.annotations()), detections.get(i), r.fs(), r.length(),
          Ec57Scorer.flutterIntervals(r.annotations()));
      scores.add(s);
      table.append(s.markdownRow()).append('\n');
    }
    Ec57Scorer.RecordScore g = Ec57Scorer.gross(scores);
    table.append(g.markdownRow()).append('\n');
    System.out.println(detector + "\n" + table);
    System.out.printf(Locale.ROOT, "MIT-BIH gross Se %.3f %%, +P %.3f %%, detection of %d records "
        + "took %.0f ms (single thread, cold JIT)%n", 100 * g.sensitivity(),
        100 * g.positivePredictivity(), records.size(), (t1 - t0) / 1e6);
    return g;
  }

  @Test
  void grossSensitivityAndPredictivityOnAll48Records() {
    Optional<List<Record>> data = MitBihLead0.load();
    Assumptions.assumeTrue(data.isPresent(), DataDir.missingMessage("mitdb"));
    assertEquals(48, data.get().size());
    Ec57Scorer.RecordScore g = evaluate(PanTompkins.create(), data.get());
    // 109,494 reference beats minus those in the margins and in flutter episodes
    assertTrue(g.tp() + g.fn() > 109_000, "reference beats " + (g.tp() + g.fn()));
    assertTrue(g.sensitivity() >= 0.995, "gross Se " + g.sensitivity());
    assertTrue(g.positivePredictivity() >= 0.995, "gross +P " + g.positivePredictivity());
  }

  @Test
  void twoAverageDetectorOnAll48Records() {
    Optional<List<Record>> data = MitBihLead0.load();
    Assumptions.assumeTrue(data.isPresent(), DataDir.missingMessage("mitdb"));
    Ec57Scorer.RecordScore g = evaluate(TwoAverageDetector.create(), data.get());
    // Elgendi (2013) reports Se 99.78 %, +P 99.87 % on MIT-BIH
    assertTrue(g.sensitivity() >= 0.997, "gross Se " + g.sensitivity());
    assertTrue(g.positivePredictivity() >= 0.997, "gross +P " + g.positivePredictivity());
  }

  /**
   * The same evaluation after resampling the records from 360 Hz to another rate (default 250 Hz,
   * or {@code -Decg.qrs.testRate=<Hz>}) with {@link Resample#toRate}; reference positions are
   * mapped with {@link Resample#samples}. Shows that the detector's scaled windows work at any
   * rate.
   */
  @Test
  void grossFiguresHoldAtAnotherSamplingRate() {
    Optional<List<Record>> data = MitBihLead0.load();
    Assumptions.assumeTrue(data.isPresent(), DataDir.missingMessage("mitdb"));
    double fs = Double.parseDouble(System.getProperty("ecg.qrs.testRate", "250"));
    PanTompkins pt = PanTompkins.create();
    Ec57Scorer scorer = Ec57Scorer.builder().build();
    List<Ec57Scorer.RecordScore> scores = new ArrayList<>();
    for (Record r : data.get()) {
      double[] y = Resample.toRate(r.channel(0), r.fs(), fs);
      long[] ref = Resample.samples(Ec57Scorer.referenceBeats(r.annotations()), r.fs(), fs);
      List<long[]> excluded = new ArrayList<>();
      for (long[] e : Ec57Scorer.flutterIntervals(r.annotations())) {
        excluded.add(new long[] {Math.round(e[0] * fs / r.fs()),
            e[1] == Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(e[1] * fs / r.fs())});
      }
      scores.add(scorer.score(r.name(), ref, pt.detect(y, fs), fs, y.length, excluded));
    }
    Ec57Scorer.RecordScore g = Ec57Scorer.gross(scores);
    System.out.printf(Locale.ROOT, "MIT-BIH at %.0f Hz: %s%n", fs, g.markdownRow());
    assertTrue(g.sensitivity() >= 0.995, "gross Se " + g.sensitivity());
    assertTrue(g.positivePredictivity() >= 0.995, "gross +P " + g.positivePredictivity());
  }
}
