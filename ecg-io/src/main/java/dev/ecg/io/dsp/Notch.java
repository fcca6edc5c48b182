package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/**
 * Second-order IIR notch for mains interference (50 or 60 Hz), equivalent to
 * {@code scipy.signal.iirnotch(f0, Q, fs)}.
 *
 * <p>Design (S. J. Orfanidis, Introduction to Signal Processing, 1996, section 11.3): with
 * {@code w0 = 2 pi f0 / fs} and the -3 dB bandwidth {@code bw = w0 / Q},
 * {@code beta = tan(bw / 2)}, {@code g = 1 / (1 + beta)},
 * {@code b = g [1, -2 cos w0, 1]}, {@code a = [1, -2 g cos w0, 2 g - 1]}. The zeros sit on the
 * unit circle at {@code f0}, so the gain there is exactly 0; DC and Nyquist gains are 1.
 */
public final class Notch {
  /** Quality factor commonly used for powerline notches (bandwidth f0/30, e.g. 1.67 Hz at 50 Hz). */
  public static final double DEFAULT_Q = 30.0;

  private Notch() {}

  /**
   * Numerator and denominator like {@code scipy.signal.iirnotch}.
   *
   * @param f0 notch frequency in Hz, {@code 0 < f0 < fs/2}
   * @param q quality factor {@code f0 / bandwidth}, {@code > 0}
   * @param fs sampling frequency in Hz, {@code > 0}
   * @return {@code {b, a}}, each of length 3
   * @throws EcgArgumentException on a bad frequency, quality factor or sampling rate
   */
  public static double[][] coefficients(double f0, double q, double fs) {
    Checks.fs(fs);
    Checks.cutoff(f0, fs, "notch frequency");
    if (!(q > 0) || Double.isInfinite(q)) {
      throw new EcgArgumentException("quality factor Q must be finite and > 0, got " + q);
    }
    double w0 = 2 * f0 / fs;
    double bw = w0 / q * Math.PI;
    w0 *= Math.PI;
    double gb = 1 / Math.sqrt(2);
    double beta = (Math.sqrt(1.0 - gb * gb) / gb) * Math.tan(bw / 2.0);
    double gain = 1.0 / (1.0 + beta);
    double c = Math.cos(w0);
    double[] b = {gain, -2.0 * c * gain, gain};
    double[] a = {1.0, -2.0 * gain * c, 2.0 * gain - 1.0};
    return new double[][] {b, a};
  }

  /**
   * The notch as one second-order section, ready for {@link SosFilter}.
   *
   * @param f0 notch frequency in Hz, {@code 0 < f0 < fs/2}
   * @param q quality factor, {@code > 0} (see {@link #DEFAULT_Q})
   * @param fs sampling frequency in Hz, {@code > 0}
   * @return a one-section cascade
   * @throws EcgArgumentException on a bad frequency, quality factor or sampling rate
   */
  public static Sos design(double f0, double q, double fs) {
    double[][] ba = coefficients(f0, q, fs);
    return Sos.ofTransferFunction(ba[0], ba[1]);
  }
}
