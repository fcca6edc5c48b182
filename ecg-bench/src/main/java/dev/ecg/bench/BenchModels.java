package dev.ecg.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.ModelPackager;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.Architectures;
import dev.ecg.models.arch.CnnBiLstm;
import dev.ecg.models.arch.KachueeResNet;
import dev.ecg.models.arch.ResNet1d;
import dev.ecg.models.arch.SimpleCnn;
import dev.ecg.models.engine.InferenceEngine;
import dev.ecg.models.engine.OrtEngine;
import dev.ecg.models.engine.PtEngine;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.ModelPackageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmarked networks: every architecture takes one MIT-BIH-style beat (1 lead x 187
 * samples, the input of Kachuee et al. 2018) and outputs the 5 AAMI classes. Weights are DJL's
 * default initialisation under a fixed seed, so every run (and the Python peer, which loads the
 * exported ONNX file) sees the same numbers.
 *
 * <p>{@code java -cp ecg-bench/target/benchmarks.jar dev.ecg.bench.BenchModels DIR} writes one
 * package folder per architecture under {@code DIR} (used by
 * {@code ecg-bench/src/main/python/torch_peer.py}).
 */
public final class BenchModels {

  /** Samples per beat. */
  public static final int LENGTH = 187;
  /** AAMI classes. */
  public static final List<String> CLASSES = List.of("N", "S", "V", "F", "Q");
  /** Seed of the weight initialisation. */
  public static final int SEED = 20240601;
  /** Names in benchmark order. */
  public static final List<String> NAMES =
      List.of(KachueeResNet.NAME, CnnBiLstm.NAME, ResNet1d.NAME, SimpleCnn.NAME);

  private BenchModels() {}

  /**
   * @param name one of {@link #NAMES}
   * @return the architecture at 1 x {@value #LENGTH}, 5 classes, default hyperparameters
   * @throws IllegalArgumentException for another name
   */
  public static Architecture architecture(String name) {
    return switch (name) {
      case KachueeResNet.NAME -> Architectures.kachueeResNet(LENGTH, CLASSES.size());
      case CnnBiLstm.NAME -> Architectures.cnnBiLstm(1, LENGTH, CLASSES.size());
      case ResNet1d.NAME -> ResNet1d.builder().setInput(1, LENGTH)
          .setNumClasses(CLASSES.size()).build();
      case SimpleCnn.NAME -> Architectures.simpleCnn(1, LENGTH, CLASSES.size());
      default -> throw new IllegalArgumentException("unknown benchmark architecture " + name
          + ", known: " + NAMES);
    };
  }

  /**
   * Writes a package folder (DJL params + ONNX) for one architecture with seeded weights.
   *
   * @param name one of {@link #NAMES}
   * @param dir parent folder (created); the package is {@code dir/<name>}
   * @param steps preprocessing steps recorded in the manifest (may be empty)
   * @param samplingRate the manifest's sampling rate
   * @return the package folder
   * @throws IOException if writing fails
   * @throws ModelPackageException if packaging fails
   */
  public static Path writePackage(String name, Path dir, List<Step> steps,
      double samplingRate) throws IOException, ModelPackageException {
    return writePackage(name, dir, steps, samplingRate, true);
  }

  /**
   * Like {@link #writePackage(String, Path, List, double)}, choosing the ONNX graph form.
   *
   * @param name architecture name
   * @param dir parent folder (created); the package is {@code dir/<name>}
   * @param steps preprocessing steps recorded in the manifest (may be empty)
   * @param samplingRate the manifest's sampling rate
   * @param conv1dAs2d {@code OnnxExporter.Builder.optConv1dAs2d}: 1-D stacks as [N, C, 1, L]
   *     (the default) or plain 1-D
   * @return the package folder
   * @throws IOException if writing fails
   * @throws ModelPackageException if packaging fails
   */
  public static Path writePackage(String name, Path dir, List<Step> steps,
      double samplingRate, boolean conv1dAs2d) throws IOException, ModelPackageException {
    Architecture arch = architecture(name);
    Path params = Files.createDirectories(dir.resolve(name + "-params"));
    try (Model model = Model.newInstance("model", "PyTorch")) {
      Block block = arch.build();
      model.setBlock(block);
      Engine.getInstance().setRandomSeed(SEED);
      block.initialize(model.getNDManager(), DataType.FLOAT32, arch.inputShape(1));
      model.save(params, "model");
    }
    ModelManifest.Builder b = ModelManifest.builder().setName("bench-" + name)
        .setClassNames(CLASSES).setInputLength(LENGTH).setSamplingRate(samplingRate);
    for (Step s : steps) {
      b.addPreprocessing(s);
    }
    return ModelPackager.write(arch, params.resolve("model-0000.params"), b.build(),
        dir.resolve(name),
        dev.ecg.models.onnx.OnnxExporter.builder().optConv1dAs2d(conv1dAs2d).build());
  }

