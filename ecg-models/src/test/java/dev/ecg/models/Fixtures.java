package dev.ecg.models;

import dev.ecg.core.json.JsonFields;
import dev.ecg.core.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the golden fixtures written by {@code src/test/python/make_train_fixtures.py}. */
public final class Fixtures {

  private Fixtures() {}

  /** @return the fixture JSON root */
  public static JsonFields train() {
    try (InputStream in = Fixtures.class.getResourceAsStream("train_fixtures.json")) {
      if (in == null) {
        throw new IllegalStateException("train_fixtures.json missing from the test resources");
      }
      return JsonFields.of(JsonReader.parse(new String(in.readAllBytes(),
          StandardCharsets.UTF_8)), "train_fixtures.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param f an object of the fixture
   * @param key a member holding a number or nested arrays of numbers
   * @return the numbers flattened in row-major order
   */
  public static float[] flat(JsonFields f, String key) {
    if (!f.has(key)) {
      throw new IllegalArgumentException(f.where() + " has no '" + key + "'");
    }
    List<Float> out = new ArrayList<>();
    collect(f.map().get(key), out, f.where() + "." + key);
    float[] r = new float[out.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = out.get(i);
    }
    return r;
  }

  private static void collect(Object v, List<Float> out, String where) {
    if (v instanceof List<?> l) {
      for (Object c : l) {
        collect(c, out, where);
      }
    } else if (v instanceof Number n) {
      out.add(n.floatValue());
    } else {
      throw new IllegalArgumentException(where + ": expected numbers, found " + v);
    }
  }

  /**
   * @param f an object of the fixture
   * @param key a member holding an array of whole numbers
   * @return them as ints
   */
  public static int[] ints(JsonFields f, String key) {
    List<Object> l = f.list(key);
    int[] r = new int[l.size()];
    for (int i = 0; i < r.length; i++) {
      double d = ((Number) l.get(i)).doubleValue();
      if (d != Math.rint(d)) {
        throw new IllegalArgumentException(f.where() + "." + key + "[" + i + "] = " + d
            + " is not whole");
      }
      r[i] = (int) d;
    }
    return r;
  }

  /**
   * @param f an object of the fixture
   * @param key a member holding an array of arrays of numbers
   * @return the rows
   */
  public static double[][] matrix(JsonFields f, String key) {
    List<Object> rows = f.list(key);
    double[][] r = new double[rows.size()][];
    for (int i = 0; i < r.length; i++) {
      List<?> row = (List<?>) rows.get(i);
      r[i] = new double[row.size()];
      for (int j = 0; j < r[i].length; j++) {
        r[i][j] = ((Number) row.get(j)).doubleValue();
      }
    }
    return r;
  }
}
