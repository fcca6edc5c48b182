package dev.ecg.core.imbalance;

/**
 * Class weights that undo class imbalance in a loss function.
 *
 * <p>{@link #inverseFrequency(int[], int)} is scikit-learn's {@code
 * compute_class_weight("balanced", ...)}: class c with {@code count_c} of the {@code n} samples
 * gets {@code n / (k * count_c)}, where k is the number of classes, so every class carries the
 * same total weight {@code n / k} and the weights summed over all samples equal n.
 *
 * <p><b>Absent classes.</b> scikit-learn refuses a class that has no samples. Here such a class
 * gets weight 0 (no sample of it exists, so the weight never multiplies anything), and k counts
 * only the classes that are present. That keeps the two properties above, and whenever every
 * class is present the result equals scikit-learn's. A training fold that happens to miss a rare
 * class therefore still gets usable weights. The other variants follow the same convention; a loss
 * that needs every weight positive takes {@link #fillAbsent(double[], double)}.
 *
 * <p><b>Variants.</b> Full inverse frequency gives a class of 8 examples among 50,000 thousands of
 * times the weight of the common class, which makes training unstable; the damped variants keep
 * the order of the classes but shrink the spread:
 * <ul>
 *   <li>{@link #power(int[], int, double)}: {@code count_c^-p} scaled so that the mean weight per
 *       sample is 1 ({@code p = 1} is {@link #inverseFrequency(int[], int)}, {@code p = 0} all 1);
 *   <li>{@link #sqrtInverseFrequency(int[], int)}: {@code count_c^-1/2} scaled so that the mean
 *       over the present classes is 1;
 *   <li>{@link #effectiveNumber(int[], int, double)}: the inverse "effective number of samples"
 *       of Cui et al. (CVPR 2019), {@code (1 - beta) / (1 - beta^count_c)}, scaled so that the
 *       present classes' weights sum to their number, as in that paper.
 * </ul>
 * {@link #sampleWeights(int[], int, double)} gives the matching per-sample weights
 * {@code count(y_i)^-p} for a {@link WeightedRandomSampler}.
 */
public final class ClassWeights {
  private ClassWeights() {}

  /**
   * @param labels class label of each sample, each in {@code [0, numClasses)}
   * @param numClasses number of classes, at least 1
   * @return weight of each class, length {@code numClasses}; 0 for a class with no sample
   * @throws ImbalanceArgumentException if {@code labels} is null or empty, {@code numClasses < 1},
   *     or a label lies outside {@code [0, numClasses)}
   */
  public static double[] inverseFrequency(int[] labels, int numClasses) {
    if (numClasses < 1) {
      throw new ImbalanceArgumentException("numClasses must be >= 1, got " + numClasses);
    }
    long[] count = counts(labels, numClasses);
    int present = 0;
    for (long c : count) {
      if (c > 0) {
        present++;
      }
    }
    double n = labels.length;
    double[] w = new double[numClasses];
    for (int c = 0; c < numClasses; c++) {
      w[c] = count[c] == 0 ? 0.0 : n / ((double) present * count[c]);
    }
    return w;
  }

