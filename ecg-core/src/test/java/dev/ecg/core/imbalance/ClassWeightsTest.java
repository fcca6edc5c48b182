package dev.ecg.core.imbalance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ClassWeightsTest {

  @Test
  void matchesSklearnBalanced() throws IOException {
    // Fixture: compute_class_weight('balanced', ...) from make_split_fixtures.py.
    String text;
    try (InputStream in = getClass().getResourceAsStream("/split/class_weights.txt")) {
      assertTrue(in != null, "fixture on the classpath");
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int cases = 0;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\|");
      int k = Integer.parseInt(f[0]);
      int[] labels = Arrays.stream(f[1].split(",")).mapToInt(Integer::parseInt).toArray();
      double[] expected = Arrays.stream(f[2].split(",")).mapToDouble(Double::parseDouble).toArray();
      double[] got = ClassWeights.inverseFrequency(labels, k);
      assertEquals(k, got.length);
      for (int c = 0; c < k; c++) {
        assertEquals(expected[c], got[c], 1e-12 * Math.abs(expected[c]),
            "class " + c + " of case with n=" + labels.length);
      }
      assertArrayEquals(got, ClassWeights.inverseFrequency(labels), 0.0,
          "numClasses inferred from the labels");
      cases++;
    }
    assertEquals(8, cases, "fixture cases");
  }

  @Test
  void handDerivedExample() {
    // n = 6, k = 3, counts 3, 2, 1: 6/9, 6/6, 6/3.
    assertArrayEquals(new double[] {2.0 / 3.0, 1.0, 2.0},
        ClassWeights.inverseFrequency(new int[] {0, 0, 0, 1, 1, 2}, 3), 1e-15);
  }

  @Test
  void absentClassGetsZeroAndOthersUsePresentCount() {
    // Class 1 absent: k counts the two present classes, n = 4: 4/(2*3), 0, 4/(2*1).
    double[] w = ClassWeights.inverseFrequency(new int[] {0, 0, 2, 0}, 3);
    assertArrayEquals(new double[] {4.0 / 6.0, 0.0, 2.0}, w, 1e-15);
  }

  @Provide
  Arbitrary<int[]> labels() {
    return Arbitraries.integers().between(0, 6).array(int[].class).ofMinSize(1).ofMaxSize(500);
  }

  @Property(tries = 200)
  void everyPresentClassCarriesEqualTotalWeight(@ForAll("labels") int[] labels) {
    int k = 7;
    double[] w = ClassWeights.inverseFrequency(labels, k);
    long[] count = ClassWeights.counts(labels, k);
    int present = 0;
    double total = 0.0;
    for (int c = 0; c < k; c++) {
      if (count[c] > 0) {
        present++;
      }
    }
    for (int c = 0; c < k; c++) {
      if (count[c] > 0) {
        assertEquals((double) labels.length / present, w[c] * count[c], 1e-9);
      } else {
        assertEquals(0.0, w[c]);
      }
      total += w[c] * count[c];
    }
    assertEquals(labels.length, total, 1e-9, "weights summed over samples equal n");
  }

  @Test
  void badInput() {
    ImbalanceArgumentException e = assertThrows(ImbalanceArgumentException.class,
        () -> ClassWeights.inverseFrequency(new int[] {0, 3, 1}, 3));
    assertTrue(e.getMessage().contains("labels[1] = 3 is outside [0, 3)"), e.getMessage());
    e = assertThrows(ImbalanceArgumentException.class,
        () -> ClassWeights.inverseFrequency(new int[] {0, -1}, 3));
    assertTrue(e.getMessage().contains("labels[1] = -1"), e.getMessage());
    e = assertThrows(ImbalanceArgumentException.class,
        () -> ClassWeights.inverseFrequency(new int[] {0, -1}));
    assertTrue(e.getMessage().contains("negative"), e.getMessage());
    e = assertThrows(ImbalanceArgumentException.class,
        () -> ClassWeights.inverseFrequency(new int[0], 2));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
    e = assertThrows(ImbalanceArgumentException.class,
        () -> ClassWeights.inverseFrequency(new int[] {0}, 0));
    assertTrue(e.getMessage().contains("numClasses must be >= 1, got 0"), e.getMessage());
    e = assertThrows(ImbalanceArgumentException.class,
        () -> ClassWeights.inverseFrequency(null, 2));
    assertTrue(e.getMessage().contains("null"), e.getMessage());
    assertTrue(e instanceof EcgArgumentException);
    e = assertThrows(ImbalanceArgumentException.class,
        () -> ClassWeights.inverseFrequency(new int[] {Integer.MAX_VALUE}));
    assertFalse(e.getMessage().isEmpty());
  }

  @Test
  void powerVariantHandComputed() {
    // counts 4 and 1 (n = 5), power 0.5: 4^-0.5 = 0.5, 1^-0.5 = 1; mean per sample
    // (4 * 0.5 + 1 * 1) / 5 = 0.6 -> 0.5 / 0.6 = 5/6 and 1 / 0.6 = 5/3; class 2 absent -> 0
    int[] y = {0, 0, 0, 0, 1};
    assertArrayEquals(new double[] {5.0 / 6, 5.0 / 3, 0}, ClassWeights.power(y, 3, 0.5), 1e-15);
    assertArrayEquals(new double[] {1, 1}, ClassWeights.power(y, 2, 0), 1e-15);
    // power 1 is scikit-learn's balanced weighting: 5 / (2 * 4), 5 / (2 * 1)
    assertArrayEquals(new double[] {0.625, 2.5}, ClassWeights.power(y, 2, 1), 1e-15);
    assertThrows(ImbalanceArgumentException.class, () -> ClassWeights.power(y, 2, 1.5));
    assertThrows(ImbalanceArgumentException.class, () -> ClassWeights.power(y, 2, Double.NaN));
  }

  @Test
  void sqrtInverseFrequencyHandComputed() {
    // inverse frequency 0.625 and 2.5; square roots in ratio 1 : 2; mean 1 -> 2/3 and 4/3
    int[] y = {0, 0, 0, 0, 1};
    assertArrayEquals(new double[] {2.0 / 3, 4.0 / 3}, ClassWeights.sqrtInverseFrequency(y, 2),
        1e-15);
    assertArrayEquals(new double[] {2.0 / 3, 4.0 / 3, 0},
        ClassWeights.sqrtInverseFrequency(y, 3), 1e-15);
  }

  @Test
  void effectiveNumberHandComputed() {
    // beta 0.5, counts 4 and 1: E = (1 - 0.5^4) / 0.5 = 1.875 and (1 - 0.5) / 0.5 = 1;
    // 1/E = 8/15 and 1, sum 23/15, scaled to sum 2: 16/23 and 30/23
    int[] y = {0, 0, 0, 0, 1};
    assertArrayEquals(new double[] {16.0 / 23, 30.0 / 23, 0},
        ClassWeights.effectiveNumber(y, 3, 0.5), 1e-15);
    // beta 0: every present class 1
    assertArrayEquals(new double[] {1, 1}, ClassWeights.effectiveNumber(y, 2, 0), 0);
    // beta -> 1: inverse frequency, ratio 1 : 4 -> 0.4 and 1.6 (to O(1 - beta))
    assertArrayEquals(new double[] {0.4, 1.6}, ClassWeights.effectiveNumber(y, 2, 1 - 1e-9),
        1e-8);
    assertThrows(ImbalanceArgumentException.class, () -> ClassWeights.effectiveNumber(y, 2, 1));
    assertThrows(ImbalanceArgumentException.class,
        () -> ClassWeights.effectiveNumber(y, 2, -0.1));
  }

  @Test
  void sampleWeightsAndFillAbsent() {
    int[] y = {0, 0, 0, 0, 1};
    assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5, 1},
        ClassWeights.sampleWeights(y, 2, 0.5), 1e-15);
    assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25, 1},
        ClassWeights.sampleWeights(y, 2, 1), 1e-15);
    assertArrayEquals(new double[] {1, 1, 1, 1, 1}, ClassWeights.sampleWeights(y, 2, 0), 0);
    assertThrows(ImbalanceArgumentException.class, () -> ClassWeights.sampleWeights(y, 1, 0.5));
    double[] w = {0.5, 0, 2};
    assertArrayEquals(new double[] {0.5, 1, 2}, ClassWeights.fillAbsent(w, 1), 0);
    assertArrayEquals(new double[] {0.5, 0, 2}, w, 0, "input untouched");
    assertThrows(ImbalanceArgumentException.class, () -> ClassWeights.fillAbsent(w, 0));
    assertThrows(ImbalanceArgumentException.class,
        () -> ClassWeights.fillAbsent(new double[] {-1}, 1));
  }
}
