package dev.ecg.examples.experiments;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checked reading of configuration members beyond {@link JsonFields}: every message names the
 * file ({@link JsonFields#where()}) and the member.
 */
final class ConfigFields {
  private ConfigFields() {}

  /**
   * Requires exactly these members: none missing, none other.
   *
   * @param f the object
   * @param keys the members, in their JSON order
   * @return {@code f}
   */
  static JsonFields exactly(JsonFields f, List<String> keys) {
    f.requireOnly(keys);
    for (String k : keys) {
      if (!f.has(k)) {
        throw new EcgArgumentException(f.where() + ": member '" + k + "' is required");
      }
    }
    return f;
  }

  static int integer(JsonFields f, String key, int min, int max) {
    return (int) f.wholeNumber(key, min, max);
  }

  static long seed(JsonFields f) {
    return f.wholeNumber("seed", Long.MIN_VALUE, Long.MAX_VALUE);
  }

  static boolean bool(JsonFields f, String key) {
    if (f.map().get(key) == null) {
      throw new EcgArgumentException(f.where() + ": member '" + key + "' is required");
    }
    return f.bool(key, false);
  }

  static String oneOf(JsonFields f, String key, List<String> allowed) {
    String v = f.string(key);
    if (!allowed.contains(v)) {
      throw new EcgArgumentException(f.where() + ": '" + key + "' must be one of " + allowed
          + ", got '" + v + "'");
    }
    return v;
  }

  /** A non-empty list of distinct strings, each one of {@code allowed}. */
  static List<String> subsetOf(JsonFields f, String key, List<String> allowed) {
    List<String> v = f.stringList(key);
    if (v.isEmpty()) {
      throw new EcgArgumentException(f.where() + ": '" + key + "' must name at least one of "
          + allowed);
    }
    List<String> out = new ArrayList<>();
    for (String s : v) {
      if (!allowed.contains(s)) {
        throw new EcgArgumentException(f.where() + ": '" + key + "' may hold " + allowed
            + ", got '" + s + "'");
      }
      if (out.contains(s)) {
        throw new EcgArgumentException(f.where() + ": '" + key + "' names '" + s + "' twice");
      }
      out.add(s);
    }
    return List.copyOf(out);
  }

  /**
   * Folds to run: the string {@code "all"} (returned as null) or a list of distinct whole numbers
   * in [1, max] (empty: none).
   */
  static List<Integer> folds(JsonFields f, String key, int max) {
    Object v = f.map().get(key);
    if ("all".equals(v)) {
      return null;
    }
    if (!(v instanceof List<?>)) {
      throw new EcgArgumentException(f.where() + ": '" + key + "' must be \"all\" or an array "
          + "of fold numbers, got " + (v == null ? "null" : v));
    }
    List<Integer> out = new ArrayList<>();
    for (Object o : f.list(key)) {
      if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
          || n.doubleValue() < 1 || n.doubleValue() > max) {
        throw new EcgArgumentException(f.where() + ": '" + key + "' holds " + o
            + "; folds are whole numbers in [1, " + max + "]");
      }
      int k = n.intValue();
      if (out.contains(k)) {
        throw new EcgArgumentException(f.where() + ": '" + key + "' names fold " + k + " twice");
      }
      out.add(k);
    }
    return List.copyOf(out);
  }

  /** @return the JSON form of {@link #folds}: "all" for null */
  static Object foldsJson(List<Integer> folds) {
    return folds == null ? "all" : folds;
  }

  /** An ordered tree builder. */
  static Map<String, Object> tree(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A positive epoch budget. */
  static int epochs(JsonFields f, String key) {
    return integer(f, key, 1, 100_000);
  }
}
