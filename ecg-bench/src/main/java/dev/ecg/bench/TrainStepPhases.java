package dev.ecg.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.engine.NativeMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a training step's time goes: the step of {@link TrainStepBenchmark} (batch 128, Adam,
 * softmax cross-entropy) run {@code --steps} times in one thread, timing forward, loss, backward
 * and optimizer update separately, and counting the process's minor page faults per step
 * ({@code /proc/self/stat}). Optionally writes libtorch's own operator profile (Chrome trace
 * JSON, DJL's {@code JniUtils.startProfile}) of 20 more steps (not timed) for a per-operator comparison with
 * {@code torch.profiler} on the Python peer.
 *
 * <pre>{@code
 * java -cp ecg-bench/target/benchmarks.jar dev.ecg.bench.TrainStepPhases KachueeResNet \
 *     [--steps 120] [--threads 1] [--malloc tuned|default] [--profile out.json]
 * }</pre>
 *
 * <p>Prints the median step time (after 10 warm-up steps), the mean of each phase and the minor
 * page faults per step. This is a diagnostic, not a benchmark: figures quoted as speed come from
 * the JMH {@link TrainStepBenchmark}.
 */
public final class TrainStepPhases {

  private TrainStepPhases() {}

  /**
   * @param args architecture name, then options (see the class description)
   * @throws IOException if the profile cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: TrainStepPhases <" + String.join("|", BenchModels.NAMES)
          + "> [--steps N] [--threads N] [--malloc tuned|default] [--profile FILE]");
      System.exit(2);
    }
    String arch = args[0];
    int steps = 120;
    int threads = 1;
    String malloc = "tuned";
    Path profile = null;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--steps" -> steps = Integer.parseInt(args[i + 1]);
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        case "--malloc" -> malloc = args[i + 1];
        case "--profile" -> profile = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (steps < 40) {
      throw new IllegalArgumentException("--steps must be at least 40");
    }
    if (malloc.equals("tuned")) {
      System.out.println("malloc: " + NativeMemory.tuneForTensors());
    } else if (!malloc.equals("default")) {
      throw new IllegalArgumentException("--malloc is tuned or default");
    }
    BenchModels.setTorchThreads(threads);
    Architecture a = BenchModels.architecture(arch);
    Engine.getInstance().setRandomSeed(BenchModels.SEED);
    int batch = TrainStepBenchmark.BATCH;
    float[][] beats = InferenceState.beats(batch);
    float[] x = new float[batch * BenchModels.LENGTH];
    float[] y = new float[batch];
    for (int b = 0; b < batch; b++) {
      System.arraycopy(beats[b], 0, x, b * BenchModels.LENGTH, BenchModels.LENGTH);
      y[b] = b % BenchModels.CLASSES.size();
    }
    long[] total = new long[steps];
    long[] phase = new long[4]; // forward, loss, backward, update
    long faults0 = 0;
    long faults1 = 0;
    int warm = 10;
    int end = profile == null ? steps : steps - 20; // profiled steps are not timed
    try (Model model = Model.newInstance("phases-" + arch, "PyTorch")) {
      model.setBlock(a.build());
      DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
      try (Trainer trainer = model.newTrainer(cfg)) {
        Shape in = a.inputShape(batch);
        trainer.initialize(in);
        for (int s = 0; s < steps; s++) {
          if (s == warm) {
            faults0 = minorFaults();
          }
          if (s == end) {
            faults1 = minorFaults();
            if (profile != null) {
              JniUtils.startProfile(false, true, false);
            }
          }
          long t0 = System.nanoTime();
          long t1;
          long t2;
          long t3;
          try (NDManager sub = trainer.getManager().newSubManager()) {
            NDArray xi = sub.create(x, in);
            NDArray yi = sub.create(y, new Shape(batch));
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDList pred = trainer.forward(new NDList(xi));
              t1 = System.nanoTime();
              NDArray l = trainer.getLoss().evaluate(new NDList(yi), pred);
              l.getFloat();
              t2 = System.nanoTime();
              gc.backward(l);
            }
            t3 = System.nanoTime();
            trainer.step();
          }
          long t4 = System.nanoTime();
          total[s] = t4 - t0;
          if (s >= warm && s < end) {
            phase[0] += t1 - t0;
            phase[1] += t2 - t1;
            phase[2] += t3 - t2;
            phase[3] += t4 - t3;
          }
        }
        if (profile == null) {
          faults1 = minorFaults();
        } else {
          Path parent = profile.toAbsolutePath().getParent();
          if (parent != null) {
            Files.createDirectories(parent);
          }
          JniUtils.stopProfile(profile.toString());
        }
      }
    }
    int n = end - warm;
    long[] sorted = Arrays.copyOfRange(total, warm, end);
    Arrays.sort(sorted);
    double median = sorted[n / 2] / 1e6;
    System.out.printf(Locale.ROOT, "%s, %d thread(s), %s malloc: median step %.1f ms = %.0f "
            + "samples/s; mean forward %.1f, loss %.1f, backward %.1f, update %.1f ms; "
            + "%d minor page faults per step%n", arch, threads, malloc, median,
        batch / (median / 1e3), phase[0] / 1e6 / n, phase[1] / 1e6 / n, phase[2] / 1e6 / n,
        phase[3] / 1e6 / n, faults0 < 0 ? -1 : (faults1 - faults0) / n);
  }

  /** @return the process's minor page faults so far, or -1 where /proc is absent */
  private static long minorFaults() {
    try {
      String st = Files.readString(Path.of("/proc/self/stat"));
      String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[7]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
