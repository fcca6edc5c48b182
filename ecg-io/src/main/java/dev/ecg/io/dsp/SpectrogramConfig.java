package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/**
 * Settings of {@link Spectrogram} and {@link Stft}. Immutable; build with {@link #builder()}
 * (the defaults of {@code scipy.signal.spectrogram}) or {@link #stftBuilder()} (the defaults of
 * {@code scipy.signal.stft}).
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>builder() (spectrogram)</th><th>stftBuilder()</th></tr>
 *   <tr><td>window</td><td>Tukey 0.25</td><td>Hann</td></tr>
 *   <tr><td>nperseg</td><td>256 (at most the signal length)</td><td>256 (same)</td></tr>
 *   <tr><td>noverlap</td><td>nperseg / 8</td><td>nperseg / 2</td></tr>
 *   <tr><td>nfft</td><td>nperseg</td><td>nperseg</td></tr>
 *   <tr><td>detrend</td><td>constant (segment mean removed)</td><td>none</td></tr>
 *   <tr><td>scaling</td><td>density</td><td>spectrum</td></tr>
 *   <tr><td>boundary</td><td>none</td><td>nperseg/2 zeros at each end</td></tr>
 *   <tr><td>padded</td><td>no</td><td>yes (zeros to fill the last segment)</td></tr>
 * </table>
 */
public final class SpectrogramConfig {
  /** Normalisation of the spectrum. */
  public enum Scaling {
    /** Power spectral density, V^2/Hz: divide by {@code fs * sum(w^2)}. */
    DENSITY,
    /** Power spectrum, V^2: divide by {@code sum(w)^2}. */
    SPECTRUM
  }

  /** What the spectrogram holds. */
  public enum Mode {
    /** Power ({@code |X|^2}, one-sided bins doubled except DC and Nyquist). */
    PSD,
    /** Magnitude {@code |X|} of the scaled STFT (no doubling). */
    MAGNITUDE
  }

  private final Window window;
  private final int nperseg;
  private final int noverlap;
  private final int overlapDivisor;
  private final int nfft;
  private final boolean detrend;
  private final Scaling scaling;
  private final Mode mode;
  private final boolean logScale;
  private final boolean boundaryZeros;
  private final boolean padded;

  private SpectrogramConfig(Builder b) {
    window = b.window;
    nperseg = b.nperseg;
    noverlap = b.noverlap;
    overlapDivisor = b.overlapDivisor;
    nfft = b.nfft;
    detrend = b.detrend;
    scaling = b.scaling;
    mode = b.mode;
    logScale = b.logScale;
    boundaryZeros = b.boundaryZeros;
    padded = b.padded;
  }

  /**
   * @return a builder with the defaults of {@code scipy.signal.spectrogram}
   */
  public static Builder builder() {
    return new Builder(Window.TUKEY_0_25, 8, true, Scaling.DENSITY, false, false);
  }

  /**
   * @return a builder with the defaults of {@code scipy.signal.stft}
   */
  public static Builder stftBuilder() {
    return new Builder(Window.HANN, 2, false, Scaling.SPECTRUM, true, true);
  }

  /** @return window */
  public Window window() {
    return window;
  }

  /** @return requested segment length (clipped to the signal length when used) */
  public int nperseg() {
    return nperseg;
  }

  /**
   * @param segment the effective segment length
   * @return overlap in samples
   */
  public int noverlap(int segment) {
    return noverlap >= 0 ? noverlap : segment / overlapDivisor;
  }

  /**
   * @param segment the effective segment length
   * @return FFT length
   */
  public int nfft(int segment) {
    return nfft > 0 ? nfft : segment;
  }

  /** @return whether each segment's mean is removed */
  public boolean detrend() {
    return detrend;
  }

  /** @return scaling */
  public Scaling scaling() {
    return scaling;
  }

  /** @return mode */
  public Mode mode() {
    return mode;
  }

  /** @return whether {@link Spectrogram} returns decibels */
  public boolean logScale() {
    return logScale;
  }

  /** @return whether nperseg/2 zeros are added at both ends */
  public boolean boundaryZeros() {
    return boundaryZeros;
  }

  /** @return whether the end is zero-padded to complete the last segment */
  public boolean padded() {
    return padded;
  }

  /** Builder; every setter checks its argument. */
  public static final class Builder {
    private Window window;
    private int nperseg = 256;
    private int noverlap = -1;
    private final int overlapDivisor;
    private int nfft = -1;
    private boolean detrend;
    private Scaling scaling;
    private Mode mode = Mode.PSD;
    private boolean logScale;
    private boolean boundaryZeros;
    private boolean padded;

    private Builder(Window w, int div, boolean detrend, Scaling s, boolean boundary,
        boolean padded) {
      this.window = w;
      this.overlapDivisor = div;
      this.detrend = detrend;
      this.scaling = s;
      this.boundaryZeros = boundary;
      this.padded = padded;
    }

    /**
     * @param w window
     * @return this
     */
    public Builder window(Window w) {
      Checks.notNull(w, "window");
      this.window = w;
      return this;
    }

    /**
     * @param n segment length {@code >= 1}
     * @return this
     * @throws EcgArgumentException if {@code n < 1}
     */
    public Builder nperseg(int n) {
      Checks.positive(n, "nperseg");
      this.nperseg = n;
      return this;
    }

    /**
     * @param n overlap {@code >= 0}, must stay below nperseg (checked when used)
     * @return this
     * @throws EcgArgumentException if {@code n < 0}
     */
    public Builder noverlap(int n) {
      if (n < 0) {
        throw new EcgArgumentException("noverlap must be >= 0, got " + n);
      }
      this.noverlap = n;
      return this;
    }

    /**
     * @param n FFT length {@code >= nperseg} (checked when used)
     * @return this
     * @throws EcgArgumentException if {@code n < 1}
     */
    public Builder nfft(int n) {
      Checks.positive(n, "nfft");
      this.nfft = n;
      return this;
    }

    /**
     * @param constant remove each segment's mean ({@code detrend='constant'}) or not
     * @return this
     */
    public Builder detrend(boolean constant) {
      this.detrend = constant;
      return this;
    }

    /**
     * @param s scaling
     * @return this
     */
    public Builder scaling(Scaling s) {
      Checks.notNull(s, "scaling");
      this.scaling = s;
      return this;
    }

    /**
     * @param m mode
     * @return this
     */
    public Builder mode(Mode m) {
      Checks.notNull(m, "mode");
      this.mode = m;
      return this;
    }

    /**
     * @param on return decibels ({@code 10 log10} of power, {@code 20 log10} of magnitude,
     *     values floored at {@link Double#MIN_NORMAL} before the logarithm)
     * @return this
     */
    public Builder logScale(boolean on) {
      this.logScale = on;
      return this;
    }

    /**
     * @param on add nperseg/2 zeros at both ends (SciPy {@code boundary='zeros'}) or none
     * @return this
     */
    public Builder boundaryZeros(boolean on) {
      this.boundaryZeros = on;
      return this;
    }

    /**
     * @param on zero-pad the end to complete the last segment
     * @return this
     */
    public Builder padded(boolean on) {
      this.padded = on;
      return this;
    }

    /**
     * @return the configuration
     */
    public SpectrogramConfig build() {
      return new SpectrogramConfig(this);
    }
  }
}
