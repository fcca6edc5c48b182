package dev.ecg.examples.tools;

import dev.ecg.core.metrics.Calibration;
import dev.ecg.models.pkg.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Temperature scaling of a bundled rhythm model from the out-of-fold predictions of its
 * recipe's cross-validation ({@code oof.csv} of {@code ecg train --experiment
 * cinc2017-features}: each recording predicted by a model that never saw it). The recordings of
 * folds 1, 3 and 5 (A) fit the temperature and those of folds 2 and 4 (B) judge it, and the
 * other way round; the package keeps the one fitted on A.
 *
 * <pre>{@code
 * java -cp examples/target/ecg.jar dev.ecg.examples.tools.CalibrateFromOof \
 *     runs/cinc2017-features/oof.csv cinc2017-rhythm \
 *     [--write ecg-models/src/main/resources/dev/ecg/models/bundled/cinc2017-rhythm] \
 *     [--png docs/img/calibration-cinc2017-rhythm.png]
 * }</pre>
 */
public final class CalibrateFromOof {
  private CalibrateFromOof() {}

  /**
   * @param args the oof.csv, the model's name, then {@code --write DIR} and {@code --png FILE}
   * @throws Exception when a file cannot be read
   */
  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[0]);
    String model = args[1];
    Path write = null;
    Path png = null;
    for (int i = 2; i + 1 < args.length; i += 2) {
      if (args[i].equals("--write")) {
        write = Path.of(args[i + 1]);
      } else if (args[i].equals("--png")) {
        png = Path.of(args[i + 1]);
      }
    }
    List<String> lines = Files.readAllLines(csv);
    String[] head = lines.get(0).split(",");
    List<String> classes = new ArrayList<>();
    for (int j = 3; j < head.length; j++) {
      classes.add(head[j].substring(2));
    }
    List<List<double[]>> p = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Integer>> y = List.of(new ArrayList<>(), new ArrayList<>());
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",");
      int half = Integer.parseInt(f[2]) % 2 == 1 ? 0 : 1; // folds 1, 3, 5 -> A
      double[] row = new double[classes.size()];
      for (int j = 0; j < row.length; j++) {
        row[j] = Double.parseDouble(f[3 + j]);
      }
      p.get(half).add(row);
      y.get(half).add(classes.indexOf(f[1]));
    }
    double[][][] probs = {p.get(0).toArray(double[][]::new), p.get(1).toArray(double[][]::new)};
    int[][] labels = {y.get(0).stream().mapToInt(Integer::intValue).toArray(),
        y.get(1).stream().mapToInt(Integer::intValue).toArray()};
    double[] t = new double[2];
    System.out.println("fit_on,judged_on,recordings,temperature,nll_before,nll_after,"
        + "ece_before,ece_after");
    for (int h = 0; h < 2; h++) {
      t[h] = Calibration.fitTemperature(labels[h], probs[h]);
      int o = 1 - h;
      double[][] s = CalibrateBeatModel.scaled(probs[o], t[h]);
      System.out.printf(Locale.ROOT, "%s,%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f%n", h == 0 ? "A" : "B",
          o == 0 ? "A" : "B", labels[o].length, t[h], CalibrateBeatModel.nll(labels[o],
              probs[o]), CalibrateBeatModel.nll(labels[o], s),
          Calibration.expectedCalibrationError(labels[o], probs[o], CalibrateBeatModel.BINS),
          Calibration.expectedCalibrationError(labels[o], s, CalibrateBeatModel.BINS));
    }
    if (png != null) {
      CalibrateBeatModel.diagram(labels[1], probs[1], CalibrateBeatModel.scaled(probs[1], t[0]),
          model + " out-of-fold, folds 2 and 4 (T = " + String.format(Locale.ROOT, "%.2f",
              t[0]) + " fitted on folds 1, 3, 5)", png);
      System.out.println("wrote " + png);
    }
    if (write != null) {
      Path manifest = write.resolve(ModelManifest.FILE_NAME);
      ModelManifest m = ModelManifest.fromJson(Files.readString(manifest), manifest.toString());
      Files.writeString(manifest, m.withCalibration(new ModelManifest.TemperatureScaling(
          Math.round(t[0] * 10_000) / 10_000.0, "out-of-fold predictions of the recipe's "
              + "5-fold record-level CV on CinC 2017 (whole recordings), folds 1, 3 and 5; "
              + "judged on folds 2 and 4 (CalibrateFromOof)")).toJson());
      System.out.println("stored T = " + t[0] + " in " + manifest);
    }
  }
}
