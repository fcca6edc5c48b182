package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Windows against values of {@code scipy.signal.get_window} (periodic) and
 * {@code scipy.signal.windows.*(m, sym=True)}, written out by hand from their closed forms, and
 * the reuse of the last window made.
 */
class WindowTest {

  @Test
  void closedFormValues() {
    // scipy.signal.get_window('hann', 4) -> [0, 0.5, 1, 0.5]
    assertArrayEquals(new double[] {0, 0.5, 1, 0.5}, Window.HANN.periodic(4), 1e-15);
    // scipy.signal.windows.hann(5) -> [0, 0.5, 1, 0.5, 0]
    assertArrayEquals(new double[] {0, 0.5, 1, 0.5, 0}, Window.HANN.symmetric(5), 1e-15);
    // scipy.signal.get_window('hamming', 4) -> [0.08, 0.54, 1, 0.54]
    assertArrayEquals(new double[] {0.08, 0.54, 1, 0.54}, Window.HAMMING.periodic(4), 1e-15);
    // scipy.signal.windows.blackman(3) -> [0 (-1.4e-17), 1, 0]
    assertArrayEquals(new double[] {0, 1, 0}, Window.BLACKMAN.symmetric(3), 1e-15);
    assertArrayEquals(new double[] {1}, Window.HANN.periodic(1), 0);
  }

  @Test
  void aReturnedWindowIsTheCallersOwn() {
    double[] a = Window.HANN.symmetric(7);
    double[] expected = a.clone();
    a[3] = 42; // must not leak into the next call of the same length
    assertArrayEquals(expected, Window.HANN.symmetric(7), 0);
    double[] p = Window.HANN.periodic(6);
    p[0] = -1;
    assertEquals(0.0, Window.HANN.periodic(6)[0], 0);
  }

  @Test
  void alternatingLengthsGiveEachItsOwnWindow() {
    for (int round = 0; round < 3; round++) {
      for (int m : new int[] {5, 9, 5, 2, 9}) {
        double[] w = Window.HANN.symmetric(m);
        assertEquals(m, w.length);
        for (int i = 0; i < m; i++) {
          // Hann: 0.5 - 0.5 cos(2 pi i / (m - 1))
          assertEquals(0.5 - 0.5 * Math.cos(2 * Math.PI * i / (m - 1)), w[i], 1e-15);
        }
      }
    }
  }
}
