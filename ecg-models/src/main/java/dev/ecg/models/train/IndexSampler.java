package dev.ecg.models.train;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.imbalance.ClassWeights;
import dev.ecg.core.imbalance.WeightedRandomSampler;
import java.util.SplittableRandom;

/**
 * Chooses the order (and, for weighted sampling, the multiset) of example indices for one epoch.
 * The trainer passes a generator seeded from its seed and the epoch number, so an epoch's order
 * depends only on {@code (seed, epoch)}.
 */
@FunctionalInterface
public interface IndexSampler {

  /**
   * @param datasetSize number of examples
   * @param rng the epoch's generator
   * @return indices in {@code [0, datasetSize)} to visit, in order
   */
  int[] epochIndices(int datasetSize, SplittableRandom rng);

  /** @return a sampler visiting every example once per epoch in a fresh Fisher-Yates order */
  static IndexSampler shuffled() {
    return named("shuffled, every example once per epoch", (n, rng) -> {
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
      return idx;
    });
  }

  /** @return a sampler visiting every example once per epoch in index order */
  static IndexSampler sequential() {
    return named("sequential, every example once per epoch", (n, rng) -> {
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      return idx;
    });
  }

  /**
   * Weighted random sampling with replacement (the trainer-side adapter of {@link
   * WeightedRandomSampler}, the Java twin of PyTorch's {@code WeightedRandomSampler}): each draw
   * picks example i with probability {@code w[i] / sum(w)}; the core sampler is seeded from the
   * epoch's generator.
   *
   * @param sampleWeights one non-negative weight per example, not all zero
   * @param samplesPerEpoch draws per epoch, or {@code 0} for the dataset size
   * @return the sampler
   * @throws EcgArgumentException for negative/non-finite weights, an all-zero vector or a
   *     negative count; at use, if the dataset size differs from the weight count
   */
  static IndexSampler weighted(double[] sampleWeights, int samplesPerEpoch) {
    new WeightedRandomSampler(sampleWeights, 0); // validates now rather than in the first epoch
    if (samplesPerEpoch < 0) {
      throw new EcgArgumentException("samplesPerEpoch must be >= 0, got " + samplesPerEpoch);
    }
    double[] w = sampleWeights.clone();
    return named("weighted random (" + sampleWeights.length + " weights, "
        + (samplesPerEpoch == 0 ? "dataset size" : Integer.toString(samplesPerEpoch))
        + " draws per epoch)", (n, rng) -> {
      if (n != w.length) {
        throw new EcgArgumentException(
            "weighted sampler has " + w.length + " weights but the dataset has " + n + " examples");
      }
      return new WeightedRandomSampler(w, rng.nextLong()).sample(samplesPerEpoch == 0 ? n : samplesPerEpoch);
    });
  }

  /**
   * Class-balanced sampling: weight of example i is {@code 1 / count(label_i)}, so each class is
   * drawn equally often in expectation.
   *
   * @param labels the training labels
   * @return a weighted sampler drawing {@code labels.length} examples per epoch
   * @throws EcgArgumentException for empty or negative labels
   */
  static IndexSampler balanced(int[] labels) {
    if (labels == null || labels.length == 0) {
      throw new EcgArgumentException("balanced sampler needs labels");
    }
    int max = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new EcgArgumentException("label " + i + " is negative: " + labels[i]);
      }
      max = Math.max(max, labels[i]);
    }
    long[] counts = ClassWeights.counts(labels, max + 1);
    double[] w = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      w[i] = 1.0 / counts[labels[i]];
    }
    return weighted(w, 0);
  }

  /**
   * @param description what the sampler does, returned by {@code toString()} and recorded in a
   *     model's training provenance
   * @param sampler the sampler
   * @return the sampler with that description
   */
  static IndexSampler named(String description, IndexSampler sampler) {
    return new IndexSampler() {
      @Override
      public int[] epochIndices(int datasetSize, java.util.SplittableRandom rng) {
        return sampler.epochIndices(datasetSize, rng);
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }
}
