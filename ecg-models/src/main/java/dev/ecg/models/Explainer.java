package dev.ecg.models;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Record;
import dev.ecg.io.pipeline.Step;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which parts of an input drive a prediction: a relevance value per input position, aligned
 * with the input and, for the signal part of beat models, with the record's samples.
 *
 * <ul>
 *   <li>{@link Method#OCCLUSION} (any package, any engine, ONNX Runtime included): each stretch
 *       of {@code window} samples of the signal is replaced by the straight line between its
 *       neighbours (the waveform's shape removed, its level kept), each feature value by 0, and
 *       the drop of the target class's probability is the stretch's relevance, averaged over
 *       the stretches that cover a sample. Positive: the region supports the prediction.
 *   <li>{@link Method#INTEGRATED_GRADIENTS} (packages with DJL parameters; runs on the PyTorch
 *       engine, so {@code dev.ecg:ecg-train} must be on the class path): Sundararajan et al.
 *       2017, from an all-zero baseline in {@code steps} steps of the target class's network
 *       score (before softmax). The values sum to the score's change from the baseline
 *       (completeness), up to the step error.
 * </ul>
 */
public final class Explainer {
  private Explainer() {}

  /** How relevance is computed. */
  public enum Method {
    /** Occlusion sensitivity: model-agnostic, forward passes only. */
    OCCLUSION,
    /** Integrated gradients on the network's DJL parameters. */
    INTEGRATED_GRADIENTS
  }

  /**
   * One explained prediction.
   *
   * @param method how the relevance was computed
   * @param sample the beat's R peak (or window start) in the record, -1 for a bare input
   * @param prediction what the model predicted
   * @param target the class explained (index into the model's classes)
   * @param input the model input explained
   * @param relevance one value per input position ({@code leads * inputLength}, lead-major)
   * @param recordSamples for each input position, the record sample it shows, or -1 (padding,
   *     features, or an input layout this class cannot place)
   */
  public record Explanation(Method method, long sample, Prediction prediction, int target,
      float[] input, double[] relevance, long[] recordSamples) {

    /** @return the input position of the largest relevance */
    public int peak() {
      int best = 0;
      for (int i = 1; i < relevance.length; i++) {
        if (relevance[i] > relevance[best]) {
          best = i;
        }
      }
      return best;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "Explanation[%s of %s at sample %d, peak at input %d]",
          method, prediction.label(), sample, peak());
    }
  }

  /**
   * Explains the model's prediction for the beat (or window) of a record nearest a sample.
   *
   * @param clf the classifier
   * @param record the record
   * @param sample a sample near the beat's R peak (or the window's start)
   * @param method how
   * @return the explanation of the predicted class
   * @throws EcgArgumentException if the model rejected that beat's window, or the record gives
   *     no input
   */
  public static Explanation explain(EcgClassifier clf, Record record, long sample,
      Method method) {
    ModelInputs in = clf.inputs(record);
    if (in.size() == 0) {
      throw new EcgArgumentException("record " + record.name() + " gave " + clf.manifest()
          .name() + " no input to explain");
    }
    int k = in.nearest(sample);
    if (in.rejections()[k] != null) {
      throw new EcgArgumentException("the window at sample " + in.samples()[k] + " was "
          + "rejected by preprocessing: " + in.rejections()[k]);
    }
    float[] x = in.values()[k];
    Prediction p = clf.predict(x);
    double[] r = method == Method.OCCLUSION ? occlusion(clf, x, p.index(), defaultWindow(clf),
        1) : integratedGradients(clf, x, p.index(), 64);
    return new Explanation(method, in.samples()[k], p, p.index(), x, r,
        recordSamples(clf, in.samples()[k], record.fs()));
  }

  /** @return about 0.1 s at the model's rate: the width of a QRS complex */
  static int defaultWindow(EcgClassifier clf) {
    double fs = clf.manifest().samplingRate();
    return Math.max(1, (int) Math.round(0.1 * (fs > 0 ? fs : 125)));
  }

  /**
   * Occlusion sensitivity of one input.
   *
   * @param clf the classifier
   * @param input one input, {@code leads * inputLength}
   * @param target the class whose probability is watched
   * @param window stretch length in samples (signal parts)
   * @param stride step between stretches
   * @return relevance per input position (0 for padding)
   * @throws EcgArgumentException on bad arguments
   */
  public static double[] occlusion(EcgClassifier clf, float[] input, int target, int window,
      int stride) {
    InputSpec spec = clf.inputSpec();
    check(clf, input, target);
    if (window < 1 || stride < 1) {
      throw new EcgArgumentException("window and stride must be positive, got " + window
          + ", " + stride);
    }
    int len = spec.length();
    java.util.List<float[]> variants = new java.util.ArrayList<>();
    java.util.List<int[]> spans = new java.util.ArrayList<>(); // from, to (absolute positions)
    for (int c = 0; c < spec.leads(); c++) {
      int base = c * len;
      for (InputSpec.Segment s : spec.segments()) {
        if (s.name().equals("padding")) {
          continue;
        }
        int from = base + s.offset();
        int to = from + s.length();
        if (s.name().equals("signal")) {
          int w = Math.min(window, s.length());
          for (int a = from; ; a += stride) {
            int b = Math.min(to, a + w);
            float[] v = input.clone();
            float left = a > from ? input[a - 1] : input[Math.min(b, to - 1)];
            float right = b < to ? input[b] : left;
            if (a == from && b < to) {
              left = right;
            }
            for (int i = a; i < b; i++) {
              double t = (i - a + 1.0) / (b - a + 1.0);
              v[i] = (float) (left + t * (right - left));
            }
            variants.add(v);
            spans.add(new int[] {a, b});
            if (b >= to) {
              break;
            }
          }
        } else {
          for (int i = from; i < to; i++) {
            float[] v = input.clone();
            v[i] = 0f;
            variants.add(v);
            spans.add(new int[] {i, i + 1});
          }
        }
      }
    }
    double p0 = clf.predict(input).probabilities()[target];
    double[] sum = new double[input.length];
    int[] n = new int[input.length];
    for (int from = 0; from < variants.size(); from += EcgClassifier.CLASSIFY_BATCH) {
      int to = Math.min(variants.size(), from + EcgClassifier.CLASSIFY_BATCH);
      Prediction[] p = clf.predictBatch(variants.subList(from, to).toArray(float[][]::new));
      for (int k = from; k < to; k++) {
        double drop = p0 - p[k - from].probabilities()[target];
        for (int i = spans.get(k)[0]; i < spans.get(k)[1]; i++) {
          sum[i] += drop;
          n[i]++;
        }
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] = n[i] == 0 ? 0 : sum[i] / n[i];
    }
    return sum;
  }

  /**
   * Integrated gradients of one input from an all-zero baseline.
   *
   * @param clf the classifier (its package must hold DJL parameters)
   * @param input one input
   * @param target the class whose network score is explained
   * @param steps Riemann steps (midpoint rule), at least 1
   * @return relevance per input position
   * @throws dev.ecg.models.engine.EngineException if the package has no DJL parameters,
   *     or PyTorch (dev.ecg:ecg-train) is not on the class path
   */
  public static double[] integratedGradients(EcgClassifier clf, float[] input, int target,
      int steps) {
    check(clf, input, target);
    if (steps < 1 || steps > 1024) {
      throw new EcgArgumentException("steps must be in [1, 1024], got " + steps);
    }
    int m = input.length;
    float[] path = new float[steps * m];
    int[] targets = new int[steps];
    for (int k = 0; k < steps; k++) {
      double a = (k + 0.5) / steps;
      for (int i = 0; i < m; i++) {
        path[k * m + i] = (float) (a * input[i]);
      }
      targets[k] = target;
    }
    float[] g = clf.inputGradient(path, steps, targets);
    double[] out = new double[m];
    for (int k = 0; k < steps; k++) {
      for (int i = 0; i < m; i++) {
        out[i] += g[k * m + i];
      }
    }
    for (int i = 0; i < m; i++) {
      out[i] = input[i] * out[i] / steps;
    }
    return out;
  }

  private static void check(EcgClassifier clf, float[] input, int target) {
    int per = clf.manifest().leads() * clf.manifest().inputLength();
    if (input == null || input.length != per) {
      throw new EcgArgumentException("input must have " + per + " values, got "
          + (input == null ? "null" : input.length));
    }
    if (target < 0 || target >= clf.manifest().numClasses()) {
      throw new EcgArgumentException("target must be a class index below "
          + clf.manifest().numClasses() + ", got " + target);
    }
  }

  /**
   * The record sample each input position shows, for beat models whose signal part is the
   * window of {@code qrs-windows} (optionally normalised, and cropped or padded at its end):
   * position {@code i} of a lead's signal is {@code (i - before) / fsModel} seconds from the R
   * peak. Other positions, and other layouts, are -1.
   */
  static long[] recordSamples(EcgClassifier clf, long rPeak, double recordFs) {
    InputSpec spec = clf.inputSpec();
    long[] out = new long[spec.leads() * spec.length()];
    Arrays.fill(out, -1);
    List<Step> steps = clf.manifest().preprocessing();
    Step.QrsWindows q = null;
    for (Step s : steps) {
      if (s instanceof Step.QrsWindows w) {
        q = w;
      } else if (q != null && s instanceof Step.CropPad cp
          && cp.align() != Step.CropPad.Align.START) {
        return out; // a crop that moves the window's start: not placed
      }
    }
    InputSpec.Segment sig = spec.segments().stream().filter(s -> s.name().equals("signal"))
        .findFirst().orElse(null);
    if (q == null || sig == null || !(spec.samplingRate() > 0)) {
      return out;
    }
    double ratio = recordFs / spec.samplingRate();
    for (int c = 0; c < spec.leads(); c++) {
      for (int i = 0; i < sig.length(); i++) {
        out[c * spec.length() + sig.offset() + i] = rPeak + Math.round((i - q.before())
            * ratio);
      }
    }
    return out;
  }
}
