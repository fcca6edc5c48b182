package dev.ecg.io.testdata;

import java.util.Arrays;

/**
 * A regular synthetic ECG whose wave positions are known by construction: Gaussian P, Q, R, S
 * and T waves around each R peak (P centre 170 ms before R, Q 30 ms before, S 30 ms after, T
 * 300 ms after), each beat drawn within 0.6 s before and 0.7 s after its R peak, so long signals
 * cost linear time.
 */
public final class SyntheticPqrst {
  /** P wave centre relative to R, in seconds. */
  public static final double P_AT = -0.17;
  /** T wave centre relative to R, in seconds. */
  public static final double T_AT = 0.30;

  private SyntheticPqrst() {}

  /**
   * @param n samples
   * @param fs sampling rate in Hz
   * @param rr beat interval in seconds
   * @param first time of the first R peak in seconds
   * @param rOut receives the R-peak sample indices in {@code rOut[0]}
   * @return the signal in mV
   */
  public static double[] signal(int n, double fs, double rr, double first, int[][] rOut) {
    double[] x = new double[n];
    int[] r = new int[(int) (n / fs / rr) + 2];
    int beats = 0;
    for (double c = first; c < n / fs - 0.7; c += rr) {
      r[beats++] = (int) Math.round(c * fs);
      int from = Math.max(0, (int) ((c - 0.6) * fs));
      int to = Math.min(n, (int) ((c + 0.7) * fs));
      for (int i = from; i < to; i++) {
        double t = i / fs - c;
        x[i] += 0.15 * g(t, P_AT, 0.02) - 0.15 * g(t, -0.03, 0.008) + 1.2 * g(t, 0, 0.01)
            - 0.3 * g(t, 0.03, 0.01) + 0.35 * g(t, T_AT, 0.045);
      }
    }
    rOut[0] = Arrays.copyOf(r, beats);
    return x;
  }

  private static double g(double t, double mu, double sd) {
    double z = (t - mu) / sd;
    return Math.exp(-0.5 * z * z);
  }
}
