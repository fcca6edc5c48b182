package dev.ecg.models;

/**
 * A prediction for one window of a record: where the window is and what the model says.
 *
 * @param sample the window's reference sample in the original record (the beat's annotated or
 *     detected R peak, or 0 for a whole-record window)
 * @param prediction the classification
 */
public record BeatPrediction(long sample, Prediction prediction) {}
