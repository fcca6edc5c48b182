package dev.ecg.io.hrv;

import dev.ecg.core.EcgArgumentException;
import java.util.List;

/**
 * Heart rate variability from R-peak positions or an NN-interval series, with NeuroKit2's
 * definitions, units and column names (D. Makowski et al., "NeuroKit2: A Python toolbox for
 * neurophysiological signal processing", Behav Res Methods 53:1689-1696, 2021; the indices
 * themselves follow the Task Force of the ESC and NASPE, "Heart rate variability: standards of
 * measurement", Circulation 93(5):1043-1065, 1996, and the papers cited in the method docs).
 *
 * <pre>{@code
 * HrvResult all  = Hrv.compute(peaks, 360);     // nk.hrv(peaks, sampling_rate=360)
 * HrvResult time = Hrv.time(peaks, 360);        // nk.hrv_time(...)
 * double rmssd = all.rmssd();                   // ms
 * String json = all.toJson();
 * }</pre>
 *
 * <p>RR intervals are {@code (peaks[i+1] - peaks[i]) / fs * 1000} ms, in that operation order,
 * and no interval is removed or corrected here: clean artefacts first (for example with
 * {@link dev.ecg.io.rpeaks.ArtifactCorrection}). The methods taking {@code rriMs} treat the
 * intervals as contiguous, as NeuroKit2 does for peaks.
 *
 * <p>Minimum input: {@link #MIN_PEAKS_TIME} peaks for the time domain, {@link #MIN_PEAKS} for the
 * frequency domain, the nonlinear indices and {@link #compute}. Above that, indices that need
 * more data are NaN, as in NeuroKit2: SDANN/SDNNI need 3 or more windows (more than 2.5, 5 or
 * 12.5 minutes), ULF needs a recording long enough for bins below 0.0033 Hz, DFA alpha2 needs
 * 130 beats (its columns are NaN here where NeuroKit2 leaves them out), the multiscale entropies
 * need 24 intervals, and entropies may be infinite when no template matches.
 */
public final class Hrv {
  /** Fewest peaks {@link #time} accepts (two intervals). */
  public static final int MIN_PEAKS_TIME = 3;
  /** Fewest peaks the frequency and nonlinear families accept (three intervals, for the spline). */
  public static final int MIN_PEAKS = 4;

  private Hrv() {}

  /** @return every column name, in order: time, frequency, nonlinear */
  public static List<String> columns() {
    java.util.ArrayList<String> c = new java.util.ArrayList<>(TimeDomain.COLUMNS);
    c.addAll(FrequencyDomain.COLUMNS);
    c.addAll(Nonlinear.COLUMNS);
    return List.copyOf(c);
  }

  /** @return the columns of {@link #time}, as {@code hrv_time} names them */
  public static List<String> timeColumns() {
    return TimeDomain.COLUMNS;
  }

  /** @return the columns of {@link #frequency}, as {@code hrv_frequency} names them */
  public static List<String> frequencyColumns() {
    return FrequencyDomain.COLUMNS;
  }

  /** @return the columns of {@link #nonlinear}, as {@code hrv_nonlinear} names them */
  public static List<String> nonlinearColumns() {
    return Nonlinear.COLUMNS;
  }

  /**
   * RR intervals in ms from peak positions.
   *
   * @param peaks R-peak sample indices, strictly increasing, at least 2
   * @param fs sampling rate in Hz, finite and positive
   * @return {@code (peaks[i+1] - peaks[i]) / fs * 1000}
   * @throws EcgArgumentException on fewer than 2 peaks, non-increasing peaks or a bad rate
   */
  public static double[] rrIntervalsMs(int[] peaks, double fs) {
    return intervals(peaks, fs, 2);
  }

  /**
   * All three families, as {@code nk.hrv(peaks, sampling_rate=fs)} (time, frequency and
   * nonlinear columns; NeuroKit2's {@code hrv} adds no other columns for peaks).
   *
   * @param peaks R-peak sample indices, strictly increasing, at least {@link #MIN_PEAKS}
   * @param fs sampling rate in Hz
   * @return the indices
   * @throws EcgArgumentException on too few or non-increasing peaks or a bad rate
   */
  public static HrvResult compute(int[] peaks, double fs) {
    return compute(intervals(peaks, fs, MIN_PEAKS));
  }

