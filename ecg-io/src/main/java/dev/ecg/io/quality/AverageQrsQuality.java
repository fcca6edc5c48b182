package dev.ecg.io.quality;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.dsp.PairwiseSum;
import dev.ecg.io.rpeaks.InstantRate;
import java.util.Arrays;

/**
 * NeuroKit2's {@code nk.ecg_quality(cleaned, rpeaks=peaks, sampling_rate=fs,
 * method="averageQRS")} (D. Makowski et al., "NeuroKit2: A Python toolbox for neurophysiological
 * signal processing", Behavior Research Methods 53:1689-1696, 2021): how close each heartbeat is
 * to the average heartbeat of the recording, from 0 (the most atypical beat) to 1 (the most
 * typical). The index is relative to the recording: it ranks beats, it does not say whether the
 * average beat is good.
 *
 * <ol>
 *   <li>The mean heart rate {@code HR} is the mean of {@link InstantRate#rate} over the whole
 *       signal; each beat is the epoch from {@code -0.35 * 60/HR} to {@code +0.65 * 60/HR} seconds
 *       around its R peak, cut as NeuroKit2's {@code epochs_create} cuts it (sample indices
 *       truncated towards zero).
 *   <li>Beats that reach outside the signal get quality 0 and take no further part.
 *   <li>Every time point (column of the beats-by-samples matrix) is z-scored across beats (sample
 *       standard deviation); a beat's distance is the mean of its z-scores (columns without
 *       spread are skipped), taken in absolute value.
 *   <li>Distances are min-max rescaled to [0, 1] and the quality is {@code 1 - rescaled}.
 *   <li>Per sample, the quality of the latest R peak at or before it; samples before the first
 *       peak take the first beat's quality.
 * </ol>
 *
 * <p>Agrees with NeuroKit2 within 1e-9 on MIT-BIH records 100 and 119 (per sample and per beat).
 * Departures, for cases where NeuroKit2 returns NaN or fails: when every complete beat is at the
 * same distance (for example exactly two complete beats) all complete beats get quality 1; a beat
 * whose epoch length differs from the first complete beat's by floating-point rounding (not seen
 * in practice) is treated like an incomplete beat.
 */
public final class AverageQrsQuality {
  /** Fraction of the beat window before the R peak. */
  public static final double RATIO_PRE = 0.35;

  private AverageQrsQuality() {}

  /**
   * Quality per beat and per sample.
   *
   * @param beats quality of each R peak, in the order given
   * @param samples quality at every sample of the signal
   * @param meanHeartRate the mean instantaneous heart rate that set the epoch length, in bpm
   */
  public record Result(double[] beats, double[] samples, double meanHeartRate) {
    /** Defensive copies. */
    public Result {
      beats = beats.clone();
      samples = samples.clone();
    }

    @Override
    public double[] beats() {
      return beats.clone();
    }

    @Override
    public double[] samples() {
      return samples.clone();
    }
  }

  /**
   * @param cleaned the cleaned lead (for NeuroKit2's numbers, {@code EcgCleaner} preset
   *     {@code NEUROKIT_EXACT}), finite, at least {@code 4 fs} samples
   * @param peaks R-peak sample indices, strictly increasing, inside the signal, at least
   *     {@value InstantRate#MIN_PEAKS}
   * @param fs sampling rate in Hz
   * @return quality per beat and per sample, each in [0, 1]
   * @throws EcgArgumentException if {@code fs} is not finite and positive, the signal is null,
   *     not finite or shorter than 4 s, there are too few peaks or they are out of range or not
   *     increasing, or fewer than 2 beats lie completely inside the signal
   */
  public static Result compute(double[] cleaned, int[] peaks, double fs) {
    QualityChecks.rate(fs);
    QualityChecks.finite(cleaned, "cleaned signal");
    final int n = cleaned.length;
    if (n < fs * 4) {
      throw new EcgArgumentException("averageQRS quality needs at least 4 s of signal ("
          + (int) Math.ceil(fs * 4) + " samples), got " + n);
    }
    QualityChecks.peaks(peaks, n);
    if (peaks.length < InstantRate.MIN_PEAKS) {
      throw new EcgArgumentException("averageQRS quality needs at least " + InstantRate.MIN_PEAKS
          + " R peaks, got " + peaks.length);
    }
    double hr = PairwiseSum.mean(InstantRate.rate(peaks, fs, n));
    double window = 60 / hr;
    double start = -(RATIO_PRE * window);
    double end = (1 - RATIO_PRE) * window;
    int buffer = (int) ((end - start) * fs);
    final int nb = peaks.length;
    int[] from = new int[nb];
    int[] len = new int[nb];
    boolean[] complete = new boolean[nb];
    int width = -1;
    int nComplete = 0;
    for (int b = 0; b < nb; b++) {
      long onset = (long) peaks[b] + buffer;
      int s = (int) (onset + start * fs);
      int e = (int) (onset + end * fs);
      from[b] = s - buffer;
      len[b] = e - s;
      boolean inside = from[b] >= 0 && from[b] + len[b] <= n;
      if (inside && width < 0) {
        width = len[b];
      }
      complete[b] = inside && len[b] == width;
      nComplete += complete[b] ? 1 : 0;
    }
    if (nComplete < 2) {
      throw new EcgArgumentException("averageQRS quality needs at least 2 beats lying completely "
          + "inside the signal, got " + nComplete);
    }
    // z-score each column across complete beats (ddof 1)
    double[][] z = new double[nComplete][width];
    double[] col = new double[nComplete];
    for (int t = 0; t < width; t++) {
      int r = 0;
      for (int b = 0; b < nb; b++) {
        if (complete[b]) {
          col[r++] = cleaned[from[b] + t];
        }
      }
      double mean = PairwiseSum.mean(col);
      double[] dev = new double[nComplete];
      for (int i = 0; i < nComplete; i++) {
        double d = col[i] - mean;
        dev[i] = d * d;
      }
      double sd = Math.sqrt(PairwiseSum.sum(dev) / (nComplete - 1));
      for (int i = 0; i < nComplete; i++) {
        z[i][t] = (col[i] - mean) / sd;
      }
    }
    double[] dist = new double[nComplete];
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < nComplete; i++) {
      double sum = 0;
      int cnt = 0;
      for (int t = 0; t < width; t++) {
        if (Double.isFinite(z[i][t])) {
          sum += z[i][t];
          cnt++;
        }
      }
      dist[i] = Math.abs(cnt == 0 ? 0.0 : sum / cnt);
      lo = Math.min(lo, dist[i]);
      hi = Math.max(hi, dist[i]);
    }
    double[] beats = new double[nb];
    int r = 0;
    for (int b = 0; b < nb; b++) {
      if (complete[b]) {
        double q = hi > lo ? (1.0 - 0.0) / (hi - lo) * (dist[r] - lo) + 0.0 : 0.0;
        beats[b] = Math.abs(q - 1);
        r++;
      }
    }
    double[] samples = new double[n];
    Arrays.fill(samples, 0, peaks[0], beats[0]);
    for (int b = 0; b < nb; b++) {
      int stop = b + 1 < nb ? peaks[b + 1] : n;
      Arrays.fill(samples, peaks[b], stop, beats[b]);
    }
    return new Result(beats, samples, hr);
  }
}
