package dev.ecg.bench;

import dev.ecg.core.DataDir;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.MitBih;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.BeatPrediction;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.engine.EngineChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link EcgClassifier#classify(Record)} end to end on MIT-BIH record 100 (30 min 6 s, 650,000
 * samples x 2 leads at 360 Hz, 2,273 beats): read the record and its annotations from disk, then
 * replay the package's preprocessing, batch all beats and predict. Seconds per hour of ECG = time
 * in seconds / 0.5017. Two pipelines ({@code -p pipeline=}):
 * <ul>
 *   <li>{@code detector} (default): the steps of the bundled {@code mitbih-aami5} package, i.e.
 *       what a user's unannotated recording goes through: lead MLII, polyphase resampling to
 *       125 Hz, median-filter baseline removal, Pan-Tompkins QRS detection, one R-centred
 *       window per detected beat (32 before, 56 after, zero-padded at the record ends),
 *       min-max, crop/pad to 187 samples and the 4 RR features;</li>
 *   <li>{@code annotations}: lead MLII, one 187-sample window per <em>annotated</em> beat at
 *       360 Hz, min-max: no filter, no detector (the model-side cost alone).</li>
 * </ul>
 *
 * <p>Needs the MIT-BIH folder ({@code -Decg.data.dir}, see {@link DataDir}); without it the
 * set-up fails with a message naming the setting and the other benchmarks still run.
 *
 * <pre>
 * java -Decg.data.dir=../shared/data -jar ecg-bench/target/benchmarks.jar ClassifyRecord
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xmx2g"})
public class ClassifyRecordBenchmark {

  /** Architecture name. */
  @Param({"KachueeResNet", "CnnBiLstm"})
  public String arch;

  /** {@code ONNX_RUNTIME} or {@code PYTORCH}. */
  @Param({"ONNX_RUNTIME"})
  public String engine;

  /**
   * {@code detector} (filter, resample, QRS detection), {@code annotations}, or {@code bundled}:
   * the bundled {@code mitbih-aami5} package itself (its network, and its whole preprocessing
   * including the quality gate; {@code arch} is then ignored).
   */
  @Param({"detector", "annotations"})
  public String pipeline;

  /** {@code FP32} or {@code INT8} (the package's int8 graph). */
  @Param({"FP32"})
  public String precision;

  /** Intra-op threads (0: runtime default). */
  @Param({"1"})
  public int threads;

  private Path tmp;
  private MitBih db;
  private EcgClassifier clf;

  /**
   * Finds the data, packages the seeded model with the replayed preprocessing and loads it.
   *
   * @throws Exception if the data folder is missing or loading fails
   */
  @Setup(Level.Trial)
  public void setup() throws Exception {
    String dataDir = System.getProperty("ecg.data.dir");
    Path dir = DataDir.find("mitdb").orElseThrow(() -> new IllegalStateException(
        "skipped: " + DataDir.missingMessage("mitdb") + " (ecg.data.dir=" + dataDir + ")"));
    db = new MitBih(dir);
    tmp = Files.createTempDirectory("ecg-bench-");
    EcgClassifier.Precision prec = EcgClassifier.Precision.valueOf(precision);
    if (pipeline.equals("bundled")) {
      clf = EcgClassifier.load("mitbih-aami5", new EcgClassifier.Options(
          EngineChoice.valueOf(engine), EcgClassifier.LengthPolicy.REJECT, threads, prec));
      System.out.println("record 100, bundled mitbih-aami5, " + prec + ": "
          + clf.classify(db.load("100")).size() + " beats classified");
      return;
    }
    List<Step> steps = switch (pipeline) {
      case "detector" -> List.of(
          Step.of("select-leads", "indices", List.of(0)),
          Step.of("resample", "fs", 125.0),
          Step.of("baseline"),
          Step.of("qrs-windows", "before", 32, "after", 56, "edges", "zero"),
          Step.of("minmax"),
          Step.of("crop-pad", "length", BenchModels.LENGTH, "align", "start",
              "value", 0),
          Step.of("rr-features", "offset", BenchModels.LENGTH - 4));
      case "annotations" -> List.of(
          Step.of("select-leads", "indices", List.of(0)),
          Step.of("annotation-windows", "before", 90, "after", 97),
          Step.of("minmax"));
      default -> throw new IllegalArgumentException("pipeline is detector or annotations, got "
          + pipeline);
    };
    Path pkg = BenchModels.writePackage(arch, tmp, steps,
        pipeline.equals("detector") ? 125 : 360);
    if (prec == EcgClassifier.Precision.INT8) {
      dev.ecg.models.ModelPackager.addInt8(pkg, List.of(db.load("101")), 512);
    }
    if (threads > 0 && EngineChoice.valueOf(engine) == EngineChoice.PYTORCH) {
      BenchModels.setTorchThreads(threads);
    }
    clf = EcgClassifier.load(pkg, new EcgClassifier.Options(EngineChoice.valueOf(engine),
        EcgClassifier.LengthPolicy.REJECT, threads, prec));
    System.out.println("record 100, pipeline " + pipeline + ": "
        + clf.classify(db.load("100")).size() + " beats classified");
  }

  /**
   * @return one prediction per annotated beat of record 100
   * @throws Exception if reading fails
   */
  @Benchmark
  public List<BeatPrediction> readAndClassify() throws Exception {
    return clf.classify(db.load("100"));
  }

  /**
   * Closes the classifier and deletes the package.
   *
   * @throws Exception if that fails
   */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (clf != null) {
      clf.close();
    }
    InferenceState.delete(tmp);
  }
}
