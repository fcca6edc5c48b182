package dev.ecg.io.wfdb;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A stretch of one rhythm, from a rhythm-change annotation ({@code +} with an aux string such as
 * {@code (AFIB}) to the next one or the end of the record.
 *
 * @param rhythm the rhythm label without the leading parenthesis, e.g. {@code AFIB}, {@code N}
 * @param start first sample
 * @param end end sample, exclusive
 */
public record RhythmInterval(String rhythm, long start, long end) {
  /** Checks the fields. */
  public RhythmInterval {
    Objects.requireNonNull(rhythm, "rhythm");
    if (end < start) {
      throw new EcgArgumentException("end " + end + " < start " + start);
    }
  }

  /** @return the length in samples */
  public long length() {
    return end - start;
  }

  /**
   * Turns rhythm-change annotations into intervals. Annotations other than {@code +} with an aux
   * string starting with {@code (} are ignored; a change at the same sample as the previous one
   * replaces it.
   *
   * @param annotations annotations sorted by sample
   * @param recordLength samples in the record (end of the last interval)
   * @return the intervals in order
   */
  public static List<RhythmInterval> fromAnnotations(List<Annotation> annotations,
      long recordLength) {
    List<RhythmInterval> out = new ArrayList<>();
    String current = null;
    long start = 0;
    for (Annotation a : annotations) {
      if (!"+".equals(a.symbol()) || !a.aux().startsWith("(")) {
        continue;
      }
      String r = a.aux().substring(1).strip();
      if (current != null && a.sample() > start) {
        out.add(new RhythmInterval(current, start, a.sample()));
      }
      current = r;
      start = a.sample();
    }
    if (current != null && recordLength > start) {
      out.add(new RhythmInterval(current, start, recordLength));
    }
    return out;
  }
}
