package dev.ecg.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SchedulesAndSamplersTest {

  @Test
  void schedulesFollowTheirFormulas() {
    // StepLR(step 2, gamma 0.5) from 0.1: 0.1 0.1 0.05 0.05 0.025
    LrSchedule step = LrSchedule.step(2, 0.5);
    double[] expected = {0.1, 0.1, 0.05, 0.05, 0.025};
    for (int e = 0; e < expected.length; e++) {
      assertEquals(expected[e], step.rate(e, 0.1, Double.NaN), 1e-15);
    }
    // cosine over 4 epochs from 1 to 0: 1, (1+cos(pi/4))/2, 0.5, (1+cos(3pi/4))/2, 0, then stays 0
    LrSchedule cos = LrSchedule.cosine(4, 0);
    assertEquals(1.0, cos.rate(0, 1, 0), 1e-15);
    assertEquals((1 + Math.sqrt(0.5)) / 2, cos.rate(1, 1, 0), 1e-15);
    assertEquals(0.5, cos.rate(2, 1, 0), 1e-15);
    assertEquals(0.0, cos.rate(4, 1, 0), 1e-15);
    assertEquals(0.0, cos.rate(9, 1, 0), 1e-15);
    assertEquals(0.3, LrSchedule.reduceOnPlateau(0.5, 2, 0).rate(5, 1, 0.3));
    assertThrows(EcgArgumentException.class, () -> LrSchedule.step(0, 0.5));
    assertThrows(EcgArgumentException.class, () -> LrSchedule.reduceOnPlateau(1.5, 1, 0));
    assertThrows(EcgArgumentException.class, () -> OptimizerConfig.adam(0));
    assertThrows(EcgArgumentException.class, () -> OptimizerConfig.adamW(1e-3, -1));
  }

  @Property(tries = 50)
  void shuffledIsAPermutationAndRepeatsForTheSameSeed(@ForAll @IntRange(min = 1, max = 500) int n, @ForAll long seed) {
    int[] a = IndexSampler.shuffled().epochIndices(n, new SplittableRandom(seed));
    int[] b = IndexSampler.shuffled().epochIndices(n, new SplittableRandom(seed));
    assertTrue(Arrays.equals(a, b));
    int[] sorted = a.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < n; i++) {
      assertEquals(i, sorted[i]);
    }
  }

  @Test
  void weightedSamplerDrawsInProportionToWeights() {
    // weights 1:3 -> expected share of index 1 is 0.75; 40000 draws, sd = sqrt(.75*.25/40000)=0.0022
    int[] idx = IndexSampler.weighted(new double[] {1, 3, 0}, 40000).epochIndices(3, new SplittableRandom(5));
    assertEquals(40000, idx.length);
    long ones = Arrays.stream(idx).filter(i -> i == 1).count();
    long twos = Arrays.stream(idx).filter(i -> i == 2).count();
    assertEquals(0.75, ones / 40000.0, 0.011);
    assertEquals(0, twos);
    // balanced: 90 of class 0, 10 of class 1 -> each class ~half the draws
    int[] labels = new int[100];
    for (int i = 90; i < 100; i++) {
      labels[i] = 1;
    }
    int[] b = IndexSampler.balanced(labels).epochIndices(100, new SplittableRandom(1));
    long minority = Arrays.stream(b).filter(i -> i >= 90).count();
    assertTrue(minority > 30 && minority < 70, "minority draws " + minority);
    assertThrows(EcgArgumentException.class, () -> IndexSampler.weighted(new double[] {0, 0}, 0));
    assertThrows(EcgArgumentException.class, () -> IndexSampler.weighted(new double[] {-1, 1}, 0));
    assertThrows(EcgArgumentException.class,
        () -> IndexSampler.weighted(new double[] {1, 1}, 0).epochIndices(3, new SplittableRandom(1)));
  }
}
