package dev.ecg.io.hrv;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.dsp.QuadraticSpline;
import dev.ecg.io.dsp.Welch;
import dev.ecg.io.dsp.Window;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frequency-domain indices of {@code neurokit2.hrv_frequency} with its defaults
 * (package-private; see {@link Hrv#frequency}).
 */
final class FrequencyDomain {
  static final List<String> COLUMNS = List.of("HRV_ULF", "HRV_VLF", "HRV_LF", "HRV_HF",
      "HRV_VHF", "HRV_TP", "HRV_LFHF", "HRV_LFn", "HRV_HFn", "HRV_LnHF");

  /** Longest interpolated series (Welch's FFT is twice half of it): about 46.6 hours. */
  static final int MAX_SAMPLES = Welch.MAX_NFFT;
  /** Rate of the interpolated RR series in Hz. */
  static final double RATE = 100;
  /** Band edges in Hz: ULF, VLF, LF, HF, VHF. */
  static final double[][] BANDS = {{0, 0.0033}, {0.0033, 0.04}, {0.04, 0.15}, {0.15, 0.4},
      {0.4, 0.5}};

  private FrequencyDomain() {}

  /** What the Welch step saw, for checks against NeuroKit2's diagnostics. */
  record Diagnostics(int n, int nperseg, int nfft, int segments, double minFrequency,
      double[] input) {}

  /** The interpolated, mean-removed RR series (ms) at 100 Hz. */
  static double[] interpolated(double[] rri) {
    int n = rri.length;
    double[] t = new double[n];
    double acc = 0;
    for (int i = 0; i < n; i++) {
      acc += rri[i] / 1000;
      t[i] = acc;
    }
    QuadraticSpline spline = QuadraticSpline.interpolate(t, rri);
    double step = 1.0 / RATE;
    double start = t[0];
    double stop = t[n - 1] + step;
    double lenD = Math.ceil((stop - start) / step);
    if (lenD > MAX_SAMPLES) {
      throw new EcgArgumentException(String.format(java.util.Locale.ROOT,
          "frequency-domain HRV interpolates at 100 Hz and supports up to %d samples (%.1f h);"
          + " these intervals span %.1f h: split the recording", MAX_SAMPLES,
          MAX_SAMPLES / RATE / 3600, (t[n - 1] - t[0]) / 3600));
    }
    int len = (int) lenD;
    double[] xs = new double[Math.max(0, len)];
    if (len > 0) {
      xs[0] = start;
    }
    double delta = (start + step) - start; // numpy.arange fills start + i * (x[1] - x[0])
    for (int i = 1; i < len; i++) {
      xs[i] = start + i * delta;
    }
    double[] y = spline.values(xs, rri[0], rri[n - 1]);
    double m = Np.mean(y);
    for (int i = 0; i < y.length; i++) {
      y[i] -= m;
    }
    return y;
  }

  static Map<String, Double> compute(double[] rri) {
    return compute(rri, null);
  }

  static Map<String, Double> compute(double[] rri, Diagnostics[] diag) {
    double[] x = interpolated(rri);
    int n = x.length;
    double fmin = (2 * RATE) / (n / 2.0);
    int nperseg = (int) ((2 / fmin) * RATE);
    if (nperseg > n / 2.0) {
      nperseg = (int) (n / 2.0);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    if (nperseg < 1) {
      for (String c : COLUMNS) {
        out.put(c, Double.NaN);
      }
      return out;
    }
    int nfft = 2 * nperseg;
    Welch.Psd psd = Welch.psd(x, RATE, Window.HANN, nperseg, nperseg / 2, nfft);
    if (diag != null) {
      diag[0] = new Diagnostics(n, nperseg, nfft, psd.segments(), fmin, x);
    }
    double[] f = psd.frequencies();
    double[] p = psd.psd();
    double max = Double.NEGATIVE_INFINITY;
    for (double v : p) {
      max = Math.max(max, v);
    }
    double[] bands = new double[BANDS.length];
    for (int b = 0; b < BANDS.length; b++) {
      double lo = BANDS[b][0];
      double hi = BANDS[b][1];
      int count = 0;
      for (int k = 0; k < f.length; k++) {
        if (f[k] >= fmin && f[k] <= 0.5 && f[k] >= lo && f[k] < hi) {
          count++;
        }
      }
      double[] ff = new double[count];
      double[] pp = new double[count];
      int j = 0;
      for (int k = 0; k < f.length; k++) {
        if (f[k] >= fmin && f[k] <= 0.5 && f[k] >= lo && f[k] < hi) {
          ff[j] = f[k];
          pp[j] = p[k] / max;
          j++;
        }
      }
      double power = Np.trapezoid(pp, ff);
      bands[b] = power == 0 ? Double.NaN : power;
    }
    double tp = 0;
    for (double v : bands) {
      if (!Double.isNaN(v)) {
        tp += v;
      }
    }
    double lf = bands[2];
    double hf = bands[3];
    out.put("HRV_ULF", bands[0]);
    out.put("HRV_VLF", bands[1]);
    out.put("HRV_LF", lf);
    out.put("HRV_HF", hf);
    out.put("HRV_VHF", bands[4]);
    out.put("HRV_TP", tp);
    out.put("HRV_LFHF", lf / hf);
    out.put("HRV_LFn", lf / tp);
    out.put("HRV_HFn", hf / tp);
    out.put("HRV_LnHF", Math.log(hf));
    return out;
  }
}
