package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Record;

/**
 * Named ECG cleaning recipes, so that training and inference apply exactly the same
 * preprocessing. Every filter is run forward and backward ({@link SosFilter#filtfilt}, zero
 * phase: R peaks do not move).
 *
 * <pre>{@code
 * double[] clean = EcgCleaner.of(EcgCleaner.Preset.BANDPASS_0_5_40_NOTCH)
 *     .withMainsHz(60)          // MIT-BIH was recorded in the USA
 *     .clean(record.signals()[0], record.fs());
 * }</pre>
 *
 * <p>The mains frequency defaults to 50 Hz. A notch is skipped when the mains frequency is not
 * below the Nyquist frequency {@code fs/2} (it cannot be represented in the signal).
 */
public final class EcgCleaner {
  /** Cleaning recipes. */
  public enum Preset {
    /**
     * Butterworth band-pass 0.5-40 Hz, order 3 (6th-order band-pass, 3 sections), zero phase;
     * then an {@link Notch iirnotch} at the mains frequency with {@code Q = 30}, zero phase.
     * Requires {@code fs > 80 Hz}.
     */
    BANDPASS_0_5_40_NOTCH,
    /**
     * The band-pass stage of Pan and Tompkins (1985): 5-15 Hz, implemented as a Butterworth
     * band-pass of order 1 (one section), zero phase, as NeuroKit2 does for its
     * {@code "pantompkins1985"} method. No notch (15 Hz is far below mains). Requires
     * {@code fs > 30 Hz}.
     */
    PAN_TOMPKINS,
    /**
     * NeuroKit2-like default ({@code nk.ecg_clean(method="neurokit")}): Butterworth high-pass
     * at 0.5 Hz, order 5, zero phase, to remove baseline wander; then powerline removal by an
     * {@link Notch iirnotch} at the mains frequency with {@code Q = 30}, zero phase. NeuroKit2
     * itself removes powerline with a moving-average comb of {@code fs / mains} samples; the
     * notch is used here because it leaves the QRS band untouched. Requires {@code fs > 1 Hz}.
     * Kept as it is because model packages record it; use {@link #NEUROKIT_EXACT} to reproduce
     * NeuroKit2's numbers.
     */
    NEUROKIT,
    /**
     * Reproduces NeuroKit2's {@code nk.ecg_clean(x, sampling_rate=fs, method="neurokit",
     * powerline=mains)} (D. Makowski et al., "NeuroKit2: A Python toolbox for neurophysiological
     * signal processing", Behavior Research Methods 53:1689-1696, 2021) to the last bits:
     *
     * <ol>
     *   <li>Butterworth high-pass at 0.5 Hz, order 5, designed as SciPy's {@code butter(...,
     *       output="sos")} designs it and applied with {@code sosfiltfilt} defaults (odd
     *       extension of 18 samples, steady-state initial conditions);
     *   <li>power-line smoothing by a moving average of {@code k = int(fs / mains)} samples
     *       ({@code k = 2} when {@code fs < 100}), applied with {@code filtfilt(ones(k), [k], x,
     *       method="pad")} (odd extension of {@code 3k} samples).
     * </ol>
     *
     * <p>Both passes use {@link ScipyFiltfilt}, which follows SciPy's operation order. On MIT-BIH
     * records 100 and 119 (360 Hz, mains left at NeuroKit2's default 50 Hz, so {@code k = 7})
     * every sample equals NeuroKit2's output exactly. The moving average is a comb with nulls at
     * multiples of {@code fs / k}, and also attenuates the QRS band (about -3 dB near 23 Hz at
     * 360 Hz); that is NeuroKit2's choice, kept for fidelity. Requires {@code fs > 1 Hz},
     * {@code mains <= fs} and more than {@code max(18, 3k)} samples.
     */
    NEUROKIT_EXACT
  }

  private final Preset preset;
  private final double mainsHz;

  private EcgCleaner(Preset preset, double mainsHz) {
    this.preset = preset;
    this.mainsHz = mainsHz;
  }

  /**
   * @param preset recipe
   * @return a cleaner with a 50 Hz mains notch where the recipe has one
   * @throws EcgArgumentException if {@code preset} is null
   */
  public static EcgCleaner of(Preset preset) {
    Checks.notNull(preset, "preset");
    return new EcgCleaner(preset, 50.0);
  }

  /**
   * @param hz mains frequency, usually 50 (Europe, most of Asia) or 60 (Americas); {@code > 0}
   * @return a cleaner with that mains frequency
   * @throws EcgArgumentException if {@code hz <= 0} or not finite
   */
  public EcgCleaner withMainsHz(double hz) {
    if (!(hz > 0) || Double.isInfinite(hz)) {
      throw new EcgArgumentException("mains frequency must be finite and > 0, got " + hz);
    }
    return new EcgCleaner(preset, hz);
  }

