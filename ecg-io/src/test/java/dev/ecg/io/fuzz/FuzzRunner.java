package dev.ecg.io.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs a {@link FuzzTarget} for a time budget or an input count, each input under a per-input
 * timeout, and collects every outcome that is neither a result nor a documented failure.
 *
 * <p>Settings (system properties): {@code ecg.fuzz.seconds} (time budget per target, default 2),
 * {@code ecg.fuzz.inputs} (when &gt; 0, run exactly this many inputs instead of a time budget),
 * {@code ecg.fuzz.timeoutMs} (per input, default 10000), {@code ecg.fuzz.seed} (default 1).
 * Crashing inputs are written to {@code target/fuzz-failures/<target>/} so they can be copied
 * into {@code src/test/resources/fuzz/regressions/<target>/}.
 */
public final class FuzzRunner {
  /** Most inputs kept in the growing corpus (seeds plus mutants that still parsed). */
  static final int MAX_CORPUS = 512;

  /** A summary of one run. */
  public record Report(String target, long inputs, long valid, long typed, List<String> failures,
      double seconds) {
    @Override
    public String toString() {
      return String.format("%s: %d inputs in %.1f s (%d valid, %d typed errors, %d failures)",
          target, inputs, seconds, valid, typed, failures.size());
    }
  }

  private FuzzRunner() {}

  /** @return the time budget per target from {@code ecg.fuzz.seconds} */
  public static double seconds() {
    return Double.parseDouble(System.getProperty("ecg.fuzz.seconds", "2"));
  }

  /** @return the input count from {@code ecg.fuzz.inputs}, 0 for a time budget */
  public static long inputs() {
    return Long.parseLong(System.getProperty("ecg.fuzz.inputs", "0"));
  }

  /**
   * Fuzzes one target with the settings from the system properties.
   *
   * @param t the target
   * @return the report
   * @throws Exception when the seeds cannot be loaded
   */
  public static Report run(FuzzTarget t) throws Exception {
    return run(t, seconds(), inputs(), Long.getLong("ecg.fuzz.seed", 1L),
        Long.getLong("ecg.fuzz.timeoutMs", 10_000L));
  }

  /**
   * @param t the target
   * @param seconds time budget (ignored when {@code count > 0})
   * @param count number of inputs, or 0 for the time budget
   * @param seed mutation seed (mixed with the target name)
   * @param timeoutMs per-input limit; longer counts as a hang
   * @return the report
   * @throws Exception when the seeds cannot be loaded
   */
  public static Report run(FuzzTarget t, double seconds, long count, long seed, long timeoutMs)
      throws Exception {
    List<FuzzInput> corpus = new ArrayList<>(t.seeds());
    if (corpus.isEmpty()) {
      throw new IllegalStateException(t.name() + " has no seeds");
    }
    Mutator m = new Mutator(seed * 31 + t.name().hashCode());
    Path dir = Files.createTempDirectory("fuzz-" + t.name());
    ExecutorService worker = Executors.newSingleThreadExecutor(daemon());
    List<String> failures = new ArrayList<>();
    long inputs = 0;
    long valid = 0;
    long typed = 0;
    long t0 = System.nanoTime();
    long end = t0 + (long) (seconds * 1e9);
    java.util.SplittableRandom pick = new java.util.SplittableRandom(seed);
    try {
      // seeds themselves first: they must be valid
      for (FuzzInput s : t.seeds()) {
        Throwable e = once(t, dir, s, worker, timeoutMs);
        if (e != null) {
          failures.add("seed " + s.names() + " does not parse: " + trace(e));
        }
      }
      while (count > 0 ? inputs < count : System.nanoTime() < end) {
        FuzzInput in = m.mutate(corpus.get(pick.nextInt(corpus.size())), corpus);
        inputs++;
        Throwable e = once(t, dir, in, worker, timeoutMs);
        if (e == null) {
          valid++;
          if (corpus.size() < MAX_CORPUS && in.size() < 1 << 20) {
            corpus.add(in);
          }
        } else if (e instanceof TimeoutException || !t.allowed(e)) {
          if (e instanceof TimeoutException) {
            worker.shutdownNow();
            worker = Executors.newSingleThreadExecutor(daemon());
          }
          failures.add(save(t.name(), failures.size(), in) + ": " + trace(e));
          if (failures.size() >= 20) {
            break;
          }
        } else {
          typed++;
        }
      }
    } finally {
      worker.shutdownNow();
      deleteTree(dir);
    }
    return new Report(t.name(), inputs, valid, typed, failures,
        (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Writes one input into {@code dir} and runs the target on it.
   *
   * @return null on success, else the throwable (a {@link TimeoutException} for a hang)
   */
  public static Throwable once(FuzzTarget t, Path dir, FuzzInput in, ExecutorService worker,
      long timeoutMs) {
    try {
      clear(dir);
      for (int i = 0; i < in.names().size(); i++) {
        Files.write(dir.resolve(in.names().get(i)), in.parts().get(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Future<?> f = worker.submit(() -> {
      t.run(dir, in);
      return null;
    });
    try {
      f.get(timeoutMs, TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      f.cancel(true);
      return new TimeoutException("no result within " + timeoutMs + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    }
  }

  private static String save(String target, int n, FuzzInput in) {
    Path out = Path.of("target", "fuzz-failures", target, "crash-" + n);
    try {
      Files.createDirectories(out);
      Files.writeString(out.resolve("inputs.txt"), String.join("\n", in.names()) + "\n");
      for (int i = 0; i < in.names().size(); i++) {
        Files.write(out.resolve(in.names().get(i)), in.parts().get(i));
      }
      return out.toAbsolutePath().toString();
    } catch (IOException e) {
      return "(not saved: " + e + ")";
    }
  }

  public static String trace(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    String s = w.toString();
    return s.length() > 3000 ? s.substring(0, 3000) + "..." : s;
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread th = new Thread(r, "fuzz-worker");
      th.setDaemon(true);
      return th;
    };
  }

  private static void clear(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        deleteTree(p);
      }
    }
  }

  public static void deleteTree(Path p) {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
