package dev.ecg.bench;

import dev.ecg.core.DataDir;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.MitBih;
import dev.ecg.io.wfdb.Wfdb;
import dev.ecg.io.wfdb.WfdbRecord;
import java.io.IOException;
import java.nio.file.Path;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reads all 48 MIT-BIH Arrhythmia records (2 x 650,000 samples each, format 212, checksums
 * verified) with their reference annotations, as wfdb-python's {@code rdrecord} + {@code rdann}
 * loop does. One operation = the whole database (62.4 M samples); samples/s = 62.4e6 / time.
 *
 * <p>Run: {@code java -jar ecg-bench/target/benchmarks.jar ReadMitBih -f 1 -wi 2 -i 3} from the
 * repository root (the data folder is found through {@link DataDir}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReadMitBihBenchmark {
  private MitBih db;

  /**
   * @throws IOException when the MIT-BIH folder is missing
   */
  @Setup
  public void setup() throws IOException {
    Path dir = DataDir.find("mitdb").orElseThrow(
        () -> new IllegalStateException(DataDir.missingMessage("mitdb")));
    db = new MitBih(dir);
  }

  /**
   * Physical signals (mV, NaN for invalid) and annotations of every record, as {@link Record}s.
   *
   * @param bh sink
   * @throws IOException on read failure
   */
  @Benchmark
  public void readAllPhysicalWithAnnotations(Blackhole bh) throws IOException {
    for (String name : db.records()) {
      Record r = db.load(name);
      bh.consume(r);
    }
  }

  /**
   * Digital samples and annotations only ({@code rdrecord(physical=False)} + {@code rdann}).
   *
   * @param bh sink
   * @throws IOException on read failure
   */
  @Benchmark
  public void readAllDigitalWithAnnotations(Blackhole bh) throws IOException {
    for (String name : db.records()) {
      WfdbRecord r = Wfdb.readRecord(db.root().resolve(name));
      List<Annotation> a = Wfdb.readAnnotation(db.root().resolve(name), "atr");
      bh.consume(r.digital());
      bh.consume(a);
    }
  }
}
