package dev.ecg.spark;

import dev.ecg.core.EcgArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The spark-submit application: classifies every recording under a folder and writes the
 * results as Parquet.
 *
 * <pre>{@code
 * spark-submit --class dev.ecg.spark.ClassifyArchive --master local[2] \
 *   ecg-spark/target/ecg-spark-0.1.0-SNAPSHOT-app.jar IN OUT \
 *   [--model mitbih-aami5] [--window-seconds 0] [--fs HZ]
 * }</pre>
 *
 * <p>Writes {@code OUT/results} (one row per record or time range, {@link EcgClassify#RESULTS})
 * and {@code OUT/beats} (one row per prediction), then prints how many records were read, which
 * ones failed and why, and the labels counted.
 */
public final class ClassifyArchive {
  private ClassifyArchive() {}

  /**
   * @param args IN OUT [--model NAME-OR-PACKAGE] [--window-seconds S] [--fs HZ]
   */
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("ecg-classify-archive").getOrCreate();
    try {
      run(spark, args);
    } finally {
      spark.stop();
    }
  }

  /**
   * @param spark the session
   * @param args as {@link #main}
   * @return the summary lines printed
   */
  public static List<String> run(SparkSession spark, String[] args) {
    if (args.length < 2) {
      throw new EcgArgumentException("usage: ClassifyArchive IN OUT [--model NAME] "
          + "[--window-seconds S] [--fs HZ]");
    }
    String model = "mitbih-aami5";
    String window = "0";
    String fs = null;
    for (int i = 2; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--model" -> model = v;
        case "--window-seconds" -> window = v;
        case "--fs" -> fs = v;
        default -> throw new EcgArgumentException("unknown option " + args[i]);
      }
      if (v == null) {
        throw new EcgArgumentException(args[i] + " needs a value");
      }
      i++;
    }
    EcgModelRef ref = model.contains("/") || model.endsWith(".zip")
        ? EcgModelRef.of(java.nio.file.Path.of(model)) : EcgModelRef.bundled(model);
    var reader = spark.read().format("ecg").option("windowSeconds", window);
    if (fs != null) {
      reader = reader.option("fs", fs);
    }
    long t0 = System.nanoTime();
    Dataset<Row> results = EcgClassify.with(ref).transform(reader.load(args[0]));
    results.write().mode(SaveMode.Overwrite).parquet(args[1] + "/results");
    Dataset<Row> saved = spark.read().parquet(args[1] + "/results");
    EcgClassify.beats(saved).write().mode(SaveMode.Overwrite).parquet(args[1] + "/beats");
    List<String> lines = new ArrayList<>();
    long rows = saved.count();
    List<Row> errors = saved.where(functions.col("error").isNotNull())
        .select("record", "error").collectAsList();
    double hours = saved.where(functions.col("error").isNull())
        .agg(functions.sum("seconds")).first().isNullAt(0) ? 0
        : saved.agg(functions.sum("seconds")).first().getDouble(0) / 3600;
    lines.add(String.format(Locale.ROOT, "%d rows (%.2f h of ECG) classified with %s in %.1f s;"
        + " %d could not be read", rows, hours, model, (System.nanoTime() - t0) / 1e9,
        errors.size()));
    for (Row e : errors) {
      lines.add("  " + e.getString(0) + ": " + e.getString(1));
    }
    for (Row r : spark.read().parquet(args[1] + "/beats").groupBy("label").count()
        .orderBy("label").collectAsList()) {
      lines.add("  " + r.getString(0) + " " + r.getLong(1));
    }
    lines.forEach(System.out::println);
    return lines;
  }
}
