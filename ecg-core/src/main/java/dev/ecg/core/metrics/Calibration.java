package dev.ecg.core.metrics;

/**
 * Calibration of predicted class probabilities.
 *
 * <p>The expected calibration error (ECE) here is the top-label ECE of Guo, Pleiss, Sun and
 * Weinberger, "On Calibration of Modern Neural Networks", ICML 2017: for each sample take the
 * confidence {@code p = max_j probs[i][j]} and the prediction {@code argmax_j probs[i][j]} (the
 * lowest index on ties); split [0, 1] into {@code B} equal-width bins where bin {@code b} holds the
 * confidences in {@code (b/B, (b+1)/B]} and bin 0 also holds exactly 0; then
 *
 * <pre>ECE = sum_b (|bin b| / n) * |accuracy(bin b) - mean confidence(bin b)|</pre>
 *
 * <p>Empty bins contribute nothing. Rows are not required to sum to 1, but every entry must lie in
 * [0, 1].
 */
public final class Calibration {
  private Calibration() {}

  /**
   * Top-label expected calibration error with equal-width bins.
   *
   * @param yTrue true labels in {@code [0, k)}
   * @param probs {@code n x k} probabilities, each in [0, 1]
   * @param bins number of bins, at least 1 (15 is common)
   * @return the ECE in [0, 1]
   * @throws MetricInputException on malformed input, a probability outside [0, 1] or
   *     {@code bins < 1}
   */
  public static double expectedCalibrationError(int[] yTrue, double[][] probs, int bins) {
    if (bins < 1) {
      throw new MetricInputException("bins must be >= 1, got " + bins);
    }
    Inputs.scores(yTrue, probs);
    long[] count = new long[bins];
    double[] confSum = new double[bins];
    long[] correct = new long[bins];
    for (int i = 0; i < yTrue.length; i++) {
      double[] row = probs[i];
      int arg = 0;
      for (int j = 0; j < row.length; j++) {
        if (row[j] < 0.0 || row[j] > 1.0) {
          throw new MetricInputException(
              "probs[" + i + "][" + j + "] = " + row[j] + " is not a probability in [0, 1]");
        }
        if (row[j] > row[arg]) {
          arg = j;
        }
      }
      double p = row[arg];
      int b = bin(p, bins);
      count[b]++;
      confSum[b] += p;
      if (arg == yTrue[i]) {
        correct[b]++;
      }
    }
    double ece = 0;
    double n = yTrue.length;
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        ece += Math.abs((double) correct[b] - confSum[b]) / n;
      }
    }
    return ece;
  }

  /** Bin index of a confidence in [0, 1]: (b/B, (b+1)/B] with 0 in bin 0. */
  static int bin(double p, int bins) {
    int b = (int) Math.ceil(p * bins) - 1;
    b = Math.max(0, Math.min(bins - 1, b));
    // p * bins can be off by one ulp; settle against the exact edges b/B and (b+1)/B.
    while (b > 0 && p <= (double) b / bins) {
      b--;
    }
    while (b < bins - 1 && p > (double) (b + 1) / bins) {
      b++;
    }
    return b;
  }
}
