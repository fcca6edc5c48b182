package dev.ecg.bench;

import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.synth.NoiseType;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.stream.EcgStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole live beat path ({@link EcgStream} with the bundled {@code mitbih-aami5-live}:
 * resampling, baseline, detection, windows, causal RR features and ONNX Runtime) against the
 * batch {@link EcgClassifier#classify} of the same model, on one MIT-BIH-sized synthetic record
 * (650,000 samples at 360 Hz, 75 bpm, 5 % PVCs, noise at 15 dB). The stream gets it in 1 s
 * chunks, as a monitor would send it; both give the same beats and labels. Also the cost of one
 * 1 s push on a warm stream, and the whole {@link dev.ecg.models.stream.EcgMonitor} (beats,
 * {@code af-detect} windows and episodes, vitals, quality, warnings). Run with
 * {@code java -jar ecg-bench/target/benchmarks.jar StreamBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamBenchmark {
  private double[] signal;
  private dev.ecg.io.Record record;
  private EcgClassifier clf;
  private EcgClassifier rhythm;
  private EcgStream warm;
  private int pos;

  /**
   * Builds the record and loads the model once.
   *
   * @throws Exception if the model does not load
   */
  @Setup
  public void setup() throws Exception {
    signal = EcgSyn.builder().optDuration(650_000 / 360.0).optHeartRate(75)
        .optPvcProbability(0.05).optNoise(15, NoiseType.values()).optSeed(1).build().generate()
        .signal();
    record = new dev.ecg.io.Record("bench", 360, List.of("MLII"), List.of("mV"),
        new double[][] {signal}, List.of());
    clf = EcgClassifier.load("mitbih-aami5-live");
    rhythm = EcgClassifier.load("af-detect");
  }

  /** A fresh warm stream for the per-push benchmark, primed with 10 s of signal. */
  @Setup(Level.Iteration)
  public void prime() {
    warm = EcgStream.open(clf, 360, List.of("MLII"));
    warm.push(java.util.Arrays.copyOfRange(signal, 0, 3600));
    pos = 3600;
  }

  /** Closes the model. */
  @TearDown
  public void close() {
    clf.close();
    rhythm.close();
  }

  /** @return beats of the whole record through the stream in 1 s chunks */
  @Benchmark
  public int streamOneRecord() {
    EcgStream st = EcgStream.open(clf, 360, List.of("MLII"));
    int n = 0;
    double[] part = new double[360];
    for (int i = 0; i + 360 <= signal.length; i += 360) {
      System.arraycopy(signal, i, part, 0, 360);
      n += st.push(part).size();
    }
    return n + st.finish().size();
  }

  /**
   * @return events of the whole record through an {@link dev.ecg.models.stream.EcgMonitor}
   *     with the live beat model and {@code af-detect}, in 1 s chunks: beats, rhythm windows,
   *     episodes, vitals, quality and warnings
   */
  @Benchmark
  public int monitorOneRecord() {
    dev.ecg.models.stream.EcgMonitor m = dev.ecg.models.stream.EcgMonitor.builder(360,
        List.of("MLII")).beats(clf).rhythm(rhythm).build();
    int n = 0;
    double[] part = new double[360];
    for (int i = 0; i + 360 <= signal.length; i += 360) {
      System.arraycopy(signal, i, part, 0, 360);
      n += m.push(part).size();
    }
    return n + m.finish().size();
  }

  /** @return beats of the whole record through batch classify */
  @Benchmark
  public int classifyOneRecord() {
    return clf.classify(record).size();
  }

  /** @return beats that one 1 s push on a warm stream emits (about one) */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int pushOneSecond() {
    if (pos + 360 > signal.length) {
      pos = 3600;
    }
    int n = warm.push(java.util.Arrays.copyOfRange(signal, pos, pos + 360)).size();
    pos += 360;
    return n;
  }
}
