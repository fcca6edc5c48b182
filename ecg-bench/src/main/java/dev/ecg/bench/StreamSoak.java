package dev.ecg.bench;

import dev.ecg.io.synth.EcgSyn;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.stream.EcgStream;
import java.util.List;
import java.util.Locale;

/**
 * A simulated Holter day through {@link EcgStream}: one minute of ECGSYN (75 bpm, 5 % PVCs) at
 * 360 Hz pushed 1,440 times in 1 s chunks, through a streamable beat model (default the bundled
 * {@code mitbih-aami5-live}). Prints, every simulated hour, the beats so far, the resident set
 * ({@code VmRSS}), the heap in use after a GC, and the speed in multiples of real time; exits
 * with status 1 if the RSS grows by more than 10 % after warm-up (the first tenth of the hours,
 * at least one: ONNX Runtime's arena and the JIT settle there).
 *
 * <pre>{@code
 * java -Xms256m -Xmx256m -cp <ecg-bench classpath> dev.ecg.bench.StreamSoak [model] [hours]
 * }</pre>
 */
public final class StreamSoak {
  private StreamSoak() {}

  /**
   * @param args optional model name or path, optional hours (default 24)
   * @throws Exception if the model does not load
   */
  public static void main(String[] args) throws Exception {
    String model = args.length > 0 ? args[0] : "mitbih-aami5-live";
    int hours = args.length > 1 ? Integer.parseInt(args[1]) : 24;
    double fs = 360;
    double[] minute = EcgSyn.builder().optSamplingRate(fs).optDuration(60).optHeartRate(75)
        .optPvcProbability(0.05).optSeed(1).build().generate().signal();
    int chunk = (int) fs;
    try (EcgClassifier clf = model.contains("/") ? EcgClassifier.load(java.nio.file.Path.of(
        model)) : EcgClassifier.load(model)) {
      EcgStream st = EcgStream.open(clf, fs, List.of("MLII"));
      System.out.println("hour,beats,rss_kb,heap_kb,x_real_time");
      long beats = 0;
      long t0 = System.nanoTime();
      int warmup = Math.max(1, (hours + 9) / 10);
      long rssWarm = 0;
      long maxRss = 0;
      double[] part = new double[chunk];
      for (int h = 1; h <= hours; h++) {
        for (int m = 0; m < 60; m++) {
          for (int i = 0; i < minute.length; i += chunk) {
            System.arraycopy(minute, i, part, 0, chunk);
            beats += st.push(new double[][] {part}).size();
          }
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = (rt.totalMemory() - rt.freeMemory()) / 1024;
        long rss = NativeMemorySoak.rssKb();
        double x = h * 3600.0 / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "%d,%d,%d,%d,%.0f%n", h, beats, rss, heap, x);
        if (h == warmup) {
          rssWarm = rss;
        }
        if (h > warmup) {
          maxRss = Math.max(maxRss, rss);
        }
      }
      beats += st.finish().size();
      maxRss = Math.max(maxRss, rssWarm);
      double growth = (double) maxRss / rssWarm - 1;
      System.out.printf(Locale.ROOT, "StreamSoak: %d h, %d beats, RSS after warm-up (hour %d) "
          + "%d KiB, max after it %d KiB (%+.1f %%)%n", hours, beats, warmup, rssWarm, maxRss,
          100 * growth);
      if (growth > 0.10) {
        System.exit(1);
      }
    }
  }
}
