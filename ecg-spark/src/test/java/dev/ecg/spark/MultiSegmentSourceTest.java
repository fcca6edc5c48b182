package dev.ecg.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ecg.io.Record;
import dev.ecg.io.Records;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.wfdb.WfdbWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A multi-segment record is one row, read through its master header; its segments are not. */
class MultiSegmentSourceTest {

  @TempDir
  Path dir;

  @Test
  void segmentsAreReadThroughTheirRecord() throws Exception {
    double[] x = EcgSyn.builder().optSamplingRate(360).optDuration(20).optSeed(5).build()
        .generate().signal();
    int half = x.length / 2;
    for (int s = 0; s < 2; s++) {
      double[] part = java.util.Arrays.copyOfRange(x, s * half, (s + 1) * half);
      WfdbWriter.writePhysical(dir.resolve("multi_" + (s + 1)), new Record("multi_" + (s + 1),
          360, List.of("MLII"), List.of("mV"), new double[][] {part}, List.of()), 16, 200);
    }
    Files.writeString(dir.resolve("multi.hea"), "multi/2 1 360 " + (2 * half) + "\nmulti_1 "
        + half + "\nmulti_2 " + half + "\n");
    List<Row> rows = LocalSpark.session().read().format("ecg").load(dir.toString())
        .collectAsList();
    assertEquals(1, rows.size(), rows.toString());
    Row r = rows.get(0);
    assertNull(r.getAs("error"), (String) r.getAs("error"));
    assertEquals("multi", r.getAs("record"));
    assertArrayEquals(Records.read(dir.resolve("multi.hea")).channel(0),
        EcgRows.toRecord(r).channel(0));
    assertEquals(2L * half, r.<Long>getAs("samples"));
  }
}