  /**
   * All three families from NN intervals.
   *
   * @param rriMs NN intervals in ms, finite and positive, at least {@code MIN_PEAKS - 1}
   * @return the indices
   * @throws EcgArgumentException on too few, non-finite or non-positive intervals
   */
  public static HrvResult compute(double[] rriMs) {
    double[] rri = checkIntervals(rriMs, MIN_PEAKS - 1);
    java.util.Map<String, Double> m = new java.util.LinkedHashMap<>(TimeDomain.compute(rri));
    m.putAll(FrequencyDomain.compute(rri));
    m.putAll(Nonlinear.compute(rri));
    return new HrvResult(m);
  }

  /**
   * Time-domain indices, as {@code nk.hrv_time(peaks, sampling_rate=fs)}: MeanNN, SDNN,
   * SDANN1/2/5, SDNNI1/2/5, RMSSD, SDSD, CVNN, CVSD, MedianNN, MadNN, MCVNN, IQRNN, SDRMSSD,
   * Prc20NN, Prc80NN, pNN50, pNN20, MinNN, MaxNN, HTI, TINN. SDs use ddof 1, percentiles NumPy's
   * linear rule, MadNN is {@code 1.4826 * median|x - median|}, pNNx counts {@code |diff| > x}
   * over the number of intervals, HTI and TINN use 7.8125 ms (1/128 s) bins.
   *
   * @param peaks R-peak sample indices, strictly increasing, at least {@link #MIN_PEAKS_TIME}
   * @param fs sampling rate in Hz
   * @return the 25 time-domain columns
   * @throws EcgArgumentException on too few or non-increasing peaks or a bad rate
   */
  public static HrvResult time(int[] peaks, double fs) {
    return time(intervals(peaks, fs, MIN_PEAKS_TIME));
  }

  /**
   * Time-domain indices from NN intervals (see {@link #time(int[], double)}).
   *
   * @param rriMs NN intervals in ms, at least {@code MIN_PEAKS_TIME - 1}
   * @return the 25 time-domain columns
   * @throws EcgArgumentException on too few, non-finite or non-positive intervals
   */
  public static HrvResult time(double[] rriMs) {
    return new HrvResult(TimeDomain.compute(checkIntervals(rriMs, MIN_PEAKS_TIME - 1)));
  }

  /**
   * Frequency-domain indices, as {@code nk.hrv_frequency(peaks, sampling_rate=fs)} with its
   * defaults: the RR series at its beat times ({@code cumsum(rri)/1000} s) is interpolated with
   * the quadratic interpolating B-spline ({@link dev.ecg.io.dsp.QuadraticSpline}) at 100 Hz, the
   * mean removed, and Welch's PSD taken ({@link dev.ecg.io.dsp.Welch}: periodic Hann,
   * {@code nperseg} about half the series, 50 % overlap, {@code nfft = 2 nperseg}); the PSD is
   * divided by its maximum, then band powers (trapezoid over bins with
   * {@code max(lo, fmin) <= f < hi}, {@code fmin = 400 / N} Hz) for ULF 0-0.0033, VLF
   * 0.0033-0.04, LF 0.04-0.15, HF 0.15-0.4 and VHF 0.4-0.5 Hz; an empty band is NaN. TP is the sum
   * of the defined bands, LFHF = LF/HF, LFn = LF/TP, HFn = HF/TP, LnHF = ln HF. Band powers are
   * fractions of the spectral peak, not ms².
   *
   * @param peaks R-peak sample indices, strictly increasing, at least {@link #MIN_PEAKS}
   * @param fs sampling rate in Hz
   * @return the 10 frequency-domain columns
   * @throws EcgArgumentException on too few or non-increasing peaks, a bad rate, or a
   *     recording longer than about 46 hours (2^24 interpolated samples)
   */
  public static HrvResult frequency(int[] peaks, double fs) {
    return frequency(intervals(peaks, fs, MIN_PEAKS));
  }

