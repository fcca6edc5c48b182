package dev.ecg.models.train;

import dev.ecg.core.EcgArgumentException;

/**
 * Random-access labelled data for {@link EcgTrainer}. Implementations may read lazily (from disk,
 * from a record store), so data larger than memory can be trained on: the trainer only ever asks
 * for one batch at a time through {@link #fetch}.
 */
public interface EcgDataset {

  /** @return number of examples */
  int size();

  /** @return length of every example's flat feature vector */
  int featureLength();

  /**
   * @param index example index in {@code [0, size())}
   * @return the example
   */
  EcgSample get(int index);

  /**
   * @param index example index
   * @return its label (the default reads the whole sample; override when labels are cheap)
   */
  default int label(int index) {
    return get(index).label();
  }

  /**
   * Copies a batch into caller buffers.
   *
   * @param indices example indices
   * @param features destination, at least {@code indices.length * featureLength()} long
   * @param labels destination, at least {@code indices.length} long
   * @throws EcgArgumentException if an example has the wrong length
   */
  default void fetch(int[] indices, float[] features, int[] labels) {
    int len = featureLength();
    for (int b = 0; b < indices.length; b++) {
      EcgSample s = get(indices[b]);
      if (s.features().length != len) {
        throw new EcgArgumentException(
            "example " + indices[b] + " has " + s.features().length + " features, expected " + len);
      }
      System.arraycopy(s.features(), 0, features, b * len, len);
      labels[b] = s.label();
    }
  }

  /**
   * Wraps in-memory arrays (not copied).
   *
   * @param features one flat row per example, all of the same length
   * @param labels one label per example, non-negative
   * @return the dataset
   * @throws EcgArgumentException for empty input, ragged rows, mismatched counts or negative labels
   */
  static EcgDataset of(float[][] features, int[] labels) {
    return new ArrayDataset(features, labels);
  }
}
