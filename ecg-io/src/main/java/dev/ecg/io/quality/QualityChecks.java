package dev.ecg.io.quality;

import dev.ecg.core.EcgArgumentException;

/** Argument checks shared by the quality classes. */
final class QualityChecks {
  private QualityChecks() {}

  static void rate(double fs) {
    if (!(fs > 0) || Double.isInfinite(fs)) {
      throw new EcgArgumentException("sampling rate must be finite and > 0, got " + fs);
    }
  }

  static void finite(double[] x, String what) {
    if (x == null) {
      throw new EcgArgumentException(what + " must not be null");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new EcgArgumentException(what + " has a non-finite sample " + x[i] + " at index " + i
            + "; clean or bridge missing samples first (SignalDefects finds them)");
      }
    }
  }

  static void peaks(int[] peaks, int n) {
    if (peaks == null) {
      throw new EcgArgumentException("peaks must not be null");
    }
    for (int i = 0; i < peaks.length; i++) {
      if (peaks[i] < 0 || peaks[i] >= n || (i > 0 && peaks[i] <= peaks[i - 1])) {
        throw new EcgArgumentException("peaks must be strictly increasing sample indices in [0, "
            + n + "); peaks[" + i + "] = " + peaks[i]);
      }
    }
  }
}
