package dev.ecg.io.qrs;

import java.util.Arrays;

/**
 * A window of an unbounded sequence of doubles, addressed by absolute index: values are appended
 * at {@link #end()} and dropped from the front with {@link #trimBefore(long)}, so a stream keeps
 * only the span its computations can still reach.
 */
final class Series implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private transient double[] a = new double[1024]; // only the held span is serialised
  private long base;
  private long end;
  private int off; // a[off] holds index base

  /** @return one past the last index held */
  long end() {
    return end;
  }

  /** @return the first index held */
  long base() {
    return base;
  }

  /** @return the number of values held */
  int size() {
    return (int) (end - base);
  }

  void add(double v) {
    int n = size();
    if (off + n == a.length) {
      if (n < a.length / 2) {
        System.arraycopy(a, off, a, 0, n);
      } else {
        double[] b = new double[Math.max(1024, a.length * 2)];
        System.arraycopy(a, off, b, 0, n);
        a = b;
      }
      off = 0;
    }
    a[off + n] = v;
    end++;
  }

  double get(long i) {
    if (i < base || i >= end) {
      throw new IllegalStateException("index " + i + " outside the held span [" + base + ", "
          + end + ")");
    }
    return a[off + (int) (i - base)];
  }

  /** Drops the values before {@code i} (no-op when they are already gone). */
  void trimBefore(long i) {
    long k = Math.min(i, end);
    if (k > base) {
      off += (int) (k - base);
      base = k;
      if (size() == 0) {
        off = 0;
      }
    }
  }

  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    out.defaultWriteObject();
    out.writeObject(Arrays.copyOfRange(a, off, off + size()));
  }

  private void readObject(java.io.ObjectInputStream in)
      throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    double[] held = (double[]) in.readObject();
    a = Arrays.copyOf(held, Math.max(1024, held.length + 1024));
    off = 0;
  }

  @Override
  public String toString() {
    return "Series[" + base + ", " + end + ") " + Arrays.toString(Arrays.copyOfRange(a, off,
        off + Math.min(size(), 8)));
  }
}
