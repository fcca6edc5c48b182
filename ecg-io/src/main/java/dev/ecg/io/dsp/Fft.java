package dev.ecg.io.dsp;

import java.lang.reflect.Field;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jtransforms.fft.DoubleFFT_1D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Makes JTransforms' FFT plans, after making sure its worker threads cannot keep the JVM alive,
 * and keeps the plans of short transforms per thread (quality checks and Welch spectra ask for
 * the same few lengths thousands of times; building a plan's tables cost more than the
 * transform).
 *
 * <p>JTransforms runs large transforms on the thread pool of JLargeArrays, whose default pool
 * has non-daemon threads that idle for 60 s: a program that computed one long spectrum (HRV's
 * frequency domain, a spectrogram) stayed alive a minute after {@code main} returned. Before the
 * first plan, this class swaps that default pool, and only that one, for an identical cached
 * pool of daemon threads. A pool the application set itself through
 * {@code ConcurrencyUtils.setThreadPool} is left alone. Results do not change: the same code
 * runs on the same number of threads.
 */
final class Fft {

  private static volatile boolean checked;

  private Fft() {}

  /**
   * @param n transform length
   * @return JTransforms' plan for {@code n}
   */
  static DoubleFFT_1D plan(int n) {
    daemonPool();
    if (n > CACHED_MAX) {
      return new DoubleFFT_1D(n);
    }
    // a plan's twiddle tables cost more than a short transform: keep the last few per thread
    // (a plan is used by one thread at a time; its results do not depend on its history)
    return PLANS.get().computeIfAbsent(n, DoubleFFT_1D::new);
  }

  /** Longest transform whose plan is kept: 2^16 points, about 1.5 MB of tables. */
  static final int CACHED_MAX = 1 << 16;

  /** Plans kept per thread, least recently used first out. */
  static final int CACHED_PLANS = 8;

  private static final ThreadLocal<java.util.Map<Integer, DoubleFFT_1D>> PLANS =
      ThreadLocal.withInitial(() -> new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Integer, DoubleFFT_1D> e) {
          return size() > CACHED_PLANS;
        }
      });

  /** Replaces JLargeArrays' own non-daemon default pool, once. */
  static synchronized void daemonPool() {
    if (checked) {
      return;
    }
    checked = true;
    try {
      Field f = ConcurrencyUtils.class.getDeclaredField("DEFAULT_THREAD_POOL");
      f.setAccessible(true);
      if (ConcurrencyUtils.getThreadPool() == f.get(null)) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory daemon = r -> {
          Thread t = new Thread(r, "ecg-fft-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
        ExecutorService pool = Executors.newCachedThreadPool(daemon);
        ConcurrencyUtils.setThreadPool(pool);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // another JLargeArrays version or a closed module: keep its pool (only exit may wait)
    }
  }
}
