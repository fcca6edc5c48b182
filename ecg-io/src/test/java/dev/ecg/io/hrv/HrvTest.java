package dev.ecg.io.hrv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed HRV values, input checks, NaN rules and the result type. */
class HrvTest {
  // fs = 1000: RR = 1000, 1100, 900, 1200 ms
  static final int[] PEAKS = {0, 1000, 2100, 3000, 4200};

  @Test
  void timeDomainByHand() {
    HrvResult r = Hrv.time(PEAKS, 1000);
    assertEquals(1050, r.meanNN(), 1e-12);
    // deviations -50, 50, -150, 150: sum of squares 50000, ddof 1
    assertEquals(Math.sqrt(50000 / 3.0), r.sdnn(), 1e-12);
    // differences 100, -200, 300
    assertEquals(Math.sqrt(140000 / 3.0), r.rmssd(), 1e-12);
    assertEquals(Math.sqrt((Math.pow(100 - 200 / 3.0, 2) + Math.pow(-200 - 200 / 3.0, 2)
        + Math.pow(300 - 200 / 3.0, 2)) / 2), r.sdsd(), 1e-9);
    // 3 of 3 differences exceed 50 ms, over 4 intervals
    assertEquals(75, r.pnn50(), 1e-12);
    assertEquals(75, r.pnn20(), 1e-12);
    assertEquals(1050, r.medianNN(), 1e-12);
    // sorted 900 1000 1100 1200: 20th percentile at index 0.6 -> 960; Q25 975, Q75 1125
    assertEquals(960, r.get("HRV_Prc20NN"), 1e-9);
    assertEquals(1140, r.get("HRV_Prc80NN"), 1e-9);
    assertEquals(150, r.get("HRV_IQRNN"), 1e-9);
    // |x - 1050| = 50 50 150 150, median 100
    assertEquals(148.26, r.get("HRV_MadNN"), 1e-9);
    assertEquals(900, r.get("HRV_MinNN"));
    assertEquals(1200, r.get("HRV_MaxNN"));
    // each interval in its own 7.8125 ms bin: HTI = 4 / 1
    assertEquals(4, r.hti(), 1e-12);
    // 4.2 s of data: fewer than 3 windows of 1, 2 or 5 minutes
    for (String c : List.of("HRV_SDANN1", "HRV_SDNNI1", "HRV_SDANN2", "HRV_SDNNI5")) {
      assertTrue(Double.isNaN(r.get(c)), c);
    }
  }

  @Test
  void sdannAndSdnniByHand() {
    // 90 s of 1000 ms intervals, then 90 s of 500 ms: 180 s, so 3 one-minute windows
    double[] rri = new double[90 + 180];
    for (int i = 0; i < rri.length; i++) {
      rri[i] = i < 90 ? 1000 : 500;
    }
    HrvResult r = Hrv.time(rri);
    // c = elapsed ms at the end of each interval. Window [0, 60 s) starts at the first c >= 0
    // (index 0) and uses indices before the last c < 60 s (index 58): 58 x 1000 ms. Window
    // [60, 120 s): indices 59 .. 147 = 31 x 1000 + 58 x 500. Window [120, 180 s): indices
    // 149 .. 267 = 119 x 500. (Each window loses its last interval, as in NeuroKit2.)
    double m2 = (31 * 1000 + 58 * 500) / 89.0;
    double mean = (1000 + m2 + 500) / 3;
    double sdann = Math.sqrt((Math.pow(1000 - mean, 2) + Math.pow(m2 - mean, 2)
        + Math.pow(500 - mean, 2)) / 2);
    assertEquals(sdann, r.get("HRV_SDANN1"), 1e-9);
    double sd2 = Math.sqrt((31 * Math.pow(1000 - m2, 2) + 58 * Math.pow(500 - m2, 2)) / 88);
    assertEquals(sd2 / 3, r.get("HRV_SDNNI1"), 1e-9);
  }

  @Test
  void shortSeriesGiveNaNNotErrors() {
    HrvResult r = Hrv.compute(new int[] {0, 800, 1650, 2400}, 1000);
    assertEquals(Hrv.columns(), r.columns());
    // 2.4 s of data: no PSD bin between fmin (about 2 Hz) and 0.5 Hz
    for (String c : List.of("HRV_ULF", "HRV_VLF", "HRV_LF", "HRV_HF", "HRV_VHF", "HRV_LFn")) {
      assertTrue(Double.isNaN(r.get(c)), c);
    }
    assertTrue(Double.isNaN(r.get("HRV_DFA_alpha2")), "alpha2 needs 130 beats");
    assertTrue(Double.isNaN(r.get("HRV_MSEn")), "multiscale entropy needs 24 intervals");
  }

