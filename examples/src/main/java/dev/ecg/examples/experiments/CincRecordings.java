package dev.ecg.examples.experiments;

import dev.ecg.io.Record;
import dev.ecg.io.pipeline.Pipeline;
import dev.ecg.io.pipeline.SignalWindows;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.train.EcgDataset;
import dev.ecg.models.train.EcgSample;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CinC 2017 recordings prepared for {@link Cinc2017Rhythm}: every recording goes through the
 * manifest's whole-record steps ({@code select-leads}, {@code resample}, {@code normalize}); the
 * z-scored whole signal is kept for random-crop training, and the last manifest step
 * ({@code rhythm-windows}) is applied to it exactly as {@code EcgClassifier.classify} will apply
 * it, giving the inference windows.
 */
final class CincRecordings {
  /** Whole z-scored signal of each recording at the model rate. */
  final float[][] whole;
  /** Inference windows of each recording ({@code [recording][window][sample]}). */
  final float[][][] windows;
  /** Window length in samples. */
  final int length;

  private CincRecordings(float[][] whole, float[][][] windows, int length) {
    this.whole = whole;
    this.windows = windows;
    this.length = length;
  }

  /**
   * Prepares recordings.
   *
   * @param records the raw recordings
   * @param steps the manifest steps: whole-record steps, then one {@code rhythm-windows} step
   * @param length the window length in samples
   * @return the prepared data
   */
  static CincRecordings prepare(List<Record> records, List<Step> steps, int length) {
    List<Step> head = steps.subList(0, steps.size() - 1);
    Step last = steps.get(steps.size() - 1);
    float[][] whole = new float[records.size()][];
    float[][][] windows = new float[records.size()][][];
    for (int i = 0; i < records.size(); i++) {
      SignalWindows s = Pipeline.run(records.get(i), head);
      whole[i] = toFloat(s.windows().get(0)[0]);
      SignalWindows w = last.apply(s);
      windows[i] = new float[w.windows().size()][];
      for (int j = 0; j < windows[i].length; j++) {
        windows[i][j] = toFloat(w.windows().get(j)[0]);
        if (windows[i][j].length != length) {
          throw new IllegalStateException("window of " + windows[i][j].length + " samples, "
              + "expected " + length);
        }
      }
    }
    return new CincRecordings(whole, windows, length);
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  /**
   * @param idx recording indices
   * @return the first window of each (the recording's first {@code length} samples, padded)
   */
  float[][] firstWindows(int[] idx) {
    float[][] out = new float[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      out[i] = windows[idx[i]][0];
    }
    return out;
  }

  /**
   * Window-averaged (pooled) and first-window class probabilities of recordings.
   *
   * @param predictor batch predictor (rows to probability rows)
   * @param idx recording indices
   * @return {@code [0]}: mean of the window probabilities per recording, {@code [1]}: the first
   *     window's probabilities
   */
  double[][][] predict(java.util.function.Function<float[][], float[][]> predictor, int[] idx) {
    List<float[]> rows = new ArrayList<>();
    for (int i : idx) {
      for (float[] w : windows[i]) {
        rows.add(w);
      }
    }
    float[][] p = predictor.apply(rows.toArray(new float[0][]));
    double[][] pooled = new double[idx.length][];
    double[][] first = new double[idx.length][];
    int r = 0;
    for (int i = 0; i < idx.length; i++) {
      int n = windows[idx[i]].length;
      int k = p[r].length;
      double[] acc = new double[k];
      first[i] = new double[k];
      for (int c = 0; c < k; c++) {
        first[i][c] = p[r][c];
      }
      for (int j = 0; j < n; j++) {
        for (int c = 0; c < k; c++) {
          acc[c] += p[r + j][c] / n;
        }
      }
      pooled[i] = acc;
      r += n;
    }
    return new double[][][] {pooled, first};
  }

  /**
   * A training set of random crops: each time an example is fetched, a window of
   * {@code length} samples starting at a uniformly drawn offset of its whole recording (a
   * recording no longer than a window is its zero-padded start, as at inference). The draws
   * come from one seeded generator, so a single-threaded training run is repeatable.
   *
   * @param idx recording indices
   * @param labels label of every recording (indexed like the recordings)
   * @param seed generator seed
   * @return the dataset
   */
  EcgDataset randomCrops(int[] idx, int[] labels, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    return new EcgDataset() {
      @Override
      public int size() {
        return idx.length;
      }

      @Override
      public int featureLength() {
        return length;
      }

      @Override
      public int label(int index) {
        return labels[idx[index]];
      }

      @Override
      public EcgSample get(int index) {
        float[] x = whole[idx[index]];
        float[] out = new float[length];
        if (x.length <= length) {
          System.arraycopy(x, 0, out, 0, x.length);
        } else {
          int off = rng.nextInt(x.length - length + 1);
          System.arraycopy(x, off, out, 0, length);
        }
        return new EcgSample(out, labels[idx[index]]);
      }
    };
  }
}
