package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Welch's averaged periodogram (P. D. Welch, "The use of fast Fourier transform for the
 * estimation of power spectra", IEEE Trans. Audio Electroacoust. 15(2):70-73, 1967), with the
 * conventions of {@code scipy.signal.welch(x, fs, window, nperseg, noverlap, nfft,
 * detrend=False, return_onesided=True, scaling="density", average="mean")}.
 *
 * <p>Segments start at {@code k * (nperseg - noverlap)}; an incomplete last segment is dropped
 * (no padding). Each segment is multiplied by the periodic window, zero-padded to {@code nfft}
 * and transformed; the density is {@code |X|^2 / (fs * sum(w^2))}, doubled at every bin except
 * DC and (for even {@code nfft}) Nyquist, and averaged over segments. Units: the square of the
 * input's unit per Hz. No detrending: remove the mean first where that is wanted.
 */
public final class Welch {
  /** Largest {@code nfft} accepted. */
  public static final int MAX_NFFT = 1 << 24;

  /**
   * A one-sided power spectral density.
   *
   * @param frequencies bin frequencies in Hz, {@code nfft/2 + 1} of them ({@code k fs / nfft})
   * @param psd the density at each frequency
   * @param segments how many segments were averaged
   */
  public record Psd(double[] frequencies, double[] psd, int segments) {}

  private Welch() {}

  /**
   * Computes the PSD.
   *
   * @param x the signal, finite
   * @param fs sampling rate in Hz, finite and positive
   * @param window the taper (its periodic form is used, as {@code scipy.signal.get_window})
   * @param nperseg segment length, {@code 1 <= nperseg <= x.length}
   * @param noverlap overlap, {@code 0 <= noverlap < nperseg}
   * @param nfft FFT length, {@code nperseg <= nfft <= MAX_NFFT}
   * @return the PSD
   * @throws EcgArgumentException when an argument is outside the ranges above
   */
  public static Psd psd(double[] x, double fs, Window window, int nperseg, int noverlap,
      int nfft) {
    Checks.finite(x, "x");
    Checks.fs(fs);
    Checks.notNull(window, "window");
    if (nperseg < 1 || nperseg > x.length) {
      throw new EcgArgumentException("nperseg must be in [1, " + x.length + "] (the signal "
          + "length), got " + nperseg);
    }
    if (noverlap < 0 || noverlap >= nperseg) {
      throw new EcgArgumentException("noverlap must be in [0, nperseg) = [0, " + nperseg
          + "), got " + noverlap);
    }
    if (nfft < nperseg || nfft > MAX_NFFT) {
      throw new EcgArgumentException("nfft must be in [nperseg, MAX_NFFT] = [" + nperseg + ", "
          + MAX_NFFT + "], got " + nfft);
    }
    int step = nperseg - noverlap;
    int nseg = (x.length - noverlap) / step;
    double[] win = window.periodic(nperseg);
    double sw2 = 0;
    for (double v : win) {
      sw2 += v * v;
    }
    double scale = 1.0 / (fs * sw2);
    int nfreq = nfft / 2 + 1;
    double[] acc = new double[nfreq];
    DoubleFFT_1D fft = Fft.plan(nfft);
    double[] buf = new double[nfft];
    boolean even = nfft % 2 == 0;
    for (int s = 0; s < nseg; s++) {
      java.util.Arrays.fill(buf, 0.0);
      int off = s * step;
      for (int i = 0; i < nperseg; i++) {
        buf[i] = win[i] * x[off + i];
      }
      fft.realForward(buf);
      for (int k = 0; k < nfreq; k++) {
        double re;
        double im;
        if (k == 0) {
          re = buf[0];
          im = 0;
        } else if (even && k == nfft / 2) {
          re = buf[1];
          im = 0;
        } else if (!even && k == nfreq - 1) {
          re = buf[2 * k]; // JTransforms packs Im of the last bin of an odd length at index 1
          im = buf[1];
        } else {
          re = buf[2 * k];
          im = buf[2 * k + 1];
        }
        double p = (re * re + im * im) * scale;
        if (k > 0 && !(even && k == nfft / 2)) {
          p *= 2;
        }
        acc[k] += p;
      }
    }
    for (int k = 0; k < nfreq; k++) {
      acc[k] /= nseg;
    }
    double[] f = new double[nfreq];
    double val = 1.0 / (nfft * (1.0 / fs));
    for (int k = 0; k < nfreq; k++) {
      f[k] = k * val;
    }
    return new Psd(f, acc, nseg);
  }
}
