package dev.ecg.models.train;

import dev.ecg.core.json.JsonWriter;
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
   *     "seconds":..,"metrics":{..}}, ..]}}, compact, written by {@link JsonWriter}; NaN and
   *     infinities are written as {@code null}
   */
  public String toJson() {
    JsonWriter w = new JsonWriter();
    w.beginObject()
        .name("monitor").value(monitor)
        .name("bestEpoch").value(bestEpoch)
        .name("stoppedEarly").value(stoppedEarly)
        .name("epochs").beginArray();
    for (EpochRecord r : epochs) {
      w.beginObject()
          .name("epoch").value(r.epoch())
          .name("trainLoss").value(r.trainLoss())
          .name("validationLoss").value(r.validationLoss())
          .name("learningRate").value(r.learningRate())
          .name("seconds").value(r.seconds())
          .name("metrics").beginObject();
      for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
        w.name(e.getKey()).value(e.getValue());
      }
      w.endObject().endObject();
    }
    return w.endArray().endObject().toString();
  }
}
