package dev.ecg.examples.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.json.JsonReader;
import dev.ecg.core.labels.CincClass;
import dev.ecg.core.metrics.ConfidenceInterval;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportingTest {
  @Test
  void pointValuesAreHandComputedAndInsideTheirIntervals() {
    // 10 examples, 3 classes; 8 correct -> accuracy 0.8
    int[] y = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    int[] p = {0, 0, 0, 1, 1, 1, 0, 2, 2, 2};
    Map<String, ConfidenceInterval> ci = Reporting.intervals(y, p, null, List.of("a", "b", "c"),
        7L);
    assertEquals(0.8, ci.get("accuracy").point(), 1e-12);
    // class a: tp 3, fp 1, fn 1 -> F1 = 0.75; b: tp 2, fp 1, fn 1 -> 2/3; c: 1.0
    assertEquals(0.75, ci.get("f1_a").point(), 1e-12);
    assertEquals(2.0 / 3, ci.get("f1_b").point(), 1e-12);
    assertEquals((0.75 + 2.0 / 3 + 1.0) / 3, ci.get("macro_f1").point(), 1e-12);
    for (ConfidenceInterval c : ci.values()) {
      assertTrue(c.lower() <= c.point() + 1e-12 && c.point() <= c.upper() + 1e-12, c.toString());
    }
  }

  @Test
  void cincScoreIsTheMeanOfTheFirstThreeF1s() {
    // N, A, O perfect; ~ never predicted right: score = (1 + 1 + 1) / 3 = 1
    int[] y = {0, 1, 2, 3, 0, 1, 2};
    int[] p = {0, 1, 2, 0, 0, 1, 2};
    Map<String, ConfidenceInterval> ci = Reporting.intervals(y, p, null, CincClass.NAMES, 1L);
    // N: tp 2, fp 1 -> F1 0.8; A 1; O 1 -> (0.8 + 1 + 1) / 3
    assertEquals((0.8 + 1 + 1) / 3, ci.get("cinc_score").point(), 1e-12);
  }

  @Test
  void jsonParsesAndCarriesInfoAndReport() throws Exception {
    int[] y = {0, 1, 0, 1, 1, 0};
    int[] p = {0, 1, 1, 1, 0, 0};
    double[][] s = {{0.9, 0.1}, {0.2, 0.8}, {0.4, 0.6}, {0.3, 0.7}, {0.6, 0.4}, {0.7, 0.3}};
    Reporting.Evaluation e = Reporting.evaluate(Map.of("experiment", "x"), y, p, s,
        List.of("neg", "pos"), 3L);
    Object parsed = JsonReader.parse(e.json());
    assertTrue(parsed instanceof Map<?, ?>);
    Map<?, ?> m = (Map<?, ?>) parsed;
    assertEquals("x", m.get("experiment"));
    assertTrue(m.containsKey("report") && m.containsKey("ci95"), m.keySet().toString());
  }
}
