package dev.ecg.models.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened in one epoch.
 *
 * @param epoch epoch number, from 1
 * @param trainLoss mean training loss over the epoch's batches (weighted by batch size)
 * @param validationLoss mean validation loss, NaN without validation data
 * @param metrics validation metrics by {@link EvalMetric#key()}, empty without validation data
 * @param learningRate the rate used in this epoch
 * @param seconds wall time of the epoch including validation
 */
public record EpochRecord(
    int epoch,
    double trainLoss,
    double validationLoss,
    Map<String, Double> metrics,
    double learningRate,
    double seconds) {

  /**
   * Copies the metrics into an unmodifiable insertion-ordered map.
   *
   * @param epoch epoch number, from 1
   * @param trainLoss mean training loss
   * @param validationLoss mean validation loss, NaN without validation data
   * @param metrics validation metrics by key
   * @param learningRate the rate used
   * @param seconds wall time of the epoch
   */
  public EpochRecord {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /**
   * @param metric a metric
   * @return its value, LOSS meaning the validation loss; NaN if not computed
   */
  public double value(EvalMetric metric) {
    if (metric == EvalMetric.LOSS) {
      return validationLoss;
    }
    Double v = metrics.get(metric.key());
    return v == null ? Double.NaN : v;
  }
}
