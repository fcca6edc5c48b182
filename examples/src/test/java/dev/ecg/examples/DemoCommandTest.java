package dev.ecg.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {

  @TempDir static Path tmp;
  static Path pkg;

  @BeforeAll
  static void model() throws Exception {
    System.setProperty("java.awt.headless", "true");
    pkg = TestModels.kachueeAami5(tmp);
  }

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
    PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8);
    int code = new CommandLine(new DemoCommand(po, pe)).execute(args);
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void demoClassifiesEveryBeatAndWritesThePlot() throws Exception {
    Path png = tmp.resolve("out/strip.png");
    Run r = run("--model", pkg.toString(), "--seed", "7", "--duration", "20", "--out",
        png.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    // "[1/4] ... done (0.1 s), 24 beats, 2 PVCs" and the detection line
    Matcher beats = Pattern.compile("done \\([0-9.]+ s\\), (\\d+) beats, (\\d+) PVCs")
        .matcher(r.out());
    assertTrue(beats.find(), r.out());
    int nTrue = Integer.parseInt(beats.group(1));
    Matcher det = Pattern.compile("(\\d+) true beats, (\\d+) matched, (\\d+) missed(?: \\(at [^)]*\\))?, (\\d+) extra")
        .matcher(r.out());
    assertTrue(det.find(), r.out());
    assertEquals(nTrue, Integer.parseInt(det.group(1)));
    assertTrue(Integer.parseInt(det.group(3)) <= 1, r.out());
    // one table row per classified beat, each with a true label
    long rows = r.out().lines().filter(l -> l.matches("\\s+\\d+\\.\\d\\d\\s+[NSVFQ]\\s+.*")).count();
    assertEquals(Integer.parseInt(det.group(2)) + Integer.parseInt(det.group(4)), rows);
    assertTrue(r.out().contains("Predicted vs synthetic truth"), r.out());
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(2, (img.getHeight() - 80) / 190, "two 10 s rows for 20 s");
    // the trace is drawn: some dark pixels in the first row
    int dark = 0;
    for (int x = 50; x < 1050; x++) {
      for (int y = 60; y < 250; y++) {
        int rgb = img.getRGB(x, y) & 0xffffff;
        if (((rgb >> 16) & 0xff) < 60 && ((rgb >> 8) & 0xff) < 60 && (rgb & 0xff) < 60) {
          dark++;
        }
      }
    }
    assertTrue(dark > 1000, dark + " dark pixels");
  }

  @Test
  void longStripsPlotOnlyTheirStart() throws Exception {
    Path png = tmp.resolve("short.png");
    Run r = run("--model", pkg.toString(), "--duration", "30", "--plot-seconds", "10",
        "--max-rows", "3", "--out", png.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("Plotting the first 10 s"), r.out());
    assertTrue(r.out().contains("more; raise --max-rows"), r.out());
    assertEquals(1, (ImageIO.read(png.toFile()).getHeight() - 80) / 190);
  }

  @Test
  void outIsAFolderUnlessItNamesAPng() throws Exception {
    Path dir = tmp.resolve("demo-folder");
    Run r = run("--model", pkg.toString(), "--duration", "10", "--out", dir.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(Files.isDirectory(dir), "--out DIR is a folder");
    assertTrue(ImageIO.read(dir.resolve("strip.png").toFile()) != null);
  }

  @Test
  void missingBundledModelIsNamed() {
    Run r = run("--model", "no-such-model", "--duration", "5", "--out",
        tmp.resolve("x.png").toString());
    assertNotEquals(0, r.code());
    assertTrue(r.err().contains("bundled model 'no-such-model' is missing"), r.err());
    assertTrue(Files.notExists(tmp.resolve("x.png")));
  }

  @Test
  void badOptionsAreRefused() {
    Run r = run("--duration", "-3", "--model", pkg.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--duration"), r.err());
  }
}
