package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.core.EcgArgumentException;
import org.junit.jupiter.api.Test;

/** Hand-derived checks of the Pan-Tompkins building blocks. */
class QrsEnhanceTest {
  @Test
  void fivePointDerivativeIsExactForLines() {
    double fs = 200;
    double[] x = new double[50];
    for (int i = 0; i < x.length; i++) {
      x[i] = 3.0 * i / fs + 1; // slope 3 units per second
    }
    double[] d = Derivative.fivePoint(x, fs);
    for (int i = 2; i < x.length - 2; i++) {
      assertEquals(3.0, d[i], 1e-9);
    }
    // edge (i = 0): fs/8 * (-x0 - 2 x0 + 2 x1 + x2) = fs/8 * (2*1 + 2) * (3/fs) = 1.5
    assertEquals(1.5, d[0], 1e-9);
  }

  @Test
  void diffSquareAndIntegration() {
    assertArrayEquals(new double[] {1, 2, -4}, Derivative.diff(new double[] {0, 1, 3, -1}));
    assertArrayEquals(new double[] {4, 0, 9}, QrsEnhance.square(new double[] {-2, 0, 3}));
    // window 3, zeros before the start: (1)/3, (1+2)/3, (1+2+3)/3, (2+3+4)/3
    assertArrayEquals(new double[] {1 / 3.0, 1, 2, 3},
        MovingAverage.causal(new double[] {1, 2, 3, 4}, 3), 1e-12);
    // centred window 3, ends repeated: (1+1+2)/3, (1+2+3)/3, (2+3+4)/3, (3+4+4)/3
    assertArrayEquals(new double[] {4 / 3.0, 2, 3, 11 / 3.0},
        MovingAverage.centered(new double[] {1, 2, 3, 4}, 3), 1e-12);
  }

  @Test
  void longIntegrationStaysAccurate() {
    int n = 20000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 1e6 + (i % 7);
    }
    double[] y = QrsEnhance.movingWindowIntegration(x, 7);
    for (int i = 6; i < n; i++) {
      assertEquals(1e6 + 3, y[i], 1e-6);
    }
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(EcgArgumentException.class, () -> Derivative.fivePoint(new double[3], 0));
    assertThrows(EcgArgumentException.class, () -> MovingAverage.causal(new double[3], 0));
    assertThrows(EcgArgumentException.class, () -> MovingAverage.centered(new double[3], 2));
    assertThrows(NanInputException.class,
        () -> QrsEnhance.square(new double[] {0, Double.NaN}));
  }
}
