package dev.ecg.io.rpeaks;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.dsp.PairwiseSum;
import dev.ecg.io.dsp.Pchip;
import java.util.Arrays;

/**
 * Instantaneous heart rate (or period) at every sample from R-peak positions, as NeuroKit2's
 * {@code nk.ecg_rate(peaks, sampling_rate=fs, desired_length=n)} computes it (NeuroKit2,
 * D. Makowski et al., Behavior Research Methods 53:1689-1696, 2021; {@code signal_rate} with
 * {@code interpolation_method="monotone_cubic"}):
 *
 * <ol>
 *   <li>the period at peak {@code i > 0} is {@code (peaks[i] - peaks[i-1]) / fs} seconds; the
 *       first peak, which has no predecessor, gets the mean of the other periods;
 *   <li>the periods are interpolated at every sample {@code 0 .. n-1} with a monotone cubic
 *       ({@link Pchip}, SciPy's {@code PchipInterpolator}), so the curve never overshoots the
 *       measured periods;
 *   <li>before the first peak and after the last one the period is held at its value at that
 *       peak (no extrapolated cubic);
 *   <li>the rate is {@code 60 / period} beats per minute.
 * </ol>
 *
 * <p>With fewer than {@value #MIN_PEAKS} peaks NeuroKit2 returns all NaN (with a warning); so does
 * this class, which a caller can test with {@code Double.isNaN(rate[0])}. On MIT-BIH records 100
 * and 119 the result equals NeuroKit2's within 1e-12 bpm (see docs/quality-and-peaks.md).
 */
public final class InstantRate {
  /** Fewest peaks for which a rate is defined (NeuroKit2 needs more than 3). */
  public static final int MIN_PEAKS = 4;

  private InstantRate() {}

  /**
   * Heart rate at every sample, {@code nk.ecg_rate}.
   *
   * @param peaks R-peak sample indices, strictly increasing, {@code >= 0}
   * @param fs sampling rate in Hz, finite and {@code > 0}
   * @param length number of samples wanted, {@code > peaks[last]}
   * @return rate in beats per minute, {@code length} values; all NaN when there are fewer than
   *     {@value #MIN_PEAKS} peaks
   * @throws EcgArgumentException if {@code fs} is not finite and positive, {@code peaks} is null,
   *     negative or not strictly increasing, or {@code length <= peaks[last]}
   */
  public static double[] rate(int[] peaks, double fs, int length) {
    double[] p = period(peaks, fs, length);
    for (int i = 0; i < p.length; i++) {
      p[i] = 60 / p[i];
    }
    return p;
  }

  /**
   * Beat period at every sample, {@code nk.signal_period(peaks, sampling_rate=fs,
   * desired_length=length, interpolation_method="monotone_cubic")}.
   *
   * @param peaks R-peak sample indices, strictly increasing, {@code >= 0}
   * @param fs sampling rate in Hz, finite and {@code > 0}
   * @param length number of samples wanted, {@code > peaks[last]}
   * @return period in seconds, {@code length} values; all NaN with fewer than
   *     {@value #MIN_PEAKS} peaks
   * @throws EcgArgumentException on the conditions listed for {@link #rate}
   */
  public static double[] period(int[] peaks, double fs, int length) {
    if (!(fs > 0) || Double.isInfinite(fs)) {
      throw new EcgArgumentException("sampling rate must be finite and > 0, got " + fs);
    }
    if (peaks == null) {
      throw new EcgArgumentException("peaks must not be null");
    }
    if (length < 0) {
      throw new EcgArgumentException("length must be >= 0, got " + length);
    }
    for (int i = 0; i < peaks.length; i++) {
      if (peaks[i] < 0 || (i > 0 && peaks[i] <= peaks[i - 1])) {
        throw new EcgArgumentException("peaks must be >= 0 and strictly increasing; peaks[" + i
            + "] = " + peaks[i] + (i > 0 ? " after " + peaks[i - 1] : ""));
      }
    }
    double[] out = new double[length];
    if (peaks.length < MIN_PEAKS) {
      Arrays.fill(out, Double.NaN);
      return out;
    }
    int last = peaks[peaks.length - 1];
    if (length <= last) {
      throw new EcgArgumentException("length (" + length + ") must be larger than the last peak ("
          + last + ")");
    }
    int n = peaks.length;
    double[] per = new double[n];
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = peaks[i];
      per[i] = i == 0 ? 0 : (peaks[i] - peaks[i - 1]) / fs;
    }
    per[0] = PairwiseSum.mean(per, 1, n);
    Pchip f = Pchip.of(xs, per);
    int first = peaks[0];
    for (int t = first; t <= last; t++) {
      out[t] = f.value(t);
    }
    Arrays.fill(out, 0, first, out[first]);
    Arrays.fill(out, last + 1, length, out[last]);
    return out;
  }
}
