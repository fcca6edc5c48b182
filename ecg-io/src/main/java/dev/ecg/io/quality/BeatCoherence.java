package dev.ecg.io.quality;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;

/**
 * Whether the detected beats repeat: the median, over beats, of the Pearson correlation between
 * each beat's QRS region (0.10 s before to 0.15 s after its R peak) and the sample-wise median of
 * all those regions. A real ECG repeats its QRS complex (0.98 to 1.00 on clean MIT-BIH segments,
 * above 0.65 in the noisiest ones); band-limited noise, whose "beats" are just its largest
 * maxima, often scores 0.5 to 0.8 as well, because the detector aligns the windows at its
 * largest maxima; so this index describes morphology variability (ectopic beats, ventricular
 * flutter score low) and is reported, but the noise verdict of {@link SignalQuality} rests on
 * {@link BeatAgreement}.
 */
public final class BeatCoherence {
  /** Fewest beats with a whole QRS region for a defined value. */
  public static final int MIN_BEATS = 3;
  static final double BEFORE_S = 0.10;
  static final double AFTER_S = 0.15;

  private BeatCoherence() {}

  /**
   * @param cleaned a cleaned lead (finite samples)
   * @param peaks R-peak sample indices, strictly increasing
   * @param fs sampling rate in Hz
   * @return the median correlation in [-1, 1], or NaN with fewer than {@link #MIN_BEATS} beats
   *     whose region lies inside the lead (or a constant region)
   * @throws EcgArgumentException if {@code fs} is not finite and positive, an argument is null,
   *     or the peaks are out of range or not increasing
   */
  public static double median(double[] cleaned, int[] peaks, double fs) {
    QualityChecks.rate(fs);
    QualityChecks.finite(cleaned, "cleaned signal");
    QualityChecks.peaks(peaks, cleaned.length);
    int a = (int) Math.round(BEFORE_S * fs);
    int b = (int) Math.round(AFTER_S * fs);
    int len = a + b;
    int n = 0;
    double[][] w = new double[peaks.length][];
    for (int p : peaks) {
      if (p - a >= 0 && p + b <= cleaned.length) {
        w[n++] = Arrays.copyOfRange(cleaned, p - a, p + b);
      }
    }
    if (n < MIN_BEATS || len < 3) {
      return Double.NaN;
    }
    double[] template = new double[len];
    double[] column = new double[n];
    for (int i = 0; i < len; i++) {
      for (int k = 0; k < n; k++) {
        column[k] = w[k][i];
      }
      template[i] = median(column.clone());
    }
    double[] r = new double[n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      double c = pearson(w[k], template);
      if (!Double.isNaN(c)) {
        r[m++] = c;
      }
    }
    return m == 0 ? Double.NaN : median(Arrays.copyOf(r, m));
  }

  private static double median(double[] v) {
    Arrays.sort(v);
    int h = v.length / 2;
    return v.length % 2 == 1 ? v[h] : 0.5 * (v[h - 1] + v[h]);
  }

  private static double pearson(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= x.length;
    my /= y.length;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }
}
