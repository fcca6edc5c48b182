package dev.ecg.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.pipeline.Step;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.Prediction;
import dev.ecg.models.arch.SimpleCnn;
import dev.ecg.models.device.DeviceChoice;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.ModelPackageException;
import dev.ecg.models.pkg.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training flows into a package by itself, with the trainer's own record as provenance. */
class TrainingToPackageTest {

  @TempDir
  Path tmp;

  @Test
  void theTrainersConfigurationEndsUpInTheManifestAndCard() throws Exception {
    SyntheticBeats train = new SyntheticBeats(96, 64, 3, 1);
    SyntheticBeats val = new SyntheticBeats(48, 64, 3, 2);
    SimpleCnn arch = SimpleCnn.builder().setInput(1, 64).setNumClasses(3).optFilters(4, 8)
        .optKernel(7).optHidden(16).build();
    double[] weights = {1.0, 2.0, 0.5};
    try (TrainingResult r = EcgTrainer.builder().setArchitecture(arch).optEpochs(3)
        .optBatchSize(16).optOptimizer(OptimizerConfig.adamW(3e-3, 1e-4))
        .optLrSchedule(LrSchedule.cosine(3, 1e-4)).optClassWeights(weights)
        .optEarlyStopping(EvalMetric.MACRO_F1, 5).optSampler(IndexSampler.sequential())
        .optSeed(77).optDevice(DeviceChoice.CPU).optCheckpointDir(tmp.resolve("ckpt")).build()
        .fit(train.x, train.y, val.x, val.y)) {
      ModelManifest.Builder base = ModelManifest.builder().setName("synthetic-beats")
          .setClassNames(List.of("a", "b", "c")).setSamplingRate(125)
          .addPreprocessing(new Step.AnnotationWindows(20, 44, List.of()))
          .optProvenance(new Provenance("SyntheticBeats seeds 1/2", "fixed train/val", null,
              null, Map.of("val_macro_f1", 0.5), null, null));
      Path zip = r.toPackage(base, tmp.resolve("m.zip"));
      try (EcgClassifier clf = EcgClassifier.load(zip)) {
        ModelManifest m = clf.manifest();
        assertEquals(ModelManifest.SCHEMA_VERSION, m.schemaVersion());
        Provenance p = m.provenance();
        assertEquals("SyntheticBeats seeds 1/2", p.data());
        assertEquals("fixed train/val", p.split());
        assertEquals(77L, p.seed());
        assertEquals(0.5, p.metrics().get("val_macro_f1"));
        assertNotNull(p.date());
        Provenance.Training t = p.training();
        assertNotNull(t, "no training record in the package");
        assertEquals("SimpleCnn", t.architecture());
        assertEquals(64L, ((Number) t.hyperparameters().get("inputLength")).longValue());
        assertTrue(t.optimizer().contains("3.0E-3") || t.optimizer().contains("0.003"),
            t.optimizer());
        assertTrue(t.schedule().toUpperCase().contains("COSINE"), t.schedule());
        assertEquals(16, t.batchSize());
        assertEquals(3, t.maxEpochs());
        assertEquals(r.history().epochs().size(), t.epochsRun());
        assertEquals(r.history().bestEpoch(), t.bestEpoch());
        assertEquals("MACRO_F1 patience 5", t.earlyStopping());
        assertTrue(t.sampler().startsWith("sequential"), t.sampler());
        assertEquals(List.of(1.0, 2.0, 0.5), t.classWeights());
        assertEquals(77L, t.seed());
        assertTrue(t.libraries().containsKey("djl") && t.libraries().containsKey("java"),
            t.libraries().toString());
        // the packaged network is the kept checkpoint: same probabilities as the result's
        float[][] direct = r.predictProbabilities(new float[][] {val.x[0], val.x[1]});
        Prediction[] packaged = clf.predictBatch(new float[][] {val.x[0], val.x[1]});
        for (int i = 0; i < 2; i++) {
          assertArrayEquals(direct[i], packaged[i].probabilities(), 1e-5f);
        }
      }
      String card;
      try (dev.ecg.models.pkg.ModelPackage pk = dev.ecg.models.pkg.ModelPackage.open(zip)) {
        card = pk.card().orElseThrow();
      }
      assertTrue(card.contains("MACRO_F1 patience 5") && card.contains("seed 77"), card);

      // a preprocessing that ends at the wrong rate is refused before anything is written
      ModelManifest.Builder wrong = ModelManifest.builder().setName("bad")
          .setClassNames(List.of("a", "b", "c")).setSamplingRate(125)
          .addPreprocessing(new Step.Resample(250))
          .addPreprocessing(new Step.CropPad(64, Step.CropPad.Align.START, 0));
      assertThrows(ModelPackageException.class, () -> r.toPackage(wrong, tmp.resolve("bad.zip")));
      assertTrue(Files.notExists(tmp.resolve("bad.zip")));
    }
  }
}
