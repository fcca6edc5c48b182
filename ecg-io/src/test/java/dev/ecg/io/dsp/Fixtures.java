package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the golden files written by {@code ecg-io/src/test/python/make_dsp_fixtures.py} (SciPy
 * reference) and compares arrays.
 *
 * <p>Tolerance rule used by every golden test: {@code |got - want| <= REL * |want| + ABS *
 * max|want|}, i.e. 1e-6 relative, with an absolute floor of 1e-9 of the array's largest
 * magnitude so that values near zero (which carry only rounding noise) do not fail on relative
 * error alone.
 */
final class Fixtures {
  static final double REL = 1e-6;
  static final double ABS = 1e-9;

  private Fixtures() {}

  static Map<String, double[]> load(String name) {
    Map<String, double[]> m = new HashMap<>();
    try (InputStream in = Fixtures.class.getResourceAsStream("/dsp/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture /dsp/" + name);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int eq = line.indexOf(" = ");
        String key = line.substring(0, eq);
        String rest = line.substring(eq + 3).trim();
        String[] parts = rest.isEmpty() ? new String[0] : rest.split(" ");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
          v[i] = Double.parseDouble(parts[i]);
        }
        m.put(key, v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  static double[] get(Map<String, double[]> m, String key) {
    double[] v = m.get(key);
    if (v == null) {
      fail("fixture key missing: " + key);
    }
    return v;
  }

  static double[][] get2(Map<String, double[]> m, String key) {
    double[] shape = get(m, key + ".shape");
    double[] flat = get(m, key);
    int rows = (int) shape[0], cols = (int) shape[1];
    double[][] out = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(flat, i * cols, out[i], 0, cols);
    }
    return out;
  }

  static void assertClose(double[] want, double[] got, String what) {
    assertEquals(want.length, got.length, what + ": length");
    double max = 0;
    for (double w : want) {
      max = Math.max(max, Math.abs(w));
    }
    for (int i = 0; i < want.length; i++) {
      double tol = REL * Math.abs(want[i]) + ABS * max;
      double err = Math.abs(got[i] - want[i]);
      if (!(err <= tol)) {
        fail(what + ": index " + i + " want " + want[i] + " got " + got[i] + " (err " + err
            + " > tol " + tol + ")");
      }
    }
  }

  static void assertClose(double[][] want, double[][] got, String what) {
    assertEquals(want.length, got.length, what + ": rows");
    double[] w = flatten(want);
    double[] g = flatten(got);
    assertClose(w, g, what);
  }

  static double[] flatten(double[][] a) {
    int n = 0;
    for (double[] r : a) {
      n += r.length;
    }
    double[] f = new double[n];
    int k = 0;
    for (double[] r : a) {
      System.arraycopy(r, 0, f, k, r.length);
      k += r.length;
    }
    return f;
  }
}
