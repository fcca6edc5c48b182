package dev.ecg.core.imbalance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class WeightedRandomSamplerTest {

  @Provide
  Arbitrary<double[]> weights() {
    return Arbitraries.doubles().between(0.0, 10.0).map(x -> x < 3.0 ? 0.0 : x).array(double[].class).ofMinSize(1).ofMaxSize(50)
        .filter(w -> Arrays.stream(w).sum() > 0);
  }

  @Property(tries = 100)
  void sameSeedSameDraws(@ForAll("weights") double[] w, @ForAll long seed) {
    int[] a = new WeightedRandomSampler(w, seed).sample(200);
    WeightedRandomSampler s = new WeightedRandomSampler(w, seed);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], s.next(), "draw " + i);
    }
  }

  @Property(tries = 100)
  void zeroWeightsAreNeverDrawn(@ForAll("weights") double[] w, @ForAll long seed) {
    for (int i : new WeightedRandomSampler(w, seed).sample(500)) {
      assertTrue(i >= 0 && i < w.length);
      assertTrue(w[i] > 0, "index " + i + " has weight 0 but was drawn");
    }
  }

  @Test
  void differentSeedsDiffer() {
    double[] w = {1, 2, 3, 4};
    assertFalse(Arrays.equals(new WeightedRandomSampler(w, 1).sample(100),
        new WeightedRandomSampler(w, 2).sample(100)));
  }

  @Test
  void frequenciesFollowTheWeights() {
    double[] w = {0.5, 3.0, 0.0, 1.5, 5.0};
    int draws = 100_000;
    long[] observed = new long[w.length];
    for (int i : new WeightedRandomSampler(w, 2024).sample(draws)) {
      observed[i]++;
    }
    assertEquals(0, observed[2]);
    double sum = Arrays.stream(w).sum();
    double[] expected = {0.5 / sum * draws, 3.0 / sum * draws, 1.5 / sum * draws, 5.0 / sum * draws};
    long[] nonZero = {observed[0], observed[1], observed[3], observed[4]};
    double p = new ChiSquareTest().chiSquareTest(expected, nonZero);
    assertTrue(p > 1e-4, "chi-square p = " + p + " for " + Arrays.toString(observed));
  }

  @Test
  void classBalanceConverges() {
    // 90 % / 9 % / 1 %: balanced sampling draws each class about a third of the time.
    int[] labels = new int[1000];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i < 900 ? 0 : (i < 990 ? 1 : 2);
    }
    int draws = 60_000;
    long[] perClass = new long[3];
    for (int i : WeightedRandomSampler.forClassBalance(labels, 3, 99).sample(draws)) {
      perClass[labels[i]]++;
    }
    for (int c = 0; c < 3; c++) {
      double freq = (double) perClass[c] / draws;
      assertEquals(1.0 / 3.0, freq, 0.01, "class " + c + " frequency " + Arrays.toString(perClass));
    }
  }

  @Test
  void samplesWithReplacementFromEveryIndex() {
    WeightedRandomSampler s = WeightedRandomSampler.forClassBalance(new int[] {0, 1, 1}, 2, 5);
    assertEquals(3, s.size());
    int[] draws = s.sample(3000);
    long[] hits = new long[3];
    for (int d : draws) {
      hits[d]++;
    }
    // Index 0 carries half the mass, indices 1 and 2 a quarter each.
    assertEquals(0.5, hits[0] / 3000.0, 0.04);
    assertEquals(0.25, hits[1] / 3000.0, 0.04);
    assertArrayEquals(new int[0], s.sample(0));
  }

  @Test
  void badInput() {
    String m = assertThrows(ImbalanceArgumentException.class,
        () -> new WeightedRandomSampler(new double[] {1, -2}, 0)).getMessage();
    assertTrue(m.contains("weights[1] = -2.0"), m);
    m = assertThrows(ImbalanceArgumentException.class,
        () -> new WeightedRandomSampler(new double[] {1, Double.NaN}, 0)).getMessage();
    assertTrue(m.contains("weights[1] = NaN"), m);
    m = assertThrows(ImbalanceArgumentException.class,
        () -> new WeightedRandomSampler(new double[] {Double.POSITIVE_INFINITY}, 0)).getMessage();
    assertTrue(m.contains("Infinity"), m);
    m = assertThrows(ImbalanceArgumentException.class,
        () -> new WeightedRandomSampler(new double[] {0, 0}, 0)).getMessage();
    assertTrue(m.contains("weights sum to 0.0"), m);
    m = assertThrows(ImbalanceArgumentException.class,
        () -> new WeightedRandomSampler(new double[0], 0)).getMessage();
    assertTrue(m.contains("empty"), m);
    m = assertThrows(ImbalanceArgumentException.class,
        () -> new WeightedRandomSampler(null, 0)).getMessage();
    assertTrue(m.contains("null"), m);
    m = assertThrows(ImbalanceArgumentException.class,
        () -> new WeightedRandomSampler(new double[] {1}, 0).sample(-1)).getMessage();
    assertTrue(m.contains("count must be >= 0, got -1"), m);
    m = assertThrows(ImbalanceArgumentException.class,
        () -> WeightedRandomSampler.forClassBalance(new int[] {0, 5}, 2, 0)).getMessage();
    assertTrue(m.contains("labels[1] = 5"), m);
    m = assertThrows(ImbalanceArgumentException.class,
        () -> new WeightedRandomSampler(new double[] {Double.MAX_VALUE, Double.MAX_VALUE}, 0))
        .getMessage();
    assertTrue(m.contains("positive finite total"), m);
  }
}
