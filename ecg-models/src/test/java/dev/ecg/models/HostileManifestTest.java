package dev.ecg.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Record;
import dev.ecg.io.pipeline.PipelineException;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.ModelPackage;
import dev.ecg.models.pkg.ModelPackageException;
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

  private Path packageWith(Step... steps) throws Exception {
    Path onnx = TorchFixture.packageDir("onnx").resolve("model.onnx");
    ModelManifest.Builder b = ModelManifest.builder().setName("beats")
        .setClassNames(List.of("N", "S", "V")).setInputLength(64).setSamplingRate(125);
    for (Step s : steps) {
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

  /** Replaces one fragment of a written package's manifest, as a hostile editor would. */
  private static Path edit(Path pkg, String from, String to) throws Exception {
    Path mf = pkg.resolve(ModelManifest.FILE_NAME);
    String json = java.nio.file.Files.readString(mf);
    assertTrue(json.contains(from), json);
    java.nio.file.Files.writeString(mf, json.replace(from, to));
    return pkg;
  }

  @Test
  void aCropPadOf2To31SamplesIsRefusedNotAllocated() throws Exception {
    // in code: refused when the step is built
    PipelineException built = assertThrows(PipelineException.class,
        () -> Step.of("crop-pad", "length", 2147483648.0));
    assertTrue(built.getMessage().contains("length"), built.getMessage());
    // in a manifest: refused when the package is loaded, never at classify
    Path pkg = edit(packageWith(Step.of("crop-pad", "length", 64)), "\"length\": 64",
        "\"length\": 2147483648");
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> EcgClassifier.load(pkg));
    assertTrue(e.getMessage().contains("crop-pad"), e.getMessage());
    assertTrue(e.getMessage().contains("length"), e.getMessage());
  }

  @Test
  void aParameterOfTheWrongTypeIsALibraryException() throws Exception {
    assertThrows(PipelineException.class, () -> Step.of("select-leads", "names", "MLII"));
    Path pkg = edit(packageWith(Step.SelectLeads.names("MLII"),
        Step.of("crop-pad", "length", 64)), "\"names\": [\"MLII\"]", "\"names\": \"MLII\"");
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> EcgClassifier.load(pkg));
    assertTrue(e.getMessage().contains("select-leads") && e.getMessage().contains("names"),
        e.getMessage());
  }

  @Test
  void aRateOrShapeThatDoesNotFitTheModelIsRefusedAtWriteAndAtLoad() throws Exception {
    // written: the steps end at 250 Hz, the model takes 125 Hz
    ModelPackageException w = assertThrows(ModelPackageException.class,
        () -> packageWith(Step.of("resample", "fs", 250), Step.of("crop-pad", "length", 64)));
    assertTrue(w.getMessage().contains("250") && w.getMessage().contains("125"), w.getMessage());
    // written: windows of 88 samples for a 64-sample model
    w = assertThrows(ModelPackageException.class, () -> packageWith(
        new Step.QrsWindows(32, 56, Step.Detector.PAN_TOMPKINS, 0, Step.QrsWindows.Edges.SKIP)));
    assertTrue(w.getMessage().contains("88") && w.getMessage().contains("64"), w.getMessage());
    // written: two leads for a one-lead model
    w = assertThrows(ModelPackageException.class, () -> packageWith(
        Step.SelectLeads.indices(0, 1), Step.of("crop-pad", "length", 64)));
    assertTrue(w.getMessage().contains("lead"), w.getMessage());
    // loaded: a valid package edited to resample to 250 Hz
    Path pkg = edit(packageWith(Step.of("resample", "fs", 125),
        Step.of("crop-pad", "length", 64)), "\"fs\": 125", "\"fs\": 250");
    ModelPackageException l = assertThrows(ModelPackageException.class,
        () -> EcgClassifier.load(pkg));
    assertTrue(l.getMessage().contains("250"), l.getMessage());
    // loaded: rr-features writing past the end of the window
    Path rr = edit(packageWith(new Step.AnnotationWindows(20, 44, List.of()),
        new Step.RrFeatures(60, 1)), "\"offset\": 60", "\"offset\": 61");
    l = assertThrows(ModelPackageException.class, () -> EcgClassifier.load(rr));
    assertTrue(l.getMessage().contains("rr-features"), l.getMessage());
  }

  @Test
  void aSchemaOneManifestStillLoadsAndClassifies() throws Exception {
    // the schema-1 spelling: a 'minmax' step without parameters, rr-features with a free-text
    // 'features' member, no training provenance
    Path pkg = edit(edit(packageWith(new Step.AnnotationWindows(20, 44, List.of()),
        new Step.Normalize(Step.Normalize.Method.MINMAX), new Step.RrFeatures(60, 1)),
        "\"schemaVersion\": 2", "\"schemaVersion\": 1"),
        "\"normalize\"", "\"minmax\"");
    edit(pkg, "\"method\": \"minmax\"", "");
    edit(pkg, "\"scale\": 1", "\"scale\": 1, \"features\": \"pre/avg-1, post/avg-1\"");
    try (EcgClassifier clf = EcgClassifier.load(pkg)) {
      assertEquals(1, clf.manifest().schemaVersion());
      assertEquals(new Step.Normalize(Step.Normalize.Method.MINMAX),
          clf.manifest().preprocessing().get(1));
      assertEquals(new Step.RrFeatures(60, 1), clf.manifest().preprocessing().get(2));
    }
  }

  @Test
  void aSamplingRateOffByAFactorOf100000IsRefusedBeforeResampling() throws Exception {
    Path pkg = packageWith(Step.of("resample", "fs", 125),
        Step.of("crop-pad", "length", 64));
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
