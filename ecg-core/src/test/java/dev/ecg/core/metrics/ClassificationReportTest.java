package dev.ecg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.json.JsonReader;
import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.labels.CincClass;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {
  @Test
  @SuppressWarnings("unchecked")
  void aamiReportHasEc57SectionAndJson() {
    int[] y = {0, 0, 0, 1, 2, 2, 3, 4};
    int[] p = {0, 0, 1, 1, 2, 0, 2, 4};
    ClassificationReport r = ClassificationReport.of(y, p, null, AamiClass.NAMES);
    assertTrue(r.aami().isPresent());
    assertTrue(r.cinc().isEmpty());
    String t = r.toText();
    assertTrue(t.contains("AAMI EC57"), t);
    assertTrue(t.contains("Confusion matrix"), t);
    assertTrue(t.contains("Cohen's kappa"), t);
    Map<String, Object> j = (Map<String, Object>) JsonReader.parse(r.toJson());
    Map<String, Object> veb = (Map<String, Object>) ((Map<String, Object>) j.get("aami")).get("veb");
    // VEB: TP = 1 (V->V), FN = 1 (V->N), FP = 0 (F->V not counted)
    assertEquals(1.0, veb.get("tp"));
    assertEquals(1.0, veb.get("fn"));
    assertEquals(0.0, veb.get("fp"));
    assertFalse(j.containsKey("roc_auc_macro"), "no scores, no AUC keys");
  }

  @Test
  @SuppressWarnings("unchecked")
  void cincReportWithScoresAndUndefinedAuc() {
    int[] y = {0, 0, 1, 2, 2, 0};
    int[] p = {0, 2, 1, 2, 0, 0};
    double[][] s = {
        {0.7, 0.1, 0.1, 0.1}, {0.3, 0.1, 0.5, 0.1}, {0.1, 0.8, 0.05, 0.05},
        {0.2, 0.1, 0.6, 0.1}, {0.5, 0.1, 0.3, 0.1}, {0.6, 0.2, 0.1, 0.1}};
    ClassificationReport r = ClassificationReport.of(y, p, s, CincClass.NAMES);
    assertTrue(r.cinc().isPresent());
    assertTrue(r.rocAuc(3).isEmpty(), "class ~ has no sample: AUC undefined");
    assertTrue(r.rocAucMacro().isEmpty());
    assertTrue(r.rocAuc(1).isPresent());
    assertEquals(1.0, r.rocAuc(1).getAsDouble(), 0);
    assertTrue(r.expectedCalibrationError().isPresent());
    assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("roc_auc[~]")), r.warnings()::toString);
    String t = r.toText();
    assertTrue(t.contains("CinC 2017 score"), t);
    assertTrue(t.contains("n/a"), t);
    assertTrue(t.contains("Warnings"), t);
    Map<String, Object> j = (Map<String, Object>) JsonReader.parse(r.toJson());
    assertTrue(j.containsKey("roc_auc_macro"));
    assertNull(j.get("roc_auc_macro"));
    List<Map<String, Object>> per = (List<Map<String, Object>>) j.get("per_class");
    assertNull(per.get(3).get("roc_auc"));
    assertEquals(1.0, per.get(1).get("roc_auc"));
    assertFalse(((List<Object>) j.get("warnings")).isEmpty());
  }

  @Test
  void logitsAreNotCalibrated() {
    int[] y = {0, 1, 0, 1};
    double[][] logits = {{2, -1}, {-1, 3}, {0.5, 0.2}, {0.1, 0.4}};
    ClassificationReport r = ClassificationReport.of(y, y, logits, List.of("neg", "pos"));
    assertTrue(r.expectedCalibrationError().isEmpty());
    assertEquals(1.0, r.rocAucMacro().getAsDouble(), 0);
  }
}
