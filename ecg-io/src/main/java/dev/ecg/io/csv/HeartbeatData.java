package dev.ecg.io.csv;

import dev.ecg.core.EcgArgumentException;
import java.util.Objects;

/**
 * Fixed-length heartbeats with one integer label each, as in the MIT-BIH heartbeat CSV.
 *
 * @param beats one array per beat, all the same length
 * @param labels one class index per beat
 */
public record HeartbeatData(float[][] beats, int[] labels) {
  /**
   * Validates the shapes.
   *
   * @throws EcgArgumentException when the counts differ or beats have different lengths
   */
  public HeartbeatData {
    Objects.requireNonNull(beats, "beats");
    Objects.requireNonNull(labels, "labels");
    if (beats.length != labels.length) {
      throw new EcgArgumentException(beats.length + " beats but " + labels.length + " labels");
    }
    for (int i = 0; i < beats.length; i++) {
      if (beats[i] == null || beats[i].length != beats[0].length) {
        throw new EcgArgumentException("beat " + i + " has "
            + (beats[i] == null ? "no" : beats[i].length) + " samples, beat 0 has "
            + beats[0].length);
      }
    }
  }

  /** @return number of beats */
  public int size() {
    return labels.length;
  }

  /** @return samples per beat (0 when empty) */
  public int beatLength() {
    return beats.length == 0 ? 0 : beats[0].length;
  }
}
