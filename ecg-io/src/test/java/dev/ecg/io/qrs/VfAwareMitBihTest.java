package dev.ecg.io.qrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.io.Record;
import dev.ecg.io.testdata.MitBihLead0;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Regression of {@link VfAwareDetector} on MIT-BIH lead 0, scored against every beat annotation
 * with a 150 ms window and nothing excluded (the protocol of {@code docs/qrs-detection.md}). The
 * bounds come from the goal, not from the detector's output: gross Se and +P at least 99.7 %
 * (the state of the art the issue asks for); on the clean record 100 the same 99.7 %; on each of
 * the hard records 105 (noise), 108 (large P and T waves), 207 (ventricular flutter, no beat
 * annotations there) at most a quarter of the whole database's error budget
 * ({@code 0.003 x 109,494 / 4 = 82} missed and 82 false beats). Skips without the data.
 */
class VfAwareMitBihTest {
  private static final int HARD_RECORD_BUDGET = 82;

  private static Optional<List<Record>> data() {
    Optional<List<Record>> d = MitBihLead0.load();
    Assumptions.assumeTrue(d.isPresent(), DataDir.missingMessage("mitdb"));
    return d;
  }

  @Test
  void grossGoalOnAll48Records() {
    List<Record> recs = data().get();
    assertEquals(48, recs.size());
    Ec57Scorer.RecordScore g = Ec57Scorer.gross(
        MitBihDetectorReportTest.score(VfAwareDetector.create(), recs, new long[1]));
    assertEquals(109_494, g.tp() + g.fn(), "every beat annotation is scored");
    assertTrue(g.sensitivity() >= 0.997, "gross " + g);
    assertTrue(g.positivePredictivity() >= 0.997, "gross " + g);
  }

  @Test
  void hardAndCleanRecords() {
    List<Record> some = new ArrayList<>();
    for (Record r : data().get()) {
      if (Map.of("100", 1, "105", 1, "108", 1, "207", 1).containsKey(r.name())) {
        some.add(r);
      }
    }
    assertEquals(4, some.size());
    for (Ec57Scorer.RecordScore s
        : MitBihDetectorReportTest.score(VfAwareDetector.create(), some, new long[1])) {
      if (s.recordId().equals("100")) {
        assertTrue(s.sensitivity() >= 0.997 && s.positivePredictivity() >= 0.997, s.toString());
      } else {
        assertTrue(s.fn() <= HARD_RECORD_BUDGET && s.fp() <= HARD_RECORD_BUDGET, s.toString());
      }
    }
  }
}
