package dev.ecg.models.pkg;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a trained model came from, stored with it (in the spirit of Tribuo's provenance): which
 * data, which split, which seed, how many epochs, the metrics measured on held-out data, the
 * source commit and the date. Any field may be null when unknown (for example an imported model).
 *
 * @param data data set description, e.g. {@code mitdb (48 records, MLII)}
 * @param split split protocol, e.g. {@code de Chazal DS1/DS2}
 * @param seed random seed of the run
 * @param epochs number of training epochs
 * @param metrics metric name to value on the evaluation split
 * @param commit source commit the model was trained from
 * @param date ISO-8601 date of training
 */
public record Provenance(
    String data,
    String split,
    Long seed,
    Integer epochs,
    Map<String, Double> metrics,
    String commit,
    String date) {

  /**
   * Copies the metrics map.
   *
   * @param data see the record description
   * @param split see the record description
   * @param seed see the record description
   * @param epochs see the record description
   * @param metrics see the record description
   * @param commit see the record description
   * @param date see the record description
   */
  public Provenance {
    metrics = metrics == null
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** @return a provenance with every field unknown */
  public static Provenance unknown() {
    return new Provenance(null, null, null, null, Map.of(), null, null);
  }

  @Override
  public String toString() {
    return "data=" + data + ", split=" + split + ", seed=" + seed + ", epochs=" + epochs
        + ", metrics=" + metrics + ", commit=" + commit + ", date=" + date;
  }
}
