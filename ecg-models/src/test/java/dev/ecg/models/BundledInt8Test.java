package dev.ecg.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.split.MitBihInterPatient;
import dev.ecg.io.Record;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.wfdb.Wfdb;
import dev.ecg.models.engine.EngineChoice;
import dev.ecg.models.pkg.ModelPackage;
import dev.ecg.models.pkg.ModelPackageException;
import dev.ecg.models.pkg.WeightFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled beat models' int8 graphs against their fp32 graphs, through the whole
 * {@code classify} path. The documented tolerance (docs/performance.md): the same beats, labels
 * agreeing on at least 97.5 % of real beats overall and on at least 99.9 % of the beats whose
 * fp32 top-two probabilities are 0.3 or more apart; the flips are the undecided beats.
 */
class BundledInt8Test {

  private static final EcgClassifier.Options INT8 =
      EcgClassifier.Options.DEFAULT.withPrecision(EcgClassifier.Precision.INT8);

  /** {agreeing, beats, agreeing with margin >= 0.3, beats with margin >= 0.3}. */
  private static long[] compare(EcgClassifier fp, EcgClassifier q, Record r) {
    ClassificationResult a = fp.classify(r);
    ClassificationResult b = q.classify(r);
    assertEquals(a.size(), b.size(), r.name() + ": int8 must classify the same beats");
    long[] c = new long[4];
    for (int k = 0; k < a.size(); k++) {
      assertEquals(a.get(k).sample(), b.get(k).sample());
      float[] p = a.get(k).prediction().probabilities().clone();
      Arrays.sort(p);
      boolean sure = p[p.length - 1] - p[p.length - 2] >= 0.3f;
      boolean same = a.get(k).label().equals(b.get(k).label());
      c[0] += same ? 1 : 0;
      c[1]++;
      c[2] += same && sure ? 1 : 0;
      c[3] += sure ? 1 : 0;
    }
    return c;
  }

  @Test
  void bundledBeatModelsCarryAVerifiedInt8Graph() throws Exception {
    for (String name : List.of("mitbih-aami5", "mitbih-aami5-live")) {
      try (ModelPackage pkg = ModelPackage.openBundled(name,
          BundledInt8Test.class.getClassLoader())) {
        Optional<WeightFile> w = pkg.manifest().weight(WeightFile.Format.ONNX_INT8);
        assertTrue(w.isPresent(), name);
        assertEquals("model.int8.onnx", w.get().file());
        // its own SHA-256, checked when the package opens
        assertEquals(w.get().sha256(), ModelPackage.sha256(pkg.file(w.get())));
      }
    }
  }

  @Test
  void int8FollowsFp32OnSyntheticRecords() throws Exception {
    long[] total = new long[4];
    try (EcgClassifier fp = EcgClassifier.load("mitbih-aami5");
        EcgClassifier q = EcgClassifier.load("mitbih-aami5", INT8)) {
      for (int seed = 0; seed < 4; seed++) {
        double[] ecg = EcgSyn.builder().optSamplingRate(360).optDuration(60).optSeed(seed)
            .build().generate().signal();
        Record r = new Record("syn" + seed, 360, List.of("MLII"), List.of("mV"),
            new double[][] {ecg}, List.of());
        long[] c = compare(fp, q, r);
        for (int k = 0; k < 4; k++) {
          total[k] += c[k];
        }
      }
    }
    assertTrue(total[1] > 200, "beats " + total[1]);
    assertTrue(total[0] >= 0.975 * total[1], total[0] + " of " + total[1] + " labels agree");
    assertTrue(total[2] >= 0.999 * total[3], total[2] + " of " + total[3] + " decided agree");
  }

  @Test
  void int8FollowsFp32OnRealBeatsOfTheTestRecords() throws Exception {
    Optional<Path> dir = DataDir.find("mitdb");
    assumeTrue(dir.isPresent(), "skipped: " + DataDir.missingMessage("mitdb"));
    for (String name : List.of("mitbih-aami5", "mitbih-aami5-live")) {
      long[] total = new long[4];
      try (EcgClassifier fp = EcgClassifier.load(name);
          EcgClassifier q = EcgClassifier.load(name, INT8)) {
        // DS2: records neither model nor its calibration (DS1) saw
        for (String rec : MitBihInterPatient.DS2) {
          long[] c = compare(fp, q, Wfdb.readRecord(dir.get().resolve(rec)).toRecord());
          for (int k = 0; k < 4; k++) {
            total[k] += c[k];
          }
        }
      }
      assertTrue(total[1] > 45_000, name + ": beats " + total[1]);
      assertTrue(total[0] >= 0.975 * total[1], name + ": " + total[0] + " of " + total[1]
          + " labels agree");
      assertTrue(total[2] >= 0.999 * total[3], name + ": " + total[2] + " of " + total[3]
          + " beats with a margin of 0.3 or more agree");
    }
  }

  @Test
  void int8IsRefusedWhereItCannotRun(@TempDir Path tmp) throws Exception {
    // a package without an int8 graph (the tree ensembles have none)
    ModelPackageException none = assertThrows(ModelPackageException.class,
        () -> EcgClassifier.load("af-detect", INT8));
    assertTrue(none.getMessage().contains("no int8 graph"), none.getMessage());
    ModelPackageException torch = assertThrows(ModelPackageException.class,
        () -> EcgClassifier.load("mitbih-aami5", INT8.withEngine(EngineChoice.PYTORCH)));
    assertTrue(torch.getMessage().contains("ONNX Runtime"), torch.getMessage());
    // a tampered int8 graph fails its SHA-256 check
    Path copy = Files.createDirectories(tmp.resolve("pkg"));
    try (ModelPackage pkg = ModelPackage.openBundled("mitbih-aami5",
        BundledInt8Test.class.getClassLoader())) {
      for (WeightFile w : pkg.manifest().weights()) {
        Files.copy(pkg.file(w), copy.resolve(w.file()));
      }
      Files.writeString(copy.resolve(dev.ecg.models.pkg.ModelManifest.FILE_NAME),
          pkg.manifest().toJson());
    }
    byte[] b = Files.readAllBytes(copy.resolve("model.int8.onnx"));
    b[b.length / 2] ^= 1;
    Files.write(copy.resolve("model.int8.onnx"), b);
    ModelPackageException bad = assertThrows(ModelPackageException.class,
        () -> EcgClassifier.load(copy, INT8));
    assertTrue(bad.getMessage().contains("model.int8.onnx")
        && bad.getMessage().contains("SHA-256"), bad.getMessage());
  }
}
