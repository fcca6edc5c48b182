package dev.ecg.examples.tools;

import dev.ecg.models.ModelPackager;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.Architectures;
import dev.ecg.models.onnx.OnnxExporter;
import java.io.IOException;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.ModelPackage;
import dev.ecg.models.pkg.WeightFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites the {@code model.onnx} of an unpacked model package from its DJL parameters with the
 * current {@link OnnxExporter} defaults (since the rank-4 export became the default, 1-D
 * convolutions are written as {@code [N, C, 1, L]} 2-D ones, which ONNX Runtime runs on its
 * blocked NCHWc kernels; see {@code docs/performance.md}). The weights, manifest fields and card
 * stay as they are; only {@code model.onnx} and its SHA-256 in {@code ecg-model.json} change.
 * Used to refresh the bundled packages:
 *
 * <pre>
 * java -cp examples/target/ecg.jar dev.ecg.examples.tools.ReexportOnnx \
 *     ecg-models/src/main/resources/dev/ecg/models/bundled/mitbih-aami5
 * </pre>
 *
 * {@code BundledModelsTest} then checks that the PyTorch and ONNX Runtime engines still agree.
 */
public final class ReexportOnnx {
  private ReexportOnnx() {}

  /**
   * @param args unpacked package folders
   * @throws Exception if a package cannot be read or written
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: ReexportOnnx <package-dir>...");
      System.exit(2);
    }
    for (String a : args) {
      reexport(Path.of(a));
    }
  }

  /**
   * @param dir an unpacked package folder with DJL params and an ONNX file
   * @throws Exception if it cannot be read or written
   */
  public static void reexport(Path dir) throws Exception {
    Path json = dir.resolve(ModelManifest.FILE_NAME);
    String text = Files.readString(json, StandardCharsets.UTF_8);
    ModelManifest m = ModelManifest.fromJson(text, json.toString());
    WeightFile djl = m.weight(WeightFile.Format.DJL).orElseThrow(
        () -> new IllegalArgumentException(dir + ": no DJL params to export from"));
    WeightFile onnx = m.weight(WeightFile.Format.ONNX).orElseThrow(
        () -> new IllegalArgumentException(dir + ": no ONNX file to replace"));
    Architecture arch = Architectures.create(m.architecture().name(),
        m.architecture().hyperparameters());
    Path tmp = Files.createTempDirectory("reexport-");
    byte[] bytes;
    try {
      // ModelPackager loads the params into a fresh block and exports with the default exporter.
      Path written = ModelPackager.write(arch, dir.resolve(djl.file()), m, tmp.resolve("pkg"));
      bytes = Files.readAllBytes(written.resolve("model.onnx"));
    } finally {
      deleteTree(tmp);
    }
    String newSha = ModelPackage.sha256(bytes);
    if (!text.contains(onnx.sha256())) {
      throw new IllegalStateException(json + ": cannot find the ONNX hash " + onnx.sha256());
    }
    Files.write(dir.resolve(onnx.file()), bytes);
    Files.writeString(json, text.replace(onnx.sha256(), newSha), StandardCharsets.UTF_8);
    System.err.printf("%s: %s rewritten (%d bytes), sha256 %s%n", dir, onnx.file(), bytes.length,
        newSha);
  }

  private static void deleteTree(Path root) throws IOException {
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