  /**
   * As {@link #inverseFrequency(int[], int)} with {@code numClasses = max(labels) + 1}.
   *
   * @param labels class label of each sample, each {@code >= 0}
   * @return weight of each class 0..max(labels)
   * @throws ImbalanceArgumentException if {@code labels} is null or empty or holds a negative
   *     value
   */
  public static double[] inverseFrequency(int[] labels) {
    requireLabels(labels);
    int max = -1;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new ImbalanceArgumentException(
            "labels[" + i + "] = " + labels[i] + " is negative; class labels must be >= 0");
      }
      max = Math.max(max, labels[i]);
    }
    if (max == Integer.MAX_VALUE) {
      throw new ImbalanceArgumentException("label " + max + " is too large for a class index");
    }
    return inverseFrequency(labels, max + 1);
  }

  /**
   * Per-class sample counts.
   *
   * @param labels class label of each sample, each in {@code [0, numClasses)}
   * @param numClasses number of classes, at least 1
   * @return count of each class
   * @throws ImbalanceArgumentException if {@code labels} is null or empty, {@code numClasses < 1},
   *     or a label lies outside {@code [0, numClasses)}
   */
  public static long[] counts(int[] labels, int numClasses) {
    requireLabels(labels);
    if (numClasses < 1) {
      throw new ImbalanceArgumentException("numClasses must be >= 1, got " + numClasses);
    }
    long[] count = new long[numClasses];
    for (int i = 0; i < labels.length; i++) {
      int y = labels[i];
      if (y < 0 || y >= numClasses) {
        throw new ImbalanceArgumentException("labels[" + i + "] = " + y
            + " is outside [0, " + numClasses + ")");
      }
      count[y]++;
    }
    return count;
  }

  /**
   * Power-damped inverse-frequency weights: class c gets {@code count_c^-power}, scaled so that
   * the weights summed over all samples equal n (mean 1 per sample). {@code power = 1} gives
   * {@link #inverseFrequency(int[], int)} (to rounding), {@code power = 0} gives 1 for every
   * present class.
   *
   * @param labels class label of each sample, each in {@code [0, numClasses)}
   * @param numClasses number of classes, at least 1
   * @param power exponent in [0, 1]
   * @return weight of each class, length {@code numClasses}; 0 for a class with no sample
   * @throws ImbalanceArgumentException on the input errors of {@link #counts(int[], int)}, or a
   *     power outside [0, 1]
   */
  public static double[] power(int[] labels, int numClasses, double power) {
    requirePower(power);
    long[] count = counts(labels, numClasses);
    double[] w = new double[numClasses];
    double mean = 0;
    for (int c = 0; c < numClasses; c++) {
      w[c] = count[c] > 0 ? Math.pow(count[c], -power) : 0.0;
      mean += count[c] * w[c];
    }
    mean /= labels.length;
    for (int c = 0; c < numClasses; c++) {
      w[c] = count[c] > 0 ? w[c] / mean : 0.0;
    }
    return w;
  }

  /**
   * Square-root inverse-frequency weights: {@code sqrt(n / (k * count_c))} (the square root of
   * {@link #inverseFrequency(int[], int)}), scaled so that their mean over the present classes is
   * 1.
   *
   * @param labels class label of each sample, each in {@code [0, numClasses)}
   * @param numClasses number of classes, at least 1
   * @return weight of each class, length {@code numClasses}; 0 for a class with no sample
   * @throws ImbalanceArgumentException on the input errors of {@link #counts(int[], int)}
   */
  public static double[] sqrtInverseFrequency(int[] labels, int numClasses) {
    double[] w = inverseFrequency(labels, numClasses);
    double sum = 0;
    int present = 0;
    for (int c = 0; c < numClasses; c++) {
      w[c] = Math.sqrt(w[c]);
      if (w[c] > 0) {
        sum += w[c];
        present++;
      }
    }
    for (int c = 0; c < numClasses; c++) {
      w[c] = w[c] > 0 ? w[c] * present / sum : 0.0;
    }
    return w;
  }

  /**
   * Class-balanced weights from the effective number of samples (Cui, Jia, Lin, Song and
   * Belongie, "Class-Balanced Loss Based on Effective Number of Samples", CVPR 2019): a class
   * with {@code count_c} samples has effective number {@code E_c = (1 - beta^count_c) / (1 -
   * beta)} and weight {@code 1 / E_c}, scaled so that the weights of the present classes sum to
   * their number. {@code beta = 0} gives 1 for every present class; as {@code beta} approaches 1
   * the weights approach inverse frequency. The paper uses beta in {0.9, 0.99, 0.999, 0.9999}.
   *
   * @param labels class label of each sample, each in {@code [0, numClasses)}
   * @param numClasses number of classes, at least 1
   * @param beta hyperparameter in [0, 1)
   * @return weight of each class, length {@code numClasses}; 0 for a class with no sample
   * @throws ImbalanceArgumentException on the input errors of {@link #counts(int[], int)}, or
   *     {@code beta} outside [0, 1)
   */
  public static double[] effectiveNumber(int[] labels, int numClasses, double beta) {
    if (!(beta >= 0 && beta < 1)) {
      throw new ImbalanceArgumentException("beta must be in [0, 1), got " + beta);
    }
    long[] count = counts(labels, numClasses);
    double[] w = new double[numClasses];
    double sum = 0;
    int present = 0;
    for (int c = 0; c < numClasses; c++) {
      if (count[c] > 0) {
        // 1 / E_c = (1 - beta) / (1 - beta^n); -expm1(n log beta) keeps precision near beta = 1
        double oneMinusPow = beta == 0 ? 1.0 : -Math.expm1(count[c] * Math.log(beta));
        w[c] = (1 - beta) / oneMinusPow;
        sum += w[c];
        present++;
      }
    }
    for (int c = 0; c < numClasses; c++) {
      w[c] = count[c] > 0 ? w[c] * present / sum : 0.0;
    }
    return w;
  }

  /**
   * Per-sample weights {@code count(labels[i])^-power} for a {@link WeightedRandomSampler}: with
   * {@code power = 1} every class is drawn equally often (as {@link
   * WeightedRandomSampler#forClassBalance}), with 0 the natural frequencies are kept, in between
   * class c makes up a share proportional to {@code count_c^(1 - power)} of the draws.
   *
   * @param labels class label of each sample, each in {@code [0, numClasses)}
   * @param numClasses number of classes, at least 1
   * @param power exponent in [0, 1]
   * @return one weight per sample
   * @throws ImbalanceArgumentException on the input errors of {@link #counts(int[], int)}, or a
   *     power outside [0, 1]
   */
  public static double[] sampleWeights(int[] labels, int numClasses, double power) {
    requirePower(power);
    long[] count = counts(labels, numClasses);
    double[] w = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      w[i] = Math.pow(count[labels[i]], -power);
    }
    return w;
  }

  /**
   * Replaces the weight 0 that these methods give a class without samples, for a loss that
   * requires every weight to be positive (the value never multiplies a sample of this training
   * set, since it holds none of that class).
   *
   * @param weights class weights, not null
   * @param value the weight to use instead of 0, finite and positive
   * @return a copy with every 0 replaced by {@code value}
   * @throws ImbalanceArgumentException if {@code weights} is null or holds a negative or
   *     non-finite value, or {@code value} is not finite and positive
   */
  public static double[] fillAbsent(double[] weights, double value) {
    if (weights == null) {
      throw new ImbalanceArgumentException("weights must not be null");
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new ImbalanceArgumentException("value must be finite and > 0, got " + value);
    }
    double[] out = weights.clone();
    for (int c = 0; c < out.length; c++) {
      if (!(out[c] >= 0) || Double.isInfinite(out[c])) {
        throw new ImbalanceArgumentException("weights[" + c + "] = " + out[c]
            + " is not a finite non-negative weight");
      }
      if (out[c] == 0) {
        out[c] = value;
      }
    }
    return out;
  }

  private static void requirePower(double power) {
    if (!(power >= 0 && power <= 1)) {
      throw new ImbalanceArgumentException("power must be in [0, 1], got " + power);
    }
  }

  private static void requireLabels(int[] labels) {
    if (labels == null) {
      throw new ImbalanceArgumentException("labels must not be null");
    }
    if (labels.length == 0) {
      throw new ImbalanceArgumentException("labels is empty: no samples to weigh");
    }
  }
}
