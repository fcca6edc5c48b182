package dev.ecg.examples.tools;

import dev.ecg.io.Record;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.synth.SyntheticEcg;
import dev.ecg.models.BeatPrediction;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.Explainer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The figure of docs/explanations.md: a synthetic PVC (ECGSYN, seed 31) and a normal beat, each
 * with its occlusion and integrated-gradients relevance drawn behind the trace (red supports the
 * predicted label, blue speaks against it), on ECG paper.
 *
 * <pre>{@code
 * java -cp examples/target/ecg.jar dev.ecg.examples.tools.ExplainBeatPlot docs/img/explanation-pvc.png
 * }</pre>
 */
public final class ExplainBeatPlot {
  private ExplainBeatPlot() {}

  /**
   * @param args the PNG to write
   * @throws Exception when the model does not load
   */
  public static void main(String[] args) throws Exception {
    Path png = Path.of(args.length > 0 ? args[0] : "explanation-pvc.png");
    SyntheticEcg syn = EcgSyn.builder().optSamplingRate(360).optDuration(120).optSeed(31)
        .optPvcProbability(0.15).build().generate();
    Record r = syn.record();
    try (EcgClassifier clf = EcgClassifier.load("mitbih-aami5-live")) {
      long pvc = -1;
      long normal = -1;
      for (BeatPrediction b : clf.classify(r)) {
        if (pvc < 0 && b.label().equals("V") && b.time() > 5) {
          pvc = b.sample();
        }
        if (normal < 0 && b.label().equals("N") && b.time() > 5) {
          normal = b.sample();
        }
      }
      int w = 1100;
      int rowH = 230;
      BufferedImage img = new BufferedImage(w, 2 * 2 * rowH + 40, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      int row = 0;
      for (long beat : new long[] {pvc, normal}) {
        for (Explainer.Method m : Explainer.Method.values()) {
          Explainer.Explanation e = Explainer.explain(clf, r, beat, m);
          panel(g, r, e, 20, 30 + row * rowH, w - 40, rowH - 30);
          row++;
        }
      }
      g.dispose();
      Files.createDirectories(png.toAbsolutePath().getParent());
      javax.imageio.ImageIO.write(img, "png", png.toFile());
      System.out.println("wrote " + png);
    }
  }

  private static void panel(Graphics2D g, Record r, Explainer.Explanation e, int x0, int y0,
      int width, int height) {
    double fs = r.fs();
    long from = e.sample() - Math.round(0.6 * fs);
    long to = e.sample() + Math.round(0.6 * fs);
    double pxPerSample = width / (double) (to - from);
    // ECG paper: 0.04 s small squares, 0.2 s large ones
    for (double t = 0; t <= (to - from) / fs + 1e-9; t += 0.04) {
      int x = x0 + (int) Math.round(t * fs * pxPerSample);
      boolean big = Math.abs(t / 0.2 - Math.round(t / 0.2)) < 1e-6;
      g.setColor(big ? new Color(240, 170, 170) : new Color(252, 225, 225));
      g.drawLine(x, y0, x, y0 + height);
    }
    // relevance behind the trace, normalised to its largest magnitude
    double max = 1e-12;
    for (int i = 0; i < e.relevance().length; i++) {
      if (e.recordSamples()[i] >= 0) {
        max = Math.max(max, Math.abs(e.relevance()[i]));
      }
    }
    double step = fs / 125.0 * pxPerSample;
    for (int i = 0; i < e.relevance().length; i++) {
      long s = e.recordSamples()[i];
      if (s < from || s > to) {
        continue;
      }
      double v = e.relevance()[i] / max;
      int alpha = (int) Math.round(200 * Math.abs(v));
      g.setColor(v >= 0 ? new Color(220, 30, 30, alpha) : new Color(30, 80, 220, alpha));
      int x = x0 + (int) Math.round((s - from) * pxPerSample - step / 2);
      g.fillRect(x, y0, (int) Math.ceil(step), height);
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double[] sig = r.channel(0);
    for (long s = from; s <= to; s++) {
      lo = Math.min(lo, sig[(int) s]);
      hi = Math.max(hi, sig[(int) s]);
    }
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1.6f));
    int px = -1;
    int py = -1;
    for (long s = from; s <= to; s++) {
      int x = x0 + (int) Math.round((s - from) * pxPerSample);
      int y = y0 + height - 10 - (int) Math.round((sig[(int) s] - lo) / (hi - lo) * (height - 20));
      if (px >= 0) {
        g.drawLine(px, py, x, y);
      }
      px = x;
      py = y;
    }
    g.setStroke(new BasicStroke(1));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(String.format(Locale.ROOT, "%s beat at %.2f s, p = %.2f: %s (red supports "
        + "the label, blue speaks against it)", e.prediction().label(), e.sample() / fs,
        e.prediction().probabilities()[e.target()], e.method() == Explainer.Method.OCCLUSION
            ? "occlusion" : "integrated gradients"), x0, y0 - 8);
  }
}
