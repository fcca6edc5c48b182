package dev.ecg.models;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Record;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.ModelPackage;
import dev.ecg.models.pkg.ModelPackageException;
import dev.ecg.models.pkg.PreprocessingStep;
import dev.ecg.models.pkg.WeightFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manifests and calls that used to wrap numbers, allocate gigabytes or leak JDK exception types:
 * each is now a library exception naming the field or step.
 */
class HostileManifestTest {

  @TempDir
  Path tmp;

  private Path packageWith(PreprocessingStep... steps) throws Exception {
    Path onnx = TorchFixture.packageDir("onnx").resolve("model.onnx");
    ModelManifest.Builder b = ModelManifest.builder().setName("beats")
        .setClassNames(List.of("N", "S", "V")).setInputLength(64).setSamplingRate(125);
    for (PreprocessingStep s : steps) {
      b.addPreprocessing(s);
    }
    return ModelPackage.writer(b.build()).addWeights("model.onnx", WeightFile.Format.ONNX, onnx)
        .write(tmp.resolve("p" + System.nanoTime()));
  }

  @Test
  void anInputLengthBeyond32BitsIsRefusedNotWrapped() throws Exception {
    String json = ModelManifest.builder().setName("m").setClassNames(List.of("a", "b"))
        .setInputLength(187).setSamplingRate(125).build().toJson();
    String wrapped = json.replaceFirst("\"inputLength\"\\s*:\\s*187",
        "\"inputLength\": 4294967483"); // 2^32 + 187
    assertTrue(!wrapped.equals(json));
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> ModelManifest.fromJson(wrapped, "m"));
    assertTrue(e.getMessage().contains("4294967483"), e.getMessage());
    String fraction = json.replaceFirst("\"inputLength\"\\s*:\\s*187", "\"inputLength\": 187.5");
    assertThrows(ModelPackageException.class, () -> ModelManifest.fromJson(fraction, "m"));
  }

  @Test
  void anInputShapeBeyondTheLimitIsRefusedAtBuild() {
    EcgArgumentException e = assertThrows(EcgArgumentException.class, () -> ModelManifest
        .builder().setName("m").setClassNames(List.of("a", "b")).setInputLength(1 << 30)
        .setSamplingRate(125).optLeads(64).build());
    assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
  }

  @Test
  void aCropPadOf2To31SamplesIsRefusedNotAllocated() throws Exception {
    Path pkg = packageWith(PreprocessingStep.of("crop-pad", "length", 2147483648.0));
    try (EcgClassifier clf = EcgClassifier.load(pkg)) {
      EcgArgumentException e = assertThrows(EcgArgumentException.class,
          () -> clf.classify(EcgClassifierTest.record(100, 125, List.of())));
      assertTrue(e.getMessage().contains("crop-pad"), e.getMessage());
      assertTrue(e.getMessage().contains("length"), e.getMessage());
    }
  }

  @Test
  void aParameterOfTheWrongTypeIsALibraryException() throws Exception {
    Path pkg = packageWith(PreprocessingStep.of("select-leads", "names", "MLII"),
        PreprocessingStep.of("crop-pad", "length", 64));
    try (EcgClassifier clf = EcgClassifier.load(pkg)) {
      EcgArgumentException e = assertThrows(EcgArgumentException.class,
          () -> clf.classify(EcgClassifierTest.record(100, 125, List.of())));
      assertTrue(e.getMessage().contains("select-leads"), e.getMessage());
    }
  }

  @Test
  void aSamplingRateOffByAFactorOf100000IsRefusedBeforeResampling() throws Exception {
    Path pkg = packageWith(PreprocessingStep.of("resample", "fs", 125),
        PreprocessingStep.of("crop-pad", "length", 64));
    Record slow = new Record("slow", 0.00125, List.of("MLII"), List.of("mV"),
        new double[][] {new double[3000]}, List.of());
    try (EcgClassifier clf = EcgClassifier.load(pkg)) {
      EcgArgumentException e = assertThrows(EcgArgumentException.class,
          () -> clf.classify(slow));
      assertTrue(e.getMessage().contains("factor"), e.getMessage());
    }
  }

  @Test
  void nullInputsAreLibraryExceptions() throws Exception {
    try (EcgClassifier clf = EcgClassifier.load("tiny-test")) {
      assertThrows(EcgArgumentException.class, () -> clf.classify(null));
      assertThrows(EcgArgumentException.class, () -> clf.predict(null));
      assertThrows(EcgArgumentException.class, () -> clf.predictBatch(null));
    }
  }
}
