package dev.ecg.io.delineate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.dsp.NanInputException;
import dev.ecg.io.dsp.SignalTooShortException;
import org.junit.jupiter.api.Test;

/**
 * {@link DwtDelineator} on a synthetic ECG whose wave positions are known by construction, and on
 * hostile input. The match with NeuroKit2 is in {@link DwtDelineatorGoldenTest}.
 */
class DwtDelineatorTest {
  static final double FS = 360;
  static final double RR = 0.8;
  static final double FIRST = 0.6;
  // wave centres relative to R, in seconds, with amplitude (mV) and width (s)
  static final double P_AT = -0.17;
  static final double Q_AT = -0.03;
  static final double S_AT = 0.03;
  static final double T_AT = 0.30;

  /** Sum of Gaussian waves: P, Q, R, S, T every 0.8 s (75 bpm), first R at 0.6 s. */
  static double[] synthetic(int n, int[] rOut) {
    double[] x = new double[n];
    int beats = 0;
    for (double c = FIRST; c < n / FS; c += RR) {
      rOut[beats++] = (int) Math.round(c * FS);
      for (int i = 0; i < n; i++) {
        double t = i / FS - c;
        x[i] += 0.15 * g(t, P_AT, 0.02) - 0.15 * g(t, Q_AT, 0.008) + 1.2 * g(t, 0, 0.01)
            - 0.3 * g(t, S_AT, 0.01) + 0.35 * g(t, T_AT, 0.045);
      }
    }
    return x;
  }

  private static double g(double t, double mu, double sd) {
    double z = (t - mu) / sd;
    return Math.exp(-0.5 * z * z);
  }

  @Test
  void findsTheWavesOfASyntheticEcg() {
    int n = (int) (10 * FS);
    int[] rBuf = new int[64];
    double[] x = synthetic(n, rBuf);
    int beats = 0;
    while (rBuf[beats] > 0) {
      beats++;
    }
    int[] r = java.util.Arrays.copyOf(rBuf, beats);
    Delineation d = DwtDelineator.delineate(x, r, FS);
    assertEquals(beats, d.beats());
    for (int b = 0; b < beats; b++) {
      int rb = r[b];
      near(d, Wave.P_PEAK, b, rb + P_AT * FS, 0.015);
      near(d, Wave.T_PEAK, b, rb + T_AT * FS, 0.015);
      near(d, Wave.Q_PEAK, b, rb + Q_AT * FS, 0.006);
      near(d, Wave.S_PEAK, b, rb + S_AT * FS, 0.006);
      ordered(d, b, Wave.P_ONSET, Wave.P_PEAK, Wave.P_OFFSET, Wave.QRS_ONSET);
      ordered(d, b, Wave.QRS_ONSET, Wave.Q_PEAK);
      ordered(d, b, Wave.S_PEAK, Wave.QRS_OFFSET, Wave.T_ONSET, Wave.T_PEAK, Wave.T_OFFSET);
    }
    BeatIntervals iv = d.intervals();
    // P starts about 2.5 sd before its centre (-0.17 s), QRS about 2.5 sd before Q (-0.03 s)
    assertTrue(iv.medianPrMs() > 90 && iv.medianPrMs() < 190, "PR " + iv.medianPrMs());
    assertTrue(iv.medianQrsMs() > 40 && iv.medianQrsMs() < 130, "QRS " + iv.medianQrsMs());
    assertTrue(iv.medianQtMs() > 330 && iv.medianQtMs() < 480, "QT " + iv.medianQtMs());
  }

  private static void near(Delineation d, Wave w, int beat, double want, double tolS) {
    assertTrue(d.point(w, beat).isPresent(), w + " of beat " + beat + " absent");
    int got = d.point(w, beat).getAsInt();
    assertEquals(want, got, tolS * FS, w + " of beat " + beat);
  }

  private static void ordered(Delineation d, int beat, Wave... waves) {
    int prev = -1;
    for (Wave w : waves) {
      assertTrue(d.point(w, beat).isPresent(), w + " of beat " + beat + " absent");
      int v = d.point(w, beat).getAsInt();
      assertTrue(v > prev, w + " of beat " + beat + " at " + v + " not after " + prev);
      prev = v;
    }
  }

  @Test
  void beatsAtTheEdgesGiveAbsentPointsNotErrors() {
    int n = (int) (4 * FS);
    int[] rBuf = new int[8];
    double[] x = synthetic(n, rBuf);
    // a beat 20 samples from the start (no room for its P search) and one 10 samples from the end
    int[] r = {20, rBuf[0], rBuf[1], rBuf[2], n - 10};
    Delineation d = DwtDelineator.delineate(x, r, FS);
    assertTrue(d.point(Wave.P_PEAK, 0).isEmpty());
    assertTrue(d.point(Wave.P_ONSET, 0).isEmpty());
    assertTrue(d.point(Wave.QRS_ONSET, 0).isEmpty());
    assertTrue(d.point(Wave.T_PEAK, 4).isEmpty());
    assertTrue(d.point(Wave.QRS_OFFSET, 4).isEmpty());
    assertTrue(d.point(Wave.P_PEAK, 2).isPresent());
    for (Wave w : Wave.values()) {
      for (int v : d.points(w)) {
        assertTrue(v == Delineation.ABSENT || (v >= 0 && v < n), w + " at " + v);
      }
    }
  }

