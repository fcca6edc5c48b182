package dev.ecg.io.features;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.dsp.EcgCleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Features of every beat of a single-lead recording for beat classification (AAMI N, S, V, F,
 * Q), each made <em>relative to the patient's own running average</em>, the device that carries
 * inter-patient beat classifiers (de Chazal et al. 2004; Lin and Yang 2014; Mondéjar-Guerra et
 * al. 2019; Niu et al. 2020): a premature beat is early against this patient's recent rhythm, a
 * wide or odd beat is unlike this patient's usual beat.
 *
 * <ul>
 *   <li><b>Rhythm</b>: the RR intervals before and after the beat, the mean of the last ten, and
 *       the mean over the last {@value #AVERAGE_SECONDS} s (causal); their ratios.</li>
 *   <li><b>Morphology against the running template</b>: the template is an exponential moving
 *       average (weight {@value #TEMPLATE_ALPHA}) of the beats that resemble it (QRS correlation
 *       at least {@value #TEMPLATE_MIN_CORRELATION}), started from the median of the first
 *       beats; for each beat, correlations with it over the P-wave, QRS and ST-T regions, QRS
 *       amplitude, width, area and energy ratios, and the largest deviation.</li>
 *   <li><b>Shape</b>: ten samples of the QRS region scaled by the template's QRS amplitude.</li>
 * </ul>
 *
 * <p>The lead is cleaned with {@link EcgCleaner.Preset#NEUROKIT_EXACT}; each R peak is moved to
 * the largest absolute cleaned value within {@value #REFINE_SECONDS} s. Undefined values (the
 * first beat has no RR before it) are NaN, a missing value for tree models. Time and memory are
 * linear in the record's length.
 */
public final class BeatFeatures {
  /** Seconds of the running RR and template average. */
  public static final double AVERAGE_SECONDS = 300;
  /** Weight of a new beat in the running template. */
  public static final double TEMPLATE_ALPHA = 0.05;
  /** Least QRS correlation for a beat to update the template. */
  public static final double TEMPLATE_MIN_CORRELATION = 0.8;
  /** Beats whose median starts the template. */
  public static final int TEMPLATE_START_BEATS = 20;
  /** Search radius of the R-peak refinement, in seconds. */
  public static final double REFINE_SECONDS = 0.04;
  /** Beat window: seconds before the R peak. */
  static final double PRE = 0.25;
  /** Beat window: seconds after the R peak. */
  static final double POST = 0.45;
  /** QRS region, seconds either side of the R peak. */
  static final double QRS = 0.08;
  /** Shape samples over the QRS region. */
  static final int SHAPE_POINTS = 10;

  private static final List<String> NAMES;

  static {
    List<String> n = new ArrayList<>(List.of("rr_pre", "rr_post", "rr_local", "rr_avg",
        "rr_pre_avg", "rr_post_avg", "rr_local_avg", "rr_pre_local", "rr_post_pre",
        "rr_diff_avg", "corr_qrs", "corr_p", "corr_st", "corr_full", "qrs_amp_ratio",
        "qrs_width_ratio", "qrs_width_ms", "qrs_area_ratio", "qrs_energy_ratio",
        "max_dev_ratio", "r_sign", "p_energy_ratio", "t_amp_ratio"));
    for (int k = 0; k < SHAPE_POINTS; k++) {
      n.add("shape_" + k);
    }
    NAMES = List.copyOf(n);
  }

  private BeatFeatures() {}

  /** @return the feature names, in the order of each row of {@link #compute} */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * Features of every given beat.
   *
   * @param x the lead in mV, finite
   * @param fs its sampling rate in Hz, at least 50
   * @param rPeaks R-peak sample indices, strictly increasing, inside the signal
   * @return one row of {@link #names()} values per peak, in peak order
   * @throws EcgArgumentException on a null, empty or non-finite signal, a rate below 50 Hz, or
   *     peaks out of order or range
   */
  public static double[][] compute(double[] x, double fs, int[] rPeaks) {
    if (x == null || x.length == 0) {
      throw new EcgArgumentException("signal must not be null or empty");
    }
    if (!(fs >= 50) || Double.isInfinite(fs)) {
      throw new EcgArgumentException("sampling rate must be at least 50 Hz, got " + fs);
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new EcgArgumentException("sample " + i + " is " + x[i]);
      }
    }
    if (rPeaks == null) {
      throw new EcgArgumentException("R peaks must not be null");
    }
    for (int i = 0; i < rPeaks.length; i++) {
      if (rPeaks[i] < 0 || rPeaks[i] >= x.length || (i > 0 && rPeaks[i] <= rPeaks[i - 1])) {
        throw new EcgArgumentException("R peaks must be strictly increasing indices in [0, "
            + x.length + "), peak " + i + " is " + rPeaks[i]);
      }
    }
    int n = rPeaks.length;
    double[][] out = new double[n][NAMES.size()];
    if (n == 0) {
      return out;
    }
    double[] c;
    try {
      c = EcgCleaner.clean(x, fs, EcgCleaner.Preset.NEUROKIT_EXACT);
    } catch (RuntimeException e) {
      c = x.clone(); // too short for the filter: features on the raw lead
    }
    int[] r = refine(c, fs, rPeaks);
    rhythm(r, fs, out);
    morphology(c, fs, r, out);
    return out;
  }

  private static int[] refine(double[] c, double fs, int[] p) {
    int rad = (int) Math.round(REFINE_SECONDS * fs);
    int[] r = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      int best = p[i];
      for (int j = Math.max(0, p[i] - rad); j <= Math.min(c.length - 1, p[i] + rad); j++) {
        if (Math.abs(c[j]) > Math.abs(c[best])) {
          best = j;
        }
      }
      r[i] = best;
    }
    return r;
  }

  private static void rhythm(int[] r, double fs, double[][] out) {
    int n = r.length;
    double[] rr = new double[n]; // rr[i] = interval before beat i (NaN for i = 0)
    rr[0] = Double.NaN;
    for (int i = 1; i < n; i++) {
      rr[i] = Math.max(1, r[i] - r[i - 1]) / fs;
    }
    double[] prefix = new double[n + 1];
    for (int i = 1; i < n; i++) {
      prefix[i + 1] = prefix[i] + rr[i];
    }
    int from = 1;
    for (int i = 0; i < n; i++) {
      double pre = rr[i];
      double post = i + 1 < n ? rr[i + 1] : Double.NaN;
      double local = Double.NaN;
      double avg = Double.NaN;
      if (i >= 1) {
        int lo = Math.max(1, i - 9);
        local = (prefix[i + 1] - prefix[lo]) / (i + 1 - lo);
        while (from < i && (r[i] - r[from - 1]) / fs > AVERAGE_SECONDS) {
          from++;
        }
        avg = (prefix[i + 1] - prefix[from]) / (i + 1 - from);
      }
      double[] o = out[i];
      o[0] = pre;
      o[1] = post;
      o[2] = local;
      o[3] = avg;
      o[4] = pre / avg;
      o[5] = post / avg;
      o[6] = local / avg;
      o[7] = pre / local;
      o[8] = post / pre;
      o[9] = (post - pre) / avg;
    }
  }

  private static void morphology(double[] c, double fs, int[] r, double[][] out) {
    int pre = (int) Math.round(PRE * fs);
    int post = (int) Math.round(POST * fs);
    int len = pre + post + 1;
    int q = (int) Math.round(QRS * fs);
    int n = r.length;
    double[] tpl = startTemplate(c, r, pre, post);
    for (int i = 0; i < n; i++) {
      double[] b = beat(c, r[i], pre, post);
      double[] o = out[i];
      // regions, as offsets into the beat window
      int qFrom = pre - q;
      int qTo = pre + q + 1;
      o[10] = corr(b, tpl, qFrom, qTo);
      o[11] = corr(b, tpl, 0, qFrom);
      o[12] = corr(b, tpl, qTo, len);
      o[13] = corr(b, tpl, 0, len);
      double ampB = range(b, qFrom, qTo);
      double ampT = range(tpl, qFrom, qTo);
      o[14] = ratio(ampB, ampT);
      double wB = width(b, qFrom, qTo, pre, fs);
      double wT = width(tpl, qFrom, qTo, pre, fs);
      o[15] = ratio(wB, wT);
      o[16] = wB * 1000;
      o[17] = ratio(area(b, qFrom, qTo), area(tpl, qFrom, qTo));
      o[18] = ratio(energy(b, qFrom, qTo), energy(tpl, qFrom, qTo));
      double dev = 0;
      for (int k = 0; k < len; k++) {
        dev = Math.max(dev, Math.abs(b[k] - tpl[k]));
      }
      o[19] = ratio(dev, ampT);
      o[20] = Math.signum(b[pre]) == Math.signum(tpl[pre]) ? 1 : -1;
      o[21] = ratio(energy(b, 0, qFrom), energy(tpl, 0, qFrom));
      o[22] = ratio(range(b, qTo, len), range(tpl, qTo, len));
      for (int k = 0; k < SHAPE_POINTS; k++) {
        int at = qFrom + (int) Math.round(k * (qTo - 1 - qFrom) / (double) (SHAPE_POINTS - 1));
        o[23 + k] = ampT > 0 ? (b[at] - b[qFrom]) / ampT : Double.NaN;
      }
      if (o[10] >= TEMPLATE_MIN_CORRELATION) {
        for (int k = 0; k < len; k++) {
          tpl[k] += TEMPLATE_ALPHA * (b[k] - tpl[k]);
        }
      }
    }
  }

  private static double[] startTemplate(double[] c, int[] r, int pre, int post) {
    int m = Math.min(TEMPLATE_START_BEATS, r.length);
    int len = pre + post + 1;
    double[][] beats = new double[m][];
    for (int i = 0; i < m; i++) {
      beats[i] = beat(c, r[i], pre, post);
    }
    double[] t = new double[len];
    double[] col = new double[m];
    for (int k = 0; k < len; k++) {
      for (int i = 0; i < m; i++) {
        col[i] = beats[i][k];
      }
      Arrays.sort(col);
      t[k] = m % 2 == 1 ? col[m / 2] : 0.5 * (col[m / 2 - 1] + col[m / 2]);
    }
    return t;
  }

  /** The beat window around {@code r}, edge samples repeated outside the signal. */
  private static double[] beat(double[] c, int r, int pre, int post) {
    double[] b = new double[pre + post + 1];
    for (int k = 0; k < b.length; k++) {
      int j = Math.min(c.length - 1, Math.max(0, r - pre + k));
      b[k] = c[j];
    }
    return b;
  }

  private static double corr(double[] a, double[] b, int from, int to) {
    double ma = 0;
    double mb = 0;
    int n = to - from;
    if (n < 3) {
      return Double.NaN;
    }
    for (int k = from; k < to; k++) {
      ma += a[k];
      mb += b[k];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int k = from; k < to; k++) {
      double da = a[k] - ma;
      double db = b[k] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
  }

  private static double range(double[] a, int from, int to) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int k = from; k < to; k++) {
      lo = Math.min(lo, a[k]);
      hi = Math.max(hi, a[k]);
    }
    return hi - lo;
  }

  private static double area(double[] a, int from, int to) {
    double base = a[from];
    double s = 0;
    for (int k = from; k < to; k++) {
      s += Math.abs(a[k] - base);
    }
    return s;
  }

  private static double energy(double[] a, int from, int to) {
    double m = 0;
    for (int k = from; k < to; k++) {
      m += a[k];
    }
    m /= Math.max(1, to - from);
    double s = 0;
    for (int k = from; k < to; k++) {
      s += (a[k] - m) * (a[k] - m);
    }
    return s;
  }

  /**
   * QRS width: the span, around the peak, where the absolute deviation from the region's first
   * sample stays above 30 % of the peak's.
   */
  private static double width(double[] a, int from, int to, int peak, double fs) {
    double base = a[from];
    double top = Math.abs(a[peak] - base);
    if (!(top > 0)) {
      return Double.NaN;
    }
    double th = 0.3 * top;
    int lo = peak;
    while (lo > from && Math.abs(a[lo - 1] - base) > th) {
      lo--;
    }
    int hi = peak;
    while (hi < to - 1 && Math.abs(a[hi + 1] - base) > th) {
      hi++;
    }
    return (hi - lo + 1) / fs;
  }

  private static double ratio(double a, double b) {
    return b > 0 && Double.isFinite(a) ? a / b : Double.NaN;
  }
}
