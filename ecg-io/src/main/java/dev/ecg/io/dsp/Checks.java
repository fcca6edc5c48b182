package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/** Argument checks shared by the DSP classes (package-private). */
final class Checks {
  private Checks() {}

  static void fs(double fs) {
    if (!(fs > 0) || Double.isInfinite(fs)) {
      throw new EcgArgumentException("sampling frequency fs must be finite and > 0, got " + fs);
    }
  }

  static void notNull(Object o, String what) {
    if (o == null) {
      throw new EcgArgumentException(what + " must not be null");
    }
  }

  /** Rejects null and any non-finite sample, naming the first. */
  static void finite(double[] x, String what) {
    notNull(x, what);
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      if (v - v != 0) { // NaN or +-Inf
        throw new NanInputException(what, i, v);
      }
    }
  }

  static void positive(int v, String what) {
    if (v < 1) {
      throw new EcgArgumentException(what + " must be >= 1, got " + v);
    }
  }

  /** cutoff strictly inside (0, fs/2). */
  static void cutoff(double f, double fs, String what) {
    if (!(f > 0) || !(f < fs / 2)) {
      throw new EcgArgumentException(what + " must satisfy 0 < f < fs/2 = " + (fs / 2)
          + " Hz, got " + f + " Hz");
    }
  }
}
