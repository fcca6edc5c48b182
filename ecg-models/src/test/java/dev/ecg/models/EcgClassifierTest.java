package dev.ecg.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.SimpleCnn;
import dev.ecg.models.engine.EngineChoice;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.ModelPackage;
import dev.ecg.models.pkg.ModelPackageException;
import dev.ecg.models.pkg.WeightFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcgClassifierTest {

  static TorchFixture fx;
  @TempDir Path tmp;

  @BeforeAll
  static void fixture() throws Exception {
    fx = TorchFixture.load();
  }

  static void assertMatchesTorch(EcgClassifier clf) {
    Prediction[] p = clf.predictBatch(fx.inputs);
    double worst = 0;
    for (int b = 0; b < p.length; b++) {
      float[] got = p[b].probabilities();
      for (int c = 0; c < got.length; c++) {
        worst = Math.max(worst, Math.abs(got[c] - fx.probabilities[b][c]));
      }
      // single and batched calls agree
      assertArrayEquals(p[b].probabilities(), clf.predict(fx.inputs[b]).probabilities(), 1e-6f);
    }
    assertTrue(worst <= 1e-4, "max |p - torch| = " + worst);
  }

  @Test
  void torchScriptFromPyTorch113MatchesPyTorch() throws Exception {
    try (EcgClassifier clf = EcgClassifier.load(TorchFixture.packageDir("torchscript"))) {
      assertEquals("PyTorch", clf.engineName());
      assertEquals(List.of("N", "S", "V"), clf.classNames());
      assertMatchesTorch(clf);
    }
  }

  @Test
  void onnxFromPyTorch113MatchesPyTorch() throws Exception {
    try (EcgClassifier clf = EcgClassifier.load(TorchFixture.packageDir("onnx"))) {
      assertEquals("OnnxRuntime", clf.engineName());
      assertMatchesTorch(clf);
    }
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> EcgClassifier.load(TorchFixture.packageDir("onnx"),
            EcgClassifier.Options.DEFAULT.withEngine(EngineChoice.PYTORCH)));
    assertTrue(e.getMessage().contains("PyTorch"), e.getMessage());
  }

  @Test
  void bundledModelLoadsFromTheClassPath() throws Exception {
    try (EcgClassifier clf = EcgClassifier.load("tiny-test")) {
      assertTrue(clf.card().orElseThrow().contains("tiny-test"));
      assertMatchesTorch(clf);
    }
    assertThrows(ModelPackageException.class, () -> EcgClassifier.load("not-bundled"));
  }

  static java.util.stream.Stream<Architecture> architectures() {
    return java.util.stream.Stream.of(
        SimpleCnn.builder().setInput(2, 48).setNumClasses(3).optFilters(4, 6).optHidden(8)
            .build(),
        dev.ecg.models.arch.BiLstmClassifier.builder().setInput(1, 24).setNumClasses(3)
            .optHidden(8).build(),
        dev.ecg.models.arch.ResNet1d.builder().setInput(2, 64).setNumClasses(3)
            .optStartFilters(4).optBlocks(3).build(),
        dev.ecg.models.arch.SpectrogramCnn2d.builder().setSpectrogram(1, 9, 13).setNumClasses(3)
            .optFilters(4).build(),
        dev.ecg.models.arch.KachueeResNet.builder().setInput(1, 187).setNumClasses(3)
            .optFilters(8).build(),
        dev.ecg.models.arch.CnnBiLstm.builder().setInput(2, 40).setNumClasses(3)
            .optWidth(0.125).optLstmHidden(8).build());
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("architectures")
  void packagedDjlParamsAndOnnxAgreeWithTheTrainedBlockOnBothEngines(Architecture arch)
      throws Exception {
    int per = arch.leads() * arch.inputLength();
    float[][] beats = new float[20][];
    Random r = new Random(3);
    for (int b = 0; b < beats.length; b++) {
      beats[b] = new float[per];
      for (int i = 0; i < per; i++) {
        beats[b][i] = (float) (Math.sin(i * 0.2 + b) + 0.3 * r.nextGaussian());
      }
    }
    float[][] reference = new float[beats.length][];
    Path saved = tmp.resolve("djl");
    Files.createDirectories(saved);
    try (Model model = Model.newInstance("m", "PyTorch")) {
      Block block = arch.build();
      model.setBlock(block);
      block.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
          arch.inputShape(1));
      model.save(saved, "model");
      try (NDManager m = NDManager.newBaseManager("PyTorch")) {
        for (int b = 0; b < beats.length; b++) {
          var out = block.forward(new ai.djl.training.ParameterStore(m, false),
              new ai.djl.ndarray.NDList(m.create(beats[b], arch.inputShape(1))), false);
          reference[b] = out.singletonOrThrow().toFloatArray();
          EcgClassifier.softmaxInPlace(reference[b]);
        }
      }
    }
    ModelManifest base = ModelManifest.builder().setName("simple").setClassNames(
            List.of("a", "b", "c")).setInputLength(1).setSamplingRate(250)
        .addPreprocessing(Step.of("zscore")).build();
    Path pkg = ModelPackager.write(arch, saved.resolve("model-0000.params"), base,
        tmp.resolve(arch.name() + ".zip"));
    try (ModelPackage p = ModelPackage.open(pkg)) {
      assertEquals(arch.leads(), p.manifest().leads());
      assertEquals(arch.inputLength(), p.manifest().inputLength());
      assertEquals(arch.name(), p.manifest().architecture().name());
      assertTrue(p.card().orElseThrow().contains("zscore"));
    }
    for (EngineChoice e : List.of(EngineChoice.PYTORCH, EngineChoice.ONNX_RUNTIME)) {
      try (EcgClassifier clf = EcgClassifier.load(pkg,
          EcgClassifier.Options.DEFAULT.withEngine(e))) {
        assertEquals(e == EngineChoice.PYTORCH ? "PyTorch" : "OnnxRuntime", clf.engineName());
        Prediction[] p = clf.predictBatch(beats);
        for (int b = 0; b < beats.length; b++) {
          assertArrayEquals(reference[b], p[b].probabilities(), 1e-4f, e + " beat " + b);
        }
      }
    }
  }

  @Test
  void invalidInputsAreTypedErrors() throws Exception {
    try (EcgClassifier clf = EcgClassifier.load("tiny-test")) {
      float[] beat = fx.inputs[0].clone();
      beat[10] = Float.NaN;
      InvalidSignalException e = assertThrows(InvalidSignalException.class,
          () -> clf.predict(beat));
      assertEquals(InvalidSignalException.Reason.NON_FINITE, e.reason());
      assertTrue(e.getMessage().contains("sample 10"), e.getMessage());
      beat[10] = Float.POSITIVE_INFINITY;
      assertThrows(InvalidSignalException.class, () -> clf.predict(beat));
      e = assertThrows(InvalidSignalException.class, () -> clf.predict(new float[63]));
      assertEquals(InvalidSignalException.Reason.WRONG_LENGTH, e.reason());
      e = assertThrows(InvalidSignalException.class,
          () -> clf.predictLeads(new float[][] {fx.inputs[0], fx.inputs[1]}));
      assertEquals(InvalidSignalException.Reason.WRONG_LEADS, e.reason());
      float[][] batch = {fx.inputs[0], new float[64], fx.inputs[2]};
      batch[1][5] = Float.NaN;
      e = assertThrows(InvalidSignalException.class, () -> clf.predictBatch(batch));
      assertTrue(e.getMessage().contains("example 1"), e.getMessage());
    }
  }

  @Test
  void resamplePolicyStretchesWrongLengths() throws Exception {
    // a beat given at 127 samples is linearly resampled to 64: every second point of a line
    // sampled twice as densely is the same line (hand-derived)
    float[] dense = new float[127];
    float[] coarse = new float[64];
    for (int i = 0; i < 127; i++) {
      dense[i] = 0.01f * i;
    }
    for (int i = 0; i < 64; i++) {
      coarse[i] = 0.02f * i;
    }
    assertArrayEquals(coarse, EcgClassifier.resampleLinear(dense, 64), 1e-6f);
    try (EcgClassifier clf = EcgClassifier.load("tiny-test",
        EcgClassifier.Options.DEFAULT.withLengthPolicy(EcgClassifier.LengthPolicy.RESAMPLE))) {
      assertArrayEquals(clf.predict(coarse).probabilities(), clf.predict(dense).probabilities(),
          1e-6f);
    }
  }

  static Record record(int n, double fs, List<Annotation> ann) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 0.8 * Math.exp(-0.5 * Math.pow(((i % 90) - 30) / 3.0, 2)) + 0.05 * Math.sin(i);
    }
    return new Record("synthetic", fs, List.of("MLII"), List.of("mV"), new double[][] {x}, ann);
  }

  @Test
  void classifyReplaysWholeRecordPreprocessing() throws Exception {
    Record rec = record(100, 125, List.of());
    try (EcgClassifier clf = EcgClassifier.load("tiny-test")) {
      List<BeatPrediction> out = clf.classify(rec);
      assertEquals(1, out.size());
      // by hand: min-max over the whole record, then keep the first 64 samples
      double[] x = rec.channel(0);
      double lo = java.util.Arrays.stream(x).min().orElseThrow();
      double hi = java.util.Arrays.stream(x).max().orElseThrow();
      float[] expect = new float[64];
      for (int i = 0; i < 64; i++) {
        expect[i] = (float) ((x[i] - lo) / (hi - lo));
      }
      assertArrayEquals(clf.predict(expect).probabilities(),
          out.get(0).prediction().probabilities(), 1e-6f);
      InvalidSignalException e = assertThrows(InvalidSignalException.class,
          () -> clf.classify(record(100, 360, List.of())));
      assertEquals(InvalidSignalException.Reason.WRONG_SAMPLING_RATE, e.reason());
    }
  }

  Path packageWith(List<Step> steps) throws Exception {
    Path onnx = TorchFixture.packageDir("onnx").resolve("model.onnx");
    ModelManifest.Builder b = ModelManifest.builder().setName("beats")
        .setClassNames(List.of("N", "S", "V")).setInputLength(64).setSamplingRate(125);
    steps.forEach(b::addPreprocessing);
    return ModelPackage.writer(b.build()).addWeights("model.onnx", WeightFile.Format.ONNX, onnx)
        .write(tmp.resolve("beats-" + steps.size()));
  }

  @Test
  void classifyWindowsAroundAnnotatedBeats() throws Exception {
    List<Annotation> ann = new ArrayList<>();
    long[] at = {10, 120, 210, 300, 390, 470};
    String[] sym = {"N", "V", "+", "N", "A", "N"};
    for (int k = 0; k < at.length; k++) {
      ann.add(new Annotation(at[k], sym[k], 0, 0, 0, ""));
    }
    Record rec = record(480, 125, ann);
    Path pkg = packageWith(List.of(
        Step.of("select-leads", "names", List.of("MLII")),
        Step.of("annotation-windows", "before", 20, "after", 44),
        Step.of("normalize", "method", "zscore")));
    try (EcgClassifier clf = EcgClassifier.load(pkg)) {
      List<BeatPrediction> out = clf.classify(rec);
      // 10 starts before the record, '+' is not a beat, 470 + 44 runs past the end
      assertEquals(List.of(120L, 300L, 390L),
          out.stream().map(BeatPrediction::sample).toList());
      for (BeatPrediction bp : out) {
        double[] w = java.util.Arrays.copyOfRange(rec.channel(0), (int) bp.sample() - 20,
            (int) bp.sample() + 44);
        double mean = java.util.Arrays.stream(w).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(w).map(v -> (v - mean) * (v - mean))
            .sum() / w.length);
        float[] z = new float[64];
        for (int i = 0; i < 64; i++) {
          z[i] = (float) ((w[i] - mean) / sd);
        }
        assertArrayEquals(clf.predict(z).probabilities(), bp.prediction().probabilities(),
            1e-5f);
      }
    }
  }

  @Test
  void unknownStepIsNamed() throws Exception {
    // in code an unknown step cannot even be built
    assertThrows(dev.ecg.io.pipeline.PipelineException.class, () -> Step.of("wavelet-magic"));
    // in a manifest it is refused when the package is loaded, not at the first classify
    Path unknown = packageWith(List.of(new Step.Baseline()));
    Path mf = unknown.resolve(dev.ecg.models.pkg.ModelManifest.FILE_NAME);
    String json = java.nio.file.Files.readString(mf);
    assertTrue(json.contains("\"baseline\""), json);
    java.nio.file.Files.writeString(mf, json.replace("\"baseline\"", "\"wavelet-magic\""));
    dev.ecg.models.pkg.ModelPackageException e = assertThrows(
        dev.ecg.models.pkg.ModelPackageException.class, () -> EcgClassifier.load(unknown));
    assertTrue(e.getMessage().contains("wavelet-magic"), e.getMessage());
  }

  @Test
  void closedClassifierRefusesCalls() throws Exception {
    EcgClassifier clf = EcgClassifier.load("tiny-test");
    clf.predict(fx.inputs[0]);
    clf.close();
    clf.close();
    assertThrows(IllegalStateException.class, () -> clf.predict(fx.inputs[0]));
  }
}
