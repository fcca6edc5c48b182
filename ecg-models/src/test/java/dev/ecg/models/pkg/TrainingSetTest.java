package dev.ecg.models.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.models.EcgClassifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training set in a package's provenance: round trip, refusal of bad ones, bundles. */
class TrainingSetTest {
  private static ModelManifest manifest(Provenance p) {
    return ModelManifest.builder().setName("t").setClassNames(List.of("a", "b"))
        .setInputLength(4).setSamplingRate(100).optProvenance(p).build();
  }

  @Test
  void itRoundTripsThroughTheManifestJson() throws Exception {
    Provenance p = new Provenance("d", "s", 1L, 2, java.util.Map.of(), "c", "x")
        .withTrainingSet(new Provenance.TrainingSet("mitbih", List.of("101", "106")));
    ModelManifest back = ModelManifest.fromJson(manifest(p).toJson(), "test");
    assertEquals(p.trainingSet(), back.provenance().trainingSet());
    assertNull(ModelManifest.fromJson(manifest(Provenance.unknown()).toJson(), "test")
        .provenance().trainingSet());
  }

  @Test
  void badTrainingSetsAreRefused() {
    String json = manifest(Provenance.unknown()).toJson();
    String numbers = json.replace("\"provenance\": {", "\"provenance\": {\"trainingSet\": "
        + "{\"dataset\": \"mitbih\", \"records\": [101, 106]},");
    assertTrue(!numbers.equals(json), json);
    assertThrows(Exception.class, () -> ModelManifest.fromJson(numbers, "test"));
    String extra = json.replace("\"provenance\": {", "\"provenance\": {\"trainingSet\": "
        + "{\"dataset\": \"mitbih\", \"records\": [], \"more\": 1},");
    assertThrows(Exception.class, () -> ModelManifest.fromJson(extra, "test"));
    assertThrows(dev.ecg.core.EcgArgumentException.class,
        () -> new Provenance.TrainingSet("", List.of()));
    assertThrows(dev.ecg.core.EcgArgumentException.class,
        () -> new Provenance.TrainingSet("x", List.of("")));
  }

  @Test
  void theBundlesNameTheirTrainingRecords() throws Exception {
    try (EcgClassifier c = EcgClassifier.load("mitbih-aami5")) {
      assertEquals(dev.ecg.core.split.MitBihInterPatient.DS1,
          c.manifest().provenance().trainingSet().records());
      assertEquals("mitbih", c.manifest().provenance().trainingSet().dataset());
    }
    for (String n : List.of("cinc2017-rhythm", "af-detect")) {
      try (EcgClassifier c = EcgClassifier.load(n)) {
        Provenance.TrainingSet t = c.manifest().provenance().trainingSet();
        assertEquals("cinc2017", t.dataset());
        assertEquals(7248, t.records().size(), n);
        assertEquals("A00001", t.records().get(0), n);
      }
    }
  }
}
