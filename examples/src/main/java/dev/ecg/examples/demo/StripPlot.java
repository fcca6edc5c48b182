package dev.ecg.examples.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws an ECG strip as a PNG with Java2D (works headless): rows of 10 s on ECG-paper grid
 * (0.2 s / 0.5 mV major lines), the trace in black and one coloured mark per classified beat,
 * with its predicted class above it and, where known, the true label below.
 */
public final class StripPlot {

  /** Seconds per row. */
  public static final double ROW_SECONDS = 10.0;
  private static final int PX_PER_SECOND = 100;
  private static final int ROW_HEIGHT = 190;
  private static final int LEFT = 50;
  private static final int TOP = 60;

  /** Colours per AAMI class name; other names get gray. */
  public static final Map<String, Color> COLOURS = Map.of(
      "N", new Color(0x1b7837),
      "S", new Color(0xe08214),
      "V", new Color(0xc51b7d),
      "F", new Color(0x542788),
      "Q", new Color(0x737373));

  /**
   * One beat mark.
   *
   * @param sample position in the signal
   * @param label predicted class
   * @param truth true label, or null
   */
  public record Mark(long sample, String label, String truth) {}

  private StripPlot() {}

  /**
   * Writes the plot (to a temporary sibling, then renamed onto {@code out}).
   *
   * @param x the signal in mV
   * @param fs its sampling rate
   * @param marks beat marks
   * @param title a title line
   * @param out the PNG file (parent folders are created)
   * @throws IOException when the file cannot be written
   */
  public static void write(double[] x, double fs, List<Mark> marks, String title, Path out)
      throws IOException {
    double seconds = x.length / fs;
    int rows = Math.max(1, (int) Math.ceil(seconds / ROW_SECONDS - 1e-9));
    int width = LEFT + (int) (ROW_SECONDS * PX_PER_SECOND) + 30;
    int height = TOP + rows * ROW_HEIGHT + 20;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(title, LEFT, 22);
      legend(g, LEFT, 44);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : x) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      if (!(hi > lo)) {
        lo = -1;
        hi = 1;
      }
      double mid = (lo + hi) / 2;
      // vertical scale: fit the data into 70 % of the row, capped at 60 px/mV (paper-like)
      double pxPerMv = Math.min(60.0, 0.7 * ROW_HEIGHT / (hi - lo));
      int rowSamples = (int) Math.round(ROW_SECONDS * fs);
      for (int r = 0; r < rows; r++) {
        int y0 = TOP + r * ROW_HEIGHT;
        int yMid = y0 + ROW_HEIGHT / 2;
        grid(g, y0, yMid, pxPerMv);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(String.format(Locale.ROOT, "%.0f s", r * ROW_SECONDS), 6, yMid + 4);
        int from = r * rowSamples;
        int to = Math.min(x.length, from + rowSamples);
        Path2D.Double trace = new Path2D.Double();
        boolean pen = false;
        for (int i = from; i < to; i++) {
          if (!Double.isFinite(x[i])) {
            pen = false;
            continue;
          }
          double px = LEFT + (i - from) * PX_PER_SECOND / fs;
          double py = yMid - (x[i] - mid) * pxPerMv;
          if (pen) {
            trace.lineTo(px, py);
          } else {
            trace.moveTo(px, py);
            pen = true;
          }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(trace);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        for (Mark m : marks) {
          if (m.sample() < from || m.sample() >= to) {
            continue;
          }
          double px = LEFT + (m.sample() - from) * PX_PER_SECOND / fs;
          double py = yMid - (x[(int) m.sample()] - mid) * pxPerMv;
          Color c = COLOURS.getOrDefault(m.label(), Color.GRAY);
          g.setColor(c);
          g.fillOval((int) Math.round(px) - 4, (int) Math.round(py) - 4, 8, 8);
          int wLabel = g.getFontMetrics().stringWidth(m.label());
          g.drawString(m.label(), (int) Math.round(px) - wLabel / 2, y0 + 16);
          if (m.truth() != null) {
            boolean ok = m.truth().equals(m.label());
            g.setColor(ok ? Color.GRAY : Color.RED);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            String t = ok ? m.truth() : m.truth() + "!";
            int wt = g.getFontMetrics().stringWidth(t);
            g.drawString(t, (int) Math.round(px) - wt / 2, y0 + ROW_HEIGHT - 8);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
          }
        }
      }
    } finally {
      g.dispose();
    }
    Path abs = out.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    if (!ImageIO.write(img, "png", tmp.toFile())) {
      throw new IOException("no PNG writer available");
    }
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void grid(Graphics2D g, int y0, int yMid, double pxPerMv) {
    int x1 = LEFT + (int) (ROW_SECONDS * PX_PER_SECOND);
    Color minor = new Color(0xfbe3e3);
    Color major = new Color(0xf2b8b8);
    g.setStroke(new BasicStroke(1f));
    for (int k = 0; k <= ROW_SECONDS * 25; k++) { // 0.04 s minor, 0.2 s major
      int px = LEFT + (int) Math.round(k * PX_PER_SECOND / 25.0);
      g.setColor(k % 5 == 0 ? major : minor);
      g.drawLine(px, y0 + 20, px, y0 + ROW_HEIGHT - 20);
    }
    double step = 0.1 * pxPerMv; // 0.1 mV minor, 0.5 mV major
    for (int k = -40; k <= 40; k++) {
      int py = (int) Math.round(yMid - k * step);
      if (py < y0 + 20 || py > y0 + ROW_HEIGHT - 20) {
        continue;
      }
      g.setColor(k % 5 == 0 ? major : minor);
      g.drawLine(LEFT, py, x1, py);
    }
  }

  private static void legend(Graphics2D g, int x, int y) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int px = x;
    for (String k : List.of("N", "S", "V", "F", "Q")) {
      g.setColor(COLOURS.get(k));
      g.fillOval(px, y - 9, 9, 9);
      g.setColor(Color.BLACK);
      g.drawString(k, px + 13, y);
      px += 40;
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString("above: predicted class; below: synthetic truth (red ! = disagreement); "
        + "grid 0.2 s x 0.5 mV", px + 10, y);
  }
}
