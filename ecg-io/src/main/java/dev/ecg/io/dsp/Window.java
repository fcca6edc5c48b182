package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/**
 * Tapering windows for spectral analysis, with the definitions of {@code scipy.signal.windows}
 * (F. J. Harris, "On the use of windows for harmonic analysis with the discrete Fourier
 * transform", Proc. IEEE 66(1), 1978). {@link #periodic} is what {@code
 * scipy.signal.get_window(name, n)} returns by default (a symmetric window of {@code n + 1}
 * points without its last point, for spectral analysis); {@link #symmetric} is the filter-design
 * variant.
 */
public enum Window {
  /** Hann: {@code 0.5 - 0.5 cos}. */
  HANN,
  /** Hamming: {@code 0.54 - 0.46 cos}. */
  HAMMING,
  /** Blackman: {@code 0.42 - 0.5 cos + 0.08 cos 2}. */
  BLACKMAN,
  /** Rectangular (SciPy "boxcar"): all ones. */
  RECTANGULAR,
  /** Tukey (tapered cosine) with {@code alpha = 0.25}, the default of {@code scipy.signal.spectrogram}. */
  TUKEY_0_25;

  /** The last symmetric window made, reused by repeated calls of the same length. */
  private record Made(int m, double[] w) {}

  private volatile Made last;

  /**
   * The periodic (DFT-even) window.
   *
   * @param n length {@code >= 1}
   * @return window samples
   * @throws EcgArgumentException if {@code n < 1}
   */
  public double[] periodic(int n) {
    Checks.positive(n, "window length");
    if (n == 1) {
      return new double[] {1.0};
    }
    double[] w = symmetric(n + 1);
    double[] out = new double[n];
    System.arraycopy(w, 0, out, 0, n);
    return out;
  }

  /**
   * The symmetric window.
   *
   * @param m length {@code >= 1}
   * @return window samples
   * @throws EcgArgumentException if {@code m < 1}
   */
  public double[] symmetric(int m) {
    Checks.positive(m, "window length");
    // spectral estimates call this once per segment with the same length: keep the last one
    Made made = last;
    if (made == null || made.m() != m) {
      made = new Made(m, make(m));
      last = made;
    }
    return made.w().clone();
  }

  private double[] make(int m) {
    double[] w = new double[m];
    if (m == 1) {
      w[0] = 1.0;
      return w;
    }
    switch (this) {
      case HANN:
        return cosine(m, 0.5, 0.5, 0);
      case HAMMING:
        return cosine(m, 0.54, 0.46, 0);
      case BLACKMAN:
        return cosine(m, 0.42, 0.50, 0.08);
      case RECTANGULAR:
        java.util.Arrays.fill(w, 1.0);
        return w;
      case TUKEY_0_25:
        return tukey(m, 0.25);
      default:
        throw new AssertionError(this);
    }
  }

  private static double[] cosine(int m, double a0, double a1, double a2) {
    double[] w = new double[m];
    double step = 2 * Math.PI / (m - 1);
    for (int i = 0; i < m; i++) {
      double fac = i * step - Math.PI;
      w[i] = a0 + a1 * Math.cos(fac) + a2 * Math.cos(2 * fac);
    }
    return w;
  }

  private static double[] tukey(int m, double alpha) {
    double[] w = new double[m];
    int width = (int) Math.floor(alpha * (m - 1) / 2.0);
    for (int n = 0; n < m; n++) {
      if (n <= width) {
        w[n] = 0.5 * (1 + Math.cos(Math.PI * (-1 + 2.0 * n / alpha / (m - 1))));
      } else if (n < m - width - 1) {
        w[n] = 1.0;
      } else {
        w[n] = 0.5 * (1 + Math.cos(Math.PI * (-2.0 / alpha + 1 + 2.0 * n / alpha / (m - 1))));
      }
    }
    return w;
  }
}
