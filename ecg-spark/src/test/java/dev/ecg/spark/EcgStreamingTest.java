package dev.ecg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.synth.EcgSyn;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.stream.EcgMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three bedside devices streamed through Structured Streaming in 1 s chunks, out of order and
 * with re-deliveries; the query is stopped, the Spark engine shut down and restarted from the
 * checkpoint half-way. Every device's events equal one uninterrupted {@link EcgMonitor}'s.
 */
class EcgStreamingTest {

  @TempDir
  Path dir;

  static final double FS = 360;

  static Map<String, double[]> devices() {
    Map<String, double[]> d = new LinkedHashMap<>();
    d.put("bed1", EcgSyn.builder().optSamplingRate(FS).optDuration(120).optSeed(1)
        .optPvcProbability(0.1).build().generate().signal());
    d.put("bed2", EcgSyn.builder().optSamplingRate(FS).optDuration(130).optSeed(2)
        .optAtrialFibrillation(20, 110).build().generate().signal());
    double[] bed3 = EcgSyn.builder().optSamplingRate(FS).optDuration(90).optSeed(3).build()
        .generate().signal().clone();
    Arrays.fill(bed3, (int) (40 * FS), (int) (43 * FS), Double.NaN); // a lead-off gap
    d.put("bed3", bed3);
    return d;
  }

  static String json(String device, long seq, double[] x, boolean last) {
    StringBuilder sb = new StringBuilder("{\"device\":\"").append(device).append("\",\"seq\":")
        .append(seq).append(",\"samples\":[");
    for (int i = 0; i < x.length; i++) {
      sb.append(i == 0 ? "" : ",").append(Double.isNaN(x[i]) ? "null" : Double.toString(x[i]));
    }
    return sb.append("],\"last\":").append(last).append("}").toString();
  }

  static StreamingQuery start(SparkSession spark, Path in, Path out, Path ckpt) throws Exception {
    Dataset<Row> chunks = spark.readStream().schema(EcgStreaming.CHUNKS)
        .option("maxFilesPerTrigger", 1).json(in.toString());
    return EcgStreaming.monitor(chunks, FS, "MLII", EcgModelRef.bundled("mitbih-aami5-live"),
        EcgModelRef.bundled("af-detect")).writeStream().format("parquet")
        .option("checkpointLocation", ckpt.toString()).trigger(Trigger.AvailableNow())
        .start(out.toString());
  }

  @Test
  void aRestartFromTheCheckpointLosesAndDuplicatesNothing() throws Exception {
    Map<String, double[]> devices = devices();
    int chunk = (int) FS;
    // file k carries seconds [15k, 15k + 15) of every device, shuffled
    TreeMap<Integer, List<String>> files = new TreeMap<>();
    Random shuffle = new Random(7);
    for (Map.Entry<String, double[]> d : devices.entrySet()) {
      double[] x = d.getValue();
      int n = (x.length + chunk - 1) / chunk;
      for (int s = 0; s < n; s++) {
        double[] part = Arrays.copyOfRange(x, s * chunk, Math.min(x.length, (s + 1) * chunk));
        int file = s / 15;
        if (d.getKey().equals("bed2") && s == 44) {
          file++; // arrives a micro-batch late: bed2 waits for it
        }
        files.computeIfAbsent(file, k -> new ArrayList<>()).add(json(d.getKey(), s, part,
            s == n - 1));
      }
    }
    files.values().forEach(l -> Collections.shuffle(l, shuffle));
    // re-deliveries: chunks of the first files again in a later one
    List<String> again = new ArrayList<>(files.get(1).subList(0, 6));
    again.addAll(files.get(6).subList(0, 3));
    files.computeIfAbsent(7, k -> new ArrayList<>()).addAll(again);

    Path in = Files.createDirectories(dir.resolve("in"));
    Path out = dir.resolve("out");
    Path ckpt = dir.resolve("ckpt");
    SparkSession spark = LocalSpark.session();
    for (int k = 0; k <= 3; k++) {
      Files.write(in.resolve(String.format("part-%02d.json", k)), files.get(k));
    }
    StreamingQuery q = start(spark, in, out, ckpt);
    q.awaitTermination();
    assertTrue(q.exception().isEmpty());
    spark.stop(); // the whole engine goes away; only the checkpoint folder remains
    for (int k = 4; k <= files.lastKey(); k++) {
      Files.write(in.resolve(String.format("part-%02d.json", k)), files.get(k));
    }
    spark = LocalSpark.session();
    q = start(spark, in, out, ckpt);
    q.awaitTermination();
    assertTrue(q.exception().isEmpty());
    List<EcgStreaming.Event> got = spark.read().parquet(out.toString())
        .as(Encoders.bean(EcgStreaming.Event.class)).collectAsList();

    try (EcgClassifier beats = EcgClassifier.load("mitbih-aami5-live");
        EcgClassifier rhythm = EcgClassifier.load("af-detect")) {
      Map<String, List<String>> expected = new HashMap<>();
      for (Map.Entry<String, double[]> d : devices.entrySet()) {
        EcgMonitor m = EcgMonitor.builder(FS, List.of("MLII")).beats(beats).rhythm(rhythm)
            .build();
        List<EcgStreaming.Event> ev = new ArrayList<>();
        double[] x = d.getValue();
        for (int i = 0; i < x.length; i += chunk) {
          EcgStreaming.convert(d.getKey(), m.push(Arrays.copyOfRange(x, i,
              Math.min(x.length, i + chunk))), ev);
        }
        EcgStreaming.convert(d.getKey(), m.finish(), ev);
        expected.put(d.getKey(), ev.stream().map(EcgStreaming.Event::toString).sorted()
            .toList());
      }
      for (String device : devices.keySet()) {
        List<String> mine = got.stream().filter(e -> e.getDevice().equals(device))
            .map(EcgStreaming.Event::toString).sorted().toList();
        assertEquals(expected.get(device), mine, device);
      }
      long beatsSeen = got.stream().filter(e -> e.getKind().equals("beat")).count();
      assertTrue(beatsSeen > 300, "beats: " + beatsSeen);
      assertTrue(got.stream().anyMatch(e -> e.getDevice().equals("bed2")
          && e.getKind().equals("episode") && e.getLabel().equals("AF")), "AF on bed2");
      assertTrue(got.stream().anyMatch(e -> e.getDevice().equals("bed3")
          && e.getKind().equals("warning") && e.getLabel().equals("LEAD_OFF")), "bed3 gap");
    }
  }
}
