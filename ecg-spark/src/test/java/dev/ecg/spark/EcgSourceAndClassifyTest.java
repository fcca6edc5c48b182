package dev.ecg.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.io.Record;
import dev.ecg.io.Records;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.wfdb.Wfdb;
import dev.ecg.io.wfdb.WfdbWriter;
import dev.ecg.models.BeatPrediction;
import dev.ecg.models.ClassificationResult;
import dev.ecg.models.EcgClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ecg source and classification in local Spark, against the SDK's own readers and classify. */
class EcgSourceAndClassifyTest {

  @TempDir
  static Path dir;

  static SparkSession spark;
  static boolean real;

  @BeforeAll
  static void archive() throws Exception {
    spark = LocalSpark.session();
    // synthetic WFDB records, one two-lead, and a CSV file in a sub-folder
    for (int k = 0; k < 3; k++) {
      Record r = EcgSyn.builder().optSamplingRate(360).optDuration(40 + 10 * k).optSeed(k)
          .optPvcProbability(0.1).build().generate().record();
      if (k == 2) {
        r = new Record("syn2", 360, List.of("MLII", "V1"), List.of("mV", "mV"),
            new double[][] {r.channel(0), r.channel(0).clone()}, List.of());
      }
      WfdbWriter.writePhysical(dir.resolve("syn" + k), r, 16, 200);
    }
    Files.createDirectories(dir.resolve("sub"));
    Record c = EcgSyn.builder().optSamplingRate(360).optDuration(30).optSeed(9).build()
        .generate().record();
    StringBuilder sb = new StringBuilder("MLII\n");
    for (double v : c.channel(0)) {
      sb.append(String.format(Locale.ROOT, "%.5f%n", v));
    }
    Files.writeString(dir.resolve("sub/strip.csv"), sb);
    // hostile and broken files
    Files.writeString(dir.resolve("garbage.hea"), "this is not a header\n");
    Files.writeString(dir.resolve("short.hea"), "short 1 360 100000\nshort.dat 16 200 16 0 0 0 0 MLII\n");
    Files.write(dir.resolve("short.dat"), new byte[] {1, 2, 3, 4, 5});
    Files.write(dir.resolve("noise.edf"), "0       not an edf".getBytes());
    // two real MIT-BIH records with their annotations, when the data is here
    Optional<Path> mit = DataDir.find("mitdb");
    real = mit.isPresent();
    if (real) {
      for (String n : List.of("100", "208")) {
        for (String ext : List.of("hea", "dat", "atr")) {
          Files.copy(mit.get().resolve(n + "." + ext), dir.resolve(n + "." + ext));
        }
      }
    }
  }

  static Dataset<Row> read(Map<String, String> options) {
    return spark.read().format("ecg").options(options).load(dir.toString());
  }

  @Test
  void readsEveryRecordAndTurnsBadFilesIntoErrorRows() throws Exception {
    Map<String, String> o = new HashMap<>();
    o.put("fs", "360");
    List<Row> rows = read(o).collectAsList();
    Map<String, Row> byName = new HashMap<>();
    rows.forEach(r -> byName.put(r.getAs("record"), r));
    assertEquals(real ? 9 : 7, rows.size(), byName.keySet().toString());
    for (String bad : List.of("garbage", "short", "noise")) {
      Row r = byName.get(bad);
      String error = r.getAs("error");
      assertNotNull(error, bad);
      assertTrue(r.isNullAt(r.fieldIndex("signals")), bad);
    }
    assertTrue(((String) byName.get("short").getAs("error")).contains("short"),
        (String) byName.get("short").getAs("error"));
    for (String good : List.of("syn0", "syn1", "syn2")) {
      Row r = byName.get(good);
      assertNull(r.getAs("error"), good);
      Record expected = Records.read(dir.resolve(good + ".hea"));
      Record got = EcgRows.toRecord(r);
      assertEquals(expected.channelNames(), got.channelNames());
      assertEquals(expected.fs(), got.fs());
      for (int c = 0; c < expected.channelCount(); c++) {
        assertArrayEquals(expected.channel(c), got.channel(c), good);
      }
      assertEquals("wfdb", r.getAs("format"));
    }
    Row csv = byName.get("strip");
    assertEquals("csv", csv.getAs("format"));
    assertEquals(30 * 360L, csv.<Long>getAs("samples"));
    if (real) {
      Record r100 = EcgRows.toRecord(byName.get("100"));
      assertEquals(Wfdb.readAnnotation(dir.resolve("100"), "atr"), r100.annotations());
      assertArrayEquals(Wfdb.readRecord(dir.resolve("100")).toRecord().channel(1),
          r100.channel(1));
    }
  }

