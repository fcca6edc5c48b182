package dev.ecg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-derived values on a small matrix, the undefined-metric policy and the text table. */
class ConfusionMatrixTest {
  // true:  0 0 0 1 1 2
  // pred:  0 0 1 1 2 2
  // C = [[2,1,0],[0,1,1],[0,0,1]]
  private final ConfusionMatrix m = ConfusionMatrix.of(
      new int[] {0, 0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 2, 2}, List.of("N", "S", "V"));

  @Test
  void handDerivedPerClassValues() {
    assertEquals(2, m.truePositives(0));
    assertEquals(0, m.falsePositives(0));
    assertEquals(1, m.falseNegatives(0));
    assertEquals(3, m.trueNegatives(0));
    assertArrayEquals(new double[] {1.0, 0.5, 0.5}, m.precisions(), 1e-15);
    assertArrayEquals(new double[] {2.0 / 3, 0.5, 1.0}, m.recalls(), 1e-15);
    assertArrayEquals(new double[] {0.8, 0.5, 2.0 / 3}, m.f1s(), 1e-15);
    // specificity of S: TN = 3 (rows N,V x cols N,V: 2 + 0 + 0 + 1), FP = 1 -> 0.75
    assertEquals(0.75, m.specificity(1), 1e-15);
    assertEquals(4.0 / 6, m.accuracy(), 1e-15);
    assertEquals((2.0 / 3 + 0.5 + 1.0) / 3, m.balancedAccuracy(), 1e-15);
    // kappa: po = 4/6, pe = (3*2 + 2*2 + 1*2)/36 = 12/36 -> (2/3 - 1/3) / (2/3) = 0.5
    assertEquals(0.5, m.cohenKappa(), 1e-12);
    assertEquals(m.accuracy(), m.microF1(), 1e-15);
  }

  @Test
  void zeroDivisionPolicyGivesZeroAndRecordsIt() {
    // class 2 absent from both vectors, class 1 never predicted
    ConfusionMatrix z = ConfusionMatrix.of(new int[] {0, 1, 0}, new int[] {0, 0, 0}, 3);
    assertEquals(0.0, z.precision(1));
    assertEquals(0.0, z.precision(2));
    assertEquals(0.0, z.recall(2));
    assertEquals(0.0, z.f1(2));
    // macro over all 3 classes (absent class counts as 0): F1 = [0.8, 0, 0]
    assertEquals(0.8 / 3, z.macroF1(), 1e-15);
    // balanced accuracy ignores the class with no true samples: (1 + 0) / 2
    assertEquals(0.5, z.balancedAccuracy(), 1e-15);
    List<String> w = z.undefinedMetrics();
    assertTrue(w.contains("precision[1]: no predicted samples, set to 0.0"), w::toString);
    assertTrue(w.contains("recall[2]: no true samples, set to 0.0"), w::toString);
    assertTrue(w.contains("f1[2]: no true nor predicted samples, set to 0.0"), w::toString);
    assertTrue(m.undefinedMetrics().isEmpty());
  }

  @Test
  void normalizationOfEmptyRowIsZero() {
    ConfusionMatrix z = ConfusionMatrix.of(new int[] {0, 0}, new int[] {0, 1}, 3);
    double[][] t = z.normalized(Normalization.TRUE);
    assertArrayEquals(new double[] {0.5, 0.5, 0}, t[0], 0);
    assertArrayEquals(new double[] {0, 0, 0}, t[2], 0);
  }

  @Test
  void toStringShowsNamesCountsAndTotals() {
    String s = m.toString();
    String[] lines = s.split("\n");
    assertTrue(lines[1].contains("N") && lines[1].contains("S") && lines[1].contains("total"), s);
    assertTrue(lines[2].matches("N\\s+2\\s+1\\s+0\\s+3"), lines[2]);
    assertTrue(lines[5].matches("total\\s+2\\s+2\\s+2\\s+6"), lines[5]);
  }

  @Test
  void ofCountsEqualsCountedMatrix() {
    ConfusionMatrix c = ConfusionMatrix.ofCounts(new long[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}}, List.of("N", "S", "V"));
    assertEquals(m, c);
    assertEquals(m.hashCode(), c.hashCode());
    assertNotEquals(m, ConfusionMatrix.ofCounts(new long[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}}, List.of("a", "b", "c")));
    long[][] copy = c.counts();
    copy[0][0] = 99;
    assertEquals(2, c.count(0, 0), "counts() must return a copy");
  }
}
