package dev.ecg.models.pkg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.pipeline.Step;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPackageTest {

  @TempDir Path tmp;

  static ModelManifest manifest() {
    return ModelManifest.builder()
        .setName("unit")
        .setClassNames(List.of("N", "S", "V"))
        .setInputLength(187)
        .setSamplingRate(125)
        .optArchitecture("tiny-cnn", Map.of("filters", 8, "dropout", 0.25))
        .addPreprocessing(Step.of("resample", "fs", 125))
        .addPreprocessing(Step.of("normalize", "method", "minmax"))
        .addPreprocessing(Step.of("crop-pad", "length", 187))
        .optProvenance(new Provenance("mitdb", "DS1/DS2", 42L, 3, Map.of("f1", 0.9), "abc",
            "2026-11-23"))
        .build();
  }

  static final byte[] PARAMS = "fake params bytes".getBytes(StandardCharsets.UTF_8);
  static final byte[] ONNX = "fake onnx bytes".getBytes(StandardCharsets.UTF_8);

  ModelPackage.Writer writer() {
    return ModelPackage.writer(manifest())
        .addWeights("model-0000.params", WeightFile.Format.DJL, PARAMS)
        .addWeights("model.onnx", WeightFile.Format.ONNX, ONNX)
        .optCard("# card\n");
  }

  @Test
  void directoryRoundTripKeepsEveryFieldAndHash() throws IOException {
    Path dir = writer().write(tmp.resolve("pkg"));
    try (ModelPackage p = ModelPackage.open(dir)) {
      ModelManifest m = p.manifest();
      assertEquals(List.of("N", "S", "V"), m.classNames());
      assertEquals(187, m.inputLength());
      assertEquals(125.0, m.samplingRate());
      assertEquals("tiny-cnn", m.architecture().name());
      // integers come back as Long, fractions as Double
      assertEquals(8L, m.architecture().hyperparameters().get("filters"));
      assertEquals(0.25, m.architecture().hyperparameters().get("dropout"));
      assertEquals(List.of("resample", "normalize", "crop-pad"),
          m.preprocessing().stream().map(Step::name).toList());
      assertEquals(new Step.Normalize(Step.Normalize.Method.MINMAX), m.preprocessing().get(1));
      assertEquals(42L, m.provenance().seed());
      assertEquals(0.9, m.provenance().metrics().get("f1"));
      // hashes are independent SHA-256 values of the bytes (JDK MessageDigest)
      assertEquals("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          ModelPackage.sha256("test".getBytes(StandardCharsets.UTF_8)));
      WeightFile onnx = m.weight(WeightFile.Format.ONNX).orElseThrow();
      assertArrayEquals(ONNX, Files.readAllBytes(p.file(onnx)));
      assertEquals("# card\n", p.card().orElseThrow());
      assertEquals(m, ModelManifest.fromJson(m.toJson(), "again"));
    }
  }

  @Test
  void zipRoundTripAndTempFolderDeletedOnClose() throws IOException {
    Path zip = writer().write(tmp.resolve("pkg.zip"));
    Path root;
    try (ModelPackage p = ModelPackage.open(zip)) {
      root = p.root();
      assertTrue(Files.isDirectory(root));
      assertEquals(2, p.manifest().weights().size());
    }
    assertFalse(Files.exists(root));
    // rewriting a zip replaces it atomically
    writer().write(zip);
    try (ModelPackage p = ModelPackage.open(zip)) {
      assertEquals("unit", p.manifest().name());
    }
  }

  @Test
  void existingDirectoryIsNotOverwrittenAndNoTempLeftBehind() throws IOException {
    Path dir = writer().write(tmp.resolve("pkg"));
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> writer().write(dir));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    try (var s = Files.list(tmp)) {
      assertEquals(List.of(dir), s.toList());
    }
  }

  @Test
  void tamperedWeightIsRefusedNamingTheFile() throws IOException {
    Path dir = writer().write(tmp.resolve("pkg"));
    byte[] b = Files.readAllBytes(dir.resolve("model.onnx"));
    b[0] ^= 1;
    Files.write(dir.resolve("model.onnx"), b);
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> ModelPackage.open(dir));
    assertTrue(e.getMessage().contains("model.onnx") && e.getMessage().contains("SHA-256"),
        e.getMessage());
  }

  @Test
  void missingWeightIsRefused() throws IOException {
    Path dir = writer().write(tmp.resolve("pkg"));
    Files.delete(dir.resolve("model-0000.params"));
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> ModelPackage.open(dir));
    assertTrue(e.getMessage().contains("model-0000.params"), e.getMessage());
  }

  @Test
  void symlinkedWeightInFolderIsRefused() throws IOException {
    Path dir = writer().write(tmp.resolve("pkg"));
    Path outside = tmp.resolve("outside.bin");
    Files.move(dir.resolve("model.onnx"), outside);
    Files.createSymbolicLink(dir.resolve("model.onnx"), outside);
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> ModelPackage.open(dir));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
  }

  @Test
  void unknownSchemaVersionIsRefusedNotGuessed() throws IOException {
    Path dir = writer().write(tmp.resolve("pkg"));
    Path mf = dir.resolve(ModelManifest.FILE_NAME);
    String json = Files.readString(mf).replace("\"schemaVersion\": 2", "\"schemaVersion\": 3");
    assertTrue(json.contains("\"schemaVersion\": 3"), json);
    Files.writeString(mf, json);
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> ModelPackage.open(dir));
    assertTrue(e.getMessage().contains("schema version 3"), e.getMessage());
    Files.writeString(mf, json.replace("\"schemaVersion\": 3,", ""));
    e = assertThrows(ModelPackageException.class, () -> ModelPackage.open(dir));
    assertTrue(e.getMessage().contains("schemaVersion"), e.getMessage());
  }

  @Test
  void malformedManifestIsRefused() throws IOException {
    Path dir = tmp.resolve("bad");
    Files.createDirectory(dir);
    Files.writeString(dir.resolve(ModelManifest.FILE_NAME), "{ not json");
    assertThrows(ModelPackageException.class, () -> ModelPackage.open(dir));
    Files.writeString(dir.resolve(ModelManifest.FILE_NAME),
        "{\"schemaVersion\":1,\"name\":\"x\",\"classNames\":[],\"leads\":1,"
            + "\"inputLength\":10,\"samplingRate\":100}");
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> ModelPackage.open(dir));
    assertTrue(e.getMessage().contains("classNames"), e.getMessage());
  }

  @Test
  void manifestCannotPointOutsideThePackage() {
    assertThrows(IllegalArgumentException.class,
        () -> new WeightFile("../etc/passwd", WeightFile.Format.ONNX, "0".repeat(64)));
    assertThrows(IllegalArgumentException.class,
        () -> new WeightFile("a/b.onnx", WeightFile.Format.ONNX, "0".repeat(64)));
  }

  static byte[] zipOf(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bos)) {
      for (var e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return bos.toByteArray();
  }

  @Test
  void zipSlipEntryIsRefused() throws IOException {
    for (String evil : List.of("../evil.txt", "/abs.txt", "sub/../../evil.txt", "a\\..\\b",
        "pkg/../../evil.txt")) {
      Path zip = tmp.resolve("slip.zip");
      Files.write(zip, zipOf(Map.of(evil, new byte[] {1, 2, 3})));
      ModelPackageException e = assertThrows(ModelPackageException.class,
          () -> ModelPackage.open(zip));
      assertTrue(e.getMessage().contains(evil), e.getMessage());
      assertFalse(Files.exists(tmp.resolve("evil.txt")));
      assertFalse(Files.exists(tmp.getParent().resolve("evil.txt")));
    }
  }

  @Test
  void symlinkEntryIsRefused() throws IOException {
    byte[] z = zipOf(Map.of("model.onnx", "/etc/passwd".getBytes(StandardCharsets.UTF_8)));
    // patch the central directory record: made by Unix (3), mode lrwxrwxrwx (0120777)
    ByteBuffer bb = ByteBuffer.wrap(z).order(ByteOrder.LITTLE_ENDIAN);
    int patched = 0;
    for (int i = 0; i + 46 < z.length; i++) {
      if (bb.getInt(i) == 0x02014b50) {
        bb.putShort(i + 4, (short) ((3 << 8) | 20));
        bb.putInt(i + 38, 0120777 << 16);
        patched++;
      }
    }
    assertEquals(1, patched);
    Path zip = tmp.resolve("link.zip");
    Files.write(zip, z);
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> ModelPackage.open(zip));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
  }

  @Test
  void zipBombIsRefusedByRatioAndByTotal() throws IOException {
    Path zip = tmp.resolve("bomb.zip");
    Files.write(zip, zipOf(Map.of("model.onnx", new byte[8 << 20])));
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> ModelPackage.open(zip));
    assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    ModelPackageException e2 = assertThrows(ModelPackageException.class,
        () -> ModelPackage.open(zip, new ZipLimits(1 << 20, 64, 1_000_000)));
    assertTrue(e2.getMessage().contains("cap"), e2.getMessage());
  }

  @Test
  void tooManyEntriesIsRefused() throws IOException {
    Map<String, byte[]> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      m.put("f" + i, new byte[] {1});
    }
    Path zip = tmp.resolve("many.zip");
    Files.write(zip, zipOf(m));
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> ModelPackage.open(zip, new ZipLimits(1 << 20, 4, 100)));
    assertTrue(e.getMessage().contains("entries"), e.getMessage());
  }

  @Test
  void tamperedZipIsRefused() throws IOException {
    Path zip = tmp.resolve("t.zip");
    ModelManifest m = writer().finalManifest();
    Files.write(zip, zipOf(Map.of(ModelManifest.FILE_NAME,
        m.toJson().getBytes(StandardCharsets.UTF_8),
        "model-0000.params", PARAMS, "model.onnx", "other bytes".getBytes(StandardCharsets.UTF_8))));
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> ModelPackage.open(zip));
    assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
  }

  @Test
  void zipOfAPackageFolderIsAccepted() throws IOException {
    Path dir = writer().write(tmp.resolve("pkg"));
    Map<String, byte[]> m = new java.util.LinkedHashMap<>();
    m.put("my-model/", new byte[0]);
    try (var s = Files.list(dir)) {
      for (Path f : s.toList()) {
        m.put("my-model/" + f.getFileName(), Files.readAllBytes(f));
      }
    }
    Path zip = tmp.resolve("folder.zip");
    Files.write(zip, zipOf(m));
    try (ModelPackage p = ModelPackage.open(zip)) {
      assertArrayEquals(ONNX, Files.readAllBytes(p.file(
          p.manifest().weight(WeightFile.Format.ONNX).orElseThrow())));
    }
    // two levels deep, or files outside the folder, are still refused
    m.put("my-model/sub/x.bin", new byte[] {1});
    Files.write(zip, zipOf(m));
    assertThrows(ModelPackageException.class, () -> ModelPackage.open(zip));
    m.remove("my-model/sub/x.bin");
    m.put("stray.bin", new byte[] {1});
    Files.write(zip, zipOf(m));
    assertThrows(ModelPackageException.class, () -> ModelPackage.open(zip));
  }

  @Test
  void missingBundledModelIsANamedError() {
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> ModelPackage.openBundled("no-such-model", getClass().getClassLoader()));
    assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
  }
}
