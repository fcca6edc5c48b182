package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Short-time Fourier transform, equivalent to {@code scipy.signal.stft} (one-sided, for real
 * input) with the same segmenting, boundary extension, padding, detrending and scaling rules.
 *
 * <p>The FFT is JTransforms' {@link DoubleFFT_1D}: pure Java, mixed-radix so any {@code nfft}
 * (odd, prime, 75, 360...) runs in {@code O(n log n)} without padding to a power of two, and
 * multithreaded for large sizes. Commons Math's transformer only accepts power-of-two lengths,
 * which would change the frequency grid and break equivalence with SciPy.
 */
public final class Stft {
  /** Largest FFT length accepted (the work buffer holds {@code 2 * nfft} doubles). */
  public static final int MAX_NFFT = 1 << 24;

  private Stft() {}

  /** Result of {@link #compute}: frequencies, segment times and complex coefficients. */
  public static final class Result {
    private final double[] freqs;
    private final double[] times;
    private final double[][] re;
    private final double[][] im;

    Result(double[] freqs, double[] times, double[][] re, double[][] im) {
      this.freqs = freqs;
      this.times = times;
      this.re = re;
      this.im = im;
    }

    /** @return bin frequencies in Hz, {@code nfft/2 + 1} of them */
    public double[] freqs() {
      return freqs.clone();
    }

    /** @return segment centre times in seconds */
    public double[] times() {
      return times.clone();
    }

    /** @return real parts, {@code [freq][time]} (a reference, not a copy) */
    public double[][] re() {
      return re;
    }

    /** @return imaginary parts, {@code [freq][time]} (a reference, not a copy) */
    public double[][] im() {
      return im;
    }
  }

  /**
   * STFT with {@link SpectrogramConfig#stftBuilder()} defaults and a given segment length.
   *
   * @param x real signal
   * @param fs sampling frequency in Hz
   * @param nperseg segment length
   * @return the transform
   * @throws EcgArgumentException on bad arguments
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static Result compute(double[] x, double fs, int nperseg) {
    return compute(x, fs, SpectrogramConfig.stftBuilder().nperseg(nperseg).build());
  }

  /**
   * STFT like {@code scipy.signal.stft(x, fs, window, nperseg, noverlap, nfft, detrend,
   * boundary, padded, scaling)}. Coefficients are scaled by {@code sqrt(scale)} with scale
   * {@code 1/sum(w)^2} (spectrum) or {@code 1/(fs sum(w^2))} (density, SciPy's {@code 'psd'}).
   * The {@code mode} and {@code logScale} settings do not apply.
   *
   * @param x real signal, at least one sample
   * @param fs sampling frequency in Hz
   * @param config settings
   * @return the transform
   * @throws EcgArgumentException if {@code fs <= 0}, {@code x} is empty,
   *     {@code noverlap >= nperseg}, {@code nfft < nperseg} or {@code nfft > MAX_NFFT}
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static Result compute(double[] x, double fs, SpectrogramConfig config) {
    Engine e = new Engine(x, fs, config);
    double[][] re = new double[e.nfreq][e.nseg];
    double[][] im = new double[e.nfreq][e.nseg];
    double s = Math.sqrt(e.scale);
    e.run((seg, buf) -> {
      for (int k = 0; k < e.nfreq; k++) {
        re[k][seg] = buf[2 * k] * s;
        im[k][seg] = buf[2 * k + 1] * s;
      }
    });
    return new Result(e.freqs(), e.times(), re, im);
  }

  /** Segmenting and FFT shared with {@link Spectrogram} (package-private). */
  static final class Engine {
    final double[] ext;
    final double fs;
    final int nperseg;
    final int noverlap;
    final int nstep;
    final int nfft;
    final int nseg;
    final int nfreq;
    final double[] win;
    final double scale;
    final boolean detrend;
    final boolean boundary;

    interface SegmentSink {
      void accept(int segment, double[] spectrum);
    }

    Engine(double[] x, double fs, SpectrogramConfig c) {
      Checks.notNull(c, "config");
      Checks.fs(fs);
      Checks.finite(x, "x");
      if (x.length == 0) {
        throw new EcgArgumentException("signal must not be empty");
      }
      this.fs = fs;
      nperseg = Math.min(c.nperseg(), x.length);
      noverlap = c.noverlap(nperseg);
      nfft = c.nfft(nperseg);
      if (nfft > MAX_NFFT) {
        throw new EcgArgumentException("nfft (" + nfft + ") exceeds MAX_NFFT = " + MAX_NFFT);
      }
      if (nfft < nperseg) {
        throw new EcgArgumentException("nfft (" + nfft + ") must be >= nperseg (" + nperseg + ")");
      }
      if (noverlap >= nperseg) {
        throw new EcgArgumentException("noverlap (" + noverlap + ") must be < nperseg ("
            + nperseg + ")");
      }
      nstep = nperseg - noverlap;
      boundary = c.boundaryZeros();
      int b = boundary ? nperseg / 2 : 0;
      long len = x.length + 2L * b;
      int nadd = 0;
      if (c.padded()) {
        nadd = (int) Math.floorMod(Math.floorMod(-(len - nperseg), (long) nstep), (long) nperseg);
      }
      if (len + nadd > Integer.MAX_VALUE - 8) {
        throw new EcgArgumentException("signal too long");
      }
      ext = new double[(int) (len + nadd)];
      System.arraycopy(x, 0, ext, b, x.length);
      nseg = (ext.length - noverlap) / nstep;
      nfreq = nfft / 2 + 1;
      win = c.window().periodic(nperseg);
      double sw = 0, sw2 = 0;
      for (double v : win) {
        sw += v;
        sw2 += v * v;
      }
      scale = c.scaling() == SpectrogramConfig.Scaling.DENSITY ? 1.0 / (fs * sw2) : 1.0 / (sw * sw);
      detrend = c.detrend();
    }

    double[] freqs() {
      double[] f = new double[nfreq];
      double val = 1.0 / (nfft * (1.0 / fs));
      for (int k = 0; k < nfreq; k++) {
        f[k] = k * val;
      }
      return f;
    }

    double[] times() {
      double[] t = new double[nseg];
      for (int j = 0; j < nseg; j++) {
        double v = nperseg / 2.0 + (double) j * nstep;
        t[j] = v / fs;
        if (boundary) {
          t[j] -= nperseg / 2.0 / fs;
        }
      }
      return t;
    }

    /** Calls the sink with interleaved (re, im) of bins 0..nfft-1 for every segment. */
    void run(SegmentSink sink) {
      DoubleFFT_1D fft = Fft.plan(nfft);
      double[] buf = new double[2 * nfft];
      for (int s = 0; s < nseg; s++) {
        int off = s * nstep;
        double mean = 0;
        if (detrend) {
          for (int i = 0; i < nperseg; i++) {
            mean += ext[off + i];
          }
          mean /= nperseg;
        }
        java.util.Arrays.fill(buf, 0.0);
        for (int i = 0; i < nperseg; i++) {
          buf[i] = win[i] * (ext[off + i] - mean);
        }
        fft.realForwardFull(buf);
        sink.accept(s, buf);
      }
    }
  }
}
