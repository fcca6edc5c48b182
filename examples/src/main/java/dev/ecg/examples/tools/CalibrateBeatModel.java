package dev.ecg.examples.tools;

import dev.ecg.core.DataDir;
import dev.ecg.core.labels.AamiClass;
import dev.ecg.core.metrics.Calibration;
import dev.ecg.core.split.MitBihInterPatient;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.wfdb.Wfdb;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.ModelInputs;
import dev.ecg.models.Prediction;
import dev.ecg.models.pkg.ModelManifest;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Temperature scaling of a bundled AAMI beat model on held-out MIT-BIH data, with figures.
 *
 * <p>Protocol: the model was trained on DS1 only. Its uncalibrated probabilities are taken at
 * the reference beats of the 22 DS2 records ({@code inputs(record, annotated R peaks)}, labels
 * from the annotation symbols). DS2 is split by record into the even-indexed 11 (A) and the
 * odd-indexed 11 (B). The temperature is fitted on A and judged on B, and the other way round.
 * The package keeps the one fitted on A. Temperature scaling never changes a predicted label,
 * so every F1 and accuracy figure of the model stays as it was.
 *
 * <pre>{@code
 * java -cp examples/target/ecg.jar dev.ecg.examples.tools.CalibrateBeatModel \
 *     mitbih-aami5 [--write ecg-models/src/main/resources/dev/ecg/models/bundled/mitbih-aami5] \
 *     [--png docs/img/calibration-mitbih-aami5.png]
 * }</pre>
 */
public final class CalibrateBeatModel {
  private CalibrateBeatModel() {}

  /** Equal-width bins of the ECE and the diagrams. */
  static final int BINS = 15;

  /**
   * @param args the bundled model name, then optional {@code --write DIR} (store the temperature
   *     in that package's manifest) and {@code --png FILE}
   * @throws Exception when data or model are missing
   */
  public static void main(String[] args) throws Exception {
    String model = args[0];
    Path write = null;
    Path png = null;
    for (int i = 1; i + 1 < args.length; i += 2) {
      if (args[i].equals("--write")) {
        write = Path.of(args[i + 1]);
      } else if (args[i].equals("--png")) {
        png = Path.of(args[i + 1]);
      }
    }
    Path dir = DataDir.find("mitdb").orElseThrow(() -> new IllegalStateException(
        DataDir.missingMessage("mitdb")));
    // per half of DS2: probabilities and labels
    List<List<double[]>> probs = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Integer>> ys = List.of(new ArrayList<>(), new ArrayList<>());
    // the package without any stored temperature: raw network probabilities
    Path raw = Files.createTempDirectory("ecg-calibrate");
    try (var pkg = dev.ecg.models.pkg.ModelPackage.openBundled(model,
        CalibrateBeatModel.class.getClassLoader())) {
      for (var w : pkg.manifest().weights()) {
        Files.copy(pkg.file(w), raw.resolve(w.file()));
      }
      Files.writeString(raw.resolve(ModelManifest.FILE_NAME), pkg.manifest()
          .withCalibration(null).toJson());
    }
    try (EcgClassifier clf = EcgClassifier.load(raw)) {
      List<String> ds2 = MitBihInterPatient.DS2;
      for (int r = 0; r < ds2.size(); r++) {
        Path base = dir.resolve(ds2.get(r));
        Record rec = Wfdb.readRecord(base).toRecord(Wfdb.readAnnotation(base, "atr"));
        List<Long> peaks = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (Annotation a : rec.annotations()) {
          var c = AamiClass.fromMitSymbol(a.symbol());
          if (c.isPresent()) {
            peaks.add(a.sample());
            y.add(clf.classNames().indexOf(c.get().name()));
          }
        }
        ModelInputs in = clf.inputs(rec, peaks.stream().mapToLong(Long::longValue).toArray());
        List<float[]> ok = new ArrayList<>();
        List<Integer> okY = new ArrayList<>();
        for (int k = 0; k < in.size(); k++) {
          if (in.rejections()[k] == null) {
            ok.add(in.values()[k]);
            okY.add(y.get(java.util.Collections.binarySearch(peaks, in.samples()[k])));
          }
        }
        Prediction[] p = clf.predictBatch(ok.toArray(float[][]::new));
        int half = r % 2;
        for (int k = 0; k < p.length; k++) {
          double[] d = new double[p[k].probabilities().length];
          for (int j = 0; j < d.length; j++) {
            d[j] = p[k].probabilities()[j];
          }
          probs.get(half).add(d);
          ys.get(half).add(okY.get(k));
        }
      }
    }
    double[] temps = new double[2];
    System.out.println("fit_on,judged_on,beats,temperature,nll_before,nll_after,ece_before,"
        + "ece_after");
    double[][][] bothP = new double[2][][];
    int[][] bothY = new int[2][];
    for (int h = 0; h < 2; h++) {
      bothP[h] = probs.get(h).toArray(double[][]::new);
      bothY[h] = ys.get(h).stream().mapToInt(Integer::intValue).toArray();
    }
    for (int h = 0; h < 2; h++) {
      temps[h] = Calibration.fitTemperature(bothY[h], bothP[h]);
      int o = 1 - h;
      double[][] scaled = scaled(bothP[o], temps[h]);
      System.out.printf(Locale.ROOT, "DS2-%s,DS2-%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f%n",
          h == 0 ? "A" : "B", o == 0 ? "A" : "B", bothY[o].length, temps[h],
          nll(bothY[o], bothP[o]), nll(bothY[o], scaled),
          Calibration.expectedCalibrationError(bothY[o], bothP[o], BINS),
          Calibration.expectedCalibrationError(bothY[o], scaled, BINS));
    }
    if (png != null) {
      diagram(bothY[1], bothP[1], scaled(bothP[1], temps[0]), model + " on DS2-B (T = "
          + String.format(Locale.ROOT, "%.2f", temps[0]) + " fitted on DS2-A)", png);
      System.out.println("wrote " + png);
    }
    if (write != null) {
      Path manifest = write.resolve(ModelManifest.FILE_NAME);
      ModelManifest m = ModelManifest.fromJson(Files.readString(manifest), manifest.toString());
      String how = String.format(Locale.ROOT, "MIT-BIH DS2 records of even index (%s), "
          + "reference beats; judged on the odd-index half (CalibrateBeatModel)",
          evenRecords());
      Files.writeString(manifest, m.withCalibration(new ModelManifest.TemperatureScaling(
          Math.round(temps[0] * 10_000) / 10_000.0, how)).toJson());
      System.out.println("stored T = " + temps[0] + " in " + manifest);
    }
  }

