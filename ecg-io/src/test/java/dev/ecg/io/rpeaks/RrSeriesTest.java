package dev.ecg.io.rpeaks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RR and NN series from hand-made annotations; expected values worked out by hand. */
class RrSeriesTest {
  static final double FS = 360;

  // beats at 100 (N), 460 (N), 700 (V), 1060 (N), 1420 (N), 1700 (A), 2000 (L); a rhythm change
  // '+' at 500 and noise '~' at 1500 are not beats
  static final List<Annotation> ANN = List.of(Annotation.of(100, "N"), Annotation.of(460, "N"),
      Annotation.of(500, "+"), Annotation.of(700, "V"), Annotation.of(1060, "N"),
      Annotation.of(1420, "N"), Annotation.of(1500, "~"), Annotation.of(1700, "A"),
      Annotation.of(2000, "L"));

  @Test
  void intervalsAndTimesFollowAnn2rr() {
    RrSeries s = RrSeries.fromAnnotations(ANN, FS);
    assertEquals(6, s.size());
    assertArrayEquals(new long[] {100, 460, 700, 1060, 1420, 1700}, s.startSamples());
    assertArrayEquals(new long[] {460, 700, 1060, 1420, 1700, 2000}, s.endSamples());
    // (end - start) / 360 * 1000: 360 -> 1000 ms, 240 -> 666.67, 280 -> 777.78, 300 -> 833.33
    assertArrayEquals(new double[] {1000, 240 / 360.0 * 1000, 1000, 1000, 280 / 360.0 * 1000,
        300 / 360.0 * 1000}, s.intervalsMs(), 1e-12);
    assertEquals(100 / 360.0, s.startTimesS()[0], 1e-15);
    assertEquals(2000 / 360.0, s.endTimesS()[5], 1e-15);
    assertArrayEquals(new String[] {"N", "N", "V", "N", "N", "A", "L"}, s.beatSymbols());
  }

  @Test
  void nnDropsEveryIntervalTouchingAnAbnormalBeat() {
    RrSeries s = RrSeries.fromAnnotations(ANN, FS);
    // N-N yes, N-V no, V-N no, N-N yes, N-A no, A-L no (L is AAMI N, A is S)
    assertArrayEquals(new boolean[] {true, false, false, true, false, false}, s.isNN());
    assertEquals(2, s.nnCount());
    assertArrayEquals(new double[] {1000, 1000}, s.nnIntervalsMs(), 1e-12);
    assertArrayEquals(new double[] {460 / 360.0, 1420 / 360.0}, s.nnEndTimesS(), 1e-15);
  }

  @Test
  void normalRuleCanBeStricter() {
    List<Annotation> a = List.of(Annotation.of(0, "N"), Annotation.of(300, "L"),
        Annotation.of(600, "N"), Annotation.of(900, "N"));
    assertEquals(3, RrSeries.fromAnnotations(a, FS).nnCount());
    RrSeries strict = RrSeries.fromAnnotations(a, FS, "N"::equals);
    assertArrayEquals(new boolean[] {false, false, true}, strict.isNN());
  }

  @Test
  void unlabelledPeaksAreAllNormal() {
    RrSeries s = RrSeries.fromPeaks(new int[] {0, 360, 720, 1000}, FS);
    assertEquals(3, s.nnCount());
    assertArrayEquals(new double[] {1000, 1000, 280 / 360.0 * 1000}, s.nnIntervalsMs(), 1e-12);
  }

  @Test
  void badInputIsRefusedWithTheProblemNamed() {
    assertTrue(assertThrows(EcgArgumentException.class,
        () -> RrSeries.fromPeaks(new int[] {5}, FS)).getMessage().contains("at least 2"));
    assertTrue(assertThrows(EcgArgumentException.class,
        () -> RrSeries.fromPeaks(new int[] {5, 5, 9}, FS)).getMessage().contains("increasing"));
    assertTrue(assertThrows(EcgArgumentException.class,
        () -> RrSeries.fromPeaks(new int[] {5, 9}, -1)).getMessage().contains("fs"));
    assertTrue(assertThrows(EcgArgumentException.class,
        () -> RrSeries.fromAnnotations(List.of(Annotation.of(10, "N"), Annotation.of(20, "+")),
            FS)).getMessage().contains("at least 2"));
    assertThrows(EcgArgumentException.class, () -> RrSeries.fromAnnotations(
        List.of(Annotation.of(10, "N"), Annotation.of(10, "V")), FS));
  }
}
