package dev.ecg.io.delineate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link BeatIntervals} on hand-computed beats at 500 Hz (2 ms per sample). */
class BeatIntervalsTest {
  private static final int A = Delineation.ABSENT;

  /**
   * Beat 0: P on 150, QRS 200-240, T off 400: PR 100 ms, QRS 80 ms, QT 400 ms, no RR.
   * Beat 1: P on 540, QRS 590-640, T off 800, RR 400 samples = 0.8 s: PR 100, QRS 100, QT 420.
   * Beat 2: no P, QRS onset 950 after its offset 930, T off 1150, RR 0.7 s: QT 400, PR and QRS NaN.
   */
  private static Delineation hand() {
    Map<Wave, int[]> p = new EnumMap<>(Wave.class);
    p.put(Wave.P_ONSET, new int[] {150, 540, A});
    p.put(Wave.QRS_ONSET, new int[] {200, 590, 950});
    p.put(Wave.QRS_OFFSET, new int[] {240, 640, 930});
    p.put(Wave.T_OFFSET, new int[] {400, 800, 1150});
    return Delineation.of(500, new int[] {250, 650, 1000}, p);
  }

  @Test
  void perBeatIntervals() {
    BeatIntervals b = hand().intervals();
    assertEquals(3, b.beats());
    double[] pr = b.prMs();
    assertEquals(100, pr[0], 1e-12);
    assertEquals(100, pr[1], 1e-12);
    assertTrue(Double.isNaN(pr[2]), "absent P onset");
    double[] qrs = b.qrsMs();
    assertEquals(80, qrs[0], 1e-12);
    assertEquals(100, qrs[1], 1e-12);
    assertTrue(Double.isNaN(qrs[2]), "offset before onset");
    double[] qt = b.qtMs();
    assertEquals(400, qt[0], 1e-12);
    assertEquals(420, qt[1], 1e-12);
    assertEquals(400, qt[2], 1e-12);
    double[] rr = b.rrMs();
    assertTrue(Double.isNaN(rr[0]));
    assertEquals(800, rr[1], 1e-12);
    assertEquals(700, rr[2], 1e-12);
  }

  @Test
  void correctedQt() {
    BeatIntervals b = hand().intervals();
    // 420 / sqrt(0.8), 420 / 0.8^(1/3), 420 + 154 * 0.2; 400 / sqrt(0.7), 400 / 0.7^(1/3), 400 + 154 * 0.3
    assertTrue(Double.isNaN(b.qtcBazettMs()[0]), "first beat has no RR");
    assertEquals(469.5742752749558, b.qtcBazettMs()[1], 1e-9);
    assertEquals(452.43128490669557, b.qtcFridericiaMs()[1], 1e-9);
    assertEquals(450.8, b.qtcFraminghamMs()[1], 1e-9);
    assertEquals(478.09144373375744, b.qtcBazettMs()[2], 1e-9);
    assertEquals(450.49915217744245, b.qtcFridericiaMs()[2], 1e-9);
    assertEquals(446.2, b.qtcFraminghamMs()[2], 1e-9);
  }

  @Test
  void medians() {
    BeatIntervals b = hand().intervals();
    assertEquals(100, b.medianPrMs(), 1e-12);
    assertEquals(90, b.medianQrsMs(), 1e-12);
    assertEquals(400, b.medianQtMs(), 1e-12);
    assertEquals(750, b.medianRrMs(), 1e-12);
    assertEquals(473.83285950435663, b.medianQtcBazettMs(), 1e-9);
    assertEquals(451.465218542069, b.medianQtcFridericiaMs(), 1e-9);
    assertEquals(448.5, b.medianQtcFraminghamMs(), 1e-9);
  }

  @Test
  void allAbsentGivesNaN() {
    BeatIntervals b = Delineation.of(360, new int[] {100}, Map.of()).intervals();
    assertTrue(Double.isNaN(b.medianPrMs()));
    assertTrue(Double.isNaN(b.medianQtcBazettMs()));
    assertTrue(Double.isNaN(b.medianRrMs()));
  }

  @Test
  void delineationChecksItsInput() {
    assertThrows(EcgArgumentException.class, () -> BeatIntervals.of(null));
    assertThrows(EcgArgumentException.class, () -> Delineation.of(0, new int[] {1}, Map.of()));
    assertThrows(EcgArgumentException.class,
        () -> Delineation.of(360, new int[] {5, 5}, Map.of()));
    assertThrows(EcgArgumentException.class,
        () -> Delineation.of(360, new int[] {5, 9}, Map.of(Wave.T_PEAK, new int[] {1})));
    assertThrows(EcgArgumentException.class,
        () -> Delineation.of(360, new int[] {5, 9}, Map.of(Wave.T_PEAK, new int[] {1, -2})));
    Delineation d = hand();
    assertThrows(EcgArgumentException.class, () -> d.point(Wave.P_PEAK, 3));
    assertTrue(d.point(Wave.P_ONSET, 2).isEmpty());
    assertEquals(540, d.point(Wave.P_ONSET, 1).getAsInt());
    assertEquals(0, d.count(Wave.T_PEAK));
    assertEquals(2, d.count(Wave.P_ONSET));
  }
}
