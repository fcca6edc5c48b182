package dev.ecg.io.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RrFeaturesTest {
  @Test
  void handComputedFeatures() {
    // RR intervals 1.0, 1.5, 1.0 s at 360 Hz
    RrFeatures f = RrFeatures.compute(new long[] {0, 360, 900, 1260}, 360);
    assertArrayEquals(new double[] {1.0, 1.0, 1.5, 1.0}, f.pre(), 1e-12);
    assertArrayEquals(new double[] {1.0, 1.5, 1.0, 1.0}, f.post(), 1e-12);
    assertEquals(3.5 / 3, f.average(), 1e-12);
    // fewer than 10 intervals: the local mean spans all of them
    assertArrayEquals(new double[] {3.5 / 3, 3.5 / 3, 3.5 / 3, 3.5 / 3}, f.local(), 1e-12);
    float[][] m = f.matrix();
    assertEquals(RrFeatures.COLUMNS.size(), m[0].length);
    assertEquals(1.5f / (3.5f / 3), m[2][4], 1e-6);
    assertEquals(1.5f / (3.5f / 3), m[1][5], 1e-6);
  }

  @Test
  void localMeanUsesTenIntervalsAroundTheBeat() {
    // RR k = k + 1 samples at fs = 1 (1, 2, 3, ... 20)
    long[] r = new long[21];
    for (int i = 1; i < r.length; i++) {
      r[i] = r[i - 1] + i;
    }
    RrFeatures f = RrFeatures.compute(r, 1);
    // beat 10: intervals 5..14 (0-based) = values 6..15, mean 10.5
    assertEquals(10.5, f.local()[10], 1e-12);
    // beat 0: intervals 0..4 = 1..5, mean 3
    assertEquals(3.0, f.local()[0], 1e-12);
    assertEquals(10.5, f.average(), 1e-12);
  }

  @Test
  void edgeCasesAndBadInput() {
    RrFeatures one = RrFeatures.compute(new long[] {5}, 360);
    assertTrue(Double.isNaN(one.pre()[0]));
    assertEquals(0, RrFeatures.compute(new long[0], 360).size());
    assertThrows(SegmentationException.class, () -> RrFeatures.compute(new long[] {5, 5}, 360));
    assertThrows(SegmentationException.class, () -> RrFeatures.compute(new long[] {1, 2}, 0));
  }
}
