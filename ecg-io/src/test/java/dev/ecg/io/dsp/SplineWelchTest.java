package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link QuadraticSpline} and {@link Welch} against SciPy ({@code make_interp_spline(k=2)},
 * {@code interp1d(kind="quadratic")}, {@code welch}); fixtures from
 * {@code ecg-io/src/test/python/make_spline_welch_fixtures.py}. Tolerance 1e-12 of the array's
 * largest magnitude: both are direct computations whose only differences are rounding in the
 * banded solve and the FFT.
 */
class SplineWelchTest {
  static final Map<String, double[]> F = Fixtures.load("spline_welch.txt");
  static final double TOL = 1e-12;

  static void close(double[] want, double[] got, String what) {
    assertEquals(want.length, got.length, what + " length");
    double max = 0;
    for (double w : want) {
      max = Math.max(max, Math.abs(w));
    }
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], TOL * max, what + " [" + i + "]");
    }
  }

  @Test
  void quadraticSplineMatchesScipy() {
    double[] x = Fixtures.get(F, "spline.x");
    double[] y = Fixtures.get(F, "spline.y");
    QuadraticSpline s = QuadraticSpline.interpolate(x, y);
    close(Fixtures.get(F, "spline.knots"), s.knots(), "knots");
    close(Fixtures.get(F, "spline.coef"), s.coefficients(), "coefficients");
    double[] xs = Fixtures.get(F, "spline.xs");
    close(Fixtures.get(F, "spline.values"), s.values(xs, y[0], y[y.length - 1]), "interp1d");
    for (int i = 0; i < x.length; i++) {
      assertEquals(y[i], s.value(x[i]), 1e-9, "passes through point " + i);
    }
    assertTrue(Double.isNaN(s.value(x[0] - 1)), "no extrapolation");
  }

  @Test
  void splineRefusesBadInput() {
    assertThrows(EcgArgumentException.class,
        () -> QuadraticSpline.interpolate(new double[] {0, 1}, new double[] {1, 2}));
    assertThrows(EcgArgumentException.class,
        () -> QuadraticSpline.interpolate(new double[] {0, 1, 1}, new double[] {1, 2, 3}));
    assertThrows(EcgArgumentException.class,
        () -> QuadraticSpline.interpolate(new double[] {0, 1, 2}, new double[] {1, 2}));
  }

  @Test
  void welchMatchesScipyForEvenAndOddNfft() {
    double[] x = Fixtures.get(F, "welch.x");
    Welch.Psd even = Welch.psd(x, 100, Window.HANN, 256, 128, 512);
    close(Fixtures.get(F, "welch.even.f"), even.frequencies(), "even f");
    close(Fixtures.get(F, "welch.even.psd"), even.psd(), "even psd");
    assertEquals(6, even.segments());
    Welch.Psd odd = Welch.psd(x, 100, Window.HANN, 201, 50, 301);
    close(Fixtures.get(F, "welch.odd.f"), odd.frequencies(), "odd f");
    close(Fixtures.get(F, "welch.odd.psd"), odd.psd(), "odd psd");
  }

  @Test
  void welchRefusesBadSegmenting() {
    double[] x = new double[100];
    assertThrows(EcgArgumentException.class, () -> Welch.psd(x, 100, Window.HANN, 101, 0, 128));
    assertThrows(EcgArgumentException.class, () -> Welch.psd(x, 100, Window.HANN, 50, 50, 64));
    assertThrows(EcgArgumentException.class, () -> Welch.psd(x, 100, Window.HANN, 50, 25, 40));
    assertThrows(EcgArgumentException.class, () -> Welch.psd(x, 0, Window.HANN, 50, 25, 64));
  }
}
