package dev.ecg.core.imbalance;

import dev.ecg.core.split.SplitMix64;

/**
 * Draws sample indices with replacement, index i with probability {@code weights[i] / sum}, from a
 * seeded generator, so the same seed gives the same stream of indices. The Java twin of PyTorch's
 * {@code WeightedRandomSampler(weights, num_samples, replacement=True)}.
 *
 * <p>Each draw takes constant time with Walker's alias method in Vose's numerically stable form
 * (Walker, ACM TOMS 3(3):253-256, 1977; Vose, IEEE TSE 17(9):972-975, 1991), on a {@link
 * SplitMix64} stream. Not thread-safe: give each thread its own sampler.
 */
public final class WeightedRandomSampler {
  private final double[] prob;
  private final int[] alias;
  private final SplitMix64 rng;

  /**
   * @param weights non-negative, finite weight of each index; at least one must be positive
   * @param seed seed of the generator
   * @throws ImbalanceArgumentException if {@code weights} is null or empty, holds a negative, NaN
   *     or infinite value, or sums to zero (or to infinity)
   */
  public WeightedRandomSampler(double[] weights, long seed) {
    if (weights == null) {
      throw new ImbalanceArgumentException("weights must not be null");
    }
    int n = weights.length;
    if (n == 0) {
      throw new ImbalanceArgumentException("weights is empty: nothing to sample");
    }
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
      double w = weights[i];
      if (!(w >= 0.0) || Double.isInfinite(w)) {
        throw new ImbalanceArgumentException("weights[" + i + "] = " + w
            + " is not a finite non-negative number");
      }
      sum += w;
    }
    if (!(sum > 0.0) || Double.isInfinite(sum)) {
      throw new ImbalanceArgumentException("weights sum to " + sum
          + "; need a positive finite total");
    }
    this.prob = new double[n];
    this.alias = new int[n];
    buildAlias(weights, sum);
    this.rng = new SplitMix64(seed);
  }

  /**
   * A sampler under which every class is drawn equally often: sample i gets weight
   * {@code 1 / count(labels[i])}.
   *
   * @param labels class label of each sample, each in {@code [0, numClasses)}
   * @param numClasses number of classes
   * @param seed seed of the generator
   * @return the sampler over indices {@code 0..labels.length-1}
   * @throws ImbalanceArgumentException if {@code labels} is null or empty, {@code numClasses < 1},
   *     or a label lies outside {@code [0, numClasses)}
   */
  public static WeightedRandomSampler forClassBalance(int[] labels, int numClasses, long seed) {
    long[] count = ClassWeights.counts(labels, numClasses);
    double[] w = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      w[i] = 1.0 / count[labels[i]];
    }
    return new WeightedRandomSampler(w, seed);
  }

  /** @return the number of indices this sampler draws from */
  public int size() {
    return prob.length;
  }

  /** @return the next index, in {@code [0, size())} */
  public int next() {
    int column = rng.nextInt(prob.length);
    return rng.nextDouble() < prob[column] ? column : alias[column];
  }

  /**
   * @param count number of indices to draw, {@code >= 0}
   * @return {@code count} indices drawn with replacement
   * @throws ImbalanceArgumentException if {@code count < 0}
   */
  public int[] sample(int count) {
    if (count < 0) {
      throw new ImbalanceArgumentException("count must be >= 0, got " + count);
    }
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = next();
    }
    return out;
  }

  /** Vose's alias table construction. */
  private void buildAlias(double[] weights, double sum) {
    int n = weights.length;
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int ns = 0;
    int nl = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] / sum * n;
      if (scaled[i] < 1.0) {
        small[ns++] = i;
      } else {
        large[nl++] = i;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      prob[s] = scaled[s];
      alias[s] = l;
      scaled[l] = (scaled[l] + scaled[s]) - 1.0;
      if (scaled[l] < 1.0) {
        small[ns++] = l;
      } else {
        large[nl++] = l;
      }
    }
    // Left-overs are 1 up to round-off.
    while (nl > 0) {
      int l = large[--nl];
      prob[l] = 1.0;
      alias[l] = l;
    }
    int heaviest = 0;
    for (int i = 1; i < n; i++) {
      if (weights[i] > weights[heaviest]) {
        heaviest = i;
      }
    }
    while (ns > 0) {
      int s = small[--ns];
      // A zero weight must never be drawn, whatever the round-off.
      prob[s] = weights[s] == 0.0 ? 0.0 : 1.0;
      alias[s] = weights[s] == 0.0 ? heaviest : s;
    }
  }
}