  /** Time ranges by partial reads put together give the whole record, annotations included. */
  @Test
  void splitsLongRecordsIntoTimeRanges() throws Exception {
    Map<String, String> o = new HashMap<>();
    o.put("windowSeconds", "15");
    List<Row> rows = read(o).where("record = 'syn1'").orderBy("start_sample").collectAsList();
    assertEquals(4, rows.size()); // 50 s in 15 s rows
    Record whole = Records.read(dir.resolve("syn1.hea"));
    int at = 0;
    for (Row r : rows) {
      assertEquals(at, r.<Long>getAs("start_sample"));
      assertEquals(at / 360.0, r.<Double>getAs("start_seconds"), 1e-12);
      double[] part = EcgRows.toRecord(r).channel(0);
      assertArrayEquals(java.util.Arrays.copyOfRange(whole.channel(0), at, at + part.length),
          part);
      at += part.length;
    }
    assertEquals(whole.length(), at);
    // each range its own task when asked (maxPartitionBytes 1); packed otherwise
    int ranges = (int) spark.read().format("ecg").option("windowSeconds", "15")
        .load(dir.toString()).count();
    assertEquals(ranges, spark.read().format("ecg").option("windowSeconds", "15")
        .option("maxPartitionBytes", "1").load(dir.toString()).rdd().getNumPartitions());
    assertTrue(spark.read().format("ecg").option("windowSeconds", "15").load(dir.toString())
        .rdd().getNumPartitions() < ranges);
    if (real) {
      List<Row> r100 = read(o).where("record = '100'").collectAsList();
      assertEquals((int) Math.ceil(650_000 / (15 * 360.0)), r100.size());
      int ann = 0;
      for (Row r : r100) {
        ann += EcgRows.toRecord(r).annotations().size();
      }
      assertEquals(Wfdb.readAnnotation(dir.resolve("100"), "atr").size(), ann);
    }
  }

  /** Every row's predictions equal classify on the record read directly. */
  @Test
  void classificationEqualsClassify() throws Exception {
    for (String model : List.of("mitbih-aami5", "af-detect")) {
      Dataset<Row> results = EcgClassify.with(EcgModelRef.bundled(model))
          .transform(read(Map.of("fs", "360")));
      Map<String, Row> byName = new HashMap<>();
      results.collectAsList().forEach(r -> byName.put(r.getAs("record"), r));
      assertTrue(((String) byName.get("garbage").getAs("error")).contains("garbage.hea (line 1)"),
          (String) byName.get("garbage").getAs("error"));
      try (EcgClassifier clf = EcgClassifier.load(model)) {
        for (String name : real ? List.of("syn0", "syn2", "100", "208")
            : List.of("syn0", "syn2")) {
          Row row = byName.get(name);
          assertNull(row.getAs("error"), name);
          ClassificationResult expected = clf.classify(Records.read(dir.resolve(name + ".hea"),
              Records.Options.defaults().annotations(name.startsWith("syn") ? null : "atr")));
          List<Row> preds = row.getList(row.fieldIndex("predictions"));
          assertEquals(expected.size(), preds.size(), name);
          for (int k = 0; k < preds.size(); k++) {
            BeatPrediction b = expected.get(k);
            Row p = preds.get(k);
            assertEquals(b.sample(), p.getLong(0), name);
            assertEquals(b.label(), p.getString(2), name);
            List<Float> probs = p.getList(4);
            float[] pr = new float[probs.size()];
            for (int i = 0; i < pr.length; i++) {
              pr[i] = probs.get(i);
            }
            assertArrayEquals(b.prediction().probabilities(), pr, name + " " + k);
          }
          assertEquals(expected.skipped().size(), row.getList(row.fieldIndex("skipped")).size());
          assertEquals(expected.warnings(), row.getList(row.fieldIndex("warnings")));
          Row hrv = row.getAs("hrv");
          assertTrue(hrv.getInt(0) > 20, name);
          Row q = row.getAs("quality");
          assertNotNull(q);
        }
      }
      if (model.equals("mitbih-aami5")) {
        long beats = EcgClassify.beats(results).count();
        long sum = 0;
        for (Row r : byName.values()) {
          sum += r.isNullAt(r.fieldIndex("predictions")) ? 0
              : r.getList(r.fieldIndex("predictions")).size();
        }
        assertEquals(sum, beats);
      }
    }
  }

  /** Small records are packed into tasks; a big one gets a task of its own. */
  @Test
  void packsShortRecordsIntoTasksAsSparkPacksSmallFiles() {
    List<RecordPart> parts = new java.util.ArrayList<>();
    for (int k = 0; k < 1000; k++) {
      parts.add(new RecordPart("r" + k, "file:/r" + k + ".hea", "wfdb", -1, -1, null, 20_000));
    }
    parts.add(new RecordPart("holter", "file:/h.hea", "wfdb", -1, -1, null, 500L << 20));
    List<RecordGroup> g = RecordListing.pack(parts, 128L << 20, 4L << 20, 2);
    // 1000 x (20 KB + 4 MB) fill tasks of 128 MB: 31 records each; the Holter file alone
    assertEquals(31, g.get(0).parts().size());
    assertEquals(List.of("holter"), g.get(g.size() - 1).parts().stream().map(RecordPart::name)
        .toList());
    assertEquals(1001, g.stream().mapToInt(x -> x.parts().size()).sum());
    // a small archive still spreads over the cores
    List<RecordGroup> small = RecordListing.pack(parts.subList(0, 10), 128L << 20, 4L << 20, 2);
    assertEquals(2, small.size());
  }
}
