package dev.ecg.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.json.JsonReader;
import dev.ecg.core.metrics.ConfusionMatrix;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.BiLstmClassifier;
import dev.ecg.models.arch.SimpleCnn;
import dev.ecg.models.device.DeviceChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcgTrainerTest {

  private static SimpleCnn smallCnn(int length, int classes) {
    return SimpleCnn.builder()
        .setInput(1, length)
        .setNumClasses(classes)
        .optFilters(4, 8)
        .optKernel(7)
        .optHidden(16)
        .optDropout(0.1)
        .build();
  }

  private static double accuracy(int[] truth, int[] pred) {
    int ok = 0;
    for (int i = 0; i < truth.length; i++) {
      ok += truth[i] == pred[i] ? 1 : 0;
    }
    return (double) ok / truth.length;
  }

  @Test
  void learnsSyntheticBeatsToHighAccuracy(@TempDir Path dir) throws Exception {
    SyntheticBeats train = new SyntheticBeats(240, 96, 3, 1);
    SyntheticBeats val = new SyntheticBeats(60, 96, 3, 2);
    SyntheticBeats test = new SyntheticBeats(120, 96, 3, 3);
    List<Double> progress = new ArrayList<>();
    List<Integer> epochsSeen = new ArrayList<>();
    EcgTrainer trainer =
        EcgTrainer.builder()
            .setArchitecture(smallCnn(96, 3))
            .optEpochs(4)
            .optBatchSize(32)
            .optOptimizer(OptimizerConfig.adamW(3e-3, 1e-4))
            .optLrSchedule(LrSchedule.cosine(4, 1e-4))
            .optEarlyStopping(EvalMetric.MACRO_F1, 10)
            .optMetrics(EvalMetric.ACCURACY, EvalMetric.MACRO_F1, EvalMetric.MACRO_AUC)
            .optGradientClipping(5)
            .optDevice(DeviceChoice.CPU)
            .optCheckpointDir(dir)
            .addListener(new ProgressListener() {
              @Override
              public void onBatchEnd(int epoch, int batch, int batches, double p, double loss) {
                progress.add(p);
              }

              @Override
              public void onEpochEnd(EpochRecord r) {
                epochsSeen.add(r.epoch());
              }
            })
            .build();
    try (TrainingResult r = trainer.fit(train.x, train.y, val.x, val.y)) {
      double acc = accuracy(test.y, r.predict(test.x));
      assertTrue(acc >= 0.95, "held-out accuracy " + acc + "\n" + r.history().toJson());
      assertEquals(Device.cpu(), r.device());
      TrainingHistory h = r.history();
      assertEquals(4, h.epochs().size());
      assertEquals(List.of(1, 2, 3, 4), epochsSeen);
      assertEquals("macroF1", h.monitor());
      // the kept epoch is the best by the monitored metric
      double bestF1 = h.epochs().stream().mapToDouble(e -> e.value(EvalMetric.MACRO_F1)).max().orElseThrow();
      EpochRecord best = h.epochs().get(h.bestEpoch() - 1);
      assertEquals(bestF1, best.value(EvalMetric.MACRO_F1));
      // the reported validation metrics are those of the returned weights, recomputed here
      int[] valPred = r.predict(val.x);
      assertEquals(accuracy(val.y, valPred), best.value(EvalMetric.ACCURACY), 1e-12);
      assertEquals(ConfusionMatrix.of(val.y, valPred, 3).macroF1(), best.value(EvalMetric.MACRO_F1), 1e-12);
      // progress rises to exactly 1 in 8 batches x 4 epochs (240 / 32 rounded up)
      assertEquals(32, progress.size());
      assertEquals(1.0, progress.get(progress.size() - 1), 1e-12);
      for (int i = 1; i < progress.size(); i++) {
        assertTrue(progress.get(i) > progress.get(i - 1));
      }
      // cosine schedule: epoch 1 at the base rate, decreasing afterwards
      assertEquals(3e-3, h.epochs().get(0).learningRate(), 1e-12);
      assertTrue(h.epochs().get(3).learningRate() < h.epochs().get(1).learningRate());
      // JSON parses and carries the same numbers
      JsonFields json = JsonFields.of(JsonReader.parse(h.toJson()), "history");
      assertEquals(h.bestEpoch(), json.wholeNumber("bestEpoch", 0, 4));
      assertEquals(4, json.list("epochs").size());
      JsonFields e1 = JsonFields.of(json.list("epochs").get(0), "epochs[0]");
      assertEquals(h.epochs().get(0).trainLoss(), e1.number("trainLoss"));
      assertTrue(e1.object("metrics").has("macroAuc"));
      List<Path> files = r.saveReport(dir.resolve("report"));
      assertEquals(List.of("history.json", "loss.png", "metrics.png"),
          files.stream().map(f -> f.getFileName().toString()).toList());
      assertEquals(h.toJson(), Files.readString(files.get(0)));
      // the checkpoint on disk holds the returned (best) weights
      assertTrue(Files.exists(dir.resolve("best-0000.params")));
      try (Model m = Model.newInstance("reload", Device.cpu())) {
        m.setBlock(r.architecture().build());
        m.load(dir, "best");
        ai.djl.nn.ParameterList a = r.model().getBlock().getParameters();
        ai.djl.nn.ParameterList b = m.getBlock().getParameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
          assertArrayEquals(
              a.get(i).getValue().getArray().toFloatArray(),
              b.get(i).getValue().getArray().toFloatArray(),
              a.get(i).getKey());
        }
      }
    }
  }

  private static List<float[]> weights(TrainingResult r) {
    List<float[]> w = new ArrayList<>();
    for (Pair<String, Parameter> p : r.model().getBlock().getParameters()) {
      w.add(p.getValue().getArray().toFloatArray());
    }
    return w;
  }

  private static EcgTrainer.Builder tiny(long seed) {
    return EcgTrainer.builder()
        .setArchitecture(smallCnn(64, 2))
        .optEpochs(2)
        .optBatchSize(16)
        .optSeed(seed)
        .optDevice(DeviceChoice.CPU);
  }

  @Test
  void sameSeedGivesIdenticalWeightsDifferentSeedDoesNot() {
    SyntheticBeats d = new SyntheticBeats(64, 64, 2, 9);
    List<float[]> a;
    List<float[]> b;
    List<float[]> c;
    try (TrainingResult r = tiny(7).build().fit(d.x, d.y)) {
      a = weights(r);
      assertEquals("trainLoss", r.history().monitor());
    }
    try (TrainingResult r = tiny(7).build().fit(d.x, d.y)) {
      b = weights(r);
    }
    try (TrainingResult r = tiny(8).build().fit(d.x, d.y)) {
      c = weights(r);
    }
    assertEquals(a.size(), b.size());
    boolean anyDiff = false;
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), "parameter " + i + " differs between equal-seed runs");
      anyDiff |= !java.util.Arrays.equals(a.get(i), c.get(i));
    }
    assertTrue(anyDiff, "a different seed should give different weights");
  }

  @Test
  void biLstmLossFalls() {
    SyntheticBeats d = new SyntheticBeats(64, 32, 2, 4);
    Architecture a = BiLstmClassifier.builder().setInput(1, 32).setNumClasses(2).optHidden(8).optDropout(0).build();
    try (TrainingResult r =
        EcgTrainer.builder()
            .setArchitecture(a)
            .optEpochs(5)
            .optBatchSize(16)
            .optOptimizer(OptimizerConfig.adam(1e-2))
            .optDevice(DeviceChoice.CPU)
            .build()
            .fit(d.x, d.y)) {
      List<EpochRecord> e = r.history().epochs();
      double first = e.get(0).trainLoss();
      double last = e.get(e.size() - 1).trainLoss();
      assertTrue(last < 0.7 * first, "BiLSTM loss went from " + first + " to " + last);
    }
  }

  @Test
  void earlyStoppingAndPlateauReactToAFlatMetric() {
    SyntheticBeats d = new SyntheticBeats(48, 64, 2, 5);
    // a learning rate so small that validation accuracy cannot change
    try (TrainingResult r =
        tiny(3)
            .optEpochs(20)
            .optOptimizer(OptimizerConfig.adam(1e-12))
            .optLrSchedule(LrSchedule.reduceOnPlateau(0.5, 0, 1e-14))
            .optEarlyStopping(EvalMetric.ACCURACY, 3)
            .build()
            .fit(d.x, d.y, d.x, d.y)) {
      TrainingHistory h = r.history();
      assertTrue(h.stoppedEarly());
      assertEquals(4, h.epochs().size(), h.toJson());
      assertEquals(1, h.bestEpoch());
      assertEquals(1e-12, h.epochs().get(0).learningRate(), 1e-24);
      assertEquals(1e-12, h.epochs().get(1).learningRate(), 1e-24);
      assertEquals(0.5e-12, h.epochs().get(2).learningRate(), 1e-24);
      assertEquals(0.25e-12, h.epochs().get(3).learningRate(), 1e-24);
    }
  }

  @Test
  void weightedLossSamplerAndFocalTrainAndBadInputIsRejected() {
    SyntheticBeats d = new SyntheticBeats(60, 64, 2, 6);
    try (TrainingResult r =
        tiny(1)
            .optClassWeights(new double[] {1, 2})
            .optFocalLoss(2)
            .optSampler(IndexSampler.balanced(d.y))
            .build()
            .fit(d.x, d.y)) {
      assertFalse(r.history().epochs().isEmpty());
      assertTrue(Double.isFinite(r.history().epochs().get(1).trainLoss()));
    }
    assertThrows(EcgArgumentException.class, () -> tiny(1).optClassWeights(new double[] {1, 2, 3}).build());
    assertThrows(EcgArgumentException.class, () -> tiny(1).build().fit(new float[][] {new float[10]}, new int[] {0}));
    assertThrows(EcgArgumentException.class, () -> tiny(1).build().fit(new float[][] {new float[64]}, new int[] {2}));
    assertThrows(EcgArgumentException.class,
        () -> tiny(1).optEarlyStopping(EvalMetric.MACRO_F1, 2).build().fit(d.x, d.y));
    assertThrows(EcgArgumentException.class, () -> EcgTrainer.builder().build());
    assertThrows(EcgArgumentException.class, () -> tiny(1).optMetrics(EvalMetric.CINC_SCORE).build());
  }

  @Test
  void trainsFromAStreamingDatasetOneBatchAtATime() {
    SyntheticBeats d = new SyntheticBeats(40, 64, 2, 8);
    int[] maxFetch = new int[1];
    int[] gets = new int[1];
    EcgDataset lazy = new EcgDataset() {
      @Override
      public int size() {
        return d.y.length;
      }

      @Override
      public int featureLength() {
        return 64;
      }

      @Override
      public EcgSample get(int index) {
        gets[0]++;
        return new EcgSample(d.x[index].clone(), d.y[index]);
      }

      @Override
      public int label(int index) {
        return d.y[index];
      }

      @Override
      public void fetch(int[] indices, float[] features, int[] labels) {
        maxFetch[0] = Math.max(maxFetch[0], indices.length);
        EcgDataset.super.fetch(indices, features, labels);
      }
    };
    List<float[]> fromArrays;
    try (TrainingResult r = tiny(5).optSampler(IndexSampler.sequential()).build().fit(d.x, d.y)) {
      fromArrays = weights(r);
    }
    try (TrainingResult r = tiny(5).optSampler(IndexSampler.sequential()).build().fit(lazy, null)) {
      List<float[]> fromStream = weights(r);
      for (int i = 0; i < fromStream.size(); i++) {
        assertArrayEquals(fromArrays.get(i), fromStream.get(i));
      }
    }
    assertEquals(16, maxFetch[0]);
    assertEquals(2 * 40, gets[0]); // each example read once per epoch, 2 epochs
  }
}
