package dev.ecg.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.engine.NativeMemory;
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
 * One training step (forward, softmax cross-entropy, backward, Adam update) at batch 128 on
 * DJL's PyTorch engine, the same work {@code EcgTrainer} does per batch. The secondary result
 * {@code samples} is in samples per second. {@code -p malloc=tuned} applies
 * {@link NativeMemory#tuneForTensors()} first, as {@code EcgTrainer} does with
 * {@code -Decg.malloc.tune=true}; {@code default} leaves glibc's allocator as it is, as
 * {@code EcgTrainer} does by default (each fork is a fresh JVM).
 *
 * <pre>
 * java -jar ecg-bench/target/benchmarks.jar TrainStepBenchmark -f 3 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xmx2g"})
public class TrainStepBenchmark {

  /** Samples per step. */
  public static final int BATCH = 128;

  /** Architecture name. */
  @Param({"KachueeResNet", "CnnBiLstm"})
  public String arch;

  /** libtorch intra-op threads (process-wide; 0: its default). */
  @Param({"1"})
  public int threads;

  /**
   * {@code tuned} (EcgTrainer with {@code -Decg.malloc.tune=true}) or {@code default} (glibc's
   * settings, EcgTrainer's default) malloc.
   */
  @Param({"tuned", "default"})
  public String malloc;

  /**
   * oneDNN policy of the fork ({@link BenchModels#oneDnn}): {@code auto} (the library's
   * default), {@code on}, {@code off}, or an ISA name.
   */
  @Param({"auto"})
  public String onednn;

  private Model model;
  private Trainer trainer;
  private float[] x;
  private float[] y;
  private Shape inShape;

  /** Samples trained, reported per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Samples {
    /** Samples done in this iteration. */
    public long samples;

    /** Resets the counter. */
    @Setup(Level.Iteration)
    public void reset() {
      samples = 0;
    }
  }

  /** Builds the seeded model, the trainer and one fixed batch. */
  @Setup(Level.Trial)
  public void setup() {
    BenchModels.oneDnn(onednn);
    if (threads > 0) {
      BenchModels.setTorchThreads(threads);
    }
    if (malloc.equals("tuned") && !NativeMemory.tuneForTensors().applied()) {
      throw new IllegalStateException("malloc tuning failed: " + NativeMemory.tuneForTensors());
    } else if (!malloc.equals("tuned") && !malloc.equals("default")) {
      throw new IllegalArgumentException("malloc is tuned or default, got " + malloc);
    }
    Architecture a = BenchModels.architecture(arch);
    Engine.getInstance().setRandomSeed(BenchModels.SEED);
    model = Model.newInstance("train-" + arch, "PyTorch");
    model.setBlock(a.build());
    DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
    trainer = model.newTrainer(cfg);
    inShape = a.inputShape(BATCH);
    trainer.initialize(inShape);
    float[][] beats = InferenceState.beats(BATCH);
    x = new float[BATCH * BenchModels.LENGTH];
    y = new float[BATCH];
    for (int b = 0; b < BATCH; b++) {
      System.arraycopy(beats[b], 0, x, b * BenchModels.LENGTH, BenchModels.LENGTH);
      y[b] = b % BenchModels.CLASSES.size();
    }
  }

  /**
   * @param c sample counter
   * @return the loss of the step
   */
  @Benchmark
  public float step(Samples c) {
    float loss;
    try (NDManager sub = trainer.getManager().newSubManager()) {
      NDArray in = sub.create(x, inShape);
      NDArray labels = sub.create(y, new Shape(BATCH));
      try (GradientCollector gc = trainer.newGradientCollector()) {
        NDList pred = trainer.forward(new NDList(in));
        NDArray l = trainer.getLoss().evaluate(new NDList(labels), pred);
        gc.backward(l);
        loss = l.getFloat();
      }
      trainer.step();
    }
    c.samples += BATCH;
    return loss;
  }

  /** Frees the trainer and the model. */
  @TearDown(Level.Trial)
  public void tearDown() {
    trainer.close();
    model.close();
  }
}