  /**
   * Frequency-domain indices from NN intervals (see {@link #frequency(int[], double)}).
   *
   * @param rriMs NN intervals in ms, at least {@code MIN_PEAKS - 1}
   * @return the 10 frequency-domain columns
   * @throws EcgArgumentException on too few, non-finite or non-positive intervals, or more
   *     than about 46 hours of them
   */
  public static HrvResult frequency(double[] rriMs) {
    return new HrvResult(FrequencyDomain.compute(checkIntervals(rriMs, MIN_PEAKS - 1)));
  }

  /**
   * Nonlinear indices, as {@code nk.hrv_nonlinear(peaks, sampling_rate=fs)}: Poincaré (SD1, SD2,
   * SD1SD2, S, CSI, CVI, CSI_Modified), fragmentation (PIP, IALS, PSS, PAS; Costa et al. 2017),
   * asymmetry (GI, SI, AI, PI, C1d/a, SD1d/a, C2d/a, SD2d/a, Cd/a, SDNNd/a; Piskorski and Guzik
   * 2007), DFA alpha1 and alpha2 with 8 MFDFA summaries each, ApEn, SampEn, ShanEn, FuzzyEn,
   * MSEn, CMSEn, RCMSEn (m = 2, r = 0.2 SDNN), CD, HFD (k max 10), KFD, LZC and the four
   * 4-level equal-probability symbolic-dynamics fractions.
   *
   * @param peaks R-peak sample indices, strictly increasing, at least {@link #MIN_PEAKS}
   * @param fs sampling rate in Hz
   * @return the 60 nonlinear columns
   * @throws EcgArgumentException on too few or non-increasing peaks or a bad rate
   */
  public static HrvResult nonlinear(int[] peaks, double fs) {
    return nonlinear(intervals(peaks, fs, MIN_PEAKS));
  }

  /**
   * Nonlinear indices from NN intervals (see {@link #nonlinear(int[], double)}).
   *
   * @param rriMs NN intervals in ms, at least {@code MIN_PEAKS - 1}
   * @return the 60 nonlinear columns
   * @throws EcgArgumentException on too few, non-finite or non-positive intervals
   */
  public static HrvResult nonlinear(double[] rriMs) {
    return new HrvResult(Nonlinear.compute(checkIntervals(rriMs, MIN_PEAKS - 1)));
  }

  private static double[] intervals(int[] peaks, double fs, int minPeaks) {
    if (peaks == null) {
      throw new EcgArgumentException("peaks must not be null");
    }
    if (!(fs > 0) || Double.isInfinite(fs)) {
      throw new EcgArgumentException("sampling rate fs must be finite and > 0 Hz, got " + fs);
    }
    if (peaks.length < minPeaks) {
      throw new EcgArgumentException("HRV needs at least " + minPeaks + " R peaks here, got "
          + peaks.length + "; pass a longer recording");
    }
    double[] rri = new double[peaks.length - 1];
    for (int i = 0; i < rri.length; i++) {
      if (peaks[i + 1] <= peaks[i]) {
        throw new EcgArgumentException("R peaks must be strictly increasing, index " + (i + 1)
            + ": " + peaks[i] + " then " + peaks[i + 1] + " (sort them and drop duplicates)");
      }
      rri[i] = (double) (peaks[i + 1] - peaks[i]) / fs * 1000;
    }
    return rri;
  }

  private static double[] checkIntervals(double[] rri, int min) {
    if (rri == null) {
      throw new EcgArgumentException("RR intervals must not be null");
    }
    if (rri.length < min) {
      throw new EcgArgumentException("HRV needs at least " + min + " RR intervals here, got "
          + rri.length);
    }
    for (int i = 0; i < rri.length; i++) {
      if (!(rri[i] > 0) || Double.isInfinite(rri[i])) {
        throw new EcgArgumentException("RR intervals must be finite and > 0 ms, index " + i
            + " is " + rri[i]);
      }
    }
    return rri.clone();
  }
}
