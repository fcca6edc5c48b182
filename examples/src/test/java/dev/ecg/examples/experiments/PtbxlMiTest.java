package dev.ecg.examples.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.labels.ScpStatements;
import dev.ecg.io.datasets.PtbXl;
import dev.ecg.models.train.PretrainedParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The NORM-vs-MI task rules of {@link PtbxlMi} and the weight mapping of the transfer arm. */
class PtbxlMiTest {
  /** A hand-made statement table: IMI is MI, NORM is NORM, NDT is STTC, SR is rhythm only. */
  private static final String TABLE = ",description,diagnostic,form,rhythm,diagnostic_class,"
      + "diagnostic_subclass\n"
      + "IMI,inferior MI,1.0,,,MI,IMI\n"
      + "NORM,normal ECG,1.0,,,NORM,NORM\n"
      + "NDT,non-diagnostic T,1.0,1.0,,STTC,STTC\n"
      + "SR,sinus rhythm,,,1.0,,\n";

  @Test
  void labelRuleNormOnlyVersusAnyMi() {
    ScpStatements scp = ScpStatements.parse(TABLE, "test");
    assertEquals(OptionalInt.of(0), PtbxlMi.label(scp, "{'NORM': 100.0, 'SR': 0.0}"));
    assertEquals(OptionalInt.of(1), PtbxlMi.label(scp, "{'IMI': 35.0}"));
    // MI with other superclasses is still MI; likelihood 0 counts (PTB-XL convention)
    assertEquals(OptionalInt.of(1), PtbxlMi.label(scp, "{'NORM': 80.0, 'IMI': 0.0}"));
    assertEquals(OptionalInt.of(1), PtbxlMi.label(scp, "{'NDT': 100.0, 'IMI': 50.0}"));
    // NORM plus another superclass, other superclasses alone, or nothing diagnostic: left out
    assertEquals(OptionalInt.empty(), PtbxlMi.label(scp, "{'NORM': 100.0, 'NDT': 50.0}"));
    assertEquals(OptionalInt.empty(), PtbxlMi.label(scp, "{'NDT': 100.0}"));
    assertEquals(OptionalInt.empty(), PtbxlMi.label(scp, "{'SR': 0.0}"));
  }

  @Test
  void taskCountsOnTheSharedSubsetMatchPython() throws Exception {
    Assumptions.assumeTrue(DataDir.find("ptbxl").isPresent(), DataDir.missingMessage("ptbxl"));
    PtbXl db = new PtbXl(DataDir.find("ptbxl").get());
    List<PtbxlMi.Item> items = PtbxlMi.items(db, PtbxlMi.statements(db));
    // Python csv + ast.literal_eval over the 500 rows, same rule: NORM-only 290, MI 73;
    // train folds 1-8 220 / 49, fold 9 36 / 16, fold 10 34 / 8
    int[][] c = new int[11][2];
    items.forEach(it -> c[it.fold()][it.label()]++);
    int[] tr = new int[2];
    for (int f = 1; f <= 8; f++) {
      tr[0] += c[f][0];
      tr[1] += c[f][1];
    }
    assertArrayEquals(new int[] {220, 49}, tr);
    assertArrayEquals(new int[] {36, 16}, c[9]);
    assertArrayEquals(new int[] {34, 8}, c[10]);
    assertEquals(363, items.size());
  }

  @Test
  void recordScoresAreBeatMeansAndEmptyRecordsAreNaN() {
    double[] s = PtbxlMi.recordScores(new double[] {0.2, 0.4, 0.9}, new int[] {0, 0, 2}, 3);
    assertEquals(0.3, s[0], 1e-12);
    assertTrue(Double.isNaN(s[1]));
    assertEquals(0.9, s[2], 1e-12);
    assertArrayEquals(new int[] {0, 0, 1}, PtbxlMi.predict(s, 0.5));
  }

  @Test
  void thresholdMaximisesF1OfMi() {
    // scores 0.1 0.2 0.35 0.4 0.8 with labels 0 0 1 0 1: at t in (0.2, 0.35] the MI set is
    // {0.35, 0.4, 0.8}: tp 2, fp 1 -> F1 0.8; at t in (0.4, 0.8]: tp 1 -> F1 2/3; all: 4/7
    double t = PtbxlMi.bestF1Threshold(new int[] {0, 0, 1, 0, 1},
        new double[] {0.1, 0.2, 0.35, 0.4, 0.8});
    assertEquals(0.275, t, 1e-12);
  }

  @Test
  void adaptCopiesInflatesAndLeavesTheHeadFresh() {
    Map<String, PretrainedParameters.Tensor> src = new LinkedHashMap<>();
    src.put("01Conv1d_weight", new PretrainedParameters.Tensor(new long[] {2, 1, 3},
        new float[] {3, 6, 9, 12, 15, 18}));
    src.put("02Conv1d_weight", new PretrainedParameters.Tensor(new long[] {2}, new float[] {1, 2}));
    src.put("03Linear_weight", new PretrainedParameters.Tensor(new long[] {5, 2}, new float[10]));
    Map<String, long[]> target = new LinkedHashMap<>();
    target.put("01Conv1d_weight", new long[] {2, 3, 3});
    target.put("02Conv1d_weight", new long[] {2});
    target.put("03Linear_weight", new long[] {2, 2});
    List<String> log = new ArrayList<>();
    Map<String, PretrainedParameters.Tensor> out = PtbxlMiTransfer.adapt(src, target, log);
    assertEquals(List.of("01Conv1d_weight", "02Conv1d_weight"), new ArrayList<>(out.keySet()));
    // filter 0 kernel (3, 6, 9) / 3 repeated over 3 channels, then filter 1 (12, 15, 18) / 3
    assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6, 4, 5, 6},
        out.get("01Conv1d_weight").values(), 1e-6f);
    assertArrayEquals(new float[] {1, 2}, out.get("02Conv1d_weight").values());
    assertTrue(log.get(0).startsWith("1 of 3"), log.toString());
    assertFalse(out.containsKey("03Linear_weight"));
  }

  @Test
  void pairedAucDifferenceIsZeroForIdenticalScoresAndSignedOtherwise() {
    int[] y = {0, 0, 0, 1, 1, 1};
    double[] good = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
    double[] bad = {0.9, 0.8, 0.7, 0.3, 0.2, 0.1};
    double[] same = PtbxlMiTransfer.pairedAucDifference(y, good, good, 1);
    assertArrayEquals(new double[] {0, 0, 0}, same, 1e-12);
    double[] d = PtbxlMiTransfer.pairedAucDifference(y, good, bad, 1);
    assertEquals(1.0, d[0], 1e-12);
    assertEquals(1.0, d[1], 1e-12);
  }
}
