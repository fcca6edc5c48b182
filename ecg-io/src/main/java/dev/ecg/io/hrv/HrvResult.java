package dev.ecg.io.hrv;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * HRV indices under NeuroKit2's column names ({@code HRV_MeanNN}, {@code HRV_LF}, ...), in
 * NeuroKit2's column order: time domain ({@code hrv_time}), then frequency domain
 * ({@code hrv_frequency}), then nonlinear ({@code hrv_nonlinear}), for whichever families were
 * computed. Undefined values are {@code NaN} (written as {@code null} in JSON), as NeuroKit2 does;
 * entropies can be {@code +-Infinity} where NeuroKit2 gives {@code +-inf}.
 *
 * <p>Units follow NeuroKit2: intervals and their spreads in ms; pNN50, pNN20, GI, SI, AI, PI in
 * percent; frequency band powers as fractions of the spectral peak (NeuroKit2 normalises the PSD
 * by its maximum), LFn, HFn and the ratios dimensionless; entropies in nats except ShanEn (bits).
 * Immutable.
 */
public final class HrvResult {
  private final Map<String, Double> values;

  HrvResult(Map<String, Double> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** @return every column and its value, in NeuroKit2's order (unmodifiable) */
  public Map<String, Double> asMap() {
    return values;
  }

  /** @return the column names in order */
  public List<String> columns() {
    return List.copyOf(values.keySet());
  }

  /**
   * @param column a NeuroKit2 column name such as {@code HRV_RMSSD}
   * @return whether this result holds it
   */
  public boolean has(String column) {
    return values.containsKey(column);
  }

  /**
   * @param column a NeuroKit2 column name such as {@code HRV_RMSSD}
   * @return its value (NaN where undefined)
   * @throws EcgArgumentException if this result does not hold the column (for example a
   *     frequency column of a result from {@link Hrv#time})
   */
  public double get(String column) {
    Double v = values.get(Objects.requireNonNull(column, "column"));
    if (v == null) {
      throw new EcgArgumentException("no HRV column '" + column + "' in this result; it holds "
          + values.size() + " columns from " + families() + " (compute it with Hrv.compute, "
          + "Hrv.time, Hrv.frequency or Hrv.nonlinear)");
    }
    return v;
  }

  private String families() {
    StringBuilder b = new StringBuilder();
    if (values.containsKey("HRV_MeanNN")) {
      b.append("time ");
    }
    if (values.containsKey("HRV_LF")) {
      b.append("frequency ");
    }
    if (values.containsKey("HRV_SD1")) {
      b.append("nonlinear ");
    }
    return b.length() == 0 ? "no family" : b.toString().trim();
  }

  /**
   * @param other another result
   * @return a result with this result's columns followed by the other's (the other's value wins
   *     for a column both hold)
   */
  public HrvResult merge(HrvResult other) {
    Map<String, Double> m = new LinkedHashMap<>(values);
    m.putAll(other.values);
    return new HrvResult(m);
  }

  /** @return a flat JSON object {@code {"HRV_MeanNN": ..., ...}}; NaN and infinities as null */
  public String toJson() {
    JsonWriter w = new JsonWriter().beginObject();
    values.forEach((k, v) -> w.name(k).value(v));
    return w.endObject().toString();
  }

  /** @return mean NN interval in ms ({@code HRV_MeanNN}) */
  public double meanNN() {
    return get("HRV_MeanNN");
  }

  /** @return SD of the NN intervals (ddof 1) in ms ({@code HRV_SDNN}) */
  public double sdnn() {
    return get("HRV_SDNN");
  }

  /** @return root mean square of successive differences in ms ({@code HRV_RMSSD}) */
  public double rmssd() {
    return get("HRV_RMSSD");
  }

  /** @return SD of successive differences (ddof 1) in ms ({@code HRV_SDSD}) */
  public double sdsd() {
    return get("HRV_SDSD");
  }

  /** @return percent of successive differences above 50 ms ({@code HRV_pNN50}) */
  public double pnn50() {
    return get("HRV_pNN50");
  }

  /** @return percent of successive differences above 20 ms ({@code HRV_pNN20}) */
  public double pnn20() {
    return get("HRV_pNN20");
  }

  /** @return median NN interval in ms ({@code HRV_MedianNN}) */
  public double medianNN() {
    return get("HRV_MedianNN");
  }

  /** @return HRV triangular index ({@code HRV_HTI}) */
  public double hti() {
    return get("HRV_HTI");
  }

  /** @return triangular interpolation of the NN histogram in ms ({@code HRV_TINN}) */
  public double tinn() {
    return get("HRV_TINN");
  }

  /** @return normalised low-frequency power, 0.04-0.15 Hz ({@code HRV_LF}) */
  public double lf() {
    return get("HRV_LF");
  }

  /** @return normalised high-frequency power, 0.15-0.4 Hz ({@code HRV_HF}) */
  public double hf() {
    return get("HRV_HF");
  }

  /** @return LF / HF ({@code HRV_LFHF}) */
  public double lfhf() {
    return get("HRV_LFHF");
  }

  /** @return total power, the sum of the defined bands ({@code HRV_TP}) */
  public double tp() {
    return get("HRV_TP");
  }

  /** @return Poincaré SD1 in ms ({@code HRV_SD1}) */
  public double sd1() {
    return get("HRV_SD1");
  }

  /** @return Poincaré SD2 in ms ({@code HRV_SD2}) */
  public double sd2() {
    return get("HRV_SD2");
  }

  /** @return sample entropy, m = 2, r = 0.2 SDNN ({@code HRV_SampEn}) */
  public double sampEn() {
    return get("HRV_SampEn");
  }

  /** @return short-term DFA exponent, scales 4-11 beats ({@code HRV_DFA_alpha1}) */
  public double dfaAlpha1() {
    return get("HRV_DFA_alpha1");
  }

  /** @return long-term DFA exponent, scales 12 to beats/10 ({@code HRV_DFA_alpha2}) */
  public double dfaAlpha2() {
    return get("HRV_DFA_alpha2");
  }

  @Override
  public String toString() {
    return "HrvResult" + values;
  }
}
