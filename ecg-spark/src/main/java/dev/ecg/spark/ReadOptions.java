package dev.ecg.spark;

import dev.ecg.core.EcgArgumentException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The options of one {@code ecg} read, checked once on the driver.
 *
 * @param paths the folders or files to list
 * @param windowSeconds row length for splitting WFDB records, 0 for whole records
 * @param annotator WFDB annotator extension, or null for none
 * @param fs sampling rate for inputs without one, NaN when not given
 * @param gain ADC units per mV of a bare MAT file, NaN for the reader's default
 * @param recursive whether to descend into sub-folders
 * @param maxPartitionBytes most bytes of files per task
 */
record ReadOptions(List<String> paths, double windowSeconds, String annotator, double fs,
    double gain, boolean recursive, long maxPartitionBytes) implements java.io.Serializable {

  static ReadOptions of(CaseInsensitiveStringMap o) {
    List<String> paths = new ArrayList<>();
    if (o.containsKey("path")) {
      paths.add(o.get("path"));
    }
    if (o.containsKey("paths")) {
      // Spark passes several load() paths as a JSON array of strings
      String json = o.get("paths");
      Object parsed = dev.ecg.core.json.JsonReader.parse(json);
      if (parsed instanceof List<?> l) {
        for (Object p : l) {
          paths.add(String.valueOf(p));
        }
      }
    }
    if (paths.isEmpty()) {
      throw new EcgArgumentException("the ecg source needs a path: "
          + "spark.read().format(\"ecg\").load(\"folder\")");
    }
    double window = number(o, "windowSeconds", 0);
    if (!(window == 0 || window >= 1 && window <= 86_400)) {
      throw new EcgArgumentException("windowSeconds must be 0 (whole records) or in [1, 86400],"
          + " got " + window);
    }
    String ann = o.getOrDefault("annotator", "atr");
    if (ann.equalsIgnoreCase("none") || ann.isBlank()) {
      ann = null;
    } else if (ann.contains("/") || ann.contains("\\") || ann.contains(".")) {
      throw new EcgArgumentException("annotator must be an extension such as atr, got " + ann);
    }
    double fs = number(o, "fs", Double.NaN);
    if (!Double.isNaN(fs) && !(fs > 0 && fs < 1e6)) {
      throw new EcgArgumentException("fs must be in (0, 1e6) Hz, got " + fs);
    }
    double gain = number(o, "gain", Double.NaN);
    if (!Double.isNaN(gain) && !(gain > 0) || Double.isInfinite(gain)) {
      throw new EcgArgumentException("gain must be positive, got " + gain);
    }
    double maxBytes = number(o, "maxPartitionBytes", 128 << 20);
    if (!(maxBytes >= 1)) {
      throw new EcgArgumentException("maxPartitionBytes must be at least 1, got " + maxBytes);
    }
    return new ReadOptions(List.copyOf(paths), window, ann, fs, gain,
        Boolean.parseBoolean(o.getOrDefault("recursive", "true")), (long) maxBytes);
  }

  private static double number(CaseInsensitiveStringMap o, String key, double dflt) {
    String v = o.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new EcgArgumentException("option " + key + " must be a number, got '" + v + "'");
    }
  }
}
