package dev.ecg.io.quality;

import dev.ecg.io.dsp.Window;

/**
 * NeuroKit2's {@code signal_psd(method="welch", normalize=False, window=W)} as used by
 * {@code signal_power}: the signal minus its mean, {@code scipy.signal.welch} with a periodic
 * Hann window of {@code nperseg = int(W fs)} samples (at most {@code int(N/2)}), 50 % overlap,
 * zero padding to {@code nfft = 2 nperseg}, no detrending, density scaling and one-sided
 * doubling; only bins at or above {@code 2 fs / (N/2)} are kept.
 */
final class WelchPsd {
  final double[] freqs;
  final double[] power;

  private WelchPsd(double[] freqs, double[] power) {
    this.freqs = freqs;
    this.power = power;
  }

  static WelchPsd of(double[] signal, double fs, double windowSeconds) {
    final int n = signal.length;
    double mean = dev.ecg.io.dsp.PairwiseSum.mean(signal);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = signal[i] - mean;
    }
    double minFrequency = (2 * fs) / (n / 2.0);
    int nperseg = (int) (windowSeconds * fs);
    if (nperseg > n / 2.0) {
      nperseg = (int) (n / 2.0);
    }
    dev.ecg.io.dsp.Welch.Psd psd = dev.ecg.io.dsp.Welch.psd(x, fs, Window.HANN, nperseg,
        nperseg / 2, 2 * nperseg);
    double[] allF = psd.frequencies();
    int first = 0;
    while (first < allF.length && allF[first] < minFrequency) {
      first++;
    }
    double[] f = java.util.Arrays.copyOfRange(allF, first, allF.length);
    double[] p = java.util.Arrays.copyOfRange(psd.psd(), first, allF.length);
    return new WelchPsd(f, p);
  }

  /**
   * NeuroKit2's {@code signal_power} band power: bins with {@code lo <= f < hi} (after keeping
   * {@code minLo <= f <= maxHi}, the range of all bands asked together), trapezoid rule over
   * them; 0 becomes NaN.
   */
  double bandPower(double lo, double hi, double minLo, double maxHi) {
    double sum = 0;
    int prev = -1;
    for (int k = 0; k < freqs.length; k++) {
      double f = freqs[k];
      if (f < minLo || f > maxHi || f < lo || f >= hi) {
        continue;
      }
      if (prev >= 0) {
        sum += (freqs[k] - freqs[prev]) * (power[k] + power[prev]) / 2.0;
      }
      prev = k;
    }
    return sum == 0.0 ? Double.NaN : sum;
  }
}
