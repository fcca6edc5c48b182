package dev.ecg.bench;

import dev.ecg.io.qrs.PanTompkins;
import dev.ecg.io.qrs.TwoAverageDetector;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.synth.NoiseType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * QRS detection (Pan-Tompkins and the two-average detector) on one MIT-BIH-sized record: 30 min 5.6 s at 360 Hz (650,000
 * samples), synthetic (EcgSyn, 75 bpm, 5 % PVCs, all noise kinds at 15 dB). Multiply by 48 for the
 * whole MIT-BIH database. Run with
 * {@code java -jar ecg-bench/target/benchmarks.jar QrsBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class QrsBenchmark {
  private double[] signal;
  private PanTompkins detector;
  private TwoAverageDetector twoAverage;

  /** Builds the record once. */
  @Setup
  public void setup() {
    signal = EcgSyn.builder().optDuration(650_000 / 360.0).optHeartRate(75).optPvcProbability(0.05)
        .optNoise(15, NoiseType.values()).optSeed(1).build().generate().signal();
    detector = PanTompkins.create();
    twoAverage = TwoAverageDetector.create();
  }

  /**
   * @return the detections (returned so the JIT keeps the work)
   */
  @Benchmark
  public int[] panTompkinsOneRecord() {
    return detector.detect(signal, 360);
  }

  /**
   * @return the detections of the two-average detector (Elgendi 2013)
   */
  @Benchmark
  public int[] twoAverageOneRecord() {
    return twoAverage.detect(signal, 360);
  }

  /**
   * The streaming twin of {@link #panTompkinsOneRecord()}: the same record pushed in 1 s chunks
   * (360 samples), as a monitor would deliver it; same peaks.
   *
   * @return the number of peaks
   */
  @Benchmark
  public long panTompkinsStreamOneRecord() {
    dev.ecg.io.qrs.PanTompkinsStream st = detector.stream(360);
    long n = 0;
    for (int i = 0; i < signal.length; i += 360) {
      n += st.push(signal, i, Math.min(360, signal.length - i)).length;
    }
    return n + st.finish().length;
  }
}
