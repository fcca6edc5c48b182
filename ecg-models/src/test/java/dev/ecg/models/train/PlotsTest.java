package dev.ecg.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ecg.core.EcgArgumentException;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

  private static TrainingHistory history(boolean withValidation) {
    List<EpochRecord> r = new ArrayList<>();
    for (int e = 1; e <= 5; e++) {
      r.add(new EpochRecord(e, 1.0 / e, withValidation ? 1.2 / e + 0.1 : Double.NaN,
          withValidation ? Map.of("accuracy", 0.5 + e / 20.0) : Map.of(), 1e-3, 0.5));
    }
    return new TrainingHistory(r, 5, withValidation ? "validationLoss" : "trainLoss", false);
  }

  private static int count(BufferedImage img, int rgb) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) == rgb) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void lossCurvesDrawOneColouredSeriesPerCurve(@TempDir Path dir) throws Exception {
    Path both = dir.resolve("sub/loss.png");
    Plots.lossCurves(history(true), both);
    BufferedImage img = ImageIO.read(both.toFile());
    assertEquals(800, img.getWidth());
    assertEquals(500, img.getHeight());
    assertTrue(count(img, 0x1f77b4) > 50, "train loss line (blue) missing");
    assertTrue(count(img, 0xff7f0e) > 50, "validation loss line (orange) missing");
    Path one = dir.resolve("loss1.png");
    Plots.lossCurves(history(false), one);
    BufferedImage img1 = ImageIO.read(one.toFile());
    assertTrue(count(img1, 0x1f77b4) > 50);
    assertEquals(0, count(img1, 0xff7f0e), "no validation curve without validation data");
    Path m = dir.resolve("metrics.png");
    Plots.metricCurves(history(true), m);
    assertTrue(count(ImageIO.read(m.toFile()), 0x1f77b4) > 50);
    assertThrows(EcgArgumentException.class, () -> Plots.metricCurves(history(false), dir.resolve("x.png")));
  }

  /** A library leaves the process-wide {@code java.awt.headless} property to the application. */
  @Test
  void drawingLeavesJavaAwtHeadlessAlone(@TempDir Path dir) throws Exception {
    // AWT decides headless once per JVM; with that settled (surefire sets the property), the
    // property itself can be cleared for the duration of the drawing without AWT noticing
    assumeTrue(GraphicsEnvironment.isHeadless(), "this JVM has a display");
    String before = System.getProperty("java.awt.headless");
    System.clearProperty("java.awt.headless");
    try {
      Plots.lossCurves(history(true), dir.resolve("loss.png"));
      Plots.confusionMatrix(new int[][] {{1, 0}, {0, 1}}, List.of("N", "V"),
          dir.resolve("cm.png"));
      assertNull(System.getProperty("java.awt.headless"));
    } finally {
      if (before != null) {
        System.setProperty("java.awt.headless", before);
      }
    }
  }

  @Test
  void confusionMatrixShadesByRowFraction(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("cm.png");
    Plots.confusionMatrix(new int[][] {{8, 2}, {0, 10}}, List.of("N", "V"), p);
    BufferedImage img = ImageIO.read(p.toFile());
    int cell = 90; // 540 / 2 capped at 90
    int left = 110;
    int top = 70;
    assertEquals(left + 2 * cell + 30, img.getWidth());
    // cell corners (text is centred): fraction 1 -> (8, 48, 107); 0 -> white; 0.2 -> 255 - 0.2*(255-c)
    assertEquals(0x08306b, img.getRGB(left + cell + 3, top + cell + 3) & 0xffffff);
    assertEquals(0xffffff, img.getRGB(left + 3, top + cell + 3) & 0xffffff);
    int expected02 = (206 << 16) | (214 << 8) | 225;
    assertEquals(expected02, img.getRGB(left + cell + 3, top + 3) & 0xffffff);
    assertThrows(EcgArgumentException.class, () -> Plots.confusionMatrix(new int[][] {{1, 2}}, List.of("a"), p));
    assertThrows(EcgArgumentException.class,
        () -> Plots.confusionMatrix(new int[][] {{1, -2}, {0, 0}}, List.of("a", "b"), p));
  }
}
