package dev.ecg.io.quality;

import dev.ecg.core.EcgArgumentException;

/**
 * Signal quality class of a lead from three signal quality indices, as NeuroKit2's
 * {@code nk.ecg_quality(cleaned, rpeaks=peaks, sampling_rate=fs, method="zhao2018",
 * approach="simple")} computes it, after Z. Zhao and Y. Zhang, "SQI quality evaluation mechanism
 * of single-lead ECG signal based on simple heuristic fusion and fuzzy comprehensive evaluation",
 * Frontiers in Physiology 9:727, 2018 (the paper's qSQI, which needs two detectors, is left out
 * as in NeuroKit2; NeuroKit2: D. Makowski et al., Behavior Research Methods 53:1689-1696, 2021).
 *
 * <ul>
 *   <li><b>kSQI</b>: Pearson kurtosis {@code m4 / m2^2} of the cleaned signal (3 for Gaussian
 *       noise, about 15-25 for a clean ECG). Optimal when {@code > 5}, else unqualified.
 *   <li><b>pSQI</b>: power in 5-15 Hz over power in 5-40 Hz (the QRS share). With the fastest
 *       heart rate {@code 60 fs / min(RR samples)} below 130 bpm it is optimal in (0.5, 0.8) and
 *       suspicious in (0.4, 0.5); at 130 bpm or more in (0.4, 0.7) and (0.3, 0.4); otherwise
 *       unqualified.
 *   <li><b>basSQI</b>: {@code 1 - power(0-1 Hz) / power(0-40 Hz)} (baseline share). Optimal at
 *       {@code >= 0.95}, suspicious in [0.9, 0.95), unqualified below 0.9.
 * </ul>
 *
 * <p>Powers come from a Welch spectrum (periodic Hann window of {@code min(1024 s, N/2)}, 50 %
 * overlap, zero-padded to twice the window, mean removed, one-sided density) integrated with the
 * trapezoid rule over the bins inside each band, bins below {@code 4 fs / N} excluded (NeuroKit2's
 * {@code signal_power} defaults). Fusion: two or more unqualified indices, or one unqualified and
 * two suspicious, give {@link Level#UNACCEPTABLE}; two or more optimal and none unqualified give
 * {@link Level#EXCELLENT}; anything else {@link Level#BARELY_ACCEPTABLE}. On MIT-BIH records 100
 * and 119 (first 60 s) the levels are NeuroKit2's ("Excellent", "Barely acceptable") and the
 * three indices agree within 1e-9.
 */
public final class Zhao2018Quality {
  /** NeuroKit2's Welch window length in seconds (longer than most signals, so N/2 is used). */
  public static final double DEFAULT_WINDOW_SECONDS = 1024;

  private Zhao2018Quality() {}

  /** The fused verdict. */
  public enum Level {
    /** Good quality. */
    EXCELLENT("Excellent"),
    /** Usable with caution; NeuroKit2 advises assessing again. */
    BARELY_ACCEPTABLE("Barely acceptable"),
    /** Too noisy or distorted to analyse. */
    UNACCEPTABLE("Unacceptable");

    private final String neuroKitName;

    Level(String neuroKitName) {
      this.neuroKitName = neuroKitName;
    }

    /** @return the string NeuroKit2 returns for this level */
    public String neuroKitName() {
      return neuroKitName;
    }
  }

  /** Class of one index: 0 unqualified, 1 suspicious, 2 optimal. */
  public enum IndexClass {
    /** Outside the acceptable range. */
    UNQUALIFIED,
    /** Borderline. */
    SUSPICIOUS,
    /** In the optimal range. */
    OPTIMAL
  }

  /**
   * The three indices, their classes and the verdict.
   *
   * @param level fused verdict
   * @param kSqi Pearson kurtosis (not excess kurtosis)
   * @param pSqi QRS power share 5-15 Hz / 5-40 Hz
   * @param basSqi {@code 1 -} baseline power share 0-1 Hz / 0-40 Hz
   * @param kClass class of kSQI
   * @param pClass class of pSQI
   * @param basClass class of basSQI
   * @param maxHeartRate fastest beat-to-beat rate in bpm, which selects the pSQI limits (1 when
   *     fewer than 2 peaks were given, as in NeuroKit2)
   */
  public record Result(Level level, double kSqi, double pSqi, double basSqi, IndexClass kClass,
      IndexClass pClass, IndexClass basClass, double maxHeartRate) {}

