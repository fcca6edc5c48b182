package dev.ecg.examples.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MitBihBeatsTest {
  @Test
  void rrEncodingMatchesHandComputation() {
    // peaks at 0, 100, 200, 250, 400 at 100 Hz: RR = 1.0, 1.0, 0.5, 1.5 s; average = 1.0 s
    long[] peaks = {0, 100, 200, 250, 400};
    Map<Long, float[]> f = MitBihBeats.rrFeatures(peaks, 100.0);
    // beat 3 (sample 250): pre 0.5, post 1.5, local = mean of all 4 RR = 1.0
    // -> pre/avg-1 = -0.5, post/avg-1 = 0.5, local/avg-1 = 0, pre/local-1 = -0.5
    assertArrayEquals(new float[] {-0.5f, 0.5f, 0f, -0.5f}, f.get(250L), 1e-6f);
    // beat 0: pre = its post = 1.0 -> 0, 0, 0, 0
    assertArrayEquals(new float[] {0f, 0f, 0f, 0f}, f.get(0L), 1e-6f);
  }

  @Test
  void rrEncodingIsClipped() {
    // RR 0.2 s then 5 s: average 2.6; post of beat 1 = 5/2.6 - 1 = 0.923; pre/local of beat 2
    // = 5/2.6 - 1 (local = 2.6) and post = pre for the last beat
    long[] peaks = {0, 20, 520};
    Map<Long, float[]> f = MitBihBeats.rrFeatures(peaks, 100.0);
    float[] last = f.get(520L);
    assertEquals(5 / 2.6 - 1, last[0], 1e-6);
    for (float[] v : f.values()) {
      for (float x : v) {
        assertTrue(x >= -1 && x <= 1, "clipped to [-1, 1]: " + x);
      }
    }
  }

  @Test
  void fewerThanTwoPeaksGiveNoFeatures() {
    assertTrue(MitBihBeats.rrFeatures(new long[] {5}, 360.0).isEmpty());
  }

  @Test
  void slotsAreTheLastFourSamples() {
    assertEquals(183, MitBihBeats.RR_OFFSET);
    assertEquals(187, MitBihBeats.LENGTH);
  }
}
