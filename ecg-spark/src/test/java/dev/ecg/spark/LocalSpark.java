package dev.ecg.spark;

import org.apache.spark.sql.SparkSession;

/** One in-process Spark (local[2]) for the module's tests. */
final class LocalSpark {
  private LocalSpark() {}

  static synchronized SparkSession session() {
    return SparkSession.builder().master("local[2]").appName("ecg-spark-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }
}
