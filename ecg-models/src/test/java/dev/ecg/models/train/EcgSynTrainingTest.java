package dev.ecg.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.metrics.ConfusionMatrix;
import dev.ecg.io.segment.BeatSet;
import dev.ecg.io.segment.FixedWindowSegmenter;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.synth.NoiseType;
import dev.ecg.models.arch.KachueeResNet;
import dev.ecg.models.device.DeviceChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the SDK's own pipeline: ECGSYN records (McSharry et al. 2003, with PVCs) at 125
 * Hz, beats cut by {@link FixedWindowSegmenter} from the generator's true annotations (N vs V),
 * a small {@link KachueeResNet} trained by {@link EcgTrainer}, judged on a record generated with
 * a different seed, heart rate and noise.
 */
class EcgSynTrainingTest {

  private static final double FS = 125;

  private static BeatSet beats(long seed, double bpm, double snrDb) {
    var syn = EcgSyn.builder()
        .optSamplingRate(FS)
        .optHeartRate(bpm)
        .optDuration(150)
        .optPvcProbability(0.3)
        .optNoise(snrDb, NoiseType.BASELINE_WANDER, NoiseType.MUSCLE)
        .optSeed(seed)
        .build()
        .generate();
    return FixedWindowSegmenter.ofSeconds(0.3, 0.5, FS).segment(syn.record(), 0);
  }

  /** AAMI index (N = 0, V = 2) to a binary label (N = 0, V = 1). */
  private static int[] binary(int[] aami) {
    int[] y = new int[aami.length];
    for (int i = 0; i < y.length; i++) {
      if (aami[i] != AamiClass.N.ordinal() && aami[i] != AamiClass.V.ordinal()) {
        throw new AssertionError("unexpected class " + aami[i]);
      }
      y[i] = aami[i] == AamiClass.V.ordinal() ? 1 : 0;
    }
    return y;
  }

  @Test
  void separatesNormalFromVentricularBeats(@TempDir Path dir) throws Exception {
    BeatSet train = beats(11, 70, 25);
    BeatSet test = beats(12, 80, 20);
    int[] yTrain = binary(train.labels());
    int[] yTest = binary(test.labels());
    int vTest = java.util.Arrays.stream(yTest).sum();
    assertTrue(vTest >= 15 && vTest < yTest.length - 15, "test set needs both classes: " + vTest + "/" + yTest.length);
    KachueeResNet arch = KachueeResNet.builder()
        .setInput(1, train.windowLength())
        .setNumClasses(2)
        .optFilters(8)
        .optBlocks(3)
        .optFc(16)
        .build();
    EcgTrainer trainer = EcgTrainer.builder()
        .setArchitecture(arch)
        .optEpochs(5)
        .optBatchSize(32)
        .optOptimizer(OptimizerConfig.adamW(3e-3, 1e-4))
        .optSampler(IndexSampler.balanced(yTrain))
        .optDevice(DeviceChoice.CPU)
        .build();
    try (TrainingResult r = trainer.fit(train.x(), yTrain)) {
      int[] pred = r.predict(test.x());
      ConfusionMatrix cm = ConfusionMatrix.of(yTest, pred, List.of("N", "V"));
      assertTrue(cm.accuracy() >= 0.95, "held-out accuracy " + cm.accuracy() + " " + cm);
      assertTrue(cm.recall(1) >= 0.9, "V sensitivity " + cm.recall(1));
      Path png = dir.resolve("cm.png");
      Plots.confusionMatrix(cm, png);
      assertTrue(Files.size(png) > 0);
      Plots.lossCurves(r.history(), dir.resolve("loss.png"));
      assertEquals(5, r.history().epochs().size());
    }
  }
}
