package dev.ecg.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.arch.KachueeResNet;
import dev.ecg.models.arch.SimpleCnn;
import dev.ecg.models.device.DeviceChoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainedParametersTest {

  private static SimpleCnn cnn() {
    return SimpleCnn.builder().setInput(1, 64).setNumClasses(2).optFilters(4, 8).optKernel(7)
        .optHidden(16).optDropout(0.0).build();
  }

  private static EcgTrainer.Builder tiny(long seed, double lr) {
    return EcgTrainer.builder().setArchitecture(cnn()).optEpochs(2).optBatchSize(16)
        .optSeed(seed).optOptimizer(OptimizerConfig.adam(lr)).optDevice(DeviceChoice.CPU);
  }

  private static List<float[]> weights(TrainingResult r) {
    List<float[]> w = new ArrayList<>();
    for (Pair<String, Parameter> p : r.model().getBlock().getParameters()) {
      w.add(p.getValue().getArray().toFloatArray());
    }
    return w;
  }

  @Test
  void shapesFollowTheKachueeStructure() {
    // same-Conv1d(4 filters, kernel 5) on 2 leads; 5 blocks of two convolutions; 187 samples
    // pooled five times by MaxPool(5, 2): 187 -> 92 -> 44 -> 20 -> 8 -> 2, so Flatten gives 4 * 2.
    KachueeResNet a = KachueeResNet.builder().setInput(2, 187).setNumClasses(3).optFilters(4)
        .optFc(8).build();
    Map<String, long[]> s = PretrainedParameters.shapes(a);
    List<String> names = new ArrayList<>(s.keySet());
    assertEquals(1 * 2 + 5 * 2 * 2 + 3 * 2, s.size(), names.toString());
    assertArrayEquals(new long[] {4, 2, 5}, s.get(names.get(0)));
    assertArrayEquals(new long[] {8, 8}, s.get(names.get(names.size() - 6)));
    assertArrayEquals(new long[] {3, 8}, s.get(names.get(names.size() - 2)));
    assertArrayEquals(new long[] {3}, s.get(names.get(names.size() - 1)));
  }

  @Test
  void warmStartReproducesTheSourceNetwork(@TempDir Path dir) throws Exception {
    SyntheticBeats d = new SyntheticBeats(64, 64, 2, 9);
    float[][] pa;
    Map<String, PretrainedParameters.Tensor> saved;
    Map<String, PretrainedParameters.Tensor> fromFile;
    try (TrainingResult r = tiny(7, 1e-2).optCheckpointDir(dir).build().fit(d.x, d.y)) {
      pa = r.predictProbabilities(d.x);
      saved = PretrainedParameters.values(r.model().getBlock());
      Path newest;
      try (java.util.stream.Stream<Path> st = java.nio.file.Files.list(dir)) {
        newest = st.filter(p -> p.getFileName().toString().endsWith(".params"))
            .max(java.util.Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
      }
      fromFile = PretrainedParameters.read(r.architecture(), newest);
    }
    List<String> names = new ArrayList<>(saved.keySet());
    assertEquals(names, new ArrayList<>(fromFile.keySet()));
    for (String n : names) {
      assertArrayEquals(saved.get(n).shape(), fromFile.get(n).shape(), n);
      assertArrayEquals(saved.get(n).values(), fromFile.get(n).values(), n);
    }
    // a fresh network with another seed starts elsewhere ...
    try (TrainingResult cold = tiny(99, 1e-12).build().fit(d.x, d.y)) {
      assertFalse(java.util.Arrays.equals(weights(cold).get(0), saved.get(names.get(0)).values()),
          "another seed must start elsewhere");
    }
    // ... but started from the saved values and trained with a negligible learning rate it
    // reproduces the saved network's weights and outputs
    try (TrainingResult warm = tiny(99, 1e-12).optInitialParameters(fromFile).build()
        .fit(d.x, d.y)) {
      List<float[]> w = weights(warm);
      for (int i = 0; i < names.size(); i++) {
        assertArrayEquals(saved.get(names.get(i)).values(), w.get(i), 1e-6f, names.get(i));
      }
      float[][] pw = warm.predictProbabilities(d.x);
      for (int i = 0; i < pa.length; i++) {
        assertArrayEquals(pa[i], pw[i], 1e-5f);
      }
    }
  }

  @Test
  void parametersLeftOutKeepTheirFreshInitialisation() throws Exception {
    SyntheticBeats d = new SyntheticBeats(64, 64, 2, 9);
    Map<String, PretrainedParameters.Tensor> src;
    try (TrainingResult r = tiny(7, 1e-2).build().fit(d.x, d.y)) {
      src = PretrainedParameters.values(r.model().getBlock());
    }
    List<String> names = new ArrayList<>(src.keySet());
    String headW = names.get(names.size() - 2);
    Map<String, PretrainedParameters.Tensor> noHead = new LinkedHashMap<>(src);
    noHead.remove(headW);
    List<float[]> fresh;
    try (TrainingResult r = tiny(99, 1e-12).build().fit(d.x, d.y)) {
      fresh = weights(r);
    }
    try (TrainingResult r = tiny(99, 1e-12).optInitialParameters(noHead).build().fit(d.x, d.y)) {
      List<float[]> w = weights(r);
      assertArrayEquals(src.get(names.get(0)).values(), w.get(0), 1e-6f);
      assertArrayEquals(fresh.get(names.size() - 2), w.get(names.size() - 2), 1e-6f);
      assertFalse(java.util.Arrays.equals(src.get(headW).values(), w.get(names.size() - 2)));
    }
  }

  @Test
  void unknownNamesAndWrongShapesAreRejected() {
    SyntheticBeats d = new SyntheticBeats(16, 64, 2, 9);
    Map<String, PretrainedParameters.Tensor> bad = Map.of("99Nope_weight",
        new PretrainedParameters.Tensor(new long[] {1}, new float[] {0f}));
    EcgArgumentException e = assertThrows(EcgArgumentException.class,
        () -> tiny(1, 1e-3).optInitialParameters(bad).build().fit(d.x, d.y).close());
    assertTrue(e.getMessage().contains("99Nope_weight"), e.getMessage());
    String first = PretrainedParameters.shapes(cnn()).keySet().iterator().next();
    Map<String, PretrainedParameters.Tensor> wrong = Map.of(first,
        new PretrainedParameters.Tensor(new long[] {2, 2}, new float[4]));
    e = assertThrows(EcgArgumentException.class,
        () -> tiny(1, 1e-3).optInitialParameters(wrong).build().fit(d.x, d.y).close());
    assertTrue(e.getMessage().contains(first) && e.getMessage().contains("[2, 2]"),
        e.getMessage());
    assertThrows(EcgArgumentException.class,
        () -> new PretrainedParameters.Tensor(new long[] {2, 3}, new float[5]));
  }
}
