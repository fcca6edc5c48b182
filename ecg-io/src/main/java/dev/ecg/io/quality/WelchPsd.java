package dev.ecg.io.quality;

import dev.ecg.io.dsp.Window;
import org.jtransforms.fft.DoubleFFT_1D;

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
    int nfft = 2 * nperseg;
    int noverlap = nperseg / 2;
    int step = nperseg - noverlap;
    int nseg = (n - nperseg) / step + 1;
    double[] win = Window.HANN.periodic(nperseg);
    double sw2 = 0;
    for (double w : win) {
      sw2 += w * w;
    }
    double scale = 1.0 / (fs * sw2);
    int nfreq = nfft / 2 + 1;
    double[] acc = new double[nfreq];
    DoubleFFT_1D fft = new DoubleFFT_1D(nfft);
    double[] buf = new double[nfft];
    for (int s = 0; s < nseg; s++) {
      java.util.Arrays.fill(buf, 0.0);
      int off = s * step;
      for (int i = 0; i < nperseg; i++) {
        buf[i] = win[i] * x[off + i];
      }
      fft.realForward(buf);
      // JTransforms layout for even n: buf[0] = Re[0], buf[1] = Re[n/2], then (Re, Im) pairs
      acc[0] += buf[0] * buf[0] * scale;
      acc[nfreq - 1] += buf[1] * buf[1] * scale;
      for (int k = 1; k < nfreq - 1; k++) {
        double re = buf[2 * k], im = buf[2 * k + 1];
        acc[k] += (re * re + im * im) * scale * 2;
      }
    }
    double val = 1.0 / (nfft * (1.0 / fs));
    int first = 0;
    while (first < nfreq && first * val < minFrequency) {
      first++;
    }
    double[] f = new double[nfreq - first];
    double[] p = new double[nfreq - first];
    for (int k = first; k < nfreq; k++) {
      f[k - first] = k * val;
      p[k - first] = acc[k] / nseg;
    }
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
