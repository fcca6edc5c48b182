package dev.ecg.io.synth;

import dev.ecg.io.Record;
import java.util.List;

/**
 * A synthetic recording with its ground truth.
 *
 * @param record one lead ({@code II}, mV) with the annotations attached: a beat annotation
 *     ({@code N} or {@code V}) at every true R peak and rhythm annotations ({@code +} with aux
 *     {@code (N} or {@code (AFIB}) where the rhythm starts or changes
 * @param clean the noise-free signal (mV), same length as the record
 * @param rPeaks true R-peak sample positions, strictly increasing
 * @param symbols the MIT symbol of each beat, {@code N} or {@code V}
 * @param rhythms the rhythm episodes in time order, together covering the record
 */
public record SyntheticEcg(Record record, double[] clean, int[] rPeaks, String[] symbols,
    List<RhythmEpisode> rhythms) {

  /** @return the noisy signal of the single lead (the live array) */
  public double[] signal() {
    return record.channel(0);
  }

  /** @return the sampling rate in Hz */
  public double fs() {
    return record.fs();
  }

  /**
   * One rhythm episode.
   *
   * @param startSample first sample
   * @param endSample one past the last sample
   * @param aux the rhythm code as in MIT-BIH aux strings, {@code (N} or {@code (AFIB}
   */
  public record RhythmEpisode(long startSample, long endSample, String aux) {}
}
