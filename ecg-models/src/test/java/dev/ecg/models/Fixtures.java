package dev.ecg.models;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the golden fixtures written by {@code src/test/python/make_train_fixtures.py}. */
public final class Fixtures {

  private Fixtures() {}

  /** @return the fixture JSON root */
  public static JsonObject train() {
    try (InputStream in = Fixtures.class.getResourceAsStream("train_fixtures.json")) {
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flattens nested numeric arrays in row-major order. */
  public static float[] flat(JsonElement e) {
    java.util.List<Float> out = new java.util.ArrayList<>();
    collect(e, out);
    float[] f = new float[out.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = out.get(i);
    }
    return f;
  }

  private static void collect(JsonElement e, java.util.List<Float> out) {
    if (e.isJsonArray()) {
      for (JsonElement c : e.getAsJsonArray()) {
        collect(c, out);
      }
    } else {
      out.add(e.getAsFloat());
    }
  }

  /** @return an int array */
  public static int[] ints(JsonArray a) {
    int[] r = new int[a.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = a.get(i).getAsInt();
    }
    return r;
  }

  /** @return a double matrix */
  public static double[][] matrix(JsonArray a) {
    double[][] r = new double[a.size()][];
    for (int i = 0; i < r.length; i++) {
      JsonArray row = a.get(i).getAsJsonArray();
      r[i] = new double[row.size()];
      for (int j = 0; j < r[i].length; j++) {
        r[i][j] = row.get(j).getAsDouble();
      }
    }
    return r;
  }
}
