package dev.ecg.io.quality;

import dev.ecg.core.EcgArgumentException;

/**
 * bSQI, the agreement of two QRS detectors (Li, Mark and Clifford 2008, Physiol Meas
 * 29(1):15-32): the beats both detectors find within a match window, over all beats either finds,
 * {@code matched / (n1 + n2 - matched)}. On an ECG two good detectors agree (near 1); on noise
 * they fire at different places (0.07 to 0.30 for NeuroKit2's detector against Pan-Tompkins on
 * 10 s of Gaussian noise at 360 Hz, see {@code BeatAgreementTest}).
 */
public final class BeatAgreement {
  /** The match window of Li et al. (2008), 150 ms. */
  public static final double WINDOW_SECONDS = 0.15;

  private BeatAgreement() {}

  /**
   * @param a beats of one detector, sample indices, strictly increasing
   * @param b beats of the other, strictly increasing
   * @param fs sampling rate in Hz
   * @return bSQI in [0, 1]; NaN when neither found a beat
   * @throws EcgArgumentException if an array is null or not increasing, or {@code fs} is not
   *     finite and positive
   */
  public static double bsqi(int[] a, int[] b, double fs) {
    QualityChecks.rate(fs);
    increasing(a, "a");
    increasing(b, "b");
    int w = (int) Math.round(WINDOW_SECONDS * fs);
    int i = 0;
    int j = 0;
    int matched = 0;
    while (i < a.length && j < b.length) {
      if (Math.abs((long) a[i] - b[j]) <= w) {
        matched++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    int all = a.length + b.length - matched;
    return all == 0 ? Double.NaN : (double) matched / all;
  }

  private static void increasing(int[] p, String name) {
    if (p == null) {
      throw new EcgArgumentException(name + " must not be null");
    }
    for (int i = 1; i < p.length; i++) {
      if (p[i] <= p[i - 1]) {
        throw new EcgArgumentException(name + " must be strictly increasing; index " + i + " is "
            + p[i] + " after " + p[i - 1]);
      }
    }
  }
}
