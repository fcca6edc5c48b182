package dev.ecg.io.delineate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.dsp.NanInputException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link SplineZoom} against {@code scipy.ndimage.zoom} (fixtures from SciPy 1.10). */
class SplineZoomTest {
  private static final Map<String, double[]> FIX = DelineateFixtures.load("zoom.txt");

  @ParameterizedTest
  @ValueSource(strings = {"up7to20", "up10to56", "down50to23", "two", "ecg360to2000"})
  void matchesScipyZoom(String name) {
    double[] x = DelineateFixtures.get(FIX, name + ".x");
    double[] want = DelineateFixtures.get(FIX, name + ".y");
    double[] got = SplineZoom.zoom(x, want.length);
    double tol = 1e-12 * DelineateFixtures.maxAbs(want);
    assertEquals(want.length, got.length);
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], tol, name + " sample " + i);
    }
  }

  @Test
  void sameLengthReturnsTheSamples() {
    // an interpolating spline passes through its knots
    double[] x = DelineateFixtures.get(FIX, "up10to56.x");
    double[] y = SplineZoom.zoom(x, x.length);
    for (int i = 0; i < x.length; i++) {
      assertEquals(x[i], y[i], 1e-13, "sample " + i);
    }
  }

  @Test
  void constantStaysConstant() {
    double[] x = {2.5, 2.5, 2.5, 2.5, 2.5};
    for (double v : SplineZoom.zoom(x, 17)) {
      assertEquals(2.5, v, 1e-14);
    }
    assertEquals(3.0, SplineZoom.zoom(new double[] {3.0}, 4)[3]);
    assertEquals(-1.0, SplineZoom.zoom(new double[] {-1.0, 5.0, 7.0}, 1)[0]);
  }

  @Test
  void hostileInputs() {
    assertThrows(EcgArgumentException.class, () -> SplineZoom.zoom(null, 3));
    assertThrows(EcgArgumentException.class, () -> SplineZoom.zoom(new double[0], 3));
    assertThrows(EcgArgumentException.class, () -> SplineZoom.zoom(new double[] {1, 2}, 0));
    assertThrows(EcgArgumentException.class,
        () -> SplineZoom.zoom(new double[] {1, 2}, SplineZoom.MAX_OUTPUT_LENGTH + 1));
    NanInputException e = assertThrows(NanInputException.class,
        () -> SplineZoom.zoom(new double[] {1, Double.NaN, 2}, 5));
    assertEquals(1, e.index());
  }
}
