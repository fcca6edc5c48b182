package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/** Moving averages; see {@link QrsEnhance} for the definitions and references. */
public final class MovingAverage {
  private MovingAverage() {}

  /**
   * Centred moving average over an odd window, ends repeated; see
   * {@link QrsEnhance#movingAverage}.
   *
   * @param x signal
   * @param window odd length {@code >= 1}
   * @return smoothed signal, same length
   * @throws EcgArgumentException if the window is not a positive odd number
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] centered(double[] x, int window) {
    return QrsEnhance.movingAverage(x, window);
  }

  /**
   * Causal Pan-Tompkins moving-window integration; see
   * {@link QrsEnhance#movingWindowIntegration}.
   *
   * @param x signal
   * @param window length {@code >= 1}
   * @return integrated signal, same length
   * @throws EcgArgumentException if {@code window < 1}
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] causal(double[] x, int window) {
    return QrsEnhance.movingWindowIntegration(x, window);
  }
}
