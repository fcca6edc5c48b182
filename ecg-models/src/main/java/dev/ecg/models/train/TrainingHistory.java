package dev.ecg.models.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Per-epoch records of one training run, in order. */
public final class TrainingHistory {

  private final List<EpochRecord> epochs;
  private final int bestEpoch;
  private final String monitor;
  private final boolean stoppedEarly;

  /**
   * @param epochs the records, epoch 1 first
   * @param bestEpoch the epoch whose weights were kept (1-based), 0 if none
   * @param monitor the monitored quantity's name
   * @param stoppedEarly whether early stopping ended the run
   */
  public TrainingHistory(List<EpochRecord> epochs, int bestEpoch, String monitor, boolean stoppedEarly) {
    this.epochs = Collections.unmodifiableList(new ArrayList<>(epochs));
    this.bestEpoch = bestEpoch;
    this.monitor = monitor;
    this.stoppedEarly = stoppedEarly;
  }

  /** @return the epoch records */
  public List<EpochRecord> epochs() {
    return epochs;
  }

  /** @return the 1-based epoch whose weights were kept */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** @return the monitored quantity ({@code trainLoss}, {@code validationLoss} or a metric key) */
  public String monitor() {
    return monitor;
  }

  /** @return whether early stopping ended the run */
  public boolean stoppedEarly() {
    return stoppedEarly;
  }

  /**
   * @return the history as a JSON object: {@code {"monitor":..,"bestEpoch":..,"stoppedEarly":..,
   *     "epochs":[{"epoch":1,"trainLoss":..,"validationLoss":..|null,"learningRate":..,
   *     "seconds":..,"metrics":{..}}, ..]}}; NaN and infinities are written as {@code null}
   */
  public String toJson() {
    StringBuilder sb = new StringBuilder(256 + epochs.size() * 160);
    sb.append("{\"monitor\":\"").append(monitor).append("\",\"bestEpoch\":").append(bestEpoch)
        .append(",\"stoppedEarly\":").append(stoppedEarly).append(",\"epochs\":[");
    for (int i = 0; i < epochs.size(); i++) {
      EpochRecord r = epochs.get(i);
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"epoch\":").append(r.epoch())
          .append(",\"trainLoss\":").append(num(r.trainLoss()))
          .append(",\"validationLoss\":").append(num(r.validationLoss()))
          .append(",\"learningRate\":").append(num(r.learningRate()))
          .append(",\"seconds\":").append(num(r.seconds()))
          .append(",\"metrics\":{");
      boolean first = true;
      for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append('"').append(e.getKey()).append("\":").append(num(e.getValue()));
      }
      sb.append("}}");
    }
    return sb.append("]}").toString();
  }

  private static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "null";
    }
    return Double.toString(v);
  }
}
