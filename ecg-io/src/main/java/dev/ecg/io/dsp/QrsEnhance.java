package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/**
 * Building blocks of the Pan-Tompkins QRS detector (J. Pan and W. J. Tompkins, "A real-time
 * QRS detection algorithm", IEEE Trans. Biomed. Eng. 32(3), 1985): derivative, squaring and
 * moving-window integration, plus simple moving averages. The band-pass stage is
 * {@link EcgCleaner.Preset#PAN_TOMPKINS}. All methods check their arguments and reject
 * non-finite samples with {@link NanInputException}.
 */
public final class QrsEnhance {
  /** Moving-window integration width recommended by Pan and Tompkins, 150 ms. */
  public static final double INTEGRATION_SECONDS = 0.150;

  private QrsEnhance() {}

  /**
   * Five-point derivative {@code y[n] = fs/8 (-x[n-2] - 2 x[n-1] + 2 x[n+1] + x[n+2])}, centred
   * (no delay), with samples beyond the ends taken equal to the end samples. Exact for linear
   * signals away from the edges: the derivative of {@code a t} is {@code a}.
   *
   * @param x signal
   * @param fs sampling frequency in Hz ({@code y} is in units per second)
   * @return derivative, same length
   * @throws EcgArgumentException if {@code fs <= 0}
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] derivative(double[] x, double fs) {
    Checks.fs(fs);
    Checks.finite(x, "x");
    int n = x.length;
    double[] y = new double[n];
    double c = fs / 8.0;
    for (int i = 0; i < n; i++) {
      double m2 = x[clamp(i - 2, n)], m1 = x[clamp(i - 1, n)];
      double p1 = x[clamp(i + 1, n)], p2 = x[clamp(i + 2, n)];
      y[i] = c * (-m2 - 2 * m1 + 2 * p1 + p2);
    }
    return y;
  }

  private static int clamp(int i, int n) {
    return i < 0 ? 0 : (i >= n ? n - 1 : i);
  }

  /**
   * First difference {@code x[i+1] - x[i]}, like {@code numpy.diff}.
   *
   * @param x signal
   * @return {@code max(0, n-1)} differences
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] diff(double[] x) {
    Checks.finite(x, "x");
    int n = Math.max(0, x.length - 1);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = x[i + 1] - x[i];
    }
    return y;
  }

  /**
   * Point-wise square.
   *
   * @param x signal
   * @return {@code x[i]^2}
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] square(double[] x) {
    Checks.finite(x, "x");
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = x[i] * x[i];
    }
    return y;
  }

  /**
   * Causal moving-window integration of Pan and Tompkins:
   * {@code y[n] = (x[n-N+1] + ... + x[n]) / N} with samples before the start taken as 0.
   *
   * @param x signal (usually the squared derivative)
   * @param window {@code N >= 1} samples (150 ms: {@code round(0.15 fs)})
   * @return integrated signal, same length
   * @throws EcgArgumentException if {@code window < 1}
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] movingWindowIntegration(double[] x, int window) {
    Checks.finite(x, "x");
    Checks.positive(window, "integration window");
    double[] y = new double[x.length];
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i];
      if (i >= window) {
        s -= x[i - window];
      }
      if ((i & 4095) == 4095) { // re-sum now and then so rounding error cannot accumulate
        s = 0;
        for (int j = Math.max(0, i - window + 1); j <= i; j++) {
          s += x[j];
        }
      }
      y[i] = s / window;
    }
    return y;
  }

  /**
   * Centred moving average over an odd window; samples beyond the ends repeat the end samples.
   *
   * @param x signal
   * @param window odd length {@code >= 1}
   * @return smoothed signal, same length
   * @throws EcgArgumentException if the window is not a positive odd number
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] movingAverage(double[] x, int window) {
    Checks.finite(x, "x");
    if (window < 1 || window % 2 == 0) {
      throw new EcgArgumentException("moving-average window must be a positive odd number, got "
          + window);
    }
    int n = x.length;
    double[] y = new double[n];
    if (n == 0) {
      return y;
    }
    int h = window / 2;
    double s = 0;
    for (int k = -h; k <= h; k++) {
      s += x[clamp(k, n)];
    }
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        s += x[clamp(i + h, n)] - x[clamp(i - h - 1, n)];
        if ((i & 4095) == 0) {
          s = 0;
          for (int k = i - h; k <= i + h; k++) {
            s += x[clamp(k, n)];
          }
        }
      }
      y[i] = s / window;
    }
    return y;
  }
}
