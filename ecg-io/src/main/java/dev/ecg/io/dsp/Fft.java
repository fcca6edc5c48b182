package dev.ecg.io.dsp;

import java.lang.reflect.Field;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jtransforms.fft.DoubleFFT_1D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Makes JTransforms' FFT plans, after making sure its worker threads cannot keep the JVM alive.
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
    return new DoubleFFT_1D(n);
  }

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
