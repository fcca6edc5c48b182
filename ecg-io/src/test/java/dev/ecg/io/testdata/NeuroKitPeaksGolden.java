package dev.ecg.io.testdata;

import dev.ecg.core.DataDir;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.json.JsonReader;
import dev.ecg.io.wfdb.Wfdb;
import dev.ecg.io.wfdb.WfdbRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Test helper: NeuroKit2's reference outputs in {@code goldens/neurokit2/peaks.json} (see the
 * README beside it) and the input they were computed from: lead 0 of an MIT-BIH record, samples
 * {@code [0, 21600)}, in mV. {@link #require} skips the calling test with a message when the
 * goldens or the data are absent.
 */
public final class NeuroKitPeaksGolden {
  /** Number of samples NeuroKit2 was given (60 s at 360 Hz). */
  public static final int N = 21600;
  /** Sampling rate of MIT-BIH. */
  public static final double FS = 360;

  private final JsonFields record;
  private final double[] signal;

  private NeuroKitPeaksGolden(JsonFields record, double[] signal) {
    this.record = record;
    this.signal = signal;
  }

  /**
   * @param name record name, {@code "100"} or {@code "119"}
   * @return the golden values and the input signal; the test is skipped when either is absent
   */
  public static NeuroKitPeaksGolden require(String name) {
    Optional<Path> g = DataDir.goldens("neurokit2");
    Assumptions.assumeTrue(g.isPresent() && Files.isRegularFile(g.get().resolve("peaks.json")),
        "NeuroKit2 goldens not found (goldens/neurokit2/peaks.json beside the data folder, or -D"
            + DataDir.GOLDENS_PROPERTY + "=<dir>)");
    Optional<Path> mitdb = DataDir.find("mitdb");
    Assumptions.assumeTrue(mitdb.isPresent(), DataDir.missingMessage("mitdb"));
    try {
      JsonFields root = JsonFields.of(JsonReader.parse(Files.readString(g.get()
          .resolve("peaks.json"))), "peaks.json");
      JsonFields rec = root.object("records").object(name);
      WfdbRecord w = Wfdb.readRecord(mitdb.get().resolve(name));
      return new NeuroKitPeaksGolden(rec, Arrays.copyOf(w.physical()[0], N));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return lead 0, samples [0, 21600), in mV (a copy) */
  public double[] signal() {
    return signal.clone();
  }

  /** @return the record's JSON object */
  public JsonFields json() {
    return record;
  }

  /**
   * @param path member names, e.g. {@code "ecg_clean", "first_50"}
   * @return the nested object
   */
  public JsonFields object(String... path) {
    JsonFields f = record;
    for (String p : path) {
      f = f.object(p);
    }
    return f;
  }

  /**
   * @param f an object
   * @param key a member holding an array of numbers (null entries become NaN)
   * @return the numbers
   */
  public static double[] doubles(JsonFields f, String key) {
    List<Object> l = f.list(key);
    double[] d = new double[l.size()];
    for (int i = 0; i < d.length; i++) {
      Object o = l.get(i);
      d[i] = o == null ? Double.NaN : ((Number) o).doubleValue();
    }
    return d;
  }

  /**
   * @param f an object
   * @param key a member holding an array of whole numbers
   * @return the numbers
   */
  public static int[] ints(JsonFields f, String key) {
    List<Object> l = f.list(key);
    int[] d = new int[l.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.toIntExact(((Number) l.get(i)).longValue());
    }
    return d;
  }
}