  @Test
  void peaksAndIntervalsGiveTheSameResult() {
    int[] p = new int[200];
    for (int i = 1; i < p.length; i++) {
      p[i] = p[i - 1] + 300 + (i * 37) % 60;
    }
    HrvResult a = Hrv.compute(p, 360);
    HrvResult b = Hrv.compute(Hrv.rrIntervalsMs(p, 360));
    assertEquals(a.asMap(), b.asMap());
    assertEquals(a.asMap(), Hrv.time(p, 360).merge(Hrv.frequency(p, 360))
        .merge(Hrv.nonlinear(p, 360)).asMap());
  }

  @Test
  void columnsAreNeuroKit2NamesInOrder() {
    List<String> all = new ArrayList<>(Hrv.timeColumns());
    all.addAll(Hrv.frequencyColumns());
    all.addAll(Hrv.nonlinearColumns());
    assertEquals(all, Hrv.columns());
    assertEquals(25 + 10 + 60, all.size());
    assertEquals("HRV_MeanNN", all.get(0));
    assertEquals("HRV_Symbolic_EqualProb4_2UV", all.get(all.size() - 1));
  }

  @Test
  void jsonHoldsEveryColumnWithNullForNaN() {
    HrvResult r = Hrv.time(PEAKS, 1000);
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) JsonReader.parse(r.toJson());
    assertEquals(Hrv.timeColumns(), new ArrayList<>(m.keySet()));
    assertEquals(null, m.get("HRV_SDANN1"));
    assertEquals(1050.0, ((Number) m.get("HRV_MeanNN")).doubleValue());
  }

  @Test
  void missingColumnIsNamed() {
    HrvResult r = Hrv.time(PEAKS, 1000);
    EcgArgumentException e = assertThrows(EcgArgumentException.class, r::lf);
    assertTrue(e.getMessage().contains("HRV_LF") && e.getMessage().contains("time"),
        e.getMessage());
  }

  @Test
  void badInputIsRefusedWithTheProblemNamed() {
    assertTrue(assertThrows(EcgArgumentException.class, () -> Hrv.time(new int[] {0, 10}, 360))
        .getMessage().contains("at least 3"));
    assertTrue(assertThrows(EcgArgumentException.class,
        () -> Hrv.compute(new int[] {0, 10, 20}, 360)).getMessage().contains("at least 4"));
    assertTrue(assertThrows(EcgArgumentException.class,
        () -> Hrv.compute(new int[] {0, 10, 10, 20}, 360)).getMessage().contains("increasing"));
    assertTrue(assertThrows(EcgArgumentException.class,
        () -> Hrv.compute(new int[] {0, 10, 30, 20}, 360)).getMessage().contains("increasing"));
    for (double fs : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertTrue(assertThrows(EcgArgumentException.class, () -> Hrv.compute(PEAKS, fs))
          .getMessage().contains("fs"));
    }
    assertThrows(EcgArgumentException.class, () -> Hrv.compute((int[]) null, 360));
    assertThrows(EcgArgumentException.class,
        () -> Hrv.time(new double[] {800, Double.NaN, 900}));
    assertThrows(EcgArgumentException.class, () -> Hrv.time(new double[] {800, 0, 900}));
    // 3 days of intervals: more than the frequency domain's 2^24 interpolated samples
    assertTrue(assertThrows(EcgArgumentException.class,
        () -> Hrv.frequency(new double[] {8.64e7, 8.64e7, 8.64e7})).getMessage()
        .contains("split the recording"));
  }

  @Test
  void rrIntervalsUseNeuroKit2OperationOrder() {
    double[] rr = Hrv.rrIntervalsMs(new int[] {0, 281, 563}, 360);
    assertArrayEquals(new double[] {281 / 360.0 * 1000, 282 / 360.0 * 1000}, rr, 0.0);
  }

  @Test
  void degenerateSeriesGiveNumbersOrNaNButNeverThrow() {
    double[] constant = new double[300];
    java.util.Arrays.fill(constant, 800);
    double[] alternating = new double[300];
    for (int i = 0; i < alternating.length; i++) {
      alternating[i] = i % 2 == 0 ? 700 : 900;
    }
    for (double[] rri : List.of(constant, alternating, new double[] {800, 810, 790})) {
      HrvResult r = Hrv.compute(rri);
      assertEquals(Hrv.columns(), r.columns());
      assertTrue(r.toJson().startsWith("{\"HRV_MeanNN\":"));
    }
    HrvResult c = Hrv.compute(constant);
    assertEquals(0, c.sdnn());
    assertEquals(0, c.rmssd());
    assertEquals(1, c.hti(), 0.0); // all 300 intervals in one bin
    assertEquals(0, c.tinn(), 0.0);
    // r = 0 and every template matches exactly (distance 0 <= 0): SampEn = -ln(1) = 0
    assertEquals(0, c.sampEn(), 0.0);
    HrvResult a = Hrv.time(alternating);
    assertEquals(299.0 / 300 * 100, a.pnn50(), 0.0); // 299 differences of 200 ms, 300 intervals
  }
}
