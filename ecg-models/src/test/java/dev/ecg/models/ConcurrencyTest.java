package dev.ecg.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.models.engine.EngineChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Many threads on one classifier give exactly the sequential results. */
class ConcurrencyTest {

  static float[][] beats(int n) {
    Random r = new Random(99);
    float[][] b = new float[n][64];
    for (float[] beat : b) {
      double c = 15 + 35 * r.nextDouble();
      for (int i = 0; i < 64; i++) {
        beat[i] = (float) (Math.exp(-0.5 * Math.pow((i - c) / 3.0, 2)) + 0.05 * r.nextGaussian());
      }
    }
    return b;
  }

  /**
   * @param tolerance 0 demands bit-identical results (ONNX Runtime with one intra-op thread);
   *     the PyTorch paths allow 1e-6, since libtorch may split reductions differently per call
   */
  static void hammer(EcgClassifier clf, int distinct, int threads, int perThread,
      float tolerance) throws Exception {
    float[][] beats = beats(distinct);
    float[][] sequential = new float[beats.length][];
    for (int k = 0; k < beats.length; k++) {
      sequential[k] = clf.predict(beats[k]).probabilities();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> fs = new ArrayList<>();
      CountDownLatch start = new CountDownLatch(1);
      for (int t = 0; t < threads; t++) {
        int offset = t * 131;
        fs.add(pool.submit(() -> {
          start.await();
          int checked = 0;
          for (int i = 0; i < perThread; i++) {
            int k = (offset + i) % beats.length;
            Prediction p = clf.predict(beats[k]);
            if (tolerance == 0) {
              assertArrayEquals(sequential[k], p.probabilities(), "beat " + k);
            } else {
              assertArrayEquals(sequential[k], p.probabilities(), tolerance, "beat " + k);
            }
            checked++;
          }
          return checked;
        }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : fs) {
        total += f.get(5, TimeUnit.MINUTES);
      }
      assertEquals(threads * perThread, total);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eightThreadsTimesTenThousandOnOnnxRuntimeMatchSequential() throws Exception {
    try (EcgClassifier clf = EcgClassifier.load("tiny-test", new EcgClassifier.Options(
        EngineChoice.AUTO, EcgClassifier.LengthPolicy.REJECT, 1))) {
      assertEquals("OnnxRuntime", clf.engineName());
      hammer(clf, 1000, 8, 10_000, 0f);
    }
  }

  @Test
  void eightThreadsOnPyTorchMatchSequential() throws Exception {
    try (EcgClassifier clf = EcgClassifier.load(TorchFixture.packageDir("torchscript"))) {
      assertEquals("PyTorch", clf.engineName());
      hammer(clf, 200, 8, 300, 1e-6f);
    }
  }

  @Test
  void eightThreadsOnDjlParamsMatchSequential(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws Exception {
    dev.ecg.models.arch.Architecture arch = dev.ecg.models.arch.SimpleCnn.builder()
        .setInput(1, 64).setNumClasses(3).optFilters(4, 6).optHidden(8).build();
    try (ai.djl.Model model = ai.djl.Model.newInstance("m", "PyTorch")) {
      model.setBlock(arch.build());
      model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
          arch.inputShape(1));
      model.save(tmp, "model");
    }
    dev.ecg.models.pkg.ModelManifest base = dev.ecg.models.pkg.ModelManifest.builder()
        .setName("c").setClassNames(List.of("N", "S", "V")).setInputLength(64)
        .setSamplingRate(125).build();
    java.nio.file.Path pkg = ModelPackager.write(arch, tmp.resolve("model-0000.params"), base,
        tmp.resolve("c.zip"));
    try (EcgClassifier clf = EcgClassifier.load(pkg,
        EcgClassifier.Options.DEFAULT.withEngine(EngineChoice.PYTORCH))) {
      assertEquals("PyTorch", clf.engineName());
      hammer(clf, 200, 8, 300, 1e-6f);
    }
  }

  /**
   * {@code Options.intraOpThreads} reaches libtorch's process-wide pool (it used to reach only
   * ONNX Runtime), 0 leaves the pool alone, and four threads calling {@code predictBatch} with
   * mixed batch sizes (each thread reuses one input buffer per batch size) all get the
   * one-beat-at-a-time results.
   */
  @Test
  void pyTorchIntraOpThreadsReachLibtorchAndMixedBatchesMatchSequential(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    dev.ecg.models.arch.Architecture arch = dev.ecg.models.arch.CnnBiLstm.builder()
        .setInput(1, 64).setNumClasses(3).optWidth(0.125).optLstmHidden(6).optFc(8).build();
    try (ai.djl.Model model = ai.djl.Model.newInstance("m", "PyTorch")) {
      model.setBlock(arch.build());
      model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
          arch.inputShape(1));
      model.save(tmp, "model");
    }
    dev.ecg.models.pkg.ModelManifest base = dev.ecg.models.pkg.ModelManifest.builder()
        .setName("c").setClassNames(List.of("N", "S", "V")).setInputLength(64)
        .setSamplingRate(125).build();
    java.nio.file.Path pkg = ModelPackager.write(arch, tmp.resolve("model-0000.params"), base,
        tmp.resolve("c.zip"));
    int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
    try {
      ai.djl.pytorch.jni.JniUtils.setNumThreads(2);
      EcgClassifier.Options opts = EcgClassifier.Options.DEFAULT.withEngine(EngineChoice.PYTORCH);
      try (EcgClassifier clf = EcgClassifier.load(pkg, opts.withIntraOpThreads(0))) {
        assertEquals(2, ai.djl.pytorch.jni.JniUtils.getNumThreads(), "0 must leave the pool");
      }
      try (EcgClassifier clf = EcgClassifier.load(pkg, opts.withIntraOpThreads(1))) {
        assertEquals("PyTorch", clf.engineName());
        assertEquals(1, ai.djl.pytorch.jni.JniUtils.getNumThreads(),
            "intraOpThreads=1 must set libtorch's pool");
        float[][] beats = beats(60);
        float[][] sequential = new float[beats.length][];
        for (int k = 0; k < beats.length; k++) {
          sequential[k] = clf.predict(beats[k]).probabilities();
        }
        int[] sizes = {1, 3, 7, 3, 1, 7};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
          List<Future<Integer>> fs = new ArrayList<>();
          CountDownLatch start = new CountDownLatch(1);
          for (int t = 0; t < 4; t++) {
            int offset = t * 17;
            fs.add(pool.submit(() -> {
              start.await();
              int checked = 0;
              for (int i = 0; i < 120; i++) {
                int n = sizes[(i + offset) % sizes.length];
                float[][] batch = new float[n][];
                int[] idx = new int[n];
                for (int j = 0; j < n; j++) {
                  idx[j] = (offset + 5 * i + j) % beats.length;
                  batch[j] = beats[idx[j]];
                }
                Prediction[] ps = clf.predictBatch(batch);
                for (int j = 0; j < n; j++) {
                  assertArrayEquals(sequential[idx[j]], ps[j].probabilities(), 1e-6f,
                      "beat " + idx[j] + " in a batch of " + n);
                  checked++;
                }
              }
              return checked;
            }));
          }
          start.countDown();
          int total = 0;
          for (Future<Integer> f : fs) {
            total += f.get(5, TimeUnit.MINUTES);
          }
          assertTrue(total >= 4 * 120, "every thread checked its beats: " + total);
        } finally {
          pool.shutdownNow();
        }
      }
    } finally {
      ai.djl.pytorch.jni.JniUtils.setNumThreads(before);
    }
  }

  @Test
  void closeWhileCallsAreInFlightDoesNotCrash() throws Exception {
    float[][] beats = beats(64);
    for (String which : List.of("onnx", "torchscript")) {
      EcgClassifier clf = EcgClassifier.load(TorchFixture.packageDir(which));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      AtomicInteger ok = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      AtomicReference<Throwable> unexpected = new AtomicReference<>();
      CountDownLatch running = new CountDownLatch(4);
      for (int t = 0; t < 4; t++) {
        pool.submit(() -> {
          running.countDown();
          for (int i = 0; ; i++) {
            try {
              clf.predictBatch(new float[][] {beats[i % 64], beats[(i + 1) % 64]});
              ok.incrementAndGet();
            } catch (IllegalStateException e) {
              refused.incrementAndGet();
              return;
            } catch (Throwable e) {
              unexpected.set(e);
              return;
            }
          }
        });
      }
      running.await();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (ok.get() < 200 && unexpected.get() == null && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      clf.close();
      pool.shutdown();
      assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
      assertEquals(null, unexpected.get(), which);
      assertEquals(4, refused.get(), which);
    }
  }
}