  /**
   * Decides this fork's oneDNN policy ({@link dev.ecg.models.engine.OneDnnPolicy}) from a
   * benchmark parameter before anything loads libtorch, then loads libtorch and applies the rest,
   * so that the library's default and the alternatives are compared in one JMH run
   * ({@code -p onednn=auto,on,off,SSE41}). For anything but {@code auto}, the kernel self-test
   * only warns: on a CPU where that setting computes wrong results, its timings are of wrong
   * results and are labelled so in docs/platforms.md.
   *
   * @param policy {@code auto} (the library's default), {@code on}, {@code off} or an ISA name
   * @throws IllegalStateException if the environment already sets the cap, which would make
   *     the parameter a lie
   */
  public static void oneDnn(String policy) {
    System.setProperty(dev.ecg.models.engine.OneDnnPolicy.PROPERTY, policy);
    if (!policy.equalsIgnoreCase("auto")) {
      System.setProperty(dev.ecg.models.engine.KernelSelfTest.PROPERTY, "warn");
    }
    dev.ecg.models.engine.OneDnnPolicy.Decision d = dev.ecg.models.engine.OneDnnPolicy.apply();
    if (d.source().equals("environment") && !policy.equalsIgnoreCase("auto")) {
      throw new IllegalStateException("-p onednn=" + policy + " cannot apply: " + d.describe());
    }
    Engine.getEngine("PyTorch");
    dev.ecg.models.engine.OneDnnPolicy.applyToLibtorch();
  }

  /**
   * Sets libtorch's process-wide intra-op thread count, loading the engine first.
   *
   * @param threads threads, at least 1
   */
  public static void setTorchThreads(int threads) {
    Engine.getEngine("PyTorch");
    ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
  }

  /**
   * Writes every benchmark package under {@code args[0]}.
   *
   * @param args the target folder
   * @throws Exception if writing fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: BenchModels DIR");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    for (String n : NAMES) {
      Path pkg = writePackage(n, dir, List.of(), 125);
      writeReference(n, pkg);
      System.out.println(pkg);
    }
  }

  /**
   * Writes {@code reference.txt} into a package folder: 8 input beats and the logits of both
   * engines on them, for the Python peer's equality check. Format: a line {@code n per k}, a
   * line of {@code n * per} inputs, then one line per engine: its name and {@code n * k} logits.
   */
  private static void writeReference(String name, Path pkg) throws IOException {
    float[][] beats = InferenceState.beats(8);
    int n = beats.length;
    float[] x = new float[n * LENGTH];
    for (int b = 0; b < n; b++) {
      System.arraycopy(beats[b], 0, x, b * LENGTH, LENGTH);
    }
    long[] example = {1, LENGTH};
    StringBuilder sb = new StringBuilder();
    sb.append(n).append(' ').append(LENGTH).append(' ').append(CLASSES.size()).append('\n');
    append(sb, x);
    try (InferenceEngine ort = new OrtEngine(pkg.resolve("model.onnx"), example, 0)) {
      sb.append("OnnxRuntime");
      append(sb, ort.run(x, n));
    }
    try (InferenceEngine pt = PtEngine.fromParams(architecture(name).build(),
        pkg.resolve("model-0000.params"), example)) {
      sb.append("PyTorch");
      append(sb, pt.run(x, n));
    }
    Files.writeString(pkg.resolve("reference.txt"), sb.toString());
  }

  private static void append(StringBuilder sb, float[] v) {
    for (float f : v) {
      sb.append(' ').append(f);
    }
    sb.append('\n');
  }
}
