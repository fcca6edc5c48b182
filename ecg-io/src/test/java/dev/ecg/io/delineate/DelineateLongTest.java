package dev.ecg.io.delineate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.testdata.SyntheticPqrst;
import org.junit.jupiter.api.Test;

/** {@link DwtDelineator#delineateLong} on recordings longer than one call may take. */
class DelineateLongTest {
  static final double FS = 250;

  static double[] synthetic(int n, double rr, int[][] rOut) {
    return SyntheticPqrst.signal(n, FS, rr, DwtDelineatorTest.FIRST, rOut);
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
        double want = r[0][b] + (w == Wave.P_PEAK ? SyntheticPqrst.P_AT
            : SyntheticPqrst.T_AT) * FS;
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
