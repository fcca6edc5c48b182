package dev.ecg.io.features;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;
import java.util.List;

/**
 * An ordered list of named features of one record. Values may be NaN where a feature is
 * undefined (too few beats, no P waves found, a flat line); gradient-boosted trees treat NaN as
 * missing.
 *
 * @param names feature names, in the fixed order of {@link RecordFeatures#names()}
 * @param values the value of each feature, same order
 */
public record FeatureVector(List<String> names, double[] values) {
  /**
   * Copies its arguments.
   *
   * @throws EcgArgumentException if either is null or their lengths differ
   */
  public FeatureVector {
    if (names == null || values == null) {
      throw new EcgArgumentException("names and values must not be null");
    }
    if (names.size() != values.length) {
      throw new EcgArgumentException(names.size() + " names but " + values.length + " values");
    }
    names = List.copyOf(names);
    values = values.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** @return the number of features */
  public int size() {
    return values.length;
  }

  /**
   * @param name a feature name
   * @return its value (may be NaN)
   * @throws EcgArgumentException naming the known features when {@code name} is unknown
   */
  public double get(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new EcgArgumentException("no feature '" + name + "'; known: " + names);
    }
    return values[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureVector f && f.names.equals(names)
        && Arrays.equals(f.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * names.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("FeatureVector{");
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(values[i]);
    }
    return sb.append('}').toString();
  }
}
