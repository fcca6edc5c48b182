package dev.ecg.core.metrics;

import dev.ecg.core.EcgArgumentException;

/**
 * Thrown when well-formed inputs leave a metric mathematically undefined and there is no
 * established convention to fall back on, for example ROC-AUC for a class that has no positive
 * (or no negative) sample, or Cohen's kappa when chance agreement is already perfect.
 *
 * <p>The library never returns a silent {@code NaN} for these cases. Where scikit-learn defines a
 * replacement value (precision, recall and F1 with {@code zero_division=0}) that value is used
 * instead and the case is recorded, see {@link ConfusionMatrix#undefinedMetrics()}.
 */
public class UndefinedMetricException extends EcgArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message which metric is undefined and why
   */
  public UndefinedMetricException(String message) {
    super(message);
  }
}
