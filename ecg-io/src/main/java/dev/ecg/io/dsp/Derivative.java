package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/** Discrete derivatives; see {@link QrsEnhance} for the definitions and references. */
public final class Derivative {
  private Derivative() {}

  /**
   * Pan-Tompkins five-point derivative, centred; see {@link QrsEnhance#derivative}.
   *
   * @param x signal
   * @param fs sampling frequency in Hz
   * @return derivative in units per second, same length
   * @throws EcgArgumentException if {@code fs <= 0}
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] fivePoint(double[] x, double fs) {
    return QrsEnhance.derivative(x, fs);
  }

  /**
   * First difference like {@code numpy.diff}; see {@link QrsEnhance#diff}.
   *
   * @param x signal
   * @return {@code n - 1} differences (empty for {@code n <= 1})
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] diff(double[] x) {
    return QrsEnhance.diff(x);
  }
}