  /**
   * @param cleaned the cleaned lead (NeuroKit2 uses {@code ecg_clean}'s output), finite, at least
   *     16 samples
   * @param peaks R-peak sample indices, strictly increasing (may be empty)
   * @param fs sampling rate in Hz
   * @return indices and verdict
   * @throws EcgArgumentException if {@code fs} is not finite and positive, the signal is null,
   *     not finite or shorter than 16 samples, or the peaks are out of range or not increasing
   */
  public static Result assess(double[] cleaned, int[] peaks, double fs) {
    return assess(cleaned, peaks, fs, DEFAULT_WINDOW_SECONDS);
  }

  /**
   * @param cleaned the cleaned lead, finite, at least 16 samples
   * @param peaks R-peak sample indices, strictly increasing (may be empty)
   * @param fs sampling rate in Hz
   * @param windowSeconds Welch window in seconds ({@code > 0}; capped at half the signal)
   * @return indices and verdict
   * @throws EcgArgumentException on the conditions of {@link #assess(double[], int[], double)} or
   *     a non-positive window
   */
  public static Result assess(double[] cleaned, int[] peaks, double fs, double windowSeconds) {
    QualityChecks.rate(fs);
    QualityChecks.finite(cleaned, "cleaned signal");
    if (cleaned.length < 16) {
      throw new EcgArgumentException("zhao2018 quality needs at least 16 samples, got "
          + cleaned.length);
    }
    if (!(windowSeconds > 0) || Double.isInfinite(windowSeconds)) {
      throw new EcgArgumentException("window must be finite and > 0 s, got " + windowSeconds);
    }
    QualityChecks.peaks(peaks, cleaned.length);
    if (fs <= 80) {
      throw new EcgArgumentException("zhao2018 quality integrates up to 40 Hz and needs fs > 80 Hz,"
          + " got " + fs);
    }
    double k = kurtosis(cleaned);
    WelchPsd psd = WelchPsd.of(cleaned, fs, windowSeconds);
    double p = psd.bandPower(5, 15, 5, 40) / psd.bandPower(5, 40, 5, 40);
    double bas = 1 - psd.bandPower(0, 1, 0, 40) / psd.bandPower(0, 40, 0, 40);
    double rate = 1;
    if (peaks.length > 1) {
      int minRr = Integer.MAX_VALUE;
      for (int i = 1; i < peaks.length; i++) {
        minRr = Math.min(minRr, peaks[i] - peaks[i - 1]);
      }
      rate = 60000.0 / (1000.0 / fs * minRr);
    }
    double l1, l2, l3;
    if (rate < 130) {
      l1 = 0.5;
      l2 = 0.8;
      l3 = 0.4;
    } else {
      l1 = 0.4;
      l2 = 0.7;
      l3 = 0.3;
    }
    IndexClass pc = p > l1 && p < l2 ? IndexClass.OPTIMAL
        : p > l3 && p < l1 ? IndexClass.SUSPICIOUS : IndexClass.UNQUALIFIED;
    IndexClass kc = k > 5 ? IndexClass.OPTIMAL : IndexClass.UNQUALIFIED;
    IndexClass bc = bas >= 0.95 ? IndexClass.OPTIMAL
        : bas < 0.9 ? IndexClass.UNQUALIFIED : IndexClass.SUSPICIOUS;
    int opt = 0, sus = 0, unq = 0;
    for (IndexClass c : new IndexClass[] {pc, kc, bc}) {
      switch (c) {
        case OPTIMAL -> opt++;
        case SUSPICIOUS -> sus++;
        default -> unq++;
      }
    }
    Level level;
    if (unq >= 2 || (unq == 1 && sus == 2)) {
      level = Level.UNACCEPTABLE;
    } else if (opt >= 2 && unq == 0) {
      level = Level.EXCELLENT;
    } else {
      level = Level.BARELY_ACCEPTABLE;
    }
    return new Result(level, k, p, bas, kc, pc, bc, rate);
  }

  /** Pearson kurtosis with the biased moments, as {@code scipy.stats.kurtosis(fisher=False)}. */
  static double kurtosis(double[] x) {
    double mean = dev.ecg.io.dsp.PairwiseSum.mean(x);
    double[] d2 = new double[x.length];
    double[] d4 = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - mean;
      d2[i] = d * d;
      d4[i] = d2[i] * d2[i];
    }
    double m2 = dev.ecg.io.dsp.PairwiseSum.mean(d2);
    double m4 = dev.ecg.io.dsp.PairwiseSum.mean(d4);
    return m4 / (m2 * m2);
  }
}
