package dev.ecg.core.metrics;

import dev.ecg.core.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Loads the sklearn golden vectors written by make_metrics_fixtures.py. */
final class Fixtures {
  private static Map<String, Object> doc;

  private Fixtures() {}

  @SuppressWarnings("unchecked")
  static synchronized Map<String, Object> doc() {
    if (doc == null) {
      try (InputStream in = Fixtures.class.getResourceAsStream("/metrics/cases.json")) {
        if (in == null) {
          throw new IllegalStateException("missing test resource /metrics/cases.json");
        }
        doc = (Map<String, Object>) JsonReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return doc;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> cases() {
    return (List<Map<String, Object>>) doc().get("cases");
  }

  @SuppressWarnings("unchecked")
  static int[] ints(Object o) {
    List<Object> l = (List<Object>) o;
    int[] r = new int[l.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = ((Double) l.get(i)).intValue();
    }
    return r;
  }

  @SuppressWarnings("unchecked")
  static double[] doubles(Object o) {
    List<Object> l = (List<Object>) o;
    double[] r = new double[l.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = (Double) l.get(i);
    }
    return r;
  }

  /** Like {@link #doubles} but null entries become NaN (meaning: undefined in sklearn). */
  @SuppressWarnings("unchecked")
  static double[] nullableDoubles(Object o) {
    List<Object> l = (List<Object>) o;
    double[] r = new double[l.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = l.get(i) == null ? Double.NaN : (Double) l.get(i);
    }
    return r;
  }

  @SuppressWarnings("unchecked")
  static double[][] matrix(Object o) {
    if (o == null) {
      return null;
    }
    List<Object> l = (List<Object>) o;
    double[][] r = new double[l.size()][];
    for (int i = 0; i < r.length; i++) {
      r[i] = doubles(l.get(i));
    }
    return r;
  }

  @SuppressWarnings("unchecked")
  static List<String> strings(Object o) {
    return (List<String>) o;
  }
}
