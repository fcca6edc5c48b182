package dev.ecg.examples.tools;

import dev.ecg.core.DataDir;
import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.split.MitBihInterPatient;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.wfdb.Wfdb;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.ModelInputs;
import dev.ecg.models.Prediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How often a bundled beat model's int8 graph changes the fp32 label, grouped by how sure fp32
 * was (the gap between its two highest probabilities).
 *
 * <p>Protocol: the 22 DS2 records of MIT-BIH (never seen by the model nor by its int8
 * calibration, which used DS1), lead 0, every reference beat of an AAMI class that the
 * package's input pipeline accepts ({@code inputs(record, annotated R peaks)}), both precisions
 * on the same inputs. Deterministic: no sampling, no seed.
 *
 * <pre>{@code
 * java -cp examples/target/ecg.jar dev.ecg.examples.tools.Int8Agreement mitbih-aami5
 * }</pre>
 */
public final class Int8Agreement {
  private Int8Agreement() {}

  /** Upper bounds of the gap bins; the last bin is open. */
  static final float[] EDGES = {0.1f, 0.2f, 0.3f, 0.4f};

  /**
   * @param args the bundled model name (default {@code mitbih-aami5})
   * @throws Exception when data or model are missing
   */
  public static void main(String[] args) throws Exception {
    String model = args.length > 0 ? args[0] : "mitbih-aami5";
    Path dir = DataDir.find("mitdb").orElseThrow(() -> new IllegalStateException(
        DataDir.missingMessage("mitdb")));
    long[] beats = new long[EDGES.length + 1];
    long[] changed = new long[EDGES.length + 1];
    // per class of the fp32 label: beats and changes
    long[][] byClass = new long[2][];
    try (EcgClassifier fp = EcgClassifier.load(model);
        EcgClassifier q = EcgClassifier.load(model,
            EcgClassifier.Options.DEFAULT.withPrecision(EcgClassifier.Precision.INT8))) {
      List<String> names = fp.classNames();
      byClass[0] = new long[names.size()];
      byClass[1] = new long[names.size()];
      for (String name : MitBihInterPatient.DS2) {
        Path base = dir.resolve(name);
        Record rec = Wfdb.readRecord(base).toRecord(Wfdb.readAnnotation(base, "atr"));
        List<Long> peaks = new ArrayList<>();
        for (Annotation a : rec.annotations()) {
          if (AamiClass.fromMitSymbol(a.symbol()).isPresent()) {
            peaks.add(a.sample());
          }
        }
        ModelInputs in = fp.inputs(rec, peaks.stream().mapToLong(Long::longValue).toArray());
        List<float[]> ok = new ArrayList<>();
        for (int k = 0; k < in.size(); k++) {
          if (in.rejections()[k] == null) {
            ok.add(in.values()[k]);
          }
        }
        float[][] x = ok.toArray(float[][]::new);
        Prediction[] a = fp.predictBatch(x);
        Prediction[] b = q.predictBatch(x);
        for (int k = 0; k < a.length; k++) {
          float[] p = a[k].probabilities().clone();
          Arrays.sort(p);
          float gap = p[p.length - 1] - p[p.length - 2];
          int bin = 0;
          while (bin < EDGES.length && gap >= EDGES[bin]) {
            bin++;
          }
          boolean flip = !a[k].label().equals(b[k].label());
          beats[bin]++;
          int c = names.indexOf(a[k].label());
          byClass[0][c]++;
          if (flip) {
            changed[bin]++;
            byClass[1][c]++;
          }
        }
      }
      long all = Arrays.stream(beats).sum();
      long flips = Arrays.stream(changed).sum();
      System.out.printf(Locale.ROOT, "%s: %d DS2 beats, labels agree on %d (%.2f %%)%n", model,
          all, all - flips, 100.0 * (all - flips) / all);
      System.out.println("| gap | beats | labels changed by int8 |");
      System.out.println("|---|---|---|");
      for (int i = 0; i <= EDGES.length; i++) {
        String label = i == 0 ? "< " + EDGES[0]
            : i == EDGES.length ? ">= " + EDGES[i - 1] : EDGES[i - 1] + "-" + EDGES[i];
        System.out.printf(Locale.ROOT, "| %s | %,d | %,d |%n", label, beats[i], changed[i]);
      }
      System.out.println("| fp32 label | beats | labels changed by int8 |");
      System.out.println("|---|---|---|");
      for (int c = 0; c < names.size(); c++) {
        System.out.printf(Locale.ROOT, "| %s | %,d | %,d |%n", names.get(c), byClass[0][c],
            byClass[1][c]);
      }
    }
  }
}
