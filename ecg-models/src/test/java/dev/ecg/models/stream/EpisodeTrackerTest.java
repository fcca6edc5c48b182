package dev.ecg.models.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hysteresis on hand-made window probabilities (60 s windows every 30 s). */
class EpisodeTrackerTest {

  static List<EcgMonitor.Episode> run(EpisodeTracker t, double... p) {
    List<EcgMonitor.Episode> out = new ArrayList<>();
    for (int k = 0; k < p.length; k++) {
      t.window(30.0 * k, p[k], k).forEach(e -> out.add((EcgMonitor.Episode) e));
    }
    t.close(30.0 * (p.length - 1) + 60, p.length).forEach(e -> out.add((EcgMonitor.Episode) e));
    return out;
  }

  @Test
  void startsAfterConfirmAndEndsAfterConfirm() {
    EpisodeTracker t = new EpisodeTracker("A", 0.5, 0.35, 2, 60, 30);
    // windows at 0, 30, ..., 240 s
    List<EcgMonitor.Episode> e = run(t, 0.1, 0.6, 0.9, 0.4, 0.8, 0.2, 0.1, 0.1, 0.1);
    assertEquals(2, e.size());
    EcgMonitor.Episode start = e.get(0);
    assertTrue(start.ongoing());
    // window 30 s, after a window without AF: its centre slot starts at 30 + (60 - 30) / 2
    assertEquals(45, start.onset(), 1e-12);
    assertTrue(Double.isNaN(start.offset()));
    assertEquals(2, start.emittedAtSample()); // confirmed by the second window
    EcgMonitor.Episode end = e.get(1);
    assertFalse(end.ongoing());
    assertEquals(45, end.onset(), 1e-12);
    // 0.4 stays above off; 0.2 at 150 s and 0.1 at 180 s close it at the 150 s window's slot
    assertEquals(165, end.offset(), 1e-12);
    assertEquals((0.6 + 0.9 + 0.4 + 0.8) / 4, end.meanProbability(), 1e-12);
  }

  @Test
  void aSingleWindowIsNoEpisode() {
    EpisodeTracker t = new EpisodeTracker("A", 0.5, 0.35, 2, 60, 30);
    assertEquals(List.of(), run(t, 0.1, 0.9, 0.1, 0.9, 0.2));
  }

  @Test
  void oneDipBelowOffDoesNotEndIt() {
    EpisodeTracker t = new EpisodeTracker("A", 0.5, 0.35, 2, 60, 30);
    List<EcgMonitor.Episode> e = run(t, 0.9, 0.9, 0.1, 0.9, 0.9);
    assertEquals(2, e.size());
    assertEquals(0, e.get(1).onset(), 1e-12); // the first window of the signal: no shift
    assertEquals(4 * 30 + 60, e.get(1).offset(), 1e-12); // open at the end: the signal's end
  }

  @Test
  void skippedWindowsCountAsBelowOffAndEndsDuringAClosingRunUseItsSlot() {
    EpisodeTracker t = new EpisodeTracker("~", 0.5, 0.35, 3, 60, 30);
    List<EcgMonitor.Episode> e = run(t, 0.7, 0.8, 0.9, Double.NaN, Double.NaN);
    assertEquals(2, e.size());
    assertEquals(0, e.get(0).onset(), 1e-12);
    assertEquals(90 + 15, e.get(1).offset(), 1e-12);
  }

  @Test
  void aRestartForgetsTheEarlierWindow() {
    EpisodeTracker t = new EpisodeTracker("A", 0.5, 0.35, 1, 30, 10);
    assertEquals(List.of(), t.window(0, 0.1, 0));
    t.restart();
    EcgMonitor.Episode e = (EcgMonitor.Episode) t.window(100, 0.9, 1).get(0);
    assertEquals(100, e.onset(), 1e-12);
    t.close(130, 2);
    assertEquals(List.of(), t.window(140, 0.1, 3));
    e = (EcgMonitor.Episode) t.window(150, 0.9, 4).get(0);
    assertEquals(150 + 10, e.onset(), 1e-12);
  }
}
