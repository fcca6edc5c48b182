package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;

/**
 * {@link RunningMedian#filter} on a live signal: the centred median of an odd window with
 * "nearest" ends. Output sample {@code i} is emitted once input {@code i + window/2} has arrived
 * (or at {@link #finish()}, where the last input is repeated as the batch filter does), so the
 * output equals the batch filter's exactly (a median selects a value; no arithmetic).
 *
 * <p>Memory: one window. Time: {@code O(window)} per sample (a sorted window). Not thread-safe.
 */
public final class RunningMedianStream implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final int w;
  private final int h;
  private final double[] ring;
  private final double[] sorted;
  private int count; // values in the window
  private int head; // ring index of the oldest value
  private long pushed;
  private double last;
  private boolean finished;

  /**
   * @param window odd window length, {@code 1 <= window <= RunningMedian.MAX_WINDOW}
   */
  public RunningMedianStream(int window) {
    if (window < 1 || window % 2 == 0 || window > RunningMedian.MAX_WINDOW) {
      throw new EcgArgumentException("median window must be a positive odd number <= "
          + RunningMedian.MAX_WINDOW + ", got " + window);
    }
    this.w = window;
    this.h = window / 2;
    this.ring = new double[window];
    this.sorted = new double[window];
  }

  /** @return input samples pushed so far */
  public long pushed() {
    return pushed;
  }

  /**
   * @param x input samples, finite
   * @param from first index to take
   * @param n how many
   * @return the median samples that became final
   * @throws NanInputException on a non-finite sample
   */
  public double[] push(double[] x, int from, int n) {
    if (finished) {
      throw new IllegalStateException("the stream is finished");
    }
    double[] out = new double[n];
    int k = 0;
    for (int i = from; i < from + n; i++) {
      double v = x[i];
      if (!Double.isFinite(v)) {
        throw new NanInputException("running median stream input",
            (int) Math.min(Integer.MAX_VALUE, pushed), v);
      }
      if (pushed == 0) {
        for (int j = 0; j < h; j++) {
          k = slide(v, out, k); // the left end repeats the first sample
        }
      }
      pushed++;
      last = v;
      k = slide(v, out, k);
    }
    return Arrays.copyOf(out, k);
  }

  /** @return the last {@code window/2} medians, with the last sample repeated past the end */
  public double[] finish() {
    if (finished) {
      return new double[0];
    }
    finished = true;
    if (pushed == 0) {
      return new double[0];
    }
    double[] out = new double[h];
    int k = 0;
    for (int j = 0; j < h; j++) {
      k = slide(last, out, k);
    }
    return Arrays.copyOf(out, k);
  }

  private int slide(double v, double[] out, int k) {
    if (count == w) {
      remove(ring[head]);
      ring[head] = v;
      head = (head + 1) % w;
    } else {
      ring[(head + count) % w] = v;
    }
    insert(v);
    if (count == w) {
      out[k++] = sorted[h]; // at most one output per input once the window is full
    }
    return k;
  }

  private void insert(double v) {
    int i = Arrays.binarySearch(sorted, 0, count, v);
    if (i < 0) {
      i = -i - 1;
    }
    System.arraycopy(sorted, i, sorted, i + 1, count - i);
    sorted[i] = v;
    count++;
  }

  private void remove(double v) {
    int i = Arrays.binarySearch(sorted, 0, count, v);
    System.arraycopy(sorted, i + 1, sorted, i, count - i - 1);
    count--;
  }
}
