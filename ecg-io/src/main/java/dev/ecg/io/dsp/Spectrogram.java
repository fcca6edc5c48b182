package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/**
 * Spectrogram of a real signal, equivalent to {@code scipy.signal.spectrogram} (one-sided) with
 * modes {@code 'psd'} and {@code 'magnitude'}, plus an optional decibel scale. Segments are
 * windowed, optionally mean-detrended and transformed with JTransforms (see {@link Stft} for why
 * JTransforms); PSD values are {@code |X|^2 * scale} with every bin except DC and (for even
 * {@code nfft}) Nyquist doubled, magnitudes are {@code |X| * sqrt(scale)}.
 */
public final class Spectrogram {
  private Spectrogram() {}

  /** Result of {@link #compute}. */
  public static final class Result {
    private final double[] freqs;
    private final double[] times;
    private final double[][] values;

    Result(double[] freqs, double[] times, double[][] values) {
      this.freqs = freqs;
      this.times = times;
      this.values = values;
    }

    /** @return bin frequencies in Hz */
    public double[] freqs() {
      return freqs.clone();
    }

    /** @return segment centre times in seconds */
    public double[] times() {
      return times.clone();
    }

    /** @return values {@code [freq][time]} (a reference, not a copy) */
    public double[][] values() {
      return values;
    }
  }

  /**
   * Computes the spectrogram.
   *
   * @param x real signal, at least one sample
   * @param fs sampling frequency in Hz, {@code > 0}
   * @param config settings ({@link SpectrogramConfig#builder()} gives SciPy's defaults)
   * @return frequencies, times and values {@code [freq][time]}
   * @throws EcgArgumentException if {@code fs <= 0}, {@code x} is empty,
   *     {@code noverlap >= nperseg} or {@code nfft < nperseg}
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static Result compute(double[] x, double fs, SpectrogramConfig config) {
    Stft.Engine e = new Stft.Engine(x, fs, config);
    double[][] v = new double[e.nfreq][e.nseg];
    boolean psd = config.mode() == SpectrogramConfig.Mode.PSD;
    boolean log = config.logScale();
    double scale = e.scale;
    double sq = Math.sqrt(scale);
    int nyq = e.nfft % 2 == 0 ? e.nfft / 2 : -1;
    e.run((seg, buf) -> {
      for (int k = 0; k < e.nfreq; k++) {
        double re = buf[2 * k], im = buf[2 * k + 1];
        double val;
        if (psd) {
          val = (re * re + im * im) * scale;
          if (k != 0 && k != nyq) {
            val *= 2;
          }
          if (log) {
            val = 10 * Math.log10(Math.max(val, Double.MIN_NORMAL));
          }
        } else {
          val = Math.hypot(re * sq, im * sq);
          if (log) {
            val = 20 * Math.log10(Math.max(val, Double.MIN_NORMAL));
          }
        }
        v[k][seg] = val;
      }
    });
    return new Result(e.freqs(), e.times(), v);
  }
}
