package dev.ecg.io.mat;

import dev.ecg.core.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the committed golden fixtures with ecg-core's {@link JsonReader} and casts what the tests
 * need. Test-only.
 */
public final class TestJson {

  private TestJson() {}

  /**
   * @param file a JSON file
   * @return the parsed value: Map, List, String, Number, Boolean or null
   * @throws IOException when the file cannot be read
   */
  public static Object parse(Path file) throws IOException {
    return JsonReader.parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** @return obj as a map */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> obj(Object o) {
    return (Map<String, Object>) o;
  }

  /** @return o as a double array */
  public static double[] doubles(Object o) {
    List<?> l = (List<?>) o;
    double[] d = new double[l.size()];
    for (int k = 0; k < d.length; k++) {
      d[k] = ((Number) l.get(k)).doubleValue();
    }
    return d;
  }
}
