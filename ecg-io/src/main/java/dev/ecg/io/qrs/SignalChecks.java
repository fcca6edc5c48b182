package dev.ecg.io.qrs;

import dev.ecg.core.EcgArgumentException;

/** Argument checks and NaN handling shared by the detectors and the scorer. */
final class SignalChecks {
  private SignalChecks() {}

  static void checkRate(double fs) {
    if (!(fs > 0) || Double.isInfinite(fs)) {
      throw new InvalidSignalException("sampling rate must be finite and > 0, got " + fs);
    }
  }

  static void checkSignal(double[] x, String what) {
    if (x == null) {
      throw new InvalidSignalException(what + " is null");
    }
    if (x.length == 0) {
      throw new InvalidSignalException(what + " is empty");
    }
    boolean any = false;
    for (int i = 0; i < x.length; i++) {
      if (Double.isInfinite(x[i])) {
        throw new InvalidSignalException(what + " has an infinite sample at index " + i);
      }
      any |= !Double.isNaN(x[i]);
    }
    if (!any) {
      throw new InvalidSignalException(what + " has no valid sample (all " + x.length + " are NaN)");
    }
  }

  /**
   * Copies {@code x}, replacing runs of NaN by linear interpolation between the neighbouring valid
   * samples (constant at the edges), and marks the replaced samples in {@code invalid}.
   */
  static double[] bridgeNaN(double[] x, boolean[] invalid) {
    final int n = x.length;
    double[] s = x.clone();
    int i = 0;
    while (i < n) {
      if (!Double.isNaN(s[i])) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && Double.isNaN(s[i])) {
        invalid[i] = true;
        i++;
      }
      double left = start > 0 ? s[start - 1] : Double.NaN;
      double right = i < n ? s[i] : Double.NaN;
      if (Double.isNaN(left)) {
        left = right;
      }
      if (Double.isNaN(right)) {
        right = left;
      }
      int len = i - start + 1;
      for (int k = start; k < i; k++) {
        double t = (double) (k - start + 1) / len;
        s[k] = left + t * (right - left);
      }
    }
    return s;
  }

  static double inRange(String name, double v, double loExclusive, double hiInclusive) {
    if (!(v > loExclusive && v <= hiInclusive)) {
      throw new EcgArgumentException(name + " must be in (" + loExclusive + ", " + hiInclusive
          + "], got " + v);
    }
    return v;
  }
}
