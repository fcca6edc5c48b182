package dev.ecg.io.delineate;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.dsp.NanInputException;

/**
 * Resampling of a 1-D signal by cubic B-spline interpolation, numerically equivalent to SciPy's
 * {@code scipy.ndimage.zoom(x, outLength / len(x))} with its defaults ({@code order=3},
 * {@code mode='constant'}, {@code prefilter=True}, {@code grid_mode=False}). NeuroKit2's
 * {@code signal_resample(method="interpolation")} is exactly that call, and its
 * {@code ecg_delineate(method="dwt")} uses it to bring the signal to 2000 Hz.
 *
 * <h2>What is computed</h2>
 *
 * <ol>
 *   <li><b>Prefilter</b> (Unser, Aldroubi and Eden, "B-spline signal processing", IEEE Trans.
 *       Signal Process. 41(2):821-848, 1993): the interpolating cubic B-spline coefficients, by one
 *       causal and one anti-causal first-order recursion with the pole {@code z = sqrt(3) - 2} and
 *       gain 6, with mirror-symmetric (whole-sample) boundary conditions. SciPy uses the same
 *       mirror initialisation for {@code mode='constant'} since version 1.6, with the causal
 *       initial value summed over the whole signal (no truncation).
 *   <li><b>Sampling</b>: output sample {@code k} is the spline evaluated at input coordinate
 *       {@code k * (n - 1) / (outLength - 1)}, so the first and last samples of input and output
 *       coincide ({@code grid_mode=False}). Coefficients beyond the ends are mirrored; no
 *       coordinate falls outside {@code [0, n-1]}, so the constant {@code cval} never shows.
 * </ol>
 *
 * <p>Agreement with SciPy 1.10 is about 1e-15 (relative to the signal's scale), checked by
 * {@code SplineZoomTest} against fixtures written by {@code src/test/python/make_zoom_fixtures.py}.
 * Time and memory are linear in {@code n + outLength}.
 */
public final class SplineZoom {
  /** Largest output length accepted (about 400 MB of doubles would be needed beyond it). */
  public static final int MAX_OUTPUT_LENGTH = 50_000_000;

  private static final double POLE = Math.sqrt(3.0) - 2.0;

  private SplineZoom() {}

  /**
   * Resamples {@code x} to {@code outLength} samples by cubic-spline interpolation, as
   * {@code scipy.ndimage.zoom(x, outLength / len(x), order=3)} does.
   *
   * @param x the signal, finite values, at least one sample
   * @param outLength the number of output samples, 1 to {@value #MAX_OUTPUT_LENGTH}
   * @return a new array of {@code outLength} samples
   * @throws EcgArgumentException if {@code x} is null or empty or {@code outLength} is out of
   *     range
   * @throws NanInputException if {@code x} holds a NaN or an infinity
   */
  public static double[] zoom(double[] x, int outLength) {
    if (x == null || x.length == 0) {
      throw new EcgArgumentException("zoom needs a signal of at least one sample, got "
          + (x == null ? "null" : "an empty array"));
    }
    if (outLength < 1 || outLength > MAX_OUTPUT_LENGTH) {
      throw new EcgArgumentException("zoom output length must be within 1.." + MAX_OUTPUT_LENGTH
          + ", got " + outLength);
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new NanInputException("zoom input", i, x[i]);
      }
    }
    int n = x.length;
    double[] out = new double[outLength];
    if (n == 1 || outLength == 1) {
      // a single input sample is a constant; a single output sample sits on input coordinate 0
      java.util.Arrays.fill(out, x[0]);
      return out;
    }
    double[] c = coefficients(x);
    double step = (double) (n - 1) / (outLength - 1);
    int period = 2 * (n - 1);
    for (int k = 0; k < outLength; k++) {
      double cc = k * step;
      if (cc > n - 1) {
        cc = n - 1; // rounding of k * step at the last sample
      }
      double f = Math.floor(cc);
      double t = cc - f;
      double u = 1.0 - t;
      double w0 = u * u * u / 6.0;
      double w1 = (t * t * (t - 2.0) * 3.0 + 4.0) / 6.0;
      double w2 = (u * u * (u - 2.0) * 3.0 + 4.0) / 6.0;
      double w3 = 1.0 - w0 - w1 - w2;
      int start = (int) f - 1;
      out[k] = w0 * c[mirror(start, n, period)] + w1 * c[mirror(start + 1, n, period)]
          + w2 * c[mirror(start + 2, n, period)] + w3 * c[mirror(start + 3, n, period)];
    }
    return out;
  }

  /**
   * The cubic B-spline coefficients of {@code x} with mirror boundaries (SciPy's
   * {@code spline_filter1d(x, order=3, mode='mirror')}).
   */
  static double[] coefficients(double[] x) {
    int n = x.length;
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = x[i] * 6.0;
    }
    if (n == 1) {
      c[0] = x[0];
      return c;
    }
    double z = POLE;
    // causal initial value for a mirror-symmetric extension, summed over the whole signal
    double zn1 = Math.pow(z, n - 1);
    double zi = z;
    double c0 = c[0] + zn1 * c[n - 1];
    for (int i = 1; i < n - 1; i++) {
      c0 += zi * (c[i] + zn1 * c[n - 1 - i]);
      zi *= z;
      if (zi == 0.0 && zn1 == 0.0) {
        break; // every remaining term is exactly zero
      }
    }
    c[0] = c0 / (1.0 - zn1 * zn1);
    for (int i = 1; i < n; i++) {
      c[i] += z * c[i - 1];
    }
    c[n - 1] = (z * c[n - 2] + c[n - 1]) * z / (z * z - 1.0);
    for (int i = n - 2; i >= 0; i--) {
      c[i] = z * (c[i + 1] - c[i]);
    }
    return c;
  }

  private static int mirror(int j, int n, int period) {
    int m = Math.abs(j) % period;
    return m > n - 1 ? period - m : m;
  }
}
