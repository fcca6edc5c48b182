package dev.ecg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Record;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.wfdb.WfdbWriter;
import dev.ecg.models.EcgClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit application on a small archive with one broken file. */
class ClassifyArchiveTest {

  @TempDir
  Path dir;

  @Test
  void writesResultsAndBeatsAndNamesTheBrokenFile() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    int expected = 0;
    try (EcgClassifier clf = EcgClassifier.load("mitbih-aami5")) {
      for (int k = 0; k < 3; k++) {
        Record r = EcgSyn.builder().optSamplingRate(360).optDuration(30).optSeed(40 + k)
            .optPvcProbability(0.1).build().generate().record();
        WfdbWriter.writePhysical(in.resolve("r" + k), r, 16, 200);
        expected += clf.classify(dev.ecg.io.Records.read(in.resolve("r" + k + ".hea"))).size();
      }
    }
    Files.writeString(in.resolve("bad.hea"), "bad 1 360 10\nbad.dat 16 200 16 0 0 0 0 I\n");
    SparkSession spark = LocalSpark.session();
    List<String> lines = ClassifyArchive.run(spark, new String[] {in.toString(),
        dir.resolve("out").toString(), "--model", "mitbih-aami5"});
    assertTrue(lines.get(0).startsWith("4 rows (0.03 h of ECG) classified with mitbih-aami5"),
        lines.toString());
    assertTrue(lines.get(0).endsWith("1 could not be read"), lines.toString());
    assertTrue(lines.get(1).startsWith("  bad: ") && lines.get(1).contains("bad.dat"),
        lines.toString());
    assertEquals(expected, spark.read().parquet(dir.resolve("out/beats").toString()).count());
    assertThrows(EcgArgumentException.class, () -> ClassifyArchive.run(spark,
        new String[] {in.toString(), "x", "--colour", "red"}));
  }
}
