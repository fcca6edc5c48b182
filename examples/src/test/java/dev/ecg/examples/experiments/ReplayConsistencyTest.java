package dev.ecg.examples.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecg.core.DataDir;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.MitBih;
import dev.ecg.models.Preprocessors;
import dev.ecg.models.SignalWindows;
import dev.ecg.models.pkg.PreprocessingStep;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The inputs {@code mitbih-inter} trains on must be exactly what {@code EcgClassifier.classify}
 * builds when it replays the package's preprocessing steps (with reference peaks), so a user of
 * the bundled {@code mitbih-aami5} model gets the training-time input layout.
 */
class ReplayConsistencyTest {
  @Test
  void manifestStepsReproduceTrainingInputsOnRecord100() throws Exception {
    Assumptions.assumeTrue(DataDir.find("mitdb").isPresent(), DataDir.missingMessage("mitdb"));
    MitBih db = new MitBih(DataDir.find("mitdb").get());
    Record rec = db.load("100");
    MitBihBeats.Data train = MitBihBeats.fromRecord(rec, true);
    List<PreprocessingStep> steps = new ArrayList<>();
    for (PreprocessingStep s : MitBihInter.manifest(dev.ecg.models.arch.KachueeResNet.builder()
        .setInput(1, 187).setNumClasses(5).build()).preprocessing()) {
      // the package leaves the detector at its default (Pan-Tompkins, for unannotated input);
      // here the reference peaks are used, as in training
      steps.add(s.name().equals("kachuee-segment")
          ? PreprocessingStep.of("kachuee-segment", "detector", "annotations") : s);
    }
    SignalWindows w = Preprocessors.run(rec, steps);
    assertEquals(train.size(), w.windows().size());
    for (int b = 0; b < train.size(); b++) {
      double[] replay = w.windows().get(b)[0];
      assertEquals(MitBihBeats.LENGTH, replay.length);
      for (int i = 0; i < MitBihBeats.LENGTH; i++) {
        assertEquals(train.x()[b][i], replay[i], 1e-6, "beat " + b + " sample " + i);
      }
    }
  }
}
