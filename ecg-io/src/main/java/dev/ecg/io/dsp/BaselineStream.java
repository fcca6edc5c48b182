package dev.ecg.io.dsp;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * {@link Baseline#medianFilterRemoval} on a live signal: {@code x} minus the 600 ms median of
 * its 200 ms median, emitted once the medians are final. The output equals the batch removal on
 * the whole signal, sample for sample (the medians select values; the subtraction is the same).
 *
 * <p>Look-ahead: half of each median window, 0.4 s in all. Memory: the two windows and 0.4 s of
 * input. Not thread-safe.
 */
public final class BaselineStream implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final RunningMedianStream m1;
  private final RunningMedianStream m2;
  private final ArrayDeque<Double> delayed = new ArrayDeque<>();

  /**
   * @param fs sampling rate in Hz
   */
  public BaselineStream(double fs) {
    Checks.fs(fs);
    this.m1 = new RunningMedianStream(Baseline.oddWindow(fs, 0.2));
    this.m2 = new RunningMedianStream(Baseline.oddWindow(fs, 0.6));
  }

  /**
   * @param x samples, finite
   * @param from first index to take
   * @param n how many
   * @return the corrected samples that became final
   * @throws NanInputException on a non-finite sample
   */
  public double[] push(double[] x, int from, int n) {
    double[] a = m1.push(x, from, n);
    for (int i = from; i < from + n; i++) {
      delayed.add(x[i]);
    }
    return subtract(m2.push(a, 0, a.length));
  }

  /**
   * @param x samples
   * @return {@link #push(double[], int, int)} of the whole array
   */
  public double[] push(double[] x) {
    return push(x, 0, x.length);
  }

  /** @return the last corrected samples, with the batch filter's ends */
  public double[] finish() {
    double[] a = m1.finish();
    double[] b = m2.push(a, 0, a.length);
    double[] c = m2.finish();
    double[] both = Arrays.copyOf(b, b.length + c.length);
    System.arraycopy(c, 0, both, b.length, c.length);
    return subtract(both);
  }

  private double[] subtract(double[] base) {
    double[] y = new double[base.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = delayed.poll() - base[i];
    }
    return y;
  }
}
