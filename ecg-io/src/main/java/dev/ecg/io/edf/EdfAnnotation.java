package dev.ecg.io.edf;

import java.util.List;
import java.util.Objects;

/**
 * One EDF+ Time-stamped Annotations List (TAL) entry that carries text.
 *
 * @param onset seconds after the file's start date and time (may be negative)
 * @param duration duration in seconds, or {@link Double#NaN} when the TAL gives none
 * @param texts the annotation texts sharing this onset and duration (at least one, none empty)
 */
public record EdfAnnotation(double onset, double duration, List<String> texts) {
  /** Copies the text list. */
  public EdfAnnotation {
    texts = List.copyOf(Objects.requireNonNull(texts, "texts"));
  }

  /** @return whether the TAL gave a duration */
  public boolean hasDuration() {
    return !Double.isNaN(duration);
  }
}
