package dev.ecg.bench;

import dev.ecg.io.dsp.Baseline;
import dev.ecg.io.dsp.Butterworth;
import dev.ecg.io.dsp.Resample;
import dev.ecg.io.dsp.Sos;
import dev.ecg.io.dsp.SosFilter;
import java.util.Random;
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
 * DSP throughput on one synthetic MIT-BIH-sized lead: 650,000 samples at 360 Hz (30 min), the
 * length of every MIT-BIH Arrhythmia record. Multiply by 48 for the whole database.
 *
 * <pre>
 * mvn -B -ntp -q -pl ecg-bench -am package -DskipTests
 * java -jar ecg-bench/target/benchmarks.jar FilterBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class FilterBenchmark {
  private static final double FS = 360;
  private double[] x;
  private Sos bandpass3;
  private Sos bandpass4;

  /** Builds a synthetic ECG-like signal (spiky beats, wander, mains, noise) and the filters. */
  @Setup
  public void setup() {
    Random r = new Random(42);
    x = new double[650_000];
    for (int i = 0; i < x.length; i++) {
      double t = i / FS;
      double beat = Math.pow(Math.sin(Math.PI * 1.2 * t), 40);
      x[i] = beat + 0.3 * Math.sin(2 * Math.PI * 0.25 * t) + 0.05 * Math.sin(2 * Math.PI * 60 * t)
          + 0.02 * r.nextGaussian();
    }
    bandpass3 = Butterworth.bandpass(3, 0.5, 40, FS);
    bandpass4 = Butterworth.bandpass(4, 0.5, 40, FS);
  }

  /** @return zero-phase 0.5-40 Hz band-pass, order 3 (3 sections). */
  @Benchmark
  public double[] filtfiltBandpassOrder3() {
    return SosFilter.filtfilt(bandpass3, x);
  }

  /** @return zero-phase 0.5-40 Hz band-pass, order 4 (4 sections). */
  @Benchmark
  public double[] filtfiltBandpassOrder4() {
    return SosFilter.filtfilt(bandpass4, x);
  }

  /** @return causal 0.5-40 Hz band-pass, order 4. */
  @Benchmark
  public double[] sosfiltBandpassOrder4() {
    return SosFilter.sosfilt(bandpass4, x);
  }

  /** @return 360 Hz to 125 Hz (25/72) polyphase resampling. */
  @Benchmark
  public double[] resample360to125() {
    return Resample.poly(x, 25, 72);
  }

  /** @return 360 Hz to 250 Hz (25/36) polyphase resampling. */
  @Benchmark
  public double[] resample360to250() {
    return Resample.poly(x, 25, 36);
  }

  /** @return de Chazal two-median baseline removal (73 and 217 samples). */
  @Benchmark
  public double[] medianBaseline() {
    return Baseline.medianFilterRemoval(x, FS);
  }
}
