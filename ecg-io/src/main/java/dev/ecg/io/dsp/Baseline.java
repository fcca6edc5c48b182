package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/**
 * Baseline-wander removal with two cascaded median filters, after de Chazal, O'Dwyer and Reilly,
 * "Automatic classification of heartbeats using ECG morphology and heartbeat interval features",
 * IEEE Trans. Biomed. Eng. 51(7), 2004: a 200 ms median removes QRS complexes and P waves, a
 * 600 ms median of that removes T waves, and the result (the baseline) is subtracted.
 *
 * <p>Window lengths in samples are {@code Math.round(0.2 * fs)} and {@code Math.round(0.6 *
 * fs)}, each made odd by adding 1 when even (73 and 217 at 360 Hz; 51 and 151 at 250 Hz). Edges
 * repeat the end samples ({@link RunningMedian}).
 */
public final class Baseline {
  private Baseline() {}

  /**
   * Odd window length for a duration.
   *
   * @param fs sampling frequency in Hz
   * @param seconds window duration
   * @return {@code round(seconds * fs)}, plus one if even, at least 1
   */
  public static int oddWindow(double fs, double seconds) {
    long w = Math.round(seconds * fs);
    if (w < 1) {
      w = 1;
    }
    if (w % 2 == 0) {
      w++;
    }
    if (w > Integer.MAX_VALUE - 8) {
      throw new EcgArgumentException("window of " + seconds + " s at " + fs + " Hz is too long");
    }
    return (int) w;
  }

  /**
   * The baseline estimate: 600 ms median of the 200 ms median of {@code x}.
   *
   * @param x signal (not modified)
   * @param fs sampling frequency in Hz, {@code > 0}
   * @return baseline, same length
   * @throws EcgArgumentException if {@code fs <= 0}
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] estimate(double[] x, double fs) {
    Checks.fs(fs);
    double[] m1 = RunningMedian.filter(x, oddWindow(fs, 0.2));
    return RunningMedian.filter(m1, oddWindow(fs, 0.6));
  }

  /**
   * Removes baseline wander: {@code x - estimate(x, fs)}.
   *
   * @param x signal (not modified)
   * @param fs sampling frequency in Hz, {@code > 0}
   * @return corrected signal, same length
   * @throws EcgArgumentException if {@code fs <= 0}
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] medianFilterRemoval(double[] x, double fs) {
    double[] b = estimate(x, fs);
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = x[i] - b[i];
    }
    return y;
  }
}
