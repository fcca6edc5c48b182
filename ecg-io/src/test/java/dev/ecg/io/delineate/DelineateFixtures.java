package dev.ecg.io.delineate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the fixtures written by {@code ecg-io/src/test/python/make_delineate_fixtures.py} (SciPy
 * and NumPy reference): lines {@code key = v1 v2 ...}, {@code #} comments.
 */
final class DelineateFixtures {
  private DelineateFixtures() {}

  static Map<String, double[]> load(String name) {
    Map<String, double[]> m = new HashMap<>();
    try (InputStream in = DelineateFixtures.class.getResourceAsStream("/delineate/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture /delineate/" + name
            + "; run ecg-io/src/test/python/make_delineate_fixtures.py");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int eq = line.indexOf(" = ");
        String[] parts = line.substring(eq + 3).trim().split(" ");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
          v[i] = Double.parseDouble(parts[i]);
        }
        m.put(line.substring(0, eq), v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  static double[] get(Map<String, double[]> m, String key) {
    double[] v = m.get(key);
    if (v == null) {
      throw new IllegalStateException("fixture key missing: " + key);
    }
    return v;
  }

  static double maxAbs(double[] v) {
    double m = 0;
    for (double d : v) {
      m = Math.max(m, Math.abs(d));
    }
    return m;
  }
}
