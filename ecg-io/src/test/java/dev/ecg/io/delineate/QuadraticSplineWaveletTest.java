package dev.ecg.io.delineate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.dsp.NanInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link QuadraticSplineWavelet}: a NumPy convolution reference and a hand-computed impulse. */
class QuadraticSplineWaveletTest {

  @Test
  void matchesNumpyConvolutionReference() {
    Map<String, double[]> fix = DelineateFixtures.load("wavelet.txt");
    double[] x = DelineateFixtures.get(fix, "x");
    double[] shape = DelineateFixtures.get(fix, "w.shape");
    double[] want = DelineateFixtures.get(fix, "w");
    int levels = (int) shape[0];
    double[][] got = QuadraticSplineWavelet.transform(x, levels);
    assertEquals(levels, got.length);
    for (int j = 0; j < levels; j++) {
      assertEquals(x.length, got[j].length);
      double scale = 0;
      for (int k = 0; k < x.length; k++) {
        scale = Math.max(scale, Math.abs(want[j * x.length + k]));
      }
      for (int k = 0; k < x.length; k++) {
        assertEquals(want[j * x.length + k], got[j][k], 1e-12 * scale, "level " + j + " k " + k);
      }
    }
  }

  @Test
  void impulseResponseByHand() {
    // x = delta at 10. Level 0: W0[k] = 2 x[k+1] - 2 x[k] -> +2 at 9, -2 at 10.
    // A1 = (x[k+1] + 3x[k] + 3x[k-1] + x[k-2]) / 8 -> 1/8, 3/8, 3/8, 1/8 at 9, 10, 11, 12.
    // Level 1: W1[k] = 2 A1[k+2] - 2 A1[k].
    double[] x = new double[24];
    x[10] = 1.0;
    double[][] w = QuadraticSplineWavelet.transform(x, 2);
    double[] w0 = new double[24];
    w0[9] = 2;
    w0[10] = -2;
    assertArrayEquals(w0, w[0], 0.0);
    double[] a1 = new double[30];
    a1[9] = 0.125;
    a1[10] = 0.375;
    a1[11] = 0.375;
    a1[12] = 0.125;
    double[] w1 = new double[24];
    for (int k = 0; k < 24; k++) {
      w1[k] = 2 * a1[k + 2] - 2 * a1[k];
    }
    assertArrayEquals(w1, w[1], 1e-15);
    assertEquals(0.25, w[1][7], 1e-15); // 2 * A1[9]
    assertEquals(-0.25, w[1][12], 1e-15); // -2 * A1[12]
  }

  @Test
  void selectedLevelsEqualTheFullTransform() {
    double[] x = new double[300];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(i * 0.05) + 0.3 * Math.cos(i * 0.31);
    }
    double[][] all = QuadraticSplineWavelet.transform(x, 9);
    double[][] some = QuadraticSplineWavelet.details(x, new int[] {5, 4, 5});
    assertArrayEquals(all[5], some[0], 0.0);
    assertArrayEquals(all[4], some[1], 0.0);
    assertArrayEquals(all[5], some[2], 0.0);
  }

  @Test
  void hostileInputs() {
    assertThrows(EcgArgumentException.class, () -> QuadraticSplineWavelet.transform(null, 3));
    assertThrows(EcgArgumentException.class,
        () -> QuadraticSplineWavelet.transform(new double[0], 3));
    assertThrows(EcgArgumentException.class,
        () -> QuadraticSplineWavelet.transform(new double[4], 0));
    assertThrows(EcgArgumentException.class,
        () -> QuadraticSplineWavelet.transform(new double[4], QuadraticSplineWavelet.MAX_LEVELS + 1));
    assertThrows(NanInputException.class,
        () -> QuadraticSplineWavelet.transform(new double[] {0, Double.POSITIVE_INFINITY}, 2));
  }
}
