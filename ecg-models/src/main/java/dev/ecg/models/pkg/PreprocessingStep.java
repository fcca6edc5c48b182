package dev.ecg.models.pkg;

import dev.ecg.core.EcgArgumentException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step of the preprocessing a model was trained with, as written in {@code ecg-model.json}:
 * a step name (for example {@code resample}, {@code normalize}, {@code kachuee-segment},
 * {@code crop-pad}) and its parameters. {@code EcgClassifier} replays the steps in order.
 *
 * @param name the step name, looked up in the preprocessor registry
 * @param params the step's parameters (numbers, strings, booleans); never null
 */
public record PreprocessingStep(String name, Map<String, Object> params) {

  /**
   * Checks the name and copies the parameters (keeping their order).
   *
   * @param name see the record description
   * @param params see the record description
   */
  public PreprocessingStep {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new EcgArgumentException("preprocessing step name is blank");
    }
    params = params == null
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * @param name step name
   * @param keyValues alternating keys and values
   * @return the step
   */
  public static PreprocessingStep of(String name, Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new EcgArgumentException("step " + name + ": odd number of key/value arguments");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return new PreprocessingStep(name, m);
  }

  /**
   * @param key parameter name
   * @return the parameter as a double
   * @throws IllegalArgumentException if absent or not a number
   */
  public double number(String key) {
    Object v = params.get(key);
    if (!(v instanceof Number n)) {
      throw new EcgArgumentException("preprocessing step '" + name + "': parameter '" + key
          + "' must be a number, got " + v);
    }
    return n.doubleValue();
  }

  /**
   * Largest window, in samples per lead, any step may make: 2^22 (70 minutes at 1 kHz, 32 MiB
   * of double per lead). A manifest asking for more (a {@code crop-pad} length of 2^31) is
   * refused instead of allocating gigabytes.
   */
  public static final long MAX_WINDOW_SAMPLES = 1L << 22;

  /**
   * @param key parameter name
   * @param min smallest allowed value
   * @param max largest allowed value
   * @return the parameter as an exact whole number in [min, max]
   * @throws IllegalArgumentException if absent, not a number, not whole, or out of range
   */
  public int wholeNumber(String key, long min, long max) {
    double v = number(key);
    if (v != Math.rint(v) || v < min || v > max) {
      throw new EcgArgumentException("preprocessing step '" + name + "': parameter '" + key
          + "' must be a whole number in [" + min + ", " + max + "], got " + v);
    }
    return (int) v;
  }

  /**
   * @param key parameter name
   * @param fallback value when absent
   * @return the parameter as a double, or the fallback
   */
  public double number(String key, double fallback) {
    return params.containsKey(key) ? number(key) : fallback;
  }

  /**
   * @param key parameter name
   * @param fallback value when absent
   * @return the parameter as a string, or the fallback
   */
  public String string(String key, String fallback) {
    Object v = params.get(key);
    return v == null ? fallback : v.toString();
  }
}
