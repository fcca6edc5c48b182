package dev.ecg.io.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.segment.CausalRr;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The causal form of rr-features: values by hand, and the JSON form. */
class CausalRrFeaturesTest {

  /**
   * Peaks at 0, 1, 2 and 2.5 s: intervals 1, 1, 0.5 s. The last beat's mean RR is that of the
   * three intervals before it (2.5 / 3 s), not the record's.
   */
  @Test
  void valuesByHand() {
    long[] peaks = {0, 360, 720, 900};
    float[][] got = Step.RrFeatures.encode(peaks, 360, Step.RrFeatures.Average.CAUSAL);
    assertArrayEquals(new float[] {0, 0, 0, 0}, got[0]);
    assertArrayEquals(new float[] {0, 0, 0, 0}, got[1]);
    // beat at 2 s: pre 1, post 0.5, mean of the two intervals before it 1, local 1
    assertArrayEquals(new float[] {0, -0.5f, 0, 0}, got[2], 1e-6f);
    // beat at 2.5 s: pre = post = 0.5, mean 2.5 / 3, local 2.5 / 3
    float r = (float) (0.5 / (2.5 / 3) - 1);
    assertArrayEquals(new float[] {r, r, 0, r}, got[3], 1e-6f);
    // the record form differs on the early beats: its mean is the whole record's (2.5 / 3)
    float[][] rec = Step.RrFeatures.encode(peaks, 360);
    assertFalse(rec[0][0] == got[0][0]);
  }

  /** One beat at a time gives the batch values, in any order of the batch's input. */
  @Test
  void incrementalEqualsBatch() {
    long[] peaks = {10, 300, 650, 900, 1300, 1500, 1900, 2250, 2600, 2900, 3300, 3600, 3950,
        4200};
    float[][] batch = Step.RrFeatures.encode(peaks, 250, Step.RrFeatures.Average.CAUSAL);
    CausalRr c = new CausalRr(250);
    int k = 0;
    for (long p : peaks) {
      double[] f = c.add(p);
      if (f != null) {
        assertArrayEquals(batch[k++], Step.RrFeatures.encodeCausal(f));
      }
    }
    assertArrayEquals(batch[k++], Step.RrFeatures.encodeCausal(c.finish()));
    assertEquals(peaks.length, k);
  }

  @Test
  void jsonNamesTheAverageOnlyWhenCausal() {
    Step causal = new Step.RrFeatures(183, 1, Step.RrFeatures.Average.CAUSAL);
    assertEquals(Map.of("offset", 183, "scale", 1.0, "average", "causal"), causal.params());
    assertFalse(new Step.RrFeatures(183, 1).params().containsKey("average"));
    Pipeline p = Pipeline.fromJsonText("[{\"name\": \"qrs-windows\", \"params\": {\"before\": "
        + "10, \"after\": 20}}, {\"name\": \"rr-features\", \"params\": {\"offset\": 0, "
        + "\"average\": \"causal\"}}]", "test");
    assertTrue(p.steps().contains(new Step.RrFeatures(0, 1, Step.RrFeatures.Average.CAUSAL)),
        p.steps().toString());
  }
}
