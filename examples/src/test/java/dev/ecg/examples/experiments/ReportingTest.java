package dev.ecg.examples.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.json.JsonReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportingTest {
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
    // the intervals are ecg-core's ClassificationIntervals (tested there): 4 of 6 right
    Map<?, ?> acc = (Map<?, ?>) ((Map<?, ?>) m.get("ci95")).get("accuracy");
    assertEquals(4.0 / 6, ((Number) acc.get("point")).doubleValue(), 1e-12);
    assertEquals(e.intervals().keySet(), ((Map<?, ?>) m.get("ci95")).keySet());
  }
}
