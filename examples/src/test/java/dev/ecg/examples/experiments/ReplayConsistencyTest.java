package dev.ecg.examples.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.MitBih;
import dev.ecg.io.pipeline.Pipeline;
import dev.ecg.io.pipeline.SignalWindows;
import dev.ecg.io.pipeline.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The inputs {@code mitbih-inter} trains on must be exactly what {@code EcgClassifier.classify}
 * builds when it replays the package's preprocessing steps (with reference peaks), so a user of
 * the bundled {@code mitbih-aami5} model gets the training-time input layout. The training side
 * ({@link CentredBeats#fromRecord}, {@link MitBihBeats#fromRecord}) calls ecg-io directly, the
 * replay side goes through {@link dev.ecg.io.pipeline.Pipeline#run}: two independent paths.
 */
class ReplayConsistencyTest {
  @Test
  void manifestStepsReproduceTrainingInputsOnRecord100() throws Exception {
    Assumptions.assumeTrue(DataDir.find("mitdb").isPresent(), DataDir.missingMessage("mitdb"));
    MitBih db = new MitBih(DataDir.find("mitdb").get());
    Record rec = db.load("100");
    MitBihBeats.Data train = MitBihBeats.fromRecord(rec, true);
    // the steps of the first mitbih-aami5 packages (Kachuee beats + RR features), with the
    // reference peaks as in training; EvaluateCommand still reads such packages
    List<Step> steps = new ArrayList<>(List.of(
        Step.of("select-leads", "indices", List.of(0)),
        Step.of("kachuee-segment", "detector", "annotations"),
        Step.of("rr-features", "offset", MitBihBeats.RR_OFFSET)));
    SignalWindows w = Pipeline.run(rec, steps);
    assertEquals(train.size(), w.windows().size());
    for (int b = 0; b < train.size(); b++) {
      double[] replay = w.windows().get(b)[0];
      assertEquals(MitBihBeats.LENGTH, replay.length);
      for (int i = 0; i < MitBihBeats.LENGTH; i++) {
        assertEquals(train.x()[b][i], replay[i], 1e-6, "beat " + b + " sample " + i);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "zscore", "minmax:4:4", "zscore:2.5:2"})
  void centredBeatStepsReproduceTrainingInputs(String variant) throws Exception {
    CentredBeats.Variant zscore = CentredBeats.Variant.parse(variant);
    Assumptions.assumeTrue(DataDir.find("mitdb").isPresent(), DataDir.missingMessage("mitdb"));
    MitBih db = new MitBih(DataDir.find("mitdb").get());
    for (String name : List.of("100", "208")) {
      Record rec = db.load(name);
      MitBihBeats.Data train = CentredBeats.fromRecord(rec, zscore);
      // the package's steps, with the detector switched to the reference peaks
      SignalWindows w = Pipeline.run(rec, CentredBeats.steps(zscore, "annotations"));
      // the replay keeps every beat annotation; training drops those without an AAMI class
      Map<Long, Integer> bySample = new HashMap<>();
      for (int b = 0; b < w.samples().length; b++) {
        bySample.put(w.samples()[b], b);
      }
      if (name.equals("100")) {
        // every beat with an AAMI class, the first and last included (2239 N + 33 A + 1 V)
        assertEquals(2273, train.size());
      }
      assertTrue(train.size() > 1000, "beats in " + name + ": " + train.size());
      assertTrue(w.windows().size() >= train.size());
      assertEquals(125.0, w.fs(), 1e-9);
      int checked = 0;
      for (int b = 0; b < w.windows().size() && checked < train.size(); b++) {
        double[] replay = w.windows().get(b)[0];
        assertEquals(CentredBeats.LENGTH, replay.length);
        // match the b-th replayed window to the next training beat by content
        float[] t = train.x()[checked];
        boolean same = true;
        for (int i = 0; i < CentredBeats.LENGTH && same; i++) {
          same = Math.abs(t[i] - replay[i]) <= 1e-4;
        }
        if (same) {
          checked++;
        }
      }
      assertEquals(train.size(), checked, "training beats found in order in the replay of "
          + name);
      assertTrue(bySample.size() == w.windows().size(), "distinct window positions");
    }
  }
}
