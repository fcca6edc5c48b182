package dev.ecg.models.train;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.metrics.ConfusionMatrix;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * PNG charts of a training run, drawn with plain Java2D (no plotting library) into a
 * {@link BufferedImage}, which needs no display. The class leaves {@code java.awt.headless} to the
 * application (a process-wide setting): on Linux without {@code DISPLAY} the JDK runs headless by
 * itself; elsewhere an application may start the JVM with {@code -Djava.awt.headless=true}.
 */
public final class Plots {

  /** Width of the curve charts in pixels. */
  public static final int CURVE_WIDTH = 800;
  /** Height of the curve charts in pixels. */
  public static final int CURVE_HEIGHT = 500;

  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b)
  };
  private static final int MARGIN_LEFT = 70;
  private static final int MARGIN_RIGHT = 160;
  private static final int MARGIN_TOP = 40;
  private static final int MARGIN_BOTTOM = 50;

  private Plots() {}

  /**
   * Training and validation loss per epoch.
   *
   * @param history the run
   * @param png output file (parent folders are created)
   * @throws IOException if the file cannot be written
   * @throws EcgArgumentException for an empty history
   */
  public static void lossCurves(TrainingHistory history, Path png) throws IOException {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("train loss", column(history, r -> r.trainLoss()));
    double[] val = column(history, r -> r.validationLoss());
    if (anyFinite(val)) {
      series.put("validation loss", val);
    }
    curves("Loss", series, history.bestEpoch(), png);
  }

  /**
   * Every validation metric per epoch (all in [0, 1]).
   *
   * @param history the run
   * @param png output file
   * @throws IOException if the file cannot be written
   * @throws EcgArgumentException for an empty history or one without metrics
   */
  public static void metricCurves(TrainingHistory history, Path png) throws IOException {
    if (history.epochs().isEmpty() || history.epochs().get(0).metrics().isEmpty()) {
      throw new EcgArgumentException("the history has no validation metrics to plot");
    }
    Map<String, double[]> series = new LinkedHashMap<>();
    for (String key : history.epochs().get(0).metrics().keySet()) {
      series.put(key, column(history, r -> r.metrics().getOrDefault(key, Double.NaN)));
    }
    curves("Validation metrics", series, history.bestEpoch(), png);
  }

  private interface Getter {
    double get(EpochRecord r);
  }

  private static double[] column(TrainingHistory h, Getter g) {
    if (h.epochs().isEmpty()) {
      throw new EcgArgumentException("the history has no epochs to plot");
    }
    double[] v = new double[h.epochs().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = g.get(h.epochs().get(i));
    }
    return v;
  }

  private static boolean anyFinite(double[] v) {
    for (double d : v) {
      if (Double.isFinite(d)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Line chart of named series over epochs 1..n, with a dashed marker at {@code markEpoch} (0 for
   * none).
   */
  static void curves(String title, Map<String, double[]> series, int markEpoch, Path png) throws IOException {
    int w = CURVE_WIDTH;
    int h = CURVE_HEIGHT;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      int n = series.values().iterator().next().length;
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] s : series.values()) {
        for (double d : s) {
          if (Double.isFinite(d)) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
          }
        }
      }
      if (!Double.isFinite(lo)) {
        lo = 0;
        hi = 1;
      }
      if (hi - lo < 1e-12) {
        hi = lo + 1;
      }
      double pad = (hi - lo) * 0.05;
      lo -= pad;
      hi += pad;
      int x0 = MARGIN_LEFT;
      int x1 = w - MARGIN_RIGHT;
      int y0 = h - MARGIN_BOTTOM;
      int y1 = MARGIN_TOP;
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      FontMetrics fm = g.getFontMetrics();
      // grid and axes
      g.setColor(new Color(0xdddddd));
      for (int t = 0; t <= 5; t++) {
        int y = y0 - (y0 - y1) * t / 5;
        g.drawLine(x0, y, x1, y);
      }
      g.setColor(Color.BLACK);
      g.drawRect(x0, y1, x1 - x0, y0 - y1);
      for (int t = 0; t <= 5; t++) {
        double v = lo + (hi - lo) * t / 5;
        int y = y0 - (y0 - y1) * t / 5;
        String s = String.format(Locale.ROOT, "%.3g", v);
        g.drawString(s, x0 - 6 - fm.stringWidth(s), y + fm.getAscent() / 2);
      }
      int step = Math.max(1, (int) Math.ceil(n / 10.0));
      for (int e = 1; e <= n; e += step) {
        int x = xOf(e, n, x0, x1);
        String s = Integer.toString(e);
        g.drawLine(x, y0, x, y0 + 4);
        g.drawString(s, x - fm.stringWidth(s) / 2, y0 + 6 + fm.getAscent());
      }
      g.drawString("epoch", (x0 + x1) / 2 - fm.stringWidth("epoch") / 2, h - 10);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(title, x0, y1 - 14);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      if (markEpoch >= 1 && markEpoch <= n) {
        int x = xOf(markEpoch, n, x0, x1);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 5f}, 0f));
        g.drawLine(x, y0, x, y1);
        g.drawString("best", x + 3, y1 + 14);
      }
      int idx = 0;
      for (Map.Entry<String, double[]> e : series.entrySet()) {
        Color c = PALETTE[idx % PALETTE.length];
        g.setColor(c);
        g.setStroke(new BasicStroke(2f));
        double[] v = e.getValue();
        int px = -1;
        int py = -1;
        for (int i = 0; i < v.length; i++) {
          if (!Double.isFinite(v[i])) {
            px = -1;
            continue;
          }
          int x = xOf(i + 1, n, x0, x1);
          int y = (int) Math.round(y0 - (v[i] - lo) / (hi - lo) * (y0 - y1));
          if (px >= 0) {
            g.drawLine(px, py, x, y);
          }
          g.fillOval(x - 3, y - 3, 6, 6);
          px = x;
          py = y;
        }
        int ly = y1 + 20 + idx * 20;
        g.fillRect(x1 + 12, ly - 8, 14, 4);
        g.setColor(Color.BLACK);
        g.drawString(e.getKey(), x1 + 32, ly - 2);
        idx++;
      }
    } finally {
      g.dispose();
    }
    write(img, png);
  }

  private static int xOf(int epoch, int n, int x0, int x1) {
    return n == 1 ? (x0 + x1) / 2 : x0 + (int) Math.round((epoch - 1) * (double) (x1 - x0) / (n - 1));
  }

  /**
   * A confusion matrix as a heat map (rows: true class, columns: predicted class); each cell
   * shows its count and is shaded by the row-normalised fraction (white 0 to dark blue 1).
   *
   * @param matrix square matrix of non-negative counts
   * @param classNames one name per class
   * @param png output file
   * @throws IOException if the file cannot be written
   * @throws EcgArgumentException for a non-square matrix, negative counts or a wrong name count
   */
  public static void confusionMatrix(int[][] matrix, List<String> classNames, Path png) throws IOException {
    long[][] m = new long[matrix.length][];
    for (int i = 0; i < m.length; i++) {
      m[i] = new long[matrix[i].length];
      for (int j = 0; j < m[i].length; j++) {
        m[i][j] = matrix[i][j];
      }
    }
    drawConfusion(m, classNames, png);
  }

  /**
   * Draws a core {@link ConfusionMatrix} with its class names (see {@link #confusionMatrix(int[][],
   * List, Path)}).
   *
   * @param matrix the matrix
   * @param png output file
   * @throws IOException if the file cannot be written
   */
  public static void confusionMatrix(ConfusionMatrix matrix, Path png) throws IOException {
    drawConfusion(matrix.counts(), matrix.classNames(), png);
  }

  private static void drawConfusion(long[][] matrix, List<String> classNames, Path png) throws IOException {
    int k = matrix.length;
    if (k == 0 || classNames.size() != k) {
      throw new EcgArgumentException(
          "confusion matrix of size " + k + " needs " + k + " class names, got " + classNames.size());
    }
    for (int i = 0; i < k; i++) {
      if (matrix[i].length != k) {
        throw new EcgArgumentException("confusion matrix row " + i + " has " + matrix[i].length + " entries, expected " + k);
      }
      for (int j = 0; j < k; j++) {
        if (matrix[i][j] < 0) {
          throw new EcgArgumentException("confusion matrix cell (" + i + ", " + j + ") is negative");
        }
      }
    }
    int cell = cellSize(k);
    int left = 110;
    int top = 70;
    int w = left + k * cell + 30;
    int h = top + k * cell + 60;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      FontMetrics fm = g.getFontMetrics();
      for (int i = 0; i < k; i++) {
        long row = 0;
        for (int j = 0; j < k; j++) {
          row += matrix[i][j];
        }
        for (int j = 0; j < k; j++) {
          double frac = row == 0 ? 0 : (double) matrix[i][j] / row;
          Color c = shade(frac);
          g.setColor(c);
          int x = left + j * cell;
          int y = top + i * cell;
          g.fillRect(x, y, cell, cell);
          g.setColor(frac > 0.5 ? Color.WHITE : Color.BLACK);
          String s = Long.toString(matrix[i][j]);
          g.drawString(s, x + (cell - fm.stringWidth(s)) / 2, y + (cell + fm.getAscent()) / 2 - 2);
        }
      }
      g.setColor(Color.BLACK);
      g.drawRect(left, top, k * cell, k * cell);
      for (int i = 0; i < k; i++) {
        String name = classNames.get(i);
        g.drawString(name, left - 8 - fm.stringWidth(name), top + i * cell + (cell + fm.getAscent()) / 2 - 2);
        g.drawString(name, left + i * cell + (cell - fm.stringWidth(name)) / 2, top - 8);
      }
      g.drawString("predicted", left + (k * cell - fm.stringWidth("predicted")) / 2, top - 28);
      g.drawString("true", 10, top + k * cell / 2);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString("Confusion matrix", 10, 20);
    } finally {
      g.dispose();
    }
    write(img, png);
  }

  /** Pixel side of a confusion-matrix cell for k classes. */
  static int cellSize(int k) {
    return Math.max(36, Math.min(90, 540 / k));
  }

  /** White (0) to dark blue (1). */
  static Color shade(double frac) {
    double f = Math.max(0, Math.min(1, frac));
    int r = (int) Math.round(255 - f * (255 - 8));
    int gg = (int) Math.round(255 - f * (255 - 48));
    int b = (int) Math.round(255 - f * (255 - 107));
    return new Color(r, gg, b);
  }

  private static void write(BufferedImage img, Path png) throws IOException {
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(img, "png", png.toFile())) {
      throw new IOException("no PNG writer available for " + png);
    }
  }
}
