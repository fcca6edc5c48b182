package dev.ecg.bench;

import dev.ecg.models.EcgClassifier;
import dev.ecg.models.engine.EngineChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Shared set-up of the inference benchmarks: a seeded package loaded on one engine. */
final class InferenceState {

  private InferenceState() {}

  /**
   * @param arch architecture name
   * @param engine engine choice name
   * @param threads intra-op threads (0: runtime default); for PyTorch this sets libtorch's
   *     process-wide pool
   * @param tmp temporary folder for the package
   * @return a loaded classifier (device AUTO: GPU where the engine finds one)
   * @throws Exception if packaging or loading fails
   */
  static EcgClassifier load(String arch, String engine, int threads, Path tmp)
      throws Exception {
    return load(arch, engine, threads, tmp, true);
  }

  /**
   * @param arch architecture name
   * @param engine engine choice name
   * @param threads intra-op threads (0: runtime default)
   * @param tmp temporary folder for the package
   * @param conv2d whether the ONNX graph writes 1-D convolution stacks as 2-D (the default)
   * @return a loaded classifier
   * @throws Exception if packaging or loading fails
   */
  static EcgClassifier load(String arch, String engine, int threads, Path tmp, boolean conv2d)
      throws Exception {
    return load(arch, engine, threads, tmp, conv2d, "FP32");
  }

  /**
   * @param arch architecture name
   * @param engine engine choice name
   * @param threads intra-op threads (0: runtime default)
   * @param tmp temporary folder for the package
   * @param conv2d whether the ONNX graph writes 1-D convolution stacks as 2-D (the default)
   * @param precision {@code FP32} or {@code INT8} (the package gets an int8 graph calibrated on
   *     256 synthetic beats of another seed than the measured ones)
   * @return a loaded classifier
   * @throws Exception if packaging or loading fails
   */
  static EcgClassifier load(String arch, String engine, int threads, Path tmp, boolean conv2d,
      String precision) throws Exception {
    Path pkg = BenchModels.writePackage(arch, tmp, List.of(), 125, conv2d);
    EcgClassifier.Precision p = EcgClassifier.Precision.valueOf(precision);
    if (p == EcgClassifier.Precision.INT8) {
      dev.ecg.models.ModelPackager.addInt8(pkg, java.util.Arrays.asList(beats(256, 8)));
    }
    if (threads > 0 && EngineChoice.valueOf(engine) == EngineChoice.PYTORCH) {
      BenchModels.setTorchThreads(threads);
    }
    return EcgClassifier.load(pkg, new EcgClassifier.Options(EngineChoice.valueOf(engine),
        EcgClassifier.LengthPolicy.REJECT, threads, p));
  }

  /**
   * @param n beats
   * @return synthetic beats in [0, 1] (the networks see min-max normalised windows)
   */
  static float[][] beats(int n) {
    return beats(n, 7);
  }

  /**
   * @param n beats
   * @param seed noise seed
   * @return synthetic beats in [0, 1]
   */
  static float[][] beats(int n, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[n][BenchModels.LENGTH];
    for (int b = 0; b < n; b++) {
      for (int i = 0; i < BenchModels.LENGTH; i++) {
        double t = i / (double) BenchModels.LENGTH;
        x[b][i] = (float) (0.5 + 0.4 * Math.exp(-Math.pow((t - 0.4) * 25, 2))
            - 0.1 * Math.sin(6.28 * t + b) + 0.02 * r.nextGaussian());
      }
    }
    return x;
  }

  /**
   * @param dir a folder to delete with its content
   * @throws IOException if deleting fails
   */
  static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
