package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that computed a long spectrum exits when {@code main} returns: JTransforms' worker
 * threads are daemons ({@link Fft}). With JLargeArrays' default pool the JVM idled 60 s after
 * {@code main} on any machine with two or more cores.
 */
class FftExitTest {

  /** Computes a Welch spectrum long enough for JTransforms to use its threads, then returns. */
  public static final class LongSpectrum {
    private LongSpectrum() {}

    /**
     * @param args unused
     */
    public static void main(String[] args) {
      double[] x = new double[1 << 17];
      for (int i = 0; i < x.length; i++) {
        x[i] = Math.sin(i * 0.01) + 0.1 * Math.sin(i * 0.37);
      }
      Welch.Psd r = Welch.psd(x, 100, Window.HANN, x.length, x.length / 2, x.length);
      System.out.println("bins " + r.frequencies().length + " threads "
          + pl.edu.icm.jlargearrays.ConcurrencyUtils.getNumberOfThreads());
    }
  }

  @Test
  void theJvmExitsRightAfterMainReturns(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("child.log");
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), LongSpectrum.class.getName())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(40, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String out = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(done, "the JVM was still alive 40 s after start (idle FFT threads?): " + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.startsWith("bins 65537"), out);
    System.out.printf("FftExitTest: child JVM done in %.1f s (%s)%n",
        (System.nanoTime() - t0) / 1e9, out.trim());
  }
}
