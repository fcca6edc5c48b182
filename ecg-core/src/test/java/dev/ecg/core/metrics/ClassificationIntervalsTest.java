package dev.ecg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.labels.CincClass;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationIntervalsTest {

  @Test
  void pointValuesAreHandComputedAndInsideTheirIntervals() {
    // 10 examples, 3 classes; 8 correct -> accuracy 0.8
    int[] y = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    int[] p = {0, 0, 0, 1, 1, 1, 0, 2, 2, 2};
    Map<String, ConfidenceInterval> ci = ClassificationIntervals.of(y, p, null,
        List.of("a", "b", "c"), 7L);
    assertEquals(List.of("accuracy", "macro_f1", "weighted_f1", "f1_a", "f1_b", "f1_c"),
        List.copyOf(ci.keySet()));
    assertEquals(0.8, ci.get("accuracy").point(), 1e-12);
    // class a: tp 3, fp 1, fn 1 -> F1 = 0.75; b: tp 2, fp 1, fn 1 -> 2/3; c: 1.0
    assertEquals(0.75, ci.get("f1_a").point(), 1e-12);
    assertEquals(2.0 / 3, ci.get("f1_b").point(), 1e-12);
    assertEquals((0.75 + 2.0 / 3 + 1.0) / 3, ci.get("macro_f1").point(), 1e-12);
    // supports 4, 3, 3
    assertEquals((4 * 0.75 + 3 * 2.0 / 3 + 3 * 1.0) / 10, ci.get("weighted_f1").point(), 1e-12);
    for (ConfidenceInterval c : ci.values()) {
      assertTrue(c.lower() <= c.point() + 1e-12 && c.point() <= c.upper() + 1e-12, c.toString());
      assertEquals(0.95, c.level());
    }
    // class c is always right: its F1 is 1 on every resample that holds it
    assertEquals(1.0, ci.get("f1_c").upper(), 0);
  }

  @Test
  void cincScoreIsTheMeanOfTheFirstThreeF1s() {
    int[] y = {0, 1, 2, 3, 0, 1, 2};
    int[] p = {0, 1, 2, 0, 0, 1, 2};
    Map<String, ConfidenceInterval> ci = ClassificationIntervals.of(y, p, null, CincClass.NAMES,
        1L);
    // N: tp 2, fp 1 -> F1 0.8; A 1; O 1 -> (0.8 + 1 + 1) / 3
    assertEquals((0.8 + 1 + 1) / 3, ci.get("cinc_score").point(), 1e-12);
    assertFalse(ci.containsKey("sveb_se"));
  }

  @Test
  void ec57StatisticsForTheAamiClasses() {
    // N N N N S S S V V F Q; predictions: one S called N, one N called S, one F called V
    int[] y = {0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4};
    int[] p = {0, 0, 0, 1, 1, 1, 0, 2, 2, 2, 4};
    Map<String, ConfidenceInterval> ci = ClassificationIntervals.of(y, p, null, AamiClass.NAMES,
        3L);
    // SVEB: TP 2, FN 1, FP 1 -> Se 2/3, +P 2/3
    assertEquals(2.0 / 3, ci.get("sveb_se").point(), 1e-12);
    assertEquals(2.0 / 3, ci.get("sveb_ppv").point(), 1e-12);
    // VEB: TP 2, FN 0; the F beat called V is not a false positive (EC57) -> Se 1, +P 1
    assertEquals(1.0, ci.get("veb_se").point(), 1e-12);
    assertEquals(1.0, ci.get("veb_ppv").point(), 1e-12);
    assertFalse(ci.containsKey("cinc_score"));
  }

  @Test
  void macroAucFromProbabilities() {
    // binary, scores: positives 0.8, 0.7, 0.4; negatives 0.6, 0.3, 0.2. Pairs ranked right:
    // 0.8 > all 3, 0.7 > all 3, 0.4 > 2 of 3 -> 8 / 9 for class 1; class 0 mirrors it.
    int[] y = {1, 1, 1, 0, 0, 0};
    double[] s = {0.8, 0.7, 0.4, 0.6, 0.3, 0.2};
    double[][] probs = new double[6][];
    int[] pred = new int[6];
    for (int i = 0; i < 6; i++) {
      probs[i] = new double[] {1 - s[i], s[i]};
      pred[i] = s[i] >= 0.5 ? 1 : 0;
    }
    Map<String, ConfidenceInterval> ci = ClassificationIntervals.of(y, pred, probs,
        List.of("neg", "pos"), Bootstrap.of(200, 0.9, 5));
    assertEquals(8.0 / 9, ci.get("macro_auc").point(), 1e-12);
    assertEquals(0.9, ci.get("macro_auc").level());
    // no interval when a class is absent from the labels
    Map<String, ConfidenceInterval> none = ClassificationIntervals.of(new int[] {0, 0},
        new int[] {0, 1}, new double[][] {{0.6, 0.4}, {0.3, 0.7}}, List.of("neg", "pos"), 1L);
    assertFalse(none.containsKey("macro_auc"));
  }

  @Test
  void sameSeedSameIntervals() {
    int[] y = {0, 1, 0, 1, 1, 0, 1, 0, 0, 1};
    int[] p = {0, 1, 1, 1, 0, 0, 1, 0, 1, 1};
    assertEquals(ClassificationIntervals.of(y, p, null, List.of("x", "y"), 9L),
        ClassificationIntervals.of(y, p, null, List.of("x", "y"), 9L));
  }

  @Test
  void badInputIsRefused() {
    int[] y = {0, 1};
    assertThrows(MetricInputException.class,
        () -> ClassificationIntervals.of(y, new int[] {0}, null, List.of("a", "b"), 1L));
    assertThrows(MetricInputException.class,
        () -> ClassificationIntervals.of(y, new int[] {0, 2}, null, List.of("a", "b"), 1L));
    assertThrows(MetricInputException.class,
        () -> ClassificationIntervals.of(y, y, null, List.of("a"), 1L));
    assertThrows(MetricInputException.class,
        () -> ClassificationIntervals.of(y, y, null, List.of("a", "a"), 1L));
    assertThrows(MetricInputException.class,
        () -> ClassificationIntervals.of(y, y, new double[][] {{1, 0, 0}, {0, 1, 0}},
            List.of("a", "b"), 1L));
    assertThrows(MetricInputException.class,
        () -> ClassificationIntervals.of(y, y, new double[][] {{1, 0}, {0, Double.NaN}},
            List.of("a", "b"), 1L));
    assertThrows(MetricInputException.class,
        () -> ClassificationIntervals.of(new int[0], new int[0], null, List.of("a", "b"), 1L));
  }
}
