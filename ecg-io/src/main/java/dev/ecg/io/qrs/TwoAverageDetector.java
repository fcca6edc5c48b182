package dev.ecg.io.qrs;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.dsp.Butterworth;
import dev.ecg.io.dsp.Sos;
import dev.ecg.io.dsp.SosFilter;
import java.util.Arrays;

/**
 * QRS detection with two moving averages (M. Elgendi, "Fast QRS detection with an optimized
 * knowledge-based method: evaluation on 11 standard ECG databases", PLoS ONE 8(9):e73557, 2013).
 *
 * <ol>
 *   <li>NaN runs are bridged by linear interpolation (no detection is reported inside one).
 *   <li>Zero-phase 3rd-order Butterworth band-pass 8-20 Hz ({@link SosFilter#filtfilt}), then
 *       squaring.
 *   <li>Two centred moving averages of the squared signal: {@code MA_QRS} over 97 ms and
 *       {@code MA_beat} over 611 ms.
 *   <li>Blocks of interest: where {@code MA_QRS > MA_beat + beta * mean(y^2)} with
 *       {@code beta = 0.08}; blocks narrower than 97 ms are dropped.
 *   <li>The R peak of a block is its largest band-passed magnitude; peaks closer than the
 *       refractory period (250 ms) keep the larger; then the same R-peak correction on the original
 *       signal as {@link PanTompkins}.
 * </ol>
 *
 * <p>The rate must exceed 40 Hz (the band-pass needs 20 Hz below Nyquist) and the signal must be
 * longer than the filter's padding (about 0.1 s); otherwise no beats are returned. Immutable and
 * thread-safe.
 */
public final class TwoAverageDetector implements QrsDetector {
  private final double beta;
  private final double qrsSeconds;
  private final double beatSeconds;
  private final double refractorySeconds;

  private TwoAverageDetector(double beta, double qrsSeconds, double beatSeconds,
      double refractorySeconds) {
    this.beta = beta;
    this.qrsSeconds = qrsSeconds;
    this.beatSeconds = beatSeconds;
    this.refractorySeconds = refractorySeconds;
  }

  /** @return the detector with the paper's settings (beta 0.08, 97 ms, 611 ms) */
  public static TwoAverageDetector create() {
    return new TwoAverageDetector(0.08, 0.097, 0.611, 0.25);
  }

  /**
   * @param beta offset of the threshold as a fraction of the mean squared signal
   * @return a detector with another offset
   * @throws EcgArgumentException if not in (0, 1]
   */
  public TwoAverageDetector withBeta(double beta) {
    return new TwoAverageDetector(SignalChecks.inRange("beta", beta, 0, 1), qrsSeconds,
        beatSeconds, refractorySeconds);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Returns no beats when {@code fs <= 40} Hz or the signal is too short to filter.
   */
  @Override
  public int[] detect(double[] x, double fs) {
    SignalChecks.checkRate(fs);
    SignalChecks.checkSignal(x, "signal");
    final int n = x.length;
    boolean[] invalid = new boolean[n];
    double[] s = SignalChecks.bridgeNaN(x, invalid);
    if (fs <= 40) {
      return new int[0];
    }
    Sos bp = Butterworth.bandpass(3, 8, 20, fs);
    if (n <= SosFilter.defaultPadlen(bp)) {
      return new int[0];
    }
    double[] f = SosFilter.filtfilt(bp, s);
    double[] y = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      y[i] = f[i] * f[i];
      mean += y[i];
    }
    mean /= n;
    int w1 = Math.max(1, (int) Math.round(qrsSeconds * fs));
    int w2 = Math.max(1, (int) Math.round(beatSeconds * fs));
    double[] maQrs = PanTompkins.movingAverage(y, w1);
    double[] maBeat = PanTompkins.movingAverage(y, w2);
    double alpha = beta * mean;
    int[] peaks = new int[16];
    int np = 0;
    int refractory = Math.max(1, (int) Math.round(refractorySeconds * fs));
    int i = 0;
    while (i < n) {
      if (maQrs[i] <= maBeat[i] + alpha) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && maQrs[i] > maBeat[i] + alpha) {
        i++;
      }
      if (i - start < w1) {
        continue;
      }
      int best = start;
      for (int j = start; j < i; j++) {
        if (Math.abs(f[j]) > Math.abs(f[best])) {
          best = j;
        }
      }
      if (np > 0 && best - peaks[np - 1] < refractory) {
        if (Math.abs(f[best]) > Math.abs(f[peaks[np - 1]])) {
          peaks[np - 1] = best;
        }
        continue;
      }
      if (np == peaks.length) {
        peaks = Arrays.copyOf(peaks, 2 * np);
      }
      peaks[np++] = best;
    }
    return PeakCorrection.correct(Arrays.copyOf(peaks, np), s, invalid, fs,
        PanTompkins.DEFAULT_CORRECTION_SECONDS, refractorySeconds);
  }

  @Override
  public String toString() {
    return "TwoAverageDetector[beta=" + beta + ", W1=" + qrsSeconds + "s, W2=" + beatSeconds
        + "s]";
  }
}
