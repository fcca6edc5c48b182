package dev.ecg.core.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Non-parametric bootstrap percentile confidence intervals for any metric of
 * {@code (yTrue, yPred)} or {@code (yTrue, yPred, scores)} (Efron and Tibshirani, "An Introduction
 * to the Bootstrap", 1993, ch. 13).
 *
 * <p>Each of the {@code resamples} replicates draws {@code n} sample indices uniformly with
 * replacement and evaluates the metric on the rows at those indices. The interval for level
 * {@code 1 - alpha} is the {@code alpha/2} and {@code 1 - alpha/2} quantiles of the replicate
 * values, interpolated linearly between order statistics (type 7 of Hyndman and Fan 1996, numpy's
 * default). The point estimate is the metric on the full sample. Sampling uses
 * {@link SplittableRandom} seeded with {@code seed}, so a given seed, input and metric always give
 * the same interval.
 *
 * <p>A replicate on which the metric throws {@link UndefinedMetricException} (for example a
 * resample that lost every sample of a class, for ROC-AUC) is skipped and logged; the interval is
 * taken over the remaining replicates. If more than half are skipped the bootstrap itself throws
 * {@link UndefinedMetricException}. A metric returning a non-finite value is an error.
 *
 * <pre>{@code
 * ConfidenceInterval ci = Bootstrap.of(1000, 0.95, 42)
 *     .interval(yTrue, yPred, (t, p) -> ConfusionMatrix.of(t, p, 5).macroF1());
 * }</pre>
 */
public final class Bootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

  /** Default number of resamples. */
  public static final int DEFAULT_RESAMPLES = 1000;
  /** Default confidence level. */
  public static final double DEFAULT_LEVEL = 0.95;
  /** Default seed, so that runs repeat. */
  public static final long DEFAULT_SEED = 42L;

  /** A metric of true and predicted labels. */
  @FunctionalInterface
  public interface LabelMetric {
    /**
     * @param yTrue true labels of the (re)sample
     * @param yPred predicted labels of the (re)sample
     * @return the metric value
     */
    double apply(int[] yTrue, int[] yPred);
  }

  /** A metric of true labels, predicted labels and per-class scores. */
  @FunctionalInterface
  public interface ScoreMetric {
    /**
     * @param yTrue true labels of the (re)sample
     * @param yPred predicted labels of the (re)sample
     * @param scores score rows of the (re)sample
     * @return the metric value
     */
    double apply(int[] yTrue, int[] yPred, double[][] scores);
  }

  private final int resamples;
  private final double level;
  private final long seed;

  private Bootstrap(int resamples, double level, long seed) {
    this.resamples = resamples;
    this.level = level;
    this.seed = seed;
  }

  /**
   * @param resamples number of bootstrap replicates, at least 10
   * @param level confidence level in (0, 1)
   * @param seed random seed
   * @return a bootstrap configuration
   * @throws MetricInputException if {@code resamples < 10} or the level is outside (0, 1)
   */
  public static Bootstrap of(int resamples, double level, long seed) {
    if (resamples < 10) {
      throw new MetricInputException("resamples must be >= 10, got " + resamples);
    }
    if (!(level > 0 && level < 1)) {
      throw new MetricInputException("confidence level must be in (0, 1), got " + level);
    }
    return new Bootstrap(resamples, level, seed);
  }

  /**
   * @return a configuration with {@value #DEFAULT_RESAMPLES} resamples, level 0.95 and seed
   *     {@value #DEFAULT_SEED}
   */
  public static Bootstrap withDefaults() {
    return new Bootstrap(DEFAULT_RESAMPLES, DEFAULT_LEVEL, DEFAULT_SEED);
  }

  /** @return number of replicates */
  public int resamples() {
    return resamples;
  }

  /** @return confidence level */
  public double level() {
    return level;
  }

  /** @return random seed */
  public long seed() {
    return seed;
  }

  /**
   * Percentile interval for a metric of true and predicted labels.
   *
   * @param yTrue true labels, not empty
   * @param yPred predicted labels, same length
   * @param metric the metric
   * @return point estimate and interval
   * @throws MetricInputException on null, empty or mismatched input, or a non-finite metric value
   * @throws UndefinedMetricException if the metric is undefined on the full sample or on more than
   *     half of the replicates
   */
  public ConfidenceInterval interval(int[] yTrue, int[] yPred, LabelMetric metric) {
    Inputs.notNull(yTrue, "yTrue");
    Inputs.notNull(yPred, "yPred");
    Inputs.notNull(metric, "metric");
    Inputs.sameLength(yTrue.length, "yTrue", yPred.length, "yPred");
    return run(yTrue.length, idx -> metric.apply(pick(yTrue, idx), pick(yPred, idx)),
        metric.apply(yTrue, yPred));
  }

  /**
   * Percentile interval for a metric of labels and scores.
   *
   * @param yTrue true labels, not empty
   * @param yPred predicted labels, same length
   * @param scores score rows, same length
   * @param metric the metric
   * @return point estimate and interval
   * @throws MetricInputException on null, empty or mismatched input, or a non-finite metric value
   * @throws UndefinedMetricException if the metric is undefined on the full sample or on more than
   *     half of the replicates
   */
  public ConfidenceInterval interval(int[] yTrue, int[] yPred, double[][] scores,
      ScoreMetric metric) {
    Inputs.notNull(yTrue, "yTrue");
    Inputs.notNull(yPred, "yPred");
    Inputs.notNull(scores, "scores");
    Inputs.notNull(metric, "metric");
    Inputs.sameLength(yTrue.length, "yTrue", yPred.length, "yPred");
    Inputs.sameLength(yTrue.length, "yTrue", scores.length, "scores");
    return run(yTrue.length,
        idx -> metric.apply(pick(yTrue, idx), pick(yPred, idx), pick(scores, idx)),
        metric.apply(yTrue, yPred, scores));
  }

  private interface Replicate {
    double apply(int[] idx);
  }

  private ConfidenceInterval run(int n, Replicate rep, double point) {
    if (n == 0) {
      throw new MetricInputException("cannot bootstrap an empty sample");
    }
    if (!Double.isFinite(point)) {
      throw new MetricInputException("metric returned " + point + " on the full sample");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] values = new double[resamples];
    int kept = 0;
    int skipped = 0;
    int[] idx = new int[n];
    for (int r = 0; r < resamples; r++) {
      for (int i = 0; i < n; i++) {
        idx[i] = rnd.nextInt(n);
      }
      double v;
      try {
        v = rep.apply(idx);
      } catch (UndefinedMetricException e) {
        skipped++;
        continue;
      }
      if (!Double.isFinite(v)) {
        throw new MetricInputException("metric returned " + v + " on bootstrap replicate " + r);
      }
      values[kept++] = v;
    }
    if (skipped > 0) {
      LOG.warn("bootstrap: metric undefined on {} of {} replicates; they were skipped", skipped,
          resamples);
    }
    if (kept * 2 < resamples) {
      throw new UndefinedMetricException("bootstrap: metric undefined on " + skipped + " of "
          + resamples + " replicates (more than half)");
    }
    double[] v = Arrays.copyOf(values, kept);
    Arrays.sort(v);
    double alpha = 1 - level;
    return new ConfidenceInterval(point, quantile(v, alpha / 2), quantile(v, 1 - alpha / 2), level);
  }

  /**
   * Quantile of sorted values by linear interpolation between order statistics (Hyndman and Fan
   * type 7, numpy's default).
   *
   * @param sorted ascending values, not empty
   * @param q quantile in [0, 1]
   * @return the interpolated quantile
   */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double frac = h - lo;
    return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
  }

  private static int[] pick(int[] a, int[] idx) {
    int[] r = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      r[i] = a[idx[i]];
    }
    return r;
  }

  private static double[][] pick(double[][] a, int[] idx) {
    double[][] r = new double[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      r[i] = a[idx[i]];
    }
    return r;
  }
}
