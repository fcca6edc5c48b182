package dev.ecg.models;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One classification: the most probable label, its index, and every class's probability.
 *
 * @param label the most probable class name
 * @param index its index in {@link #classNames()}
 * @param probabilities one probability per class, summing to 1 (a defensive copy is returned)
 * @param classNames the model's class names, in output order
 */
public record Prediction(String label, int index, float[] probabilities,
    List<String> classNames) {

  /**
   * Checks consistency and copies the arrays.
   *
   * @param label see the record description
   * @param index see the record description
   * @param probabilities see the record description
   * @param classNames see the record description
   */
  public Prediction {
    Objects.requireNonNull(label, "label");
    classNames = List.copyOf(classNames);
    probabilities = probabilities.clone();
    if (probabilities.length != classNames.size()) {
      throw new EcgArgumentException(probabilities.length + " probabilities for "
          + classNames.size() + " classes");
    }
    if (index < 0 || index >= classNames.size() || !classNames.get(index).equals(label)) {
      throw new EcgArgumentException("label " + label + " is not class " + index + " of "
          + classNames);
    }
  }

  /**
   * @param probs class probabilities
   * @param names class names
   * @return the prediction of the arg-max class (first on ties)
   */
  public static Prediction of(float[] probs, List<String> names) {
    int best = 0;
    for (int k = 1; k < probs.length; k++) {
      if (probs[k] > probs[best]) {
        best = k;
      }
    }
    return new Prediction(names.get(best), best, probs, names);
  }

  /** @return a copy of the class probabilities */
  @Override
  public float[] probabilities() {
    return probabilities.clone();
  }

  /**
   * @param className a class name of the model
   * @return its probability
   * @throws IllegalArgumentException if the model has no such class
   */
  public float probability(String className) {
    int k = classNames.indexOf(className);
    if (k < 0) {
      throw new EcgArgumentException("unknown class '" + className + "', classes are "
          + classNames);
    }
    return probabilities[k];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prediction p && p.index == index && p.label.equals(label)
        && Arrays.equals(p.probabilities, probabilities) && p.classNames.equals(classNames);
  }

  @Override
  public int hashCode() {
    return Objects.hash(label, index, Arrays.hashCode(probabilities), classNames);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(label).append(" {");
    for (int k = 0; k < probabilities.length; k++) {
      sb.append(k == 0 ? "" : ", ").append(classNames.get(k)).append('=')
          .append(String.format(java.util.Locale.ROOT, "%.4f", probabilities[k]));
    }
    return sb.append('}').toString();
  }
}
