package dev.ecg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  private static final int[] Y = new int[200];
  private static final int[] P = new int[200];

  static {
    Random r = new Random(7);
    for (int i = 0; i < Y.length; i++) {
      Y[i] = r.nextInt(3);
      P[i] = r.nextDouble() < 0.7 ? Y[i] : r.nextInt(3);
    }
  }

  @Test
  void deterministicForSeedAndDifferentAcrossSeeds() {
    Bootstrap.LabelMetric acc = (t, p) -> ConfusionMatrix.of(t, p, 3).accuracy();
    ConfidenceInterval a = Bootstrap.of(300, 0.95, 11).interval(Y, P, acc);
    ConfidenceInterval b = Bootstrap.of(300, 0.95, 11).interval(Y, P, acc);
    assertEquals(a, b);
    ConfidenceInterval c = Bootstrap.of(300, 0.95, 12).interval(Y, P, acc);
    assertNotEquals(a, c);
    assertEquals(ConfusionMatrix.of(Y, P, 3).accuracy(), a.point(), 0);
    assertTrue(a.lower() <= a.point() && a.point() <= a.upper(), a::toString);
    // binomial standard error sqrt(p(1-p)/n) ~ 0.028: a 95% interval should be roughly 0.11 wide
    assertTrue(a.width() > 0.05 && a.width() < 0.2, a::toString);
    assertEquals(0.95, a.level());
  }

  @Test
  void constantMetricGivesDegenerateInterval() {
    ConfidenceInterval ci = Bootstrap.withDefaults().interval(Y, P, (t, p) -> 0.25);
    assertEquals(new ConfidenceInterval(0.25, 0.25, 0.25, 0.95), ci);
    assertEquals("0.2500 [0.2500, 0.2500] 95% CI", ci.toString());
  }

  @Test
  void resamplesWhereTheMetricIsUndefinedAreSkipped() {
    // 1 positive in 40: a resample keeps it with probability 1 - (39/40)^40 ~ 0.64, otherwise
    // ROC-AUC is undefined there and the replicate is skipped (fewer than half are)
    int[] y = new int[40];
    y[0] = 1;
    double[][] s = new double[40][];
    for (int i = 0; i < 40; i++) {
      s[i] = new double[] {1 - i / 40.0, i / 40.0};
    }
    Bootstrap.ScoreMetric auc = (t, pr, sc) -> RocAuc.macro(t, sc);
    ConfidenceInterval ci = Bootstrap.of(200, 0.9, 3).interval(y, new int[40], s, auc);
    // the positive has the lowest class-1 score: every defined replicate gives AUC 0
    assertEquals(new ConfidenceInterval(0.0, 0.0, 0.0, 0.9), ci);
  }

  @Test
  void failsWhenMostReplicatesAreUndefined() {
    // the metric is defined only when the first drawn sample is index 0: about 1 in 200 replicates
    int[] y = new int[200];
    y[0] = 1;
    UndefinedMetricException e = assertThrows(UndefinedMetricException.class,
        () -> Bootstrap.of(100, 0.9, 3).interval(y, new int[200], (t, p) -> {
          if (t[0] != 1) {
            throw new UndefinedMetricException("first draw is not the positive");
          }
          return 1.0;
        }));
    assertTrue(e.getMessage().contains("more than half"), e::getMessage);
  }
}
