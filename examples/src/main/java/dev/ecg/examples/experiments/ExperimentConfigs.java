package dev.ecg.examples.experiments;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.json.JsonFormatException;
import dev.ecg.core.json.JsonReader;
import dev.ecg.core.json.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads experiment configurations: the defaults shipped in the jar
 * ({@code dev/ecg/examples/experiments/<name>.json}), optionally overridden by a JSON file whose
 * members replace the defaults' members of the same name (a partial file changes only the keys it
 * has). A member the experiment does not know, a value of the wrong type or one out of range is
 * refused with an {@link EcgArgumentException} naming the file and the member.
 *
 * <pre>{@code
 * Experiment<MitBihInter.Config> e = new MitBihInter();
 * MitBihInter.Config c = ExperimentConfigs.load(e, Path.of("examples/configs/mitbih-inter-val.json"));
 * System.out.println(ExperimentConfigs.toJson(c));
 * }</pre>
 */
public final class ExperimentConfigs {
  /** Folder of the default files on the class path. */
  public static final String RESOURCE_DIR = "/dev/ecg/examples/experiments/";

  private ExperimentConfigs() {}

  /**
   * @param e an experiment
   * @return where its defaults are on the class path
   */
  public static String resource(Experiment<?> e) {
    return RESOURCE_DIR + e.name() + ".json";
  }

  /**
   * @param e an experiment
   * @param <C> its configuration type
   * @return the defaults shipped in the jar
   * @throws EcgArgumentException if the defaults file is missing or invalid (a build error)
   */
  public static <C extends ExperimentConfig<C>> C defaults(Experiment<C> e) {
    String where = "classpath:" + resource(e);
    String text;
    try (InputStream in = e.getClass().getResourceAsStream(resource(e))) {
      if (in == null) {
        throw new EcgArgumentException(where + ": no default configuration for experiment '"
            + e.name() + "'");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new EcgArgumentException(where + ": cannot read: " + ex.getMessage());
    }
    return e.parseConfig(JsonFields.of(parse(text, where), where));
  }

  /**
   * @param e an experiment
   * @param override a JSON file overriding some members, or null for the defaults alone
   * @param <C> its configuration type
   * @return the effective configuration
   * @throws IOException if the file cannot be read ({@link NoSuchFileException} when absent)
   * @throws EcgArgumentException naming the file and the member when a member is unknown, of the
   *     wrong type or out of range, or when the file is not a JSON object
   */
  public static <C extends ExperimentConfig<C>> C load(Experiment<C> e, Path override)
      throws IOException {
    C base = defaults(e);
    if (override == null) {
      return base;
    }
    String text;
    try {
      text = Files.readString(override, StandardCharsets.UTF_8);
    } catch (NoSuchFileException ex) {
      throw new NoSuchFileException(override.toString(), null, "configuration file not found");
    }
    return override(e, base, text, override.toString());
  }

  /**
   * Overrides members of a configuration.
   *
   * @param e the experiment
   * @param base the configuration so far
   * @param json a JSON object with some of its members
   * @param where how to name the source in messages (the file name)
   * @param <C> the configuration type
   * @return the configuration with those members replaced
   * @throws EcgArgumentException naming {@code where} and the member when a member is unknown,
   *     of the wrong type or out of range, or when the text is not a JSON object
   */
  public static <C extends ExperimentConfig<C>> C override(Experiment<C> e, C base, String json,
      String where) {
    JsonFields given = JsonFields.of(parse(json, where), where);
    Map<String, Object> baseTree = JsonFields.of(parse(JsonWriter.compact(base.toJson()), where),
        where).map();
    given.requireOnly(baseTree.keySet());
    Map<String, Object> merged = new LinkedHashMap<>(baseTree);
    merged.putAll(given.map());
    return e.parseConfig(JsonFields.of(merged, where));
  }

  /**
   * @param config a configuration
   * @return it as indented JSON, ending with a newline
   */
  public static String toJson(ExperimentConfig<?> config) {
    return JsonWriter.pretty(config.toJson()).strip() + "\n";
  }

  private static Object parse(String text, String where) {
    try {
      return JsonReader.parse(text);
    } catch (JsonFormatException ex) {
      throw new EcgArgumentException(where + ": not valid JSON: " + ex.getMessage());
    }
  }
}
