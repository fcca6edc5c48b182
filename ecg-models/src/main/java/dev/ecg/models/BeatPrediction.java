package dev.ecg.models;

import java.util.Objects;

/**
 * A prediction for one window of a record: where the window is and what the model says.
 *
 * @param sample the window's reference sample in the original record, at the record's own rate
 *     (the beat's annotated or detected R peak, or the start of a whole-record window)
 * @param time {@code sample / fs} of the original record, in seconds
 * @param prediction the classification
 */
public record BeatPrediction(long sample, double time, Prediction prediction) {

  /**
   * Checks arguments.
   *
   * @param sample see the record description
   * @param time see the record description
   * @param prediction see the record description
   */
  public BeatPrediction {
    Objects.requireNonNull(prediction, "prediction");
  }

  /** @return the predicted class name */
  public String label() {
    return prediction.label();
  }

  /** @return the probability of the predicted class */
  public double probability() {
    return prediction.probability(prediction.label());
  }
}
