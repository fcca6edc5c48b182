package dev.ecg.io.delineate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link DwtDelineator#delineateLong} on recordings longer than one call may take. */
class DelineateLongTest {
  static final double FS = 250;

  /** The waves of {@link DwtDelineatorTest#synthetic}, each beat drawn only near its centre. */
  static double[] synthetic(int n, double rr, int[][] rOut) {
    double[] x = new double[n];
    int[] r = new int[(int) (n / FS / rr) + 2];
    int beats = 0;
    for (double c = DwtDelineatorTest.FIRST; c < n / FS - 0.5; c += rr) {
      r[beats++] = (int) Math.round(c * FS);
      int from = Math.max(0, (int) ((c - 0.6) * FS));
      int to = Math.min(n, (int) ((c + 0.7) * FS));
      for (int i = from; i < to; i++) {
        double t = i / FS - c;
        x[i] += 0.15 * g(t, DwtDelineatorTest.P_AT, 0.02) - 0.15 * g(t, DwtDelineatorTest.Q_AT,
            0.008) + 1.2 * g(t, 0, 0.01) - 0.3 * g(t, DwtDelineatorTest.S_AT, 0.01)
            + 0.35 * g(t, DwtDelineatorTest.T_AT, 0.045);
      }
    }
    rOut[0] = Arrays.copyOf(r, beats);
    return x;
  }

  private static double g(double t, double mu, double sd) {
    double z = (t - mu) / sd;
    return Math.exp(-0.5 * z * z);
  }

  @Test
  void aThirtyMinuteRecordIsDelineatedInChunksWithEveryBeatFound() {
    int n = (int) (30 * 60 * FS);
    int[][] r = new int[1][];
    double[] x = synthetic(n, 0.8, r);
    // one call refuses it (over 20 min at the 2000 Hz analysis rate)
    assertThrows(EcgArgumentException.class, () -> DwtDelineator.delineate(x, r[0], FS));
    Delineation d = DwtDelineator.delineateLong(x, r[0], FS,
        DwtDelineator.DEFAULT_CHUNK_SECONDS);
    assertEquals(r[0].length, d.beats());
    assertArrayEquals(r[0], d.rPeaks());
    int far = 0;
    for (int b = 1; b < d.beats() - 1; b++) {
      for (Wave w : new Wave[] {Wave.P_PEAK, Wave.T_PEAK}) {
        double want = r[0][b] + (w == Wave.P_PEAK ? DwtDelineatorTest.P_AT
            : DwtDelineatorTest.T_AT) * FS;
        if (d.point(w, b).isEmpty() || Math.abs(d.point(w, b).getAsInt() - want) > 0.015 * FS) {
          far++;
        }
      }
    }
    assertEquals(0, far, "P or T peaks absent or more than 15 ms off, of " + 2 * d.beats());
  }

  @Test
  void aRecordThatFitsOneChunkGivesExactlyTheOneCallPoints() {
    int n = (int) (60 * FS);
    int[][] r = new int[1][];
    double[] x = synthetic(n, 0.9, r);
    Delineation one = DwtDelineator.delineate(x, r[0], FS);
    Delineation chunked = DwtDelineator.delineateLong(x, r[0], FS, 120);
    for (Wave w : Wave.values()) {
      assertArrayEquals(one.points(w), chunked.points(w), w.toString());
    }
    // 20 s chunks: the cubic-spline zoom starts at each chunk's first sample, so a point may
    // move by the one sample that truncating 2000 Hz back to 250 Hz allows
    Delineation small = DwtDelineator.delineateLong(x, r[0], FS, 20);
    int[] a = one.points(Wave.T_PEAK);
    int[] b = small.points(Wave.T_PEAK);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1, "T peak of beat " + i);
    }
  }

  @Test
  void chunkLengthIsChecked() {
    double[] x = new double[5000];
    int[] r = {100, 300};
    assertThrows(EcgArgumentException.class, () -> DwtDelineator.delineateLong(x, r, FS, 5));
    assertThrows(EcgArgumentException.class, () -> DwtDelineator.delineateLong(x, r, FS,
        Double.NaN));
    assertThrows(EcgArgumentException.class, () -> DwtDelineator.delineateLong(null, r, FS,
        60));
    assertTrue(DwtDelineator.DEFAULT_CHUNK_SECONDS >= 60);
  }
}
