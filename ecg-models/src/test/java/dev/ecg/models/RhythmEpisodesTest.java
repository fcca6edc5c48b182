package dev.ecg.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.core.EcgArgumentException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Episodes from overlapping window probabilities, on hand-made results. */
class RhythmEpisodesTest {
  private static final List<String> CLASSES = List.of("non-AF", "AF");

  /** Windows of 30 s every 10 s over {@code seconds} at 100 Hz, P(AF) given per window. */
  private static ClassificationResult result(double seconds, double... pAf) {
    List<BeatPrediction> b = new ArrayList<>();
    for (int w = 0; w < pAf.length; w++) {
      float p = (float) pAf[w];
      float[] probs = {1 - p, p};
      b.add(new BeatPrediction(w * 1000L, w * 10.0,
          new Prediction(p >= 0.5 ? "AF" : "non-AF", p >= 0.5 ? 1 : 0, probs, CLASSES)));
    }
    return new ClassificationResult("r", 100, Math.round(seconds * 100), true, CLASSES, b,
        List.of(), List.of());
  }

  @Test
  void slotsTakeTheMeanOfTheWindowsCoveringThem() {
    // 100 s, windows start at 0..70 s; windows 3, 4 and 5 (30-60, 40-70, 50-80 s) say AF.
    // Slot 50-60 s is covered by windows 3, 4, 5: mean 1. Slot 30-40 by windows 1, 2, 3:
    // mean 1/3. Slot 40-50 by windows 2, 3, 4: mean 2/3 -> AF from 40 to 70 s.
    ClassificationResult r = result(100, 0, 0, 0, 1, 1, 1, 0, 0);
    List<RhythmEpisodes.Episode> e = RhythmEpisodes.find(r, "AF", 0.5, 30, 10);
    assertEquals(1, e.size(), e.toString());
    assertEquals(40, e.get(0).onsetSeconds(), 1e-12);
    assertEquals(70, e.get(0).offsetSeconds(), 1e-12);
    assertEquals((2.0 / 3 + 1 + 2.0 / 3) / 3, e.get(0).meanProbability(), 1e-6);
  }

  @Test
  void twoEpisodesAndOneReachingTheEnd() {
    // 20 s record, windows of 10 s starting at 0, 10 and 20 s
    ClassificationResult r = result(20, 1, 0, 1);
    List<RhythmEpisodes.Episode> e = RhythmEpisodes.find(r, "AF", 0.5, 10, 10);
    // with hop 10 the starts are 0, 10, 20 s: slots 0-10 (window 0) and 10-20 (window 1)
    assertEquals(1, e.size(), e.toString());
    assertEquals(0, e.get(0).onsetSeconds(), 1e-12);
    assertEquals(10, e.get(0).offsetSeconds(), 1e-12);
    List<RhythmEpisodes.Episode> none = RhythmEpisodes.find(result(20, 0.2, 0.4), "AF", 0.5,
        10, 10);
    assertEquals(List.of(), none);
    List<RhythmEpisodes.Episode> all = RhythmEpisodes.find(result(25, 0.9, 0.8, 0.7), "AF",
        0.5, 10, 10);
    assertEquals(1, all.size());
    assertEquals(25, all.get(0).offsetSeconds(), 1e-12, "the last slot ends with the record");
  }

  @Test
  void badArgumentsAreRefused() {
    ClassificationResult r = result(100, 0, 1);
    assertThrows(EcgArgumentException.class, () -> RhythmEpisodes.find(r, "VT", 0.5, 30, 10));
    assertThrows(EcgArgumentException.class, () -> RhythmEpisodes.find(r, "AF", 0, 30, 10));
    assertThrows(EcgArgumentException.class, () -> RhythmEpisodes.find(r, "AF", 0.5, 30, 40));
  }
}
