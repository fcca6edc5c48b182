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
    // 1 positive in 40: many resamples lose it, ROC-AUC is then undefined
    int[] y = new int[40];
    y[0] = 1;
    double[][] s = new double[40][];
    int[] p = new int[40];
    for (int i = 0; i < 40; i++) {
      s[i] = new double[] {1 - i / 40.0, i / 40.0};
    }
    Bootstrap.ScoreMetric auc = (t, pr, sc) -> RocAuc.macro(t, sc);
    // P(resample keeps the positive) = 1 - (39/40)^40 ~ 0.64: more than half survive
    ConfidenceInterval ci = Bootstrap.of(200, 0.9, 3).interval(y, p, s, auc);
    assertEquals(0.0, ci.point(), 0);
    // only one positive in 2: almost never more than half undefined -> fine; with 1 in 200, fail
    int[] y2 = new int[200];
    y2[0] = 1;
    double[][] s2 = new double[200][];
    for (int i = 0; i < 200; i++) {
      s2[i] = new double[] {0.5, 0.5};
    }
    // P(keep) = 1 - (199/200)^200 ~ 0.63 too; force failure with a metric undefined on most draws
    assertThrows(UndefinedMetricException.class, () -> Bootstrap.of(100, 0.9, 3)
        .interval(y2, new int[200], s2, (t, pr, sc) -> {
          if (t[0] != 1) {
            throw new UndefinedMetricException("first draw not the positive");
          }
          return 1.0;
        }));
  }
}
