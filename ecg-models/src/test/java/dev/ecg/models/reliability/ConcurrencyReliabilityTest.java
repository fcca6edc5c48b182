package dev.ecg.models.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.models.EcgClassifier;
import dev.ecg.models.Prediction;
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
import org.junit.jupiter.api.Timeout;

/**
 * 16 threads issue a fixed, mixed sequence of {@code predict} and {@code predictBatch} calls on
 * one ONNX Runtime classifier; every thread's results must be bit-identical to the same sequence
 * run on one thread first. CI runs 16 x 2,000 calls; {@code -Decg.reliability.long=true} runs the
 * full 16 x 50,000. Every wait has a timeout, so a deadlock fails instead of hanging.
 */
class ConcurrencyReliabilityTest {
  static final int THREADS = 16;

  static int perThread() {
    return Boolean.getBoolean("ecg.reliability.long") ? 50_000 : 2_000;
  }

  static float[][] beats(int n) {
    Random r = new Random(5);
    float[][] b = new float[n][64];
    for (float[] beat : b) {
      double c = 10 + 44 * r.nextDouble();
      for (int i = 0; i < 64; i++) {
        beat[i] = (float) (Math.exp(-0.5 * Math.pow((i - c) / 2.5, 2)) + 0.1 * r.nextGaussian());
      }
    }
    return b;
  }

  /** Runs thread {@code t}'s call sequence and folds every probability bit into a hash. */
  static long sequence(EcgClassifier clf, float[][] beats, int t, int calls) {
    long h = 1125899906842597L;
    Random r = new Random(1000 + t);
    for (int i = 0; i < calls; i++) {
      int k = r.nextInt(beats.length);
      Prediction[] ps;
      if (r.nextInt(3) == 0) {
        int m = 2 + r.nextInt(7);
        float[][] batch = new float[m][];
        for (int j = 0; j < m; j++) {
          batch[j] = beats[(k + 7 * j) % beats.length];
        }
        ps = clf.predictBatch(batch);
      } else {
        ps = new Prediction[] {clf.predict(beats[k])};
      }
      for (Prediction p : ps) {
        for (float v : p.probabilities()) {
          h = 31 * h + Float.floatToIntBits(v);
        }
        h = 31 * h + p.index();
      }
    }
    return h;
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void sixteenThreadsOfMixedCallsMatchTheSequentialRun() throws Exception {
    int calls = perThread();
    float[][] beats = beats(997);
    try (EcgClassifier clf = EcgClassifier.load("tiny-test", new EcgClassifier.Options(
        EngineChoice.AUTO, EcgClassifier.LengthPolicy.REJECT, 1))) {
      assertEquals("OnnxRuntime", clf.engineName());
      long[] expected = new long[THREADS];
      long t0 = System.nanoTime();
      for (int t = 0; t < THREADS; t++) {
        expected[t] = sequence(clf, beats, t, calls);
      }
      double seqSeconds = (System.nanoTime() - t0) / 1e9;
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> fs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int id = t;
          fs.add(pool.submit(() -> {
            start.await();
            return sequence(clf, beats, id, calls);
          }));
        }
        long t1 = System.nanoTime();
        start.countDown();
        for (int t = 0; t < THREADS; t++) {
          assertEquals(expected[t], fs.get(t).get(15, TimeUnit.MINUTES), "thread " + t);
        }
        double parSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("[concurrency] %d threads x %d calls: sequential %.1f s, concurrent "
            + "%.1f s, all identical%n", THREADS, calls, seqSeconds, parSeconds);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void closeDuringSixteenThreadsOfCallsIsOrderly() throws Exception {
    float[][] beats = beats(64);
    EcgClassifier clf = EcgClassifier.load("tiny-test");
    float[] ref = clf.predict(beats[3]).probabilities();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    CountDownLatch running = new CountDownLatch(THREADS);
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      pool.submit(() -> {
        running.countDown();
        for (int i = 0; ; i++) {
          try {
            if ((i + id) % 2 == 0) {
              assertArrayEquals(ref, clf.predict(beats[3]).probabilities());
            } else {
              clf.predictBatch(new float[][] {beats[i % 64], beats[3]});
            }
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
    assertTrue(running.await(1, TimeUnit.MINUTES));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (ok.get() < 500 && unexpected.get() == null && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    clf.close();
    pool.shutdown();
    assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES), "a caller hung after close()");
    assertNull(unexpected.get());
    assertEquals(THREADS, refused.get(), "every thread saw the orderly IllegalStateException");
    clf.close(); // idempotent
  }
}
