package dev.ecg.io;

import dev.ecg.core.EcgArgumentException;
import java.util.List;
import java.util.Objects;

/**
 * A recording in physical units: the common currency between readers, DSP, segmentation and
 * models. Every reader (WFDB, MAT, EDF, CSV) returns one, and the synthetic generator builds one.
 *
 * <p>{@code signals[c][i]} is sample {@code i} of channel {@code c} in the channel's physical
 * unit (usually mV); invalid samples are {@link Double#NaN}. All channels share one sampling rate
 * {@code fs}; readers of formats with per-signal rates (EDF, WFDB samples per frame) expose the raw
 * per-channel rates through their own types.
 *
 * @param name record name (file stem)
 * @param fs sampling frequency in Hz, &gt; 0
 * @param channelNames one name per channel (lead), e.g. {@code MLII}
 * @param units one physical unit per channel, e.g. {@code mV}
 * @param signals channel-major physical samples, all the same length
 * @param annotations beat and rhythm annotations, possibly empty, sorted by sample
 */
public record Record(
    String name,
    double fs,
    List<String> channelNames,
    List<String> units,
    double[][] signals,
    List<Annotation> annotations) {

  /** Validates shapes. */
  public Record {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(signals, "signals");
    if (!(fs > 0) || Double.isInfinite(fs)) {
      throw new EcgArgumentException("record " + name + ": fs must be > 0, got "
          + fs);
    }
    channelNames = List.copyOf(channelNames);
    units = List.copyOf(units);
    annotations = annotations == null ? List.of() : List.copyOf(annotations);
    if (channelNames.size() != signals.length || units.size() != signals.length) {
      throw new EcgArgumentException("record " + name + ": " + signals.length
          + " channels but " + channelNames.size() + " names and " + units.size() + " units");
    }
    for (int c = 1; c < signals.length; c++) {
      if (signals[c].length != signals[0].length) {
        throw new EcgArgumentException("record " + name + ": channel " + c + " has "
            + signals[c].length + " samples, channel 0 has " + signals[0].length);
      }
    }
  }

  /** @return number of channels (leads) */
  public int channelCount() {
    return signals.length;
  }

  /** @return samples per channel */
  public int length() {
    return signals.length == 0 ? 0 : signals[0].length;
  }

  /** @return duration in seconds */
  public double durationSeconds() {
    return length() / fs;
  }

  /**
   * @param c channel index
   * @return the physical samples of channel {@code c} (the live array, not a copy)
   */
  public double[] channel(int c) {
    return signals[c];
  }

  /**
   * @param newAnnotations annotations to attach
   * @return a copy of this record sharing the signal arrays, with other annotations
   */
  public Record withAnnotations(List<Annotation> newAnnotations) {
    return new Record(name, fs, channelNames, units, signals, newAnnotations);
  }
}