  /** @return the recipe */
  public Preset preset() {
    return preset;
  }

  /** @return the mains frequency in Hz */
  public double mainsHz() {
    return mainsHz;
  }

  /**
   * One-line description of the steps for a given rate, for logs and model cards.
   *
   * @param fs sampling frequency in Hz
   * @return e.g. {@code "butter bandpass 0.5-40 Hz order 3 filtfilt; iirnotch 50 Hz Q=30 filtfilt"}
   */
  public String describe(double fs) {
    String notch = mainsHz < fs / 2 ? "; iirnotch " + fmt(mainsHz) + " Hz Q=30 filtfilt" : "";
    switch (preset) {
      case BANDPASS_0_5_40_NOTCH:
        return "butter bandpass 0.5-40 Hz order 3 filtfilt" + notch;
      case PAN_TOMPKINS:
        return "butter bandpass 5-15 Hz order 1 filtfilt";
      case NEUROKIT:
        return "butter highpass 0.5 Hz order 5 filtfilt" + notch;
      case NEUROKIT_EXACT:
        return "butter highpass 0.5 Hz order 5 sosfiltfilt; moving average " + powerlineTaps(fs)
            + " samples filtfilt (NeuroKit2 ecg_clean, exact)";
      default:
        throw new AssertionError(preset);
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * Cleans one lead.
   *
   * @param x samples in physical units (not modified)
   * @param fs sampling frequency in Hz
   * @return cleaned samples, same length
   * @throws EcgArgumentException if {@code fs} is too low for the recipe's band edges
   * @throws SignalTooShortException if {@code x} is shorter than the filters' edge padding
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public double[] clean(double[] x, double fs) {
    Checks.fs(fs);
    Checks.finite(x, "x");
    double[] y;
    switch (preset) {
      case BANDPASS_0_5_40_NOTCH:
        y = SosFilter.filtfilt(Butterworth.bandpass(3, 0.5, 40, fs), x);
        break;
      case PAN_TOMPKINS:
        return SosFilter.filtfilt(Butterworth.bandpass(1, 5, 15, fs), x);
      case NEUROKIT:
        y = SosFilter.filtfilt(Butterworth.highpass(5, 0.5, fs), x);
        break;
      case NEUROKIT_EXACT:
        return neurokitExact(x, fs);
      default:
        throw new AssertionError(preset);
    }
    if (mainsHz < fs / 2) {
      y = SosFilter.filtfilt(Notch.design(mainsHz, Notch.DEFAULT_Q, fs), y);
    }
    return y;
  }

  /**
   * Taps of NeuroKit2's power-line moving average: {@code int(fs / mains)} at {@code fs >= 100},
   * else 2.
   */
  private int powerlineTaps(double fs) {
    if (fs < 100) {
      return 2;
    }
    double k = Math.floor(fs / mainsHz);
    if (k < 1) {
      throw new EcgArgumentException("NEUROKIT_EXACT needs mains <= fs for its moving average, got "
          + "mains " + mainsHz + " Hz at fs " + fs + " Hz");
    }
    return (int) Math.min(k, Integer.MAX_VALUE / 4);
  }

  private double[] neurokitExact(double[] x, double fs) {
    Checks.cutoff(0.5, fs, "NEUROKIT_EXACT high-pass cutoff (needs fs > 1 Hz)");
    int k = powerlineTaps(fs);
    double[] b = new double[k];
    java.util.Arrays.fill(b, 1.0);
    double[] y = ScipyFiltfilt.sosfiltfilt(ScipyButter.highpass(5, 0.5, fs), x);
    return ScipyFiltfilt.firFiltfilt(b, k, y);
  }

  /**
   * Cleans every channel of a record; annotations, names and units are kept.
   *
   * @param record the record; its signals must be finite (fill NaN gaps first)
   * @return a new record with cleaned signals
   * @throws EcgArgumentException if the record's rate is too low for the recipe
   * @throws SignalTooShortException if the record is shorter than the filters' edge padding
   * @throws NanInputException if a channel holds a non-finite sample
   */
  public Record clean(Record record) {
    Checks.notNull(record, "record");
    double[][] out = new double[record.channelCount()][];
    for (int c = 0; c < out.length; c++) {
      Checks.finite(record.channel(c), "record " + record.name() + " channel " + c);
      out[c] = clean(record.channel(c), record.fs());
    }
    return new Record(record.name(), record.fs(), record.channelNames(), record.units(), out,
        record.annotations());
  }

  /**
   * Shortcut for {@code of(preset).clean(x, fs)} (50 Hz mains).
   *
   * @param x samples
   * @param fs sampling frequency in Hz
   * @param preset recipe
   * @return cleaned samples
   * @throws EcgArgumentException on bad arguments (see {@link #clean(double[], double)})
   */
  public static double[] clean(double[] x, double fs, Preset preset) {
    return of(preset).clean(x, fs);
  }
}
