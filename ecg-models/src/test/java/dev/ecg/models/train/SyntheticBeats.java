package dev.ecg.models.train;

import java.util.Random;

/**
 * Simple distinguishable synthetic beats for training tests (no ECGSYN generator is available on
 * this branch): a Gaussian QRS at the window centre plus a small T wave, with per-beat jitter in
 * position, amplitude and baseline, and white noise. Class 0 ("N"): narrow QRS (sigma 3 samples),
 * amplitude ~1. Class 1 ("V"): wide QRS (sigma 9), amplitude ~1.6, inverted T wave. Class 2 (only
 * when 3 classes are asked for, "S"): narrow QRS arriving early in the window (offset -20).
 */
final class SyntheticBeats {

  final float[][] x;
  final int[] y;

  SyntheticBeats(int n, int length, int classes, long seed) {
    Random r = new Random(seed);
    x = new float[n][length];
    y = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % classes;
      y[i] = c;
      double centre = length / 2.0 + r.nextGaussian() * 2 + (c == 2 ? -20 : 0);
      double sigma = c == 1 ? 9 : 3;
      double amp = (c == 1 ? 1.6 : 1.0) * (1 + 0.1 * r.nextGaussian());
      double tAmp = (c == 1 ? -0.3 : 0.25) * (1 + 0.1 * r.nextGaussian());
      double base = 0.1 * r.nextGaussian();
      for (int t = 0; t < length; t++) {
        double q = amp * Math.exp(-0.5 * Math.pow((t - centre) / sigma, 2));
        double tw = tAmp * Math.exp(-0.5 * Math.pow((t - centre - 25) / 6.0, 2));
        x[i][t] = (float) (q + tw + base + 0.05 * r.nextGaussian());
      }
    }
  }
}
