package dev.ecg.bench;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.ModelPackager;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.SimpleCnn;
import dev.ecg.models.engine.EngineChoice;
import dev.ecg.models.pkg.ModelManifest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Native-memory soak: runs many single-beat predictions through one {@link EcgClassifier} per
 * engine (ONNX Runtime, then PyTorch) and samples the process's resident set size
 * ({@code VmRSS} in {@code /proc/self/status}) every {@code --every} predictions. A leak of
 * native tensors (for PyTorch, an NDArray not closed with its NDManager) shows as RSS growing
 * with the prediction count; a healthy engine is flat once warm.
 *
 * <p>Usage (fixed heap so Java heap growth does not masquerade as a native leak):
 * <pre>{@code
 * java -Xms256m -Xmx256m -XX:+AlwaysPreTouch -cp <ecg-bench classpath> \
 *     dev.ecg.bench.NativeMemorySoak --predictions 1000000 --every 20000 --engine both
 * }</pre>
 * Prints a CSV ({@code engine,predictions,rss_kb,seconds}) and one summary line per engine; exits
 * with status 1 if the RSS after warm-up (the first 10 % of predictions) grows by more than
 * {@code --max-growth} (default 0.10).
 */
public final class NativeMemorySoak {

  /**
   * The RSS curve of one engine.
   *
   * @param engine engine name
   * @param predictions predictions run
   * @param points (predictions, RSS in KiB) samples, the first taken after loading
   * @param warmupRssKb RSS at the end of warm-up
   * @param maxAfterWarmupKb largest RSS sampled after warm-up
   * @param finalRssKb last RSS sampled
   * @param seconds wall time of the predictions
   */
  public record Result(String engine, long predictions, List<long[]> points, long warmupRssKb,
      long maxAfterWarmupKb, long finalRssKb, double seconds) {

    /** @return relative growth of the RSS after warm-up, {@code max / warm-up - 1} */
    public double growth() {
      return maxAfterWarmupKb / (double) warmupRssKb - 1;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s: %d predictions in %.1f s (%.0f/s); RSS warm-up %d "
          + "KiB, max after warm-up %d KiB, final %d KiB, growth %+.2f %%", engine, predictions,
          seconds, predictions / seconds, warmupRssKb, maxAfterWarmupKb, finalRssKb,
          100 * growth());
    }
  }

  private NativeMemorySoak() {}

  /**
   * @return this process's resident set size in KiB, from {@code /proc/self/status}
   * @throws UnsupportedOperationException where there is no {@code /proc} (not Linux)
   */
  public static long rssKb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new UnsupportedOperationException("no /proc/self/status: " + e.getMessage(), e);
    }
    throw new UnsupportedOperationException("no VmRSS line in /proc/self/status");
  }

  /**
   * Writes a small random-weight SimpleCnn (1 x 187 input, 5 classes) as a package holding both
   * DJL parameters and ONNX, so that both engines run the same network.
   *
   * @param dir a scratch folder
   * @return the package zip
   * @throws Exception when DJL cannot build or save the model
   */
  public static Path writePackage(Path dir) throws Exception {
    Architecture arch = SimpleCnn.builder().setInput(1, 187).setNumClasses(5)
        .optFilters(8, 16).optHidden(32).build();
    try (Model model = Model.newInstance("soak", "PyTorch")) {
      model.setBlock(arch.build());
      model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, arch.inputShape(1));
      model.save(dir, "soak");
    }
    ModelManifest base = ModelManifest.builder().setName("soak")
        .setClassNames(List.of("N", "S", "V", "F", "Q")).setInputLength(187)
        .setSamplingRate(125).build();
    return ModelPackager.write(arch, dir.resolve("soak-0000.params"), base,
        dir.resolve("soak.zip"));
  }

  /**
   * Runs the soak on one engine.
   *
   * @param pkg the package from {@link #writePackage}
   * @param engine {@link EngineChoice#ONNX_RUNTIME} or {@link EngineChoice#PYTORCH}
   * @param predictions how many single-beat predictions, &gt; 0
   * @param every sample the RSS every this many predictions, &gt; 0
   * @param csv receives {@code engine,predictions,rss_kb,seconds} lines, or null
   * @return the curve and its summary
   * @throws Exception when the package does not load
   */
  public static Result run(Path pkg, EngineChoice engine, long predictions, int every,
      PrintStream csv) throws Exception {
    if (predictions <= 0 || every <= 0) {
      throw new IllegalArgumentException("predictions and every must be > 0");
    }
    float[][] beats = new float[1024][187];
    Random r = new Random(17);
    for (float[] b : beats) {
      double c = 40 + 100 * r.nextDouble();
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) (Math.exp(-0.5 * Math.pow((i - c) / 4.0, 2)) + 0.05 * r.nextGaussian());
      }
    }
    long warmup = Math.max(every, predictions / 10);
    List<long[]> points = new ArrayList<>();
    long warmRss = -1;
    long maxAfter = 0;
    long last = 0;
    long t0;
    String name;
    try (EcgClassifier clf = EcgClassifier.load(pkg, new EcgClassifier.Options(engine,
        EcgClassifier.LengthPolicy.REJECT, 1))) {
      name = clf.engineName();
      t0 = System.nanoTime();
      points.add(new long[] {0, rssKb()});
      emit(csv, name, 0, points.get(0)[1], 0);
      int sink = 0;
      for (long i = 1; i <= predictions; i++) {
        sink += clf.predict(beats[(int) (i & 1023)]).index();
        if (i % every == 0 || i == predictions) {
          long rss = rssKb();
          points.add(new long[] {i, rss});
          emit(csv, name, i, rss, (System.nanoTime() - t0) / 1e9);
          if (warmRss < 0 && i >= warmup) {
            warmRss = rss;
          } else if (warmRss >= 0) {
            maxAfter = Math.max(maxAfter, rss);
          }
          last = rss;
        }
      }
      if (sink < 0) {
        throw new IllegalStateException("unreachable");
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Result(name, predictions, points, warmRss, Math.max(maxAfter, warmRss), last,
        seconds);
  }

  private static void emit(PrintStream csv, String engine, long n, long rss, double s) {
    if (csv != null) {
      csv.printf(Locale.ROOT, "%s,%d,%d,%.2f%n", engine, n, rss, s);
      csv.flush();
    }
  }

  /**
   * Command-line entry point; see the class description.
   *
   * @param args {@code --predictions N --every M --engine onnx|pytorch|both --max-growth G}
   * @throws Exception on a failure to build or load the model
   */
  public static void main(String[] args) throws Exception {
    long predictions = 1_000_000;
    int every = 20_000;
    String which = "both";
    double maxGrowth = 0.10;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--predictions" -> predictions = Long.parseLong(args[++i]);
        case "--every" -> every = Integer.parseInt(args[++i]);
        case "--engine" -> which = args[++i];
        case "--max-growth" -> maxGrowth = Double.parseDouble(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    List<EngineChoice> engines = switch (which) {
      case "onnx" -> List.of(EngineChoice.ONNX_RUNTIME);
      case "pytorch" -> List.of(EngineChoice.PYTORCH);
      case "both" -> List.of(EngineChoice.ONNX_RUNTIME, EngineChoice.PYTORCH);
      default -> throw new IllegalArgumentException("--engine onnx|pytorch|both, got " + which);
    };
    Path dir = Files.createTempDirectory("ecg-soak");
    boolean ok = true;
    try {
      Path pkg = writePackage(dir);
      System.out.println("engine,predictions,rss_kb,seconds");
      List<Result> results = new ArrayList<>();
      for (EngineChoice e : engines) {
        results.add(run(pkg, e, predictions, every, System.out));
      }
      for (Result res : results) {
        boolean pass = res.growth() <= maxGrowth;
        ok &= pass;
        System.out.println("# " + res + (pass ? " PASS" : " FAIL") + " (bound "
            + String.format(Locale.ROOT, "%.0f %%", 100 * maxGrowth) + ")");
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!ok) {
      System.exit(1);
    }
  }
}
