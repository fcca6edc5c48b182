package dev.ecg.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.TimeUnit;
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
 * The roofline's ceiling: fp32 SGEMM of two 2048 x 2048 matrices through DJL's PyTorch engine
 * ({@code NDArray.matMul}, libtorch's BLAS). One operation is 2 x 2048^3 = 17.18 GFLOP, so
 * GFLOP/s = 17.18 / (seconds per op).
 *
 * <pre>
 * java -jar ecg-bench/target/benchmarks.jar PeakFlopsBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xmx2g"})
public class PeakFlopsBenchmark {

  /** Matrix size. */
  public static final int N = 2048;

  /** libtorch intra-op threads. */
  @Param({"2"})
  public int threads;

  private NDManager manager;
  private NDArray a;
  private NDArray b;

  /** Allocates the two random matrices. */
  @Setup(Level.Trial)
  public void setup() {
    manager = NDManager.newBaseManager("PyTorch");
    if (threads > 0) {
      ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
    }
    a = manager.randomNormal(new Shape(N, N));
    b = manager.randomNormal(new Shape(N, N));
  }

  /** @return a checksum of the product (forces the computation) */
  @Benchmark
  public float sgemm() {
    try (NDManager sub = manager.newSubManager()) {
      NDArray c = a.matMul(b);
      c.attach(sub);
      return c.getFloat(0, 0);
    }
  }

  /** Frees the matrices. */
  @TearDown(Level.Trial)
  public void tearDown() {
    manager.close();
  }
}
