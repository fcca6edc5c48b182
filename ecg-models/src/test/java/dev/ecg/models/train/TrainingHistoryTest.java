package dev.ecg.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.json.JsonReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TrainingHistory#toJson()}: the documented structure, in member order, compact. */
class TrainingHistoryTest {

  @Test
  void oneEpochAsExactText() {
    TrainingHistory h = new TrainingHistory(
        List.of(new EpochRecord(1, 0.75, Double.NaN, Map.of(), 0.001, 2.0)), 1, "trainLoss", true);
    assertEquals("{\"monitor\":\"trainLoss\",\"bestEpoch\":1,\"stoppedEarly\":true,\"epochs\":["
        + "{\"epoch\":1,\"trainLoss\":0.75,\"validationLoss\":null,\"learningRate\":0.001,"
        + "\"seconds\":2,\"metrics\":{}}]}", h.toJson());
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyEpochAndMetricReadsBack() {
    Map<String, Double> m1 = new LinkedHashMap<>();
    m1.put("accuracy", 0.625);
    m1.put("macroF1", Double.NaN);
    m1.put("odd \"key\"", 1e-7);
    Map<String, Double> m2 = new LinkedHashMap<>();
    m2.put("accuracy", 0.8125);
    m2.put("macroF1", 0.5);
    m2.put("odd \"key\"", Double.POSITIVE_INFINITY);
    TrainingHistory h = new TrainingHistory(List.of(
        new EpochRecord(1, 1.25, 1.5, m1, 3e-3, 10.5),
        new EpochRecord(2, 0.5, 0.875, m2, 1.5e-3, 9.25)), 2, "validationLoss", false);

    String json = h.toJson();
    assertTrue(!json.contains("\n") && !json.contains(" \""), "compact: " + json);
    Map<String, Object> root = (Map<String, Object>) JsonReader.parse(json);
    assertEquals(List.of("monitor", "bestEpoch", "stoppedEarly", "epochs"),
        List.copyOf(root.keySet()));
    assertEquals("validationLoss", root.get("monitor"));
    assertEquals(2.0, root.get("bestEpoch"));
    assertEquals(Boolean.FALSE, root.get("stoppedEarly"));
    List<Object> epochs = (List<Object>) root.get("epochs");
    assertEquals(2, epochs.size());

    Map<String, Object> e1 = (Map<String, Object>) epochs.get(0);
    assertEquals(List.of("epoch", "trainLoss", "validationLoss", "learningRate", "seconds",
        "metrics"), List.copyOf(e1.keySet()));
    assertEquals(1.0, e1.get("epoch"));
    assertEquals(1.25, e1.get("trainLoss"));
    assertEquals(1.5, e1.get("validationLoss"));
    assertEquals(3e-3, e1.get("learningRate"));
    assertEquals(10.5, e1.get("seconds"));
    Map<String, Object> met1 = (Map<String, Object>) e1.get("metrics");
    assertEquals(List.of("accuracy", "macroF1", "odd \"key\""), List.copyOf(met1.keySet()));
    assertEquals(0.625, met1.get("accuracy"));
    assertTrue(met1.containsKey("macroF1"));
    assertNull(met1.get("macroF1"));
    assertEquals(1e-7, met1.get("odd \"key\""));

    Map<String, Object> e2 = (Map<String, Object>) epochs.get(1);
    assertEquals(2.0, e2.get("epoch"));
    assertEquals(0.875, e2.get("validationLoss"));
    assertEquals(9.25, e2.get("seconds"));
    Map<String, Object> met2 = (Map<String, Object>) e2.get("metrics");
    assertEquals(0.5, met2.get("macroF1"));
    assertNull(met2.get("odd \"key\""));
  }
}
