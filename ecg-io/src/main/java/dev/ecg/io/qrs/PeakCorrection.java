package dev.ecg.io.qrs;

import java.util.Arrays;

/** R-peak correction on the original signal, shared by the detectors. */
final class PeakCorrection {
  private PeakCorrection() {}

  /**
   * Moves each detection to the largest {@code |x - baseline|} within {@code correctionSeconds}
   * (baseline = mean over +/-0.2 s), drops detections on invalid samples and merges detections
   * closer than {@code refractorySeconds} (the first is kept).
   */
  static int[] correct(int[] raw, double[] s, boolean[] invalid, double fs,
      double correctionSeconds, double refractorySeconds) {
    final int n = s.length;
    int cw = Math.max(1, (int) Math.round(correctionSeconds * fs));
    int bw = Math.max(1, (int) Math.round(0.2 * fs));
    int refractory = Math.max(1, (int) Math.round(refractorySeconds * fs));
    double[] prefix = new double[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] + s[i];
    }
    int[] out = new int[raw.length];
    int no = 0;
    for (int p : raw) {
      int blo = Math.max(0, p - bw);
      int bhi = Math.min(n, p + bw + 1);
      double base = (prefix[bhi] - prefix[blo]) / (bhi - blo);
      int lo = Math.max(0, p - cw);
      int hi = Math.min(n - 1, p + cw);
      int best = p;
      double bv = -1;
      for (int j = lo; j <= hi; j++) {
        double a = Math.abs(s[j] - base);
        if (a > bv) {
          bv = a;
          best = j;
        }
      }
      if (invalid[best]) {
        continue;
      }
      if (no > 0 && best - out[no - 1] < refractory) {
        continue;
      }
      out[no++] = best;
    }
    return Arrays.copyOf(out, no);
  }
}
