package dev.ecg.models;

import java.util.AbstractList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.RandomAccess;

/**
 * What {@link EcgClassifier#classify(dev.ecg.io.Record)} returns: one {@link BeatPrediction} per
 * window (per beat after a segmentation step), in record order, and a {@link Summary}.
 *
 * <p>It is also a read-only {@code List<BeatPrediction>} (the same as {@link #beats()}), so code
 * written against the older {@code List<BeatPrediction> classify(Record)} keeps compiling.
 * Immutable.
 */
public final class ClassificationResult extends AbstractList<BeatPrediction>
    implements RandomAccess {

  /**
   * Per-record summary.
   *
   * @param record the record's name
   * @param fs the original record's sampling rate in Hz
   * @param durationSeconds the original record's duration
   * @param segmented whether the windows are beats (a segmentation step ran)
   * @param windows number of windows classified
   * @param counts windows per predicted class, in the model's class order (zeros included)
   * @param meanHeartRate mean heart rate in beats per minute from the positions of consecutive
   *     beats ({@code 60 (n - 1) / (t_last - t_first)}); empty for unsegmented windows or fewer
   *     than two beats
   */
  public record Summary(String record, double fs, double durationSeconds, boolean segmented,
      int windows, Map<String, Integer> counts, OptionalDouble meanHeartRate) {

    /**
     * Copies the counts.
     *
     * @param record see the record description
     * @param fs see the record description
     * @param durationSeconds see the record description
     * @param segmented see the record description
     * @param windows see the record description
     * @param counts see the record description
     * @param meanHeartRate see the record description
     */
    public Summary {
      counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
      Objects.requireNonNull(meanHeartRate, "meanHeartRate");
    }

    /** @return one line, e.g. {@code 100: 37 beats in 30.0 s, mean HR 74.2 bpm, N=35 V=2} */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      sb.append(record).append(": ").append(windows).append(segmented ? " beats" : " windows")
          .append(String.format(Locale.ROOT, " in %.1f s", durationSeconds));
      if (meanHeartRate.isPresent()) {
        sb.append(String.format(Locale.ROOT, ", mean HR %.1f bpm", meanHeartRate.getAsDouble()));
      }
      sb.append(',');
      counts.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
      return sb.toString();
    }
  }

  /**
   * A window that was not classified.
   *
   * @param sample its reference sample in the original record (the beat, or the window start)
   * @param time that sample in seconds
   * @param reason why, e.g. that it touches invalid (NaN) samples
   */
  public record Skipped(long sample, double time, String reason) {}

  private final List<BeatPrediction> beats;
  private final List<Skipped> skipped;
  private final List<String> warnings;
  private final Summary summary;

  /**
   * @param recordName the record's name
   * @param fs the original record's sampling rate
   * @param length the original record's length in samples
   * @param segmented whether the windows are beats
   * @param classNames the model's classes, in output order
   * @param beats the predictions in record order
   */
  ClassificationResult(String recordName, double fs, long length, boolean segmented,
      List<String> classNames, List<BeatPrediction> beats) {
    this(recordName, fs, length, segmented, classNames, beats, List.of(), List.of());
  }

  /**
   * @param recordName the record's name
   * @param fs the original record's sampling rate
   * @param length the original record's length in samples
   * @param segmented whether the windows are beats
   * @param classNames the model's classes, in output order
   * @param beats the predictions in record order
   * @param skipped the windows left out, in record order
   * @param warnings what looked wrong with the input but did not stop classification
   */
  ClassificationResult(String recordName, double fs, long length, boolean segmented,
      List<String> classNames, List<BeatPrediction> beats, List<Skipped> skipped,
      List<String> warnings) {
    this.beats = List.copyOf(beats);
    this.skipped = List.copyOf(skipped);
    this.warnings = List.copyOf(warnings);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String c : classNames) {
      counts.put(c, 0);
    }
    for (BeatPrediction b : beats) {
      counts.merge(b.label(), 1, Integer::sum);
    }
    OptionalDouble hr = OptionalDouble.empty();
    if (segmented && beats.size() >= 2) {
      long span = beats.get(beats.size() - 1).sample() - beats.get(0).sample();
      if (span > 0) {
        hr = OptionalDouble.of(60.0 * (beats.size() - 1) * fs / span);
      }
    }
    this.summary = new Summary(recordName, fs, length / fs, segmented, beats.size(), counts, hr);
  }

  /**
   * @return the windows that were not classified, with the reason (a window that touches
   *     invalid, NaN, samples of the record: WFDB's invalid-sample marker, a lead-off stretch),
   *     in record order; empty when every window was classified
   */
  public List<Skipped> skipped() {
    return skipped;
  }

  /**
   * @return what looked wrong with the record but did not stop classification, for example an
   *     amplitude no ECG has (wrong units or gain); empty when nothing did
   */
  public List<String> warnings() {
    return warnings;
  }

  /** @return the predictions, one per classified window, in record order */
  public List<BeatPrediction> beats() {
    return beats;
  }

  /** @return the per-record summary */
  public Summary summary() {
    return summary;
  }

  @Override
  public BeatPrediction get(int index) {
    return beats.get(index);
  }

  @Override
  public int size() {
    return beats.size();
  }
}
