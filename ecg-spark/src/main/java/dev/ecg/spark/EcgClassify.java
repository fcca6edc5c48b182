package dev.ecg.spark;

import dev.ecg.io.Record;
import dev.ecg.io.hrv.Hrv;
import dev.ecg.io.hrv.HrvResult;
import dev.ecg.io.qrs.PanTompkins;
import dev.ecg.io.quality.SignalQuality;
import dev.ecg.models.BeatPrediction;
import dev.ecg.models.ClassificationResult;
import dev.ecg.models.EcgClassifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Classifies every row of the {@code ecg} source with a model package, on the executors: the
 * package travels once per executor as a broadcast and is loaded once per executor JVM
 * ({@link EcgModelRef}); each row gives exactly what {@link EcgClassifier#classify(Record)}
 * gives for that record, as structured columns ({@link #RESULTS}).
 *
 * <pre>{@code
 * Dataset<Row> records = spark.read().format("ecg").load("s3a://archive/holter/");
 * Dataset<Row> results = EcgClassify.with(EcgModelRef.bundled("mitbih-aami5")).transform(records);
 * EcgClassify.beats(results).groupBy("label").count().show();
 * }</pre>
 *
 * <p>Besides the model's output, each row gets time-domain HRV from Pan-Tompkins beats on the
 * first lead and {@link SignalQuality#assess} of the first lead (both switchable off). A row the
 * source could not read, or that the model refuses, keeps its {@code error} and the job goes
 * on.
 */
public final class EcgClassify implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** One prediction (a beat, or a rhythm window): position in the row, label, probabilities. */
  public static final StructType PREDICTION = new StructType()
      .add("sample", DataTypes.LongType, false)
      .add("time", DataTypes.DoubleType, false)
      .add("label", DataTypes.StringType, false)
      .add("probability", DataTypes.FloatType, false)
      .add("probabilities", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  /** A window the model abstained on. */
  public static final StructType SKIPPED = new StructType()
      .add("sample", DataTypes.LongType, false)
      .add("time", DataTypes.DoubleType, false)
      .add("reason", DataTypes.StringType, false);

  /** Time-domain HRV of Pan-Tompkins beats on the first lead (NaN when too few beats). */
  public static final StructType HRV = new StructType()
      .add("beats", DataTypes.IntegerType, false)
      .add("heart_rate_bpm", DataTypes.DoubleType, false)
      .add("mean_nn_ms", DataTypes.DoubleType, false)
      .add("sdnn_ms", DataTypes.DoubleType, false)
      .add("rmssd_ms", DataTypes.DoubleType, false)
      .add("pnn50", DataTypes.DoubleType, false);

  /** The signal-quality verdict of the first lead. */
  public static final StructType QUALITY = new StructType()
      .add("usable", DataTypes.BooleanType, false)
      .add("reasons", DataTypes.createArrayType(DataTypes.StringType, false), false);

  /**
   * Result rows: {@code record}, {@code start_sample} (of the row in its record),
   * {@code model}, {@code classes}, {@code predictions} (positions relative to the row, as
   * {@code classify} gives them), {@code skipped}, {@code warnings}, {@code seconds},
   * {@code hrv}, {@code quality} and {@code error}.
   */
  public static final StructType RESULTS = new StructType()
      .add("record", DataTypes.StringType, false)
      .add("start_sample", DataTypes.LongType, false)
      .add("model", DataTypes.StringType, false)
      .add("classes", DataTypes.createArrayType(DataTypes.StringType, false), true)
      .add("predictions", DataTypes.createArrayType(PREDICTION, false), true)
      .add("skipped", DataTypes.createArrayType(SKIPPED, false), true)
      .add("warnings", DataTypes.createArrayType(DataTypes.StringType, false), true)
      .add("seconds", DataTypes.DoubleType, true)
      .add("hrv", HRV, true)
      .add("quality", QUALITY, true)
      .add("error", DataTypes.StringType, true);

  private final EcgModelRef model;
  private final boolean hrv;
  private final boolean quality;

  private EcgClassify(EcgModelRef model, boolean hrv, boolean quality) {
    this.model = model;
    this.hrv = hrv;
    this.quality = quality;
  }

  /**
   * @param model the package to run
   * @return a classification with HRV and quality columns
   */
  public static EcgClassify with(EcgModelRef model) {
    return new EcgClassify(java.util.Objects.requireNonNull(model, "model"), true, true);
  }

  /**
   * @param on whether to fill the {@code hrv} column
   * @return a copy
   */
  public EcgClassify hrv(boolean on) {
    return new EcgClassify(model, on, quality);
  }

  /**
   * @param on whether to fill the {@code quality} column
   * @return a copy
   */
  public EcgClassify quality(boolean on) {
    return new EcgClassify(model, hrv, on);
  }

  /**
   * @param records rows of the {@code ecg} source ({@link EcgRows#RECORDS})
   * @return one result row per input row ({@link #RESULTS})
   */
  public Dataset<Row> transform(Dataset<Row> records) {
    Broadcast<EcgModelRef> b = JavaSparkContext.fromSparkContext(records.sparkSession()
        .sparkContext()).broadcast(model);
    boolean h = hrv;
    boolean q = quality;
    EcgRows.Fields fields = EcgRows.Fields.of(records.schema());
    // the internal rows, read without boxing: a 30-min record is 1.3 million doubles
    JavaRDD<InternalRow> rows = records.queryExecution().toRdd().toJavaRDD();
    JavaRDD<Row> out = rows.mapPartitions((FlatMapFunction<Iterator<InternalRow>, Row>) it ->
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public Row next() {
            return classify(b.value(), fields, it.next(), h, q);
          }
        });
    return records.sparkSession().createDataFrame(out, RESULTS);
  }

  /**
   * One row per prediction: {@code record}, {@code start_sample}, {@code sample},
   * {@code time}, {@code label}, {@code probability}.
   *
   * @param results rows of {@link #transform}
   * @return the predictions, exploded
   */
  public static Dataset<Row> beats(Dataset<Row> results) {
    return results.where(functions.col("error").isNull())
        .select(functions.col("record"), functions.col("start_sample"),
            functions.explode(functions.col("predictions")).as("p"))
        .select(functions.col("record"), functions.col("start_sample"),
            functions.col("p.sample"), functions.col("p.time"), functions.col("p.label"),
            functions.col("p.probability"));
  }

  static Row classify(EcgModelRef ref, EcgRows.Fields f, InternalRow row, boolean hrv,
      boolean quality) {
    String name = row.getUTF8String(f.record()).toString();
    long start = row.getLong(f.start());
    String modelName = ref.key();
    String error = row.isNullAt(f.error()) ? null : row.getUTF8String(f.error()).toString();
    if (error != null) {
      return RowFactory.create(name, start, modelName, null, null, null, null, null, null, null,
          error);
    }
    try {
      EcgClassifier clf = ref.classifier();
      modelName = clf.manifest().name();
      Record r = EcgRows.toRecord(row, f);
      ClassificationResult res = clf.classify(r);
      List<Row> preds = new ArrayList<>(res.size());
      for (BeatPrediction p : res) {
        List<Float> probs = new ArrayList<>();
        for (float v : p.prediction().probabilities()) {
          probs.add(v);
        }
        preds.add(RowFactory.create(p.sample(), p.time(), p.label(), (float) p.probability(),
            seq(probs)));
      }
      List<Row> skipped = new ArrayList<>();
      for (ClassificationResult.Skipped s : res.skipped()) {
        skipped.add(RowFactory.create(s.sample(), s.time(), s.reason()));
      }
      return RowFactory.create(name, start, modelName, seq(clf.manifest().classNames()),
          seq(preds), seq(skipped), seq(res.warnings()), r.durationSeconds(), hrv ? hrv(r) : null,
          quality ? quality(r) : null, null);
    } catch (RuntimeException | StackOverflowError e) {
      return RowFactory.create(name, start, modelName, null, null, null, null, null, null, null,
          RecordReading.describe(e));
    }
  }

  private static Row hrv(Record r) {
    double[] x = r.channel(0);
    int[] peaks = PanTompkins.create().detect(x, r.fs());
    double nan = Double.NaN;
    if (peaks.length < Hrv.MIN_PEAKS_TIME) {
      return RowFactory.create(peaks.length, nan, nan, nan, nan, nan);
    }
    HrvResult h = Hrv.time(peaks, r.fs());
    return RowFactory.create(peaks.length, 60_000 / h.meanNN(), h.meanNN(), h.sdnn(), h.rmssd(),
        h.pnn50());
  }

  private static Row quality(Record r) {
    if (r.length() < SignalQuality.MIN_SECONDS * r.fs()) {
      return RowFactory.create(false, seq(List.of("shorter than " + SignalQuality.MIN_SECONDS
          + " s")));
    }
    SignalQuality.Assessment a = SignalQuality.assess(r.channel(0), r.fs());
    List<String> why = new ArrayList<>(a.reasons());
    why.addAll(a.warnings());
    return RowFactory.create(a.usable(), seq(why));
  }

  /** A Java list as the Scala sequence Spark's row encoder expects for an array column. */
  static <T> scala.collection.Seq<T> seq(List<T> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
  }
}