  @Test
  void otherSamplingRates() {
    // the same synthetic beats at 500 Hz and 250 Hz give points at the same times
    for (double fs : new double[] {250, 500}) {
      int n = (int) (8 * fs);
      double[] x = new double[n];
      int[] r = new int[16];
      int beats = 0;
      for (double c = FIRST; c < n / fs; c += RR) {
        r[beats++] = (int) Math.round(c * fs);
        for (int i = 0; i < n; i++) {
          double t = i / fs - c;
          x[i] += 0.15 * g(t, P_AT, 0.02) + 1.2 * g(t, 0, 0.01) + 0.35 * g(t, T_AT, 0.045);
        }
      }
      Delineation d = DwtDelineator.delineate(x, java.util.Arrays.copyOf(r, beats), fs);
      for (int b = 1; b < beats - 1; b++) {
        assertEquals(r[b] + P_AT * fs, d.point(Wave.P_PEAK, b).orElse(-999), 0.015 * fs,
            "P at " + fs + " Hz beat " + b);
        assertEquals(r[b] + T_AT * fs, d.point(Wave.T_PEAK, b).orElse(-999), 0.015 * fs,
            "T at " + fs + " Hz beat " + b);
      }
    }
  }

  @Test
  void hostileInputs() {
    double[] x = new double[720];
    int[] r = {200, 500};
    assertThrows(EcgArgumentException.class, () -> DwtDelineator.delineate(null, r, FS));
    assertThrows(EcgArgumentException.class, () -> DwtDelineator.delineate(x, null, FS));
    assertThrows(EcgArgumentException.class, () -> DwtDelineator.delineate(x, r, 0));
    assertThrows(EcgArgumentException.class, () -> DwtDelineator.delineate(x, r, Double.NaN));
    assertThrows(EcgArgumentException.class, () -> DwtDelineator.delineate(x, r, 4000));
    assertThrows(SignalTooShortException.class,
        () -> DwtDelineator.delineate(new double[100], new int[] {10, 60}, FS));
    assertThrows(EcgArgumentException.class,
        () -> DwtDelineator.delineate(x, new int[] {200}, FS), "one peak gives no rate");
    assertThrows(EcgArgumentException.class, () -> DwtDelineator.delineate(x, new int[0], FS));
    EcgArgumentException e = assertThrows(EcgArgumentException.class,
        () -> DwtDelineator.delineate(x, new int[] {500, 200}, FS));
    assertTrue(e.getMessage().contains("increasing"), e.getMessage());
    assertThrows(EcgArgumentException.class,
        () -> DwtDelineator.delineate(x, new int[] {200, 200, 500}, FS), "duplicate");
    e = assertThrows(EcgArgumentException.class,
        () -> DwtDelineator.delineate(x, new int[] {200, 720}, FS));
    assertTrue(e.getMessage().contains("outside"), e.getMessage());
    assertThrows(EcgArgumentException.class,
        () -> DwtDelineator.delineate(x, new int[] {-1, 200}, FS));
    double[] nan = x.clone();
    nan[300] = Double.NaN;
    assertEquals(300, assertThrows(NanInputException.class,
        () -> DwtDelineator.delineate(nan, r, FS)).index());
    int tooLong = (int) (DwtDelineator.MAX_ANALYSIS_SAMPLES / 2000.0 * 50) + 50;
    e = assertThrows(EcgArgumentException.class,
        () -> DwtDelineator.delineate(new double[tooLong], r, 50));
    assertTrue(e.getMessage().contains("pieces"), e.getMessage());
    // a median rate of 6 bpm needs a level beyond the 9-level transform
    double[] slow = new double[50 * 30];
    e = assertThrows(EcgArgumentException.class,
        () -> DwtDelineator.delineate(slow, new int[] {10, 10 + 50 * 10, 10 + 50 * 20}, 50));
    assertTrue(e.getMessage().contains("heart rate"), e.getMessage());
  }

  @Test
  void flatSignalGivesAbsentWavePoints() {
    Delineation d = DwtDelineator.delineate(new double[720], new int[] {200, 500}, FS);
    assertEquals(0, d.count(Wave.T_PEAK));
    assertEquals(0, d.count(Wave.P_PEAK));
    assertEquals(0, d.count(Wave.Q_PEAK));
  }

  @Test
  void truncatedLog2LikeNumpy() {
    assertEquals(2, DwtDelineator.truncatedLog2(6.4));
    assertEquals(2, DwtDelineator.truncatedLog2(4.0));
    assertEquals(1, DwtDelineator.truncatedLog2(Math.nextDown(4.0)));
    assertEquals(0, DwtDelineator.truncatedLog2(1.0));
    assertEquals(0, DwtDelineator.truncatedLog2(0.75));
    assertEquals(-1, DwtDelineator.truncatedLog2(0.5));
    assertEquals(-1, DwtDelineator.truncatedLog2(0.3));
    assertEquals(0.162, DwtDelineator.round3(0.16225), 0.0);
    assertEquals(0.2, DwtDelineator.round3(0.2), 0.0);
  }
}
