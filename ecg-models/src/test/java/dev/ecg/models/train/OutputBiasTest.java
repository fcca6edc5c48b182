package dev.ecg.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.ModelPackager;
import dev.ecg.models.arch.SimpleCnn;
import dev.ecg.models.device.DeviceChoice;
import dev.ecg.models.engine.EngineChoice;
import dev.ecg.models.pkg.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TrainingResult#addToOutputBias}: logits shift by the offsets, in memory and package. */
class OutputBiasTest {

  @Test
  void offsetsShiftLogitsAndReachThePackage(@TempDir Path dir) throws Exception {
    SyntheticBeats d = new SyntheticBeats(48, 64, 3, 11);
    SimpleCnn arch = SimpleCnn.builder().setInput(1, 64).setNumClasses(3).optFilters(4, 8)
        .optKernel(7).optHidden(16).optDropout(0).build();
    try (TrainingResult r = EcgTrainer.builder().setArchitecture(arch).optEpochs(1)
        .optBatchSize(16).optSeed(3).optDevice(DeviceChoice.CPU)
        .optCheckpointDir(dir.resolve("ckpt")).build().fit(d.x, d.y)) {
      float[][] before = r.predictProbabilities(d.x);
      double[] off = {0.0, 1.5, -2.0};
      r.addToOutputBias(off);
      float[][] after = r.predictProbabilities(d.x);
      for (int i = 0; i < d.x.length; i++) {
        for (int c = 1; c < 3; c++) {
          // log-odds against class 0 move by exactly the offset difference
          double was = Math.log(before[i][c]) - Math.log(before[i][0]);
          double now = Math.log(after[i][c]) - Math.log(after[i][0]);
          assertEquals(was + off[c] - off[0], now, 1e-3, "example " + i + " class " + c);
        }
      }
      Path params;
      try (Stream<Path> s = Files.list(r.checkpointDir())) {
        List<Path> files = s.filter(p -> p.toString().endsWith(".params")).toList();
        assertEquals(1, files.size(), "one rewritten checkpoint: " + files);
        params = files.get(0);
      }
      ModelManifest m = ModelManifest.builder().setName("bias-test")
          .setClassNames(List.of("a", "b", "c")).setInputLength(64).setSamplingRate(125)
          .optArchitecture(arch.name(), arch.hyperparameters()).build();
      Path pkg = ModelPackager.write(arch, params, m, dir.resolve("pkg"));
      for (EngineChoice e : List.of(EngineChoice.PYTORCH, EngineChoice.ONNX_RUNTIME)) {
        try (EcgClassifier clf = EcgClassifier.load(pkg,
            EcgClassifier.Options.DEFAULT.withEngine(e))) {
          for (int i = 0; i < 8; i++) {
            float[] p = clf.predict(d.x[i]).probabilities();
            for (int c = 0; c < 3; c++) {
              assertEquals(after[i][c], p[c], 1e-4, e + " example " + i + " class " + c);
            }
          }
        }
      }
      assertThrows(EcgArgumentException.class, () -> r.addToOutputBias(new double[2]));
    }
  }
}