  private static String evenRecords() {
    List<String> out = new ArrayList<>();
    for (int r = 0; r < MitBihInterPatient.DS2.size(); r += 2) {
      out.add(MitBihInterPatient.DS2.get(r));
    }
    return String.join(" ", out);
  }

  static double[][] scaled(double[][] p, double t) {
    double[][] q = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      q[i] = Calibration.scale(p[i], t);
    }
    return q;
  }

  static double nll(int[] y, double[][] p) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s -= Math.log(Math.max(p[i][y[i]], 1e-12));
    }
    return s / y.length;
  }

  /** Reliability diagram: accuracy per confidence bin before (grey) and after (blue). */
  static void diagram(int[] y, double[][] before, double[][] after, String title, Path png)
      throws java.io.IOException {
    int w = 620;
    int h = 560;
    int left = 70;
    int top = 50;
    int size = 440;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, left, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(new Color(230, 230, 230));
    for (int k = 0; k <= 10; k++) {
      int x = left + k * size / 10;
      int yy = top + k * size / 10;
      g.drawLine(x, top, x, top + size);
      g.drawLine(left, yy, left + size, yy);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawRect(left, top, size, size);
    g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
        new float[] {6, 4}, 0));
    g.drawLine(left, top + size, left + size, top);
    g.setStroke(new BasicStroke(1));
    var b0 = Calibration.reliability(y, before, BINS);
    var b1 = Calibration.reliability(y, after, BINS);
    double bw = size / (double) BINS;
    for (int k = 0; k < BINS; k++) {
      bar(g, b0.get(k), left + k * bw, bw / 2, top, size, new Color(150, 150, 150));
      bar(g, b1.get(k), left + k * bw + bw / 2, bw / 2, top, size, new Color(40, 100, 200));
    }
    g.setColor(Color.BLACK);
    for (int k = 0; k <= 10; k += 2) {
      g.drawString(String.format(Locale.ROOT, "%.1f", k / 10.0), left + k * size / 10 - 8,
          top + size + 16);
      g.drawString(String.format(Locale.ROOT, "%.1f", k / 10.0), left - 28,
          top + size - k * size / 10 + 4);
    }
    g.drawString("confidence (top-label probability)", left + size / 2 - 100, top + size + 34);
    g.rotate(-Math.PI / 2);
    g.drawString("accuracy", -(top + size / 2 + 25), 20);
    g.rotate(Math.PI / 2);
    g.setColor(new Color(150, 150, 150));
    g.fillRect(left + 10, top + 10, 12, 12);
    g.setColor(new Color(40, 100, 200));
    g.fillRect(left + 10, top + 28, 12, 12);
    g.setColor(Color.BLACK);
    g.drawString(String.format(Locale.ROOT, "uncalibrated, ECE %.4f",
        Calibration.expectedCalibrationError(y, before, BINS)), left + 28, top + 21);
    g.drawString(String.format(Locale.ROOT, "temperature-scaled, ECE %.4f",
        Calibration.expectedCalibrationError(y, after, BINS)), left + 28, top + 39);
    g.drawString(y.length + " beats, " + BINS + " bins; dashed: perfect calibration", left,
        top + size + 52);
    g.dispose();
    Files.createDirectories(png.toAbsolutePath().getParent());
    javax.imageio.ImageIO.write(img, "png", png.toFile());
  }

  private static void bar(Graphics2D g, Calibration.Bin b, double x, double width, int top,
      int size, Color c) {
    if (b.count() == 0) {
      return;
    }
    int hgt = (int) Math.round(b.accuracy() * size);
    g.setColor(c);
    g.fillRect((int) Math.round(x), top + size - hgt, (int) Math.max(1, Math.round(width) - 1),
        hgt);
  }
}
