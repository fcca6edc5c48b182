package dev.ecg.models;

import java.util.Arrays;

/**
 * The inputs a model's preprocessing made from one record, ready for
 * {@link EcgClassifier#predictBatch(float[][])}: one per window (per beat for beat models), in
 * record order, laid out as {@link EcgClassifier#inputSpec()} describes.
 *
 * @param samples each window's reference sample in the original record (the R peak for beats)
 * @param values each window's input, {@code leads * inputLength} floats, lead after lead
 * @param rejections per window, the reason a gate step (signal quality) rejected it, or null;
 *     {@link EcgClassifier#classify} does not classify rejected windows
 * @param fs the original record's sampling rate
 */
public record ModelInputs(long[] samples, float[][] values, String[] rejections, double fs) {

  /** Checks that the arrays line up. */
  public ModelInputs {
    if (samples.length != values.length || samples.length != rejections.length) {
      throw new IllegalArgumentException("samples, values and rejections differ in length: "
          + samples.length + ", " + values.length + ", " + rejections.length);
    }
  }

  /** @return the number of windows */
  public int size() {
    return samples.length;
  }

  /**
   * @param sample a position in the original record
   * @return the index of the window whose reference sample is nearest, or -1 when there is none
   */
  public int nearest(long sample) {
    int best = -1;
    long bestDist = Long.MAX_VALUE;
    for (int i = 0; i < samples.length; i++) {
      long d = Math.abs(samples[i] - sample);
      if (d < bestDist) {
        bestDist = d;
        best = i;
      }
    }
    return best;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelInputs m && Arrays.equals(samples, m.samples)
        && Arrays.deepEquals(values, m.values) && Arrays.equals(rejections, m.rejections)
        && Double.compare(fs, m.fs) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(samples) + Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    return "ModelInputs[" + samples.length + " windows of " + (values.length == 0 ? 0
        : values[0].length) + " values]";
  }
}
