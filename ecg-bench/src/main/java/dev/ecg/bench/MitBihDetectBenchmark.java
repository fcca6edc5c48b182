package dev.ecg.bench;

import dev.ecg.core.DataDir;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.MitBih;
import dev.ecg.io.dsp.Butterworth;
import dev.ecg.io.dsp.Sos;
import dev.ecg.io.dsp.SosFilter;
import dev.ecg.io.qrs.PanTompkins;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * The DSP path over the whole MIT-BIH Arrhythmia Database: lead 0 of all 48 records (48 x 650,000
 * samples at 360 Hz, read once in the set-up), zero-phase 0.5-40 Hz Butterworth band-pass
 * (order 3, {@code SosFilter.filtfilt}), then Pan-Tompkins QRS detection on the filtered lead.
 * One operation = all 48 records; {@code filtfiltAll48} is the filter alone, the operation
 * {@code ecg-bench/src/main/python/dsp_peer.py} times with SciPy's {@code sosfiltfilt}.
 *
 * <p>Needs the MIT-BIH folder ({@code -Decg.data.dir}); without it the set-up fails with a
 * message naming the setting.
 *
 * <pre>
 * java -Decg.data.dir=../shared/data -jar ecg-bench/target/benchmarks.jar MitBihDetectBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xmx2g"})
public class MitBihDetectBenchmark {
  private final List<double[]> leads = new ArrayList<>();
  private double fs;
  private Sos bandpass;
  private PanTompkins detector;

  /**
   * Reads lead 0 of every record.
   *
   * @throws IOException if a record cannot be read or the folder is missing
   */
  @Setup
  public void setup() throws IOException {
    Path dir = DataDir.find("mitdb").orElseThrow(
        () -> new IllegalStateException(DataDir.missingMessage("mitdb")));
    MitBih db = new MitBih(dir);
    for (String name : db.records()) {
      Record r = db.load(name);
      fs = r.fs();
      leads.add(r.channel(0));
    }
    if (leads.size() != 48) {
      throw new IllegalStateException("expected the 48 MIT-BIH records, found " + leads.size());
    }
    bandpass = Butterworth.bandpass(3, 0.5, 40, fs);
    detector = PanTompkins.create();
  }

  /** @return the total number of detected beats (about 109,000) */
  @Benchmark
  public int filtfiltAndPanTompkinsAll48() {
    int beats = 0;
    for (double[] x : leads) {
      beats += detector.detect(SosFilter.filtfilt(bandpass, x), fs).length;
    }
    return beats;
  }

  /** @return a checksum of the filtered signals */
  @Benchmark
  public double filtfiltAll48() {
    double s = 0;
    for (double[] x : leads) {
      double[] y = SosFilter.filtfilt(bandpass, x);
      s += y[y.length / 2];
    }
    return s;
  }
}
