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

  /**
   * One bin of a reliability diagram.
   *
   * @param lower the bin's lower edge (exclusive, except 0)
   * @param upper its upper edge (inclusive)
   * @param count samples whose confidence falls in it
   * @param confidence their mean confidence (NaN when empty)
   * @param accuracy the share of them predicted right (NaN when empty)
   */
  public record Bin(double lower, double upper, long count, double confidence, double accuracy) {}

  /**
   * The reliability diagram of top-label confidences: the bins of
   * {@link #expectedCalibrationError}, with their counts, confidences and accuracies.
   *
   * @param yTrue true labels in {@code [0, k)}
   * @param probs {@code n x k} probabilities
   * @param bins number of equal-width bins
   * @return one entry per bin, in order
   * @throws MetricInputException on malformed input
   */
  public static java.util.List<Bin> reliability(int[] yTrue, double[][] probs, int bins) {
    if (bins < 1) {
      throw new MetricInputException("bins must be >= 1, got " + bins);
    }
    Inputs.scores(yTrue, probs);
    long[] count = new long[bins];
    double[] conf = new double[bins];
    long[] correct = new long[bins];
    for (int i = 0; i < yTrue.length; i++) {
      int arg = 0;
      for (int j = 1; j < probs[i].length; j++) {
        if (probs[i][j] > probs[i][arg]) {
          arg = j;
        }
      }
      int b = bin(probs[i][arg], bins);
      count[b]++;
      conf[b] += probs[i][arg];
      correct[b] += arg == yTrue[i] ? 1 : 0;
    }
    java.util.List<Bin> out = new java.util.ArrayList<>();
    for (int b = 0; b < bins; b++) {
      out.add(new Bin((double) b / bins, (double) (b + 1) / bins, count[b],
          count[b] == 0 ? Double.NaN : conf[b] / count[b],
          count[b] == 0 ? Double.NaN : (double) correct[b] / count[b]));
    }
    return out;
  }

  /** Smallest and largest temperature {@link #fitTemperature} considers. */
  public static final double MIN_TEMPERATURE = 0.05;

  /** Largest temperature {@link #fitTemperature} considers. */
  public static final double MAX_TEMPERATURE = 20;

  /**
   * Temperature scaling of probabilities: {@code q_j = p_j^(1/T) / sum_k p_k^(1/T)}, which is
   * {@code softmax(z / T)} for {@code p = softmax(z)}. The predicted class does not change.
   *
   * @param p probabilities (not modified)
   * @param temperature {@code T > 0}
   * @return the scaled probabilities
   */
  public static double[] scale(double[] p, double temperature) {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new MetricInputException("temperature must be finite and > 0, got " + temperature);
    }
    double[] q = new double[p.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < p.length; j++) {
      q[j] = Math.log(Math.max(p[j], 1e-300)) / temperature;
      max = Math.max(max, q[j]);
    }
    double sum = 0;
    for (int j = 0; j < p.length; j++) {
      q[j] = Math.exp(q[j] - max);
      sum += q[j];
    }
    for (int j = 0; j < p.length; j++) {
      q[j] /= sum;
    }
    return q;
  }

  /**
   * The temperature that minimises the negative log-likelihood of the true labels under
   * {@link #scale} (Guo et al. 2017), by golden-section search on {@code ln T} over
   * [{@value #MIN_TEMPERATURE}, {@value #MAX_TEMPERATURE}] (the likelihood is unimodal in
   * {@code ln T}), to a relative precision of 1e-6.
   *
   * @param yTrue true labels
   * @param probs {@code n x k} probabilities of held-out examples
   * @return the fitted temperature
   * @throws MetricInputException on malformed input
   */
  public static double fitTemperature(int[] yTrue, double[][] probs) {
    Inputs.scores(yTrue, probs);
    double lo = Math.log(MIN_TEMPERATURE);
    double hi = Math.log(MAX_TEMPERATURE);
    double g = (Math.sqrt(5) - 1) / 2;
    double a = hi - g * (hi - lo);
    double b = lo + g * (hi - lo);
    double fa = nll(yTrue, probs, Math.exp(a));
    double fb = nll(yTrue, probs, Math.exp(b));
    while (hi - lo > 1e-6) {
      if (fa <= fb) {
        hi = b;
        b = a;
        fb = fa;
        a = hi - g * (hi - lo);
        fa = nll(yTrue, probs, Math.exp(a));
      } else {
        lo = a;
        a = b;
        fa = fb;
        b = lo + g * (hi - lo);
        fb = nll(yTrue, probs, Math.exp(b));
      }
    }
    return Math.exp((lo + hi) / 2);
  }

  /** Mean negative log-likelihood of the labels after scaling by {@code t}. */
  static double nll(int[] y, double[][] probs, double t) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double[] p = probs[i];
      double max = Double.NEGATIVE_INFINITY;
      for (double v : p) {
        max = Math.max(max, Math.log(Math.max(v, 1e-300)) / t);
      }
      double sum = 0;
      for (double v : p) {
        sum += Math.exp(Math.log(Math.max(v, 1e-300)) / t - max);
      }
      s -= Math.log(Math.max(p[y[i]], 1e-300)) / t - max - Math.log(sum);
    }
    return s / y.length;
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
