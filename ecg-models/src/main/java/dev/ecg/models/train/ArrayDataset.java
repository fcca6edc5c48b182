package dev.ecg.models.train;

import dev.ecg.core.EcgArgumentException;

/** In-memory {@link EcgDataset} over {@code float[][]} rows. */
final class ArrayDataset implements EcgDataset {

  private final float[][] x;
  private final int[] y;
  private final int len;

  ArrayDataset(float[][] x, int[] y) {
    if (x == null || y == null || x.length == 0) {
      throw new EcgArgumentException("dataset needs at least one example");
    }
    if (x.length != y.length) {
      throw new EcgArgumentException(
          "dataset has " + x.length + " feature rows but " + y.length + " labels");
    }
    len = x[0].length;
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null || x[i].length != len) {
        throw new EcgArgumentException(
            "feature row " + i + " has length " + (x[i] == null ? "null" : x[i].length)
                + ", expected " + len);
      }
      if (y[i] < 0) {
        throw new EcgArgumentException("label " + i + " is negative: " + y[i]);
      }
    }
    this.x = x;
    this.y = y;
  }

  @Override
  public int size() {
    return x.length;
  }

  @Override
  public int featureLength() {
    return len;
  }

  @Override
  public EcgSample get(int index) {
    return new EcgSample(x[index], y[index]);
  }

  @Override
  public int label(int index) {
    return y[index];
  }

  @Override
  public void fetch(int[] indices, float[] features, int[] labels) {
    for (int b = 0; b < indices.length; b++) {
      System.arraycopy(x[indices[b]], 0, features, b * len, len);
      labels[b] = y[indices[b]];
    }
  }
}
