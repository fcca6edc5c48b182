package dev.ecg.spark;

import dev.ecg.core.DataDir;
import dev.ecg.io.Records;
import dev.ecg.models.EcgClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Scale figures for docs/scale.md: all 48 MIT-BIH records and all CinC 2017 training recordings
 * read and classified with the bundled {@code mitbih-aami5}, (1) in a plain Java loop on one
 * thread, (2) through the {@code ecg} source and {@link EcgClassify} in Spark {@code local[1]}
 * and (3) {@code local[2]}, in one run. Each configuration first runs once on five records
 * (JIT, model loading). Prints one CSV line per configuration and the ratios.
 *
 * <pre>{@code
 * mvn -pl ecg-spark test-compile exec:exec@scale
 * }</pre>
 */
public final class ScaleBench {
  private ScaleBench() {}

  /**
   * @param args optional: one configuration only ("loop", "local[1]" or "local[2]")
   * @throws Exception when the data is missing or a step fails
   */
  public static void main(String[] args) throws Exception {
    Path mit = DataDir.find("mitdb").orElseThrow(() -> new IllegalStateException(
        DataDir.missingMessage("mitdb")));
    Path cinc = DataDir.find("cinc2017/training").orElseThrow(() -> new IllegalStateException(
        DataDir.missingMessage("cinc2017/training")));
    List<Path> headers = new ArrayList<>();
    for (Path d : List.of(mit, cinc)) {
      try (Stream<Path> s = Files.list(d)) {
        s.filter(p -> p.toString().endsWith(".hea")).sorted().forEach(headers::add);
      }
    }
    System.out.println("config,records,hours,seconds,records_per_s,hours_per_s,beats");
    String only = args.length > 0 ? args[0] : "all";
    if (!only.equals("all")) {
      // one configuration alone, for profiling: loop, local[1] or local[2]
      if (only.equals("loop")) {
        loop(headers);
      } else {
        spark(only, mit, cinc);
      }
      return;
    }
    double loop = loop(headers);
    double one = spark("local[1]", mit, cinc);
    double two = spark("local[2]", mit, cinc);
    System.out.printf(Locale.ROOT, "spark local[1] / plain loop: %.2f; local[2] speed-up over "
        + "local[1]: %.2f (scaling efficiency %.0f %%)%n", one / loop, one / two,
        100 * one / (2 * two));
  }

  static double loop(List<Path> headers) throws Exception {
    try (EcgClassifier clf = EcgClassifier.load("mitbih-aami5")) {
      for (Path h : headers.subList(0, 5)) {
        clf.classify(Records.read(h));
      }
      long t0 = System.nanoTime();
      long beats = 0;
      double seconds = 0;
      for (Path h : headers) {
        var r = Records.read(h);
        beats += clf.classify(r).size();
        seconds += r.durationSeconds();
      }
      double t = (System.nanoTime() - t0) / 1e9;
      print("plain Java loop (1 thread)", headers.size(), seconds / 3600, t, beats);
      return t;
    }
  }

  static double spark(String master, Path mit, Path cinc) {
    SparkSession spark = SparkSession.builder().master(master).appName("ecg-scale")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      EcgClassify c = EcgClassify.with(EcgModelRef.bundled("mitbih-aami5")).hrv(false)
          .quality(false);
      // warm-up: five records
      c.transform(spark.read().format("ecg").load(mit.toString()).limit(5)).count();
      long t0 = System.nanoTime();
      Dataset<Row> records = spark.read().format("ecg").load(mit.toString())
          .unionByName(spark.read().format("ecg").load(cinc.toString()));
      Row r = c.transform(records).agg(functions.count("*"),
          // size(null) is -1 in Spark: count the rows that were read
          functions.sum(functions.when(functions.col("error").isNull(),
              functions.size(functions.col("predictions"))).otherwise(0)),
          functions.sum("seconds"), functions.sum(functions.when(functions.col("error")
              .isNotNull(), 1).otherwise(0))).first();
      double t = (System.nanoTime() - t0) / 1e9;
      print("spark " + master, (int) (r.getLong(0) - r.getLong(3)), r.getDouble(2) / 3600, t,
          r.getLong(1));
      if (r.getLong(3) > 0) {
        System.out.println("  plus " + r.getLong(3) + " error rows (non-ECG files such as "
            + "REFERENCE.csv, tried as CSV recordings)");
      }
      return t;
    } finally {
      spark.stop();
    }
  }

  static void print(String config, int records, double hours, double seconds, long beats) {
    System.out.printf(Locale.ROOT, "%s,%d,%.2f,%.1f,%.1f,%.2f,%d%n", config, records, hours,
        seconds, records / seconds, hours / seconds, beats);
  }
}
