package dev.ecg.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Summary values worked by hand. */
class ClassificationResultTest {

  static BeatPrediction beat(long sample, double fs, float pN, float pV) {
    return new BeatPrediction(sample, sample / fs,
        Prediction.of(new float[] {pN, 0f, pV}, List.of("N", "S", "V")));
  }

  @Test
  void summaryCountsAndHeartRate() {
    // beats at 0, 300, 600, 1000 samples at 250 Hz: 3 intervals over 4 s -> 45 bpm
    ClassificationResult r = new ClassificationResult("rec", 250, 2500, true,
        List.of("N", "S", "V"), List.of(beat(0, 250, 0.9f, 0.1f), beat(300, 250, 0.2f, 0.8f),
            beat(600, 250, 0.7f, 0.3f), beat(1000, 250, 0.6f, 0.4f)));
    ClassificationResult.Summary s = r.summary();
    assertEquals(Map.of("N", 3, "S", 0, "V", 1), s.counts());
    assertEquals(List.of("N", "S", "V"), List.copyOf(s.counts().keySet()));
    assertEquals(45.0, s.meanHeartRate().orElseThrow(), 1e-12);
    assertEquals(10.0, s.durationSeconds(), 1e-12);
    assertEquals(4, s.windows());
    assertEquals("V", r.get(1).label());
    assertEquals(0.8, r.get(1).probability(), 1e-6);
    assertEquals("rec: 4 beats in 10.0 s, mean HR 45.0 bpm, N=3 S=0 V=1", s.toString());
    assertThrows(UnsupportedOperationException.class, () -> r.add(beat(5, 250, 1, 0)));
  }

  @Test
  void noHeartRateWithoutBeats() {
    ClassificationResult whole = new ClassificationResult("rec", 250, 2500, false,
        List.of("N", "S", "V"), List.of(beat(0, 250, 0.9f, 0.1f)));
    assertFalse(whole.summary().meanHeartRate().isPresent());
    ClassificationResult one = new ClassificationResult("rec", 250, 2500, true,
        List.of("N", "S", "V"), List.of(beat(10, 250, 0.9f, 0.1f)));
    assertFalse(one.summary().meanHeartRate().isPresent());
  }
}
