package dev.ecg.core.json;

import dev.ecg.core.EcgArgumentException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, checked access to one JSON object as {@link JsonReader#parse} returns it: every getter
 * names the object ({@code where}) and the member in its message when the member is missing, of
 * the wrong type or out of range, so a configuration or manifest error points at its place.
 *
 * <pre>{@code
 * JsonFields f = JsonFields.of(JsonReader.parse(text), "config.json");
 * f.requireOnly(Set.of("epochs", "lr"));
 * int epochs = f.wholeNumber("epochs", 1, 10_000, 30);
 * double lr = f.number("lr", 1e-3);
 * }</pre>
 */
public final class JsonFields {

  private final Map<String, Object> map;
  private final String where;

  private JsonFields(Map<String, Object> map, String where) {
    this.map = map;
    this.where = where;
  }

  /**
   * @param value a parsed JSON value that must be an object
   * @param where how to name it in messages, e.g. {@code "ecg-model.json: preprocessing[2]"}
   * @return the accessor
   * @throws EcgArgumentException if {@code value} is not a JSON object
   */
  @SuppressWarnings("unchecked")
  public static JsonFields of(Object value, String where) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new EcgArgumentException(where + ": expected a JSON object, got " + describe(value));
    }
    for (Object k : m.keySet()) {
      if (!(k instanceof String)) {
        throw new EcgArgumentException(where + ": object key " + k + " is not a string");
      }
    }
    return new JsonFields((Map<String, Object>) m, where);
  }

  /** @return how this object is named in messages */
  public String where() {
    return where;
  }

  /** @return the underlying map (unmodifiable when it came from {@link JsonReader}) */
  public Map<String, Object> map() {
    return map;
  }

  /**
   * @param key a member name
   * @return whether the member is present (even if {@code null})
   */
  public boolean has(String key) {
    return map.containsKey(key);
  }

  /**
   * Refuses members this object may not have, so a misspelt option is an error instead of being
   * ignored.
   *
   * @param allowed the member names allowed
   * @return this accessor
   * @throws EcgArgumentException naming the unknown members and the allowed ones
   */
  public JsonFields requireOnly(Collection<String> allowed) {
    Set<String> unknown = new TreeSet<>(map.keySet());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw new EcgArgumentException(where + ": unknown member(s) " + unknown + "; allowed: "
          + new TreeSet<>(allowed));
    }
    return this;
  }

  /**
   * @param key a member name
   * @return the member as a number
   * @throws EcgArgumentException if absent or not a number
   */
  public double number(String key) {
    Object v = require(key);
    if (!(v instanceof Number n)) {
      throw wrong(key, "a number", v);
    }
    return n.doubleValue();
  }

  /**
   * @param key a member name
   * @param fallback value when absent
   * @return the member as a number, or the fallback
   * @throws EcgArgumentException if present but not a number
   */
  public double number(String key, double fallback) {
    return map.containsKey(key) ? number(key) : fallback;
  }

  /**
   * @param key a member name
   * @param min smallest allowed value
   * @param max largest allowed value
   * @return the member as a finite number in [min, max]
   * @throws EcgArgumentException if absent, not a number, not finite or out of range
   */
  public double number(String key, double min, double max) {
    double v = number(key);
    if (!(v >= min && v <= max)) {
      throw new EcgArgumentException(where + ": '" + key + "' must be in [" + min + ", " + max
          + "], got " + v);
    }
    return v;
  }

  /**
   * @param key a member name
   * @param min smallest allowed value
   * @param max largest allowed value
   * @return the member as an exact whole number in [min, max]
   * @throws EcgArgumentException if absent, not a number, not whole or out of range
   */
  public long wholeNumber(String key, long min, long max) {
    Object v = require(key);
    if (v instanceof Long l) {
      if (l < min || l > max) {
        throw new EcgArgumentException(where + ": '" + key + "' must be a whole number in ["
            + min + ", " + max + "], got " + l);
      }
      return l;
    }
    if (!(v instanceof Number n)) {
      throw wrong(key, "a whole number", v);
    }
    double d = n.doubleValue();
    if (d != Math.rint(d) || d < min || d > max) {
      throw new EcgArgumentException(where + ": '" + key + "' must be a whole number in ["
          + min + ", " + max + "], got " + JsonWriter.formatNumber(d));
    }
    return (long) d;
  }

  /**
   * @param key a member name
   * @param min smallest allowed value
   * @param max largest allowed value
   * @param fallback value when absent
   * @return the member as an exact whole number in [min, max], or the fallback
   * @throws EcgArgumentException if present but not a whole number in range
   */
  public long wholeNumber(String key, long min, long max, long fallback) {
    return map.containsKey(key) ? wholeNumber(key, min, max) : fallback;
  }

  /**
   * @param key a member name
   * @return the member as a string
   * @throws EcgArgumentException if absent or not a string
   */
  public String string(String key) {
    Object v = require(key);
    if (!(v instanceof String s)) {
      throw wrong(key, "a string", v);
    }
    return s;
  }

  /**
   * @param key a member name
   * @param fallback value when absent or null
   * @return the member as a string, or the fallback
   * @throws EcgArgumentException if present but not a string
   */
  public String string(String key, String fallback) {
    return map.get(key) == null ? fallback : string(key);
  }

  /**
   * @param key a member name
   * @param fallback value when absent
   * @return the member as a boolean, or the fallback
   * @throws EcgArgumentException if present but not a boolean
   */
  public boolean bool(String key, boolean fallback) {
    if (!map.containsKey(key)) {
      return fallback;
    }
    Object v = map.get(key);
    if (!(v instanceof Boolean b)) {
      throw wrong(key, "true or false", v);
    }
    return b;
  }

  /**
   * @param key a member name
   * @return the member as a list
   * @throws EcgArgumentException if absent or not an array
   */
  public List<Object> list(String key) {
    Object v = require(key);
    if (!(v instanceof List<?> l)) {
      throw wrong(key, "an array", v);
    }
    return new ArrayList<>(l);
  }

  /**
   * @param key a member name
   * @return the member as a list of strings
   * @throws EcgArgumentException if absent, not an array, or holding a non-string
   */
  public List<String> stringList(String key) {
    List<String> out = new ArrayList<>();
    for (Object o : list(key)) {
      if (!(o instanceof String s)) {
        throw wrong(key, "an array of strings", o);
      }
      out.add(s);
    }
    return out;
  }

  /**
   * @param key a member name
   * @return the member as a nested object accessor
   * @throws EcgArgumentException if absent or not an object
   */
  public JsonFields object(String key) {
    return of(require(key), where + "." + key);
  }

  /**
   * @param key a member name
   * @return the member as an enum constant, matched ignoring case and with {@code -} read as
   *     {@code _} ({@code "pan-tompkins"} is {@code PAN_TOMPKINS})
   * @param type the enum type
   * @param <E> the enum type
   * @param fallback value when absent or null
   * @throws EcgArgumentException if present but not a known constant
   */
  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
    if (map.get(key) == null) {
      return fallback;
    }
    String s = string(key);
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(s.replace('-', '_'))) {
        return e;
      }
    }
    List<String> known = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      known.add(e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    throw new EcgArgumentException(where + ": '" + key + "' must be one of " + known + ", got '"
        + s + "'");
  }

  private Object require(String key) {
    if (!map.containsKey(key) || map.get(key) == null) {
      throw new EcgArgumentException(where + ": member '" + key + "' is required");
    }
    return map.get(key);
  }

  private EcgArgumentException wrong(String key, String expected, Object got) {
    return new EcgArgumentException(where + ": '" + key + "' must be " + expected + ", got "
        + describe(got));
  }

  private static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    return v.toString();
  }
}
