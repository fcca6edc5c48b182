package dev.ecg.bench;

import dev.ecg.models.EcgClassifier;
import dev.ecg.models.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batched throughput of {@link EcgClassifier#predictBatch(float[][])} per architecture, engine
 * and batch size, device AUTO. The secondary result {@code beats} is in beats per second (the
 * primary one counts batches).
 *
 * <pre>
 * java -jar ecg-bench/target/benchmarks.jar ThroughputBenchmark -f 3 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xmx4g"})
public class ThroughputBenchmark {

  /** Architecture name ({@link BenchModels#NAMES}). */
  @Param({"KachueeResNet", "CnnBiLstm", "ResNet1d", "SimpleCnn"})
  public String arch;

  /** {@code ONNX_RUNTIME} or {@code PYTORCH}. */
  @Param({"ONNX_RUNTIME", "PYTORCH"})
  public String engine;

  /** Beats per call. */
  @Param({"32", "256", "1024"})
  public int batch;

  /**
   * Intra-op threads per call, for both engines (ONNX Runtime session option; libtorch's
   * process-wide pool); 0 for the runtime's default.
   */
  @Param({"1"})
  public int threads;

  /**
   * ONNX graph form ({@code OnnxExporter.Builder.optConv1dAs2d}): {@code true} (default) writes
   * 1-D convolution stacks as [N, C, 1, L] so that ONNX Runtime uses its NCHWc kernels;
   * {@code false} the plain 1-D graph, for comparison. No effect on PyTorch.
   */
  @Param({"true"})
  public boolean conv2d;

  /**
   * oneDNN policy of the fork ({@link BenchModels#oneDnn}): {@code auto} (the library's
   * default), {@code on}, {@code off}, or an ISA name; no effect on ONNX Runtime.
   */
  @Param({"auto"})
  public String onednn;

  /**
   * {@code FP32} (default) or {@code INT8}: the package's int8 graph (ONNX Runtime only),
   * calibrated on 256 synthetic beats by {@code ModelPackager.addInt8}.
   */
  @Param({"FP32"})
  public String precision;

  private Path tmp;
  private EcgClassifier clf;
  private float[][] beats;

  /** Beats classified, reported per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Beats {
    /** Beats done in this iteration. */
    public long beats;

    /** Resets the counter. */
    @Setup(Level.Iteration)
    public void reset() {
      beats = 0;
    }
  }

  /**
   * Packages the seeded model and loads it.
   *
   * @throws Exception if that fails
   */
  @Setup(Level.Trial)
  public void setup() throws Exception {
    BenchModels.oneDnn(onednn);
    tmp = Files.createTempDirectory("ecg-bench-");
    clf = InferenceState.load(arch, engine, threads, tmp, conv2d, precision);
    beats = InferenceState.beats(batch);
  }

  /**
   * @param c beat counter
   * @return the predictions of one batch
   */
  @Benchmark
  public Prediction[] predictBatch(Beats c) {
    c.beats += batch;
    return clf.predictBatch(beats);
  }

  /**
   * Closes the classifier and deletes the package.
   *
   * @throws Exception if that fails
   */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    clf.close();
    InferenceState.delete(tmp);
  }
}
