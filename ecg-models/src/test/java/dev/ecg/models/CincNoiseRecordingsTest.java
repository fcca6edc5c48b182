package dev.ecg.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.labels.CincClass;
import dev.ecg.io.datasets.Cinc2017;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Real noise: the CinC 2017 recordings labelled {@code ~} (too noisy to classify) get the noise
 * label or no label from the bundled rhythm models. These recordings were in the models'
 * training set, so this checks the wiring of the quality-aware output on real recordings, not
 * how well it generalises (that is the cross-validated F1 of {@code ~}, 0.68, in
 * docs/results.md). Skipped without the data.
 */
class CincNoiseRecordingsTest {
  @Test
  void noisyRecordingsGetTheNoiseLabelOrNone() throws Exception {
    Assumptions.assumeTrue(DataDir.find("cinc2017").isPresent(),
        DataDir.missingMessage("cinc2017"));
    Cinc2017 db = new Cinc2017(DataDir.find("cinc2017").get().resolve("training"));
    List<String> noisy = db.records().stream().filter(r -> db.label(r) == CincClass.NOISY)
        .limit(40).toList();
    try (EcgClassifier rhythm = EcgClassifier.load("cinc2017-rhythm");
        EcgClassifier af = EcgClassifier.load("af-detect")) {
      int rhythmNoise = 0;
      int afNoise = 0;
      int afCalledAf = 0;
      for (String id : noisy) {
        var rec = db.load(id);
        ClassificationResult r = rhythm.classify(rec);
        rhythmNoise += r.isEmpty() || r.stream().allMatch(b -> b.label().equals("~")) ? 1 : 0;
        ClassificationResult a = af.classify(rec);
        afNoise += a.isEmpty() || a.stream().allMatch(b -> b.label().equals("noisy")) ? 1 : 0;
        afCalledAf += a.stream().anyMatch(b -> b.label().equals("AF")) ? 1 : 0;
      }
      assertTrue(rhythmNoise >= 0.9 * noisy.size(), rhythmNoise + " of " + noisy.size());
      assertTrue(afNoise >= 0.9 * noisy.size(), afNoise + " of " + noisy.size());
      assertTrue(afCalledAf <= 2, afCalledAf + " noisy recordings called AF");
    }
  }
}
