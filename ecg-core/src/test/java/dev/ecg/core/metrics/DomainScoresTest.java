package dev.ecg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.labels.CincClass;
import org.junit.jupiter.api.Test;

/** AAMI EC57 and CinC 2017 scores against values derived by hand from their definitions. */
class DomainScoresTest {
  // rows = reference N,S,V,F,Q ; columns = predicted n,s,v,f,q
  private static final long[][] AAMI = {
      {900, 20, 10, 5, 1},
      {8, 60, 2, 0, 0},
      {4, 3, 80, 2, 1},
      {1, 0, 6, 10, 0},
      {0, 1, 1, 0, 2},
  };

  @Test
  void aamiDeChazalConvention() {
    AamiMetrics a = AamiMetrics.of(ConfusionMatrix.ofCounts(AAMI, AamiClass.NAMES));
    // total = 936 + 70 + 90 + 17 + 4 = 1117
    // SVEB: TP = 60, FN = 8+2 = 10, FP = 20+3+0+1 = 24, TN = 1117 - 70 - 84 + 60 = 1023
    assertEquals(new AamiMetrics.Stats(60, 10, 24, 1023), a.sveb());
    assertEquals(60.0 / 70, a.sveb().sensitivity(), 1e-15);
    assertEquals(60.0 / 84, a.sveb().positivePredictivity(), 1e-15);
    assertEquals(24.0 / 1047, a.sveb().falsePositiveRate(), 1e-15);
    // VEB: TP = 80, FN = 4+3+2+1 = 10, FP = 10+2+1 = 13 (F->V = 6 not counted),
    // TN = 1117 - 90 - 99 + 80 = 1008 (beats outside row V and column v)
    assertEquals(new AamiMetrics.Stats(80, 10, 13, 1008), a.veb());
    assertEquals(80.0 / 90, a.veb().sensitivity(), 1e-15);
    assertEquals(80.0 / 93, a.veb().positivePredictivity(), 1e-15);
    assertEquals(13.0 / 1021, a.veb().falsePositiveRate(), 1e-15);
    assertEquals((900 + 60 + 80 + 10 + 2) / 1117.0, a.accuracy(), 1e-15);
    assertTrue(a.undefinedMetrics().isEmpty());
    assertTrue(a.toString().contains("SVEB") && a.toString().contains("0.8571"), a::toString);
  }

  @Test
  void aamiUndefinedStatisticsAreZeroAndListed() {
    AamiMetrics a = AamiMetrics.of(new int[] {0, 0, 2}, new int[] {0, 0, 2});
    assertEquals(0.0, a.sveb().sensitivity());
    assertEquals(0.0, a.sveb().positivePredictivity());
    assertEquals(1.0, a.veb().sensitivity());
    assertTrue(a.undefinedMetrics().contains("SVEB Se: no reference beats of the class, set to 0.0"));
  }

  @Test
  void cincScoreFromChallengeFormula() {
    // rows = reference N,A,O,~ ; columns = predicted
    long[][] c = {{50, 2, 8, 0}, {1, 9, 2, 0}, {10, 1, 25, 1}, {2, 0, 1, 3}};
    CincScore s = CincScore.of(ConfusionMatrix.ofCounts(c, CincClass.NAMES));
    double fn = 2.0 * 50 / (60 + 63);
    double fa = 2.0 * 9 / (12 + 12);
    double fo = 2.0 * 25 / (37 + 36);
    double fq = 2.0 * 3 / (6 + 4);
    assertArrayEquals(new double[] {fn, fa, fo, fq}, s.perClassF1(), 1e-15);
    assertEquals((fn + fa + fo) / 3, s.score(), 1e-15);
  }

  @Test
  void cincFromLabelVectors() {
    CincScore s = CincScore.of(new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 0});
    // F1 N = 2*1/(1+2), A = 1, O = 1, ~ = 0
    assertEquals((2.0 / 3 + 1 + 1) / 3, s.score(), 1e-15);
    assertEquals(0.0, s.f1Noisy());
  }
}
