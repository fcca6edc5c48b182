package dev.ecg.io.features;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.delineate.BeatIntervals;
import dev.ecg.io.delineate.Delineation;
import dev.ecg.io.delineate.DwtDelineator;
import dev.ecg.io.delineate.Wave;
import dev.ecg.io.dsp.EcgCleaner;
import dev.ecg.io.dsp.Welch;
import dev.ecg.io.dsp.Window;
import dev.ecg.io.hrv.Hrv;
import dev.ecg.io.hrv.HrvResult;
import dev.ecg.io.qrs.VfAwareDetector;
import dev.ecg.io.quality.AverageQrsQuality;
import dev.ecg.io.quality.SignalDefects;
import dev.ecg.io.quality.Zhao2018Quality;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Record-level features of one single-lead ECG for rhythm classification (normal, atrial
 * fibrillation, other, noisy), in the spirit of the feature-based entries of the PhysioNet/CinC
 * Challenge 2017 (Datta et al. 2017; Zabihi et al. 2017; Teijeiro et al. 2017): RR irregularity
 * and AF evidence, heart rate variability, P-wave presence and intervals from wave delineation,
 * beat-template morphology and its variability, spectral power fractions and signal quality.
 *
 * <pre>{@code
 * FeatureVector f = RecordFeatures.compute(samplesMv, 300);
 * double cosen = f.get("rr_cosen");
 * }</pre>
 *
 * <p>The features, their order and definitions are listed by {@link #names()} and in
 * {@code docs/features.md}. Steps: the lead is cleaned with {@link EcgCleaner}
 * ({@link EcgCleaner.Preset#NEUROKIT_EXACT}, NeuroKit2's {@code ecg_clean}); R peaks come from
 * {@link VfAwareDetector} (unless given); RR intervals are taken as they are, without artefact
 * correction, because ectopic and missed beats are themselves evidence for the classes.
 *
 * <p>Robustness: every group of features is computed on its own; when a group is undefined for
 * the record (fewer than 4 beats, a flat line, a signal too short for a filter) its features are
 * NaN and the others are still computed, so a noisy or flat record never throws. Only invalid
 * input throws. Time: a few milliseconds to a few tens of milliseconds for a 30 s record at
 * 300 Hz on one core; memory linear in the length.
 */
public final class RecordFeatures {
  /** Radius start of the coefficient of sample entropy, in seconds (Lake and Moorman 2011). */
  public static final double COSEN_R0 = 0.030;
  /** Fewest (m+1)-matches for COSEn; the radius grows by 10 ms until reached. */
  public static final int COSEN_MIN_MATCHES = 5;
  /** Beat template window before the R peak, in seconds. */
  public static final double TEMPLATE_PRE_S = 0.25;
  /** Beat template window after the R peak, in seconds. */
  public static final double TEMPLATE_POST_S = 0.45;
  /** Correlation below which a beat counts as unlike the template. */
  public static final double LOW_CORRELATION = 0.8;
  /** Spectral band edges in Hz (fractions of the power from the first to the last edge). */
  static final double[] BANDS = {0.5, 3, 8, 15, 25, 40, 100};

  private static final List<String> HRV_COLUMNS = List.of("HRV_RMSSD", "HRV_SDNN", "HRV_pNN20",
      "HRV_CVI", "HRV_CSI", "HRV_PIP", "HRV_IALS", "HRV_PSS", "HRV_PAS", "HRV_DFA_alpha1",
      "HRV_ApEn", "HRV_ShanEn");

  private static final List<String> NAMES;

  static {
    List<String> n = new ArrayList<>(List.of("length_s", "n_beats", "hr_bpm",
        "rr_median_ms", "rr_iqr_ms", "rr_mean_ms", "rr_min_ms", "rr_max_ms", "rr_cv",
        "rr_range_ratio", "rr_nsd", "rr_nrmssd", "rr_med_abs_diff_ratio", "rr_pdiff50",
        "rr_pdiff_rel10", "rr_tpr", "rr_sampen", "rr_cosen", "rr_sd1_ms", "rr_sd2_ms",
        "rr_sd1_sd2", "rr_premature_share", "rr_p5_ratio", "rr_p95_ratio", "rr_long_share",
        "rr_short_share", "hr_min_5beat_bpm", "hr_max_5beat_bpm", "rr_acf1", "drr_acf1",
        "hr_half_change"));
    n.addAll(HRV_COLUMNS);
    n.addAll(List.of("p_presence", "pr_median_ms", "qrs_median_ms", "qt_median_ms",
        "qtc_bazett_median_ms", "pr_iqr_ms", "qrs_iqr_ms", "p_amp_median",
        "tpl_corr_mean", "tpl_corr_min", "tpl_corr_p10", "tpl_low_corr_share", "tpl_r_amp",
        "tpl_s_amp", "tpl_qrs_width_ms", "tpl_t_amp", "tpl_p_amp", "tpl_st_level",
        "tpl_t_r_ratio", "tpl_qrs_area", "r_amp_cv",
        "t_amp_cv", "ectopic_share", "resid_rms_ratio",
        "resid_af_band_frac", "resid_peak_hz"));
    for (int i = 0; i + 1 < BANDS.length; i++) {
      n.add("spec_frac_" + fmt(BANDS[i]) + "_" + fmt(BANDS[i + 1]));
    }
    n.addAll(List.of("spec_entropy", "spec_peak_hz",
        "zhao_ksqi", "zhao_psqi", "zhao_bassqi", "zhao_level", "avgqrs_mean", "avgqrs_min",
        "defect_flat_frac", "defect_saturation_frac", "defect_leadoff_frac", "defect_any_frac",
        "signal_range", "signal_sd"));
    NAMES = List.copyOf(n);
  }

  private RecordFeatures() {}

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v).replace('.', 'p');
  }

  /** @return the feature names, in the order of {@link FeatureVector#values()} */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * Features of one lead; R peaks are detected with {@link VfAwareDetector}.
   *
   * @param x samples in mV (physical units), finite
   * @param fs sampling rate in Hz, finite and positive
   * @return the features (NaN where undefined)
   * @throws EcgArgumentException if {@code x} is null or empty or holds a non-finite sample, or
   *     {@code fs} is not finite and positive
   */
  public static FeatureVector compute(double[] x, double fs) {
    checkSignal(x, fs);
    int[] peaks;
    try {
      peaks = VfAwareDetector.create().detect(x, fs);
    } catch (RuntimeException e) {
      peaks = new int[0];
    }
    return computeChecked(x, fs, peaks);
  }

  /**
   * Features of one lead with given R peaks (for example reference annotations).
   *
   * @param x samples in mV, finite
   * @param fs sampling rate in Hz, finite and positive
   * @param rPeaks R-peak sample indices, strictly increasing, inside the signal (may be empty)
   * @return the features (NaN where undefined)
   * @throws EcgArgumentException on the conditions of {@link #compute(double[], double)}, or
   *     when {@code rPeaks} is null, out of range or not strictly increasing
   */
  public static FeatureVector compute(double[] x, double fs, int[] rPeaks) {
    checkSignal(x, fs);
    if (rPeaks == null) {
      throw new EcgArgumentException("R peaks must not be null (use an empty array for none)");
    }
    for (int i = 0; i < rPeaks.length; i++) {
      if (rPeaks[i] < 0 || rPeaks[i] >= x.length || (i > 0 && rPeaks[i] <= rPeaks[i - 1])) {
        throw new EcgArgumentException("R peaks must be strictly increasing sample indices in [0, "
            + x.length + "); peak " + i + " is " + rPeaks[i]);
      }
    }
    return computeChecked(x, fs, rPeaks.clone());
  }

  private static void checkSignal(double[] x, double fs) {
    if (x == null) {
      throw new EcgArgumentException("signal must not be null");
    }
    if (x.length == 0) {
      throw new EcgArgumentException("signal is empty");
    }
    if (!(fs > 0) || Double.isInfinite(fs)) {
      throw new EcgArgumentException("sampling rate must be finite and positive, got " + fs);
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new EcgArgumentException("sample " + i + " is " + x[i]
            + "; features need finite samples (interpolate or cut missing stretches first)");
      }
    }
  }

  private static FeatureVector computeChecked(double[] x, double fs, int[] peaks) {
    Map<String, Double> v = new LinkedHashMap<>();
    for (String n : NAMES) {
      v.put(n, Double.NaN);
    }
    v.put("length_s", x.length / fs);
    v.put("n_beats", (double) peaks.length);
    double[] cleaned;
    try {
      cleaned = EcgCleaner.clean(x, fs, EcgCleaner.Preset.NEUROKIT_EXACT);
    } catch (RuntimeException e) {
      cleaned = x.clone();
    }
    double[] rr = new double[Math.max(0, peaks.length - 1)];
    for (int i = 0; i < rr.length; i++) {
      rr[i] = (peaks[i + 1] - peaks[i]) / fs * 1000.0;
    }
    guard(() -> rrFeatures(rr, v));
    if (peaks.length >= Hrv.MIN_PEAKS) {
      guard(() -> {
        HrvResult h = Hrv.time(peaks, fs).merge(Hrv.nonlinear(peaks, fs));
        for (String c : HRV_COLUMNS) {
          double d = h.has(c) ? h.get(c) : Double.NaN;
          v.put(c, Double.isFinite(d) ? d : Double.NaN);
        }
      });
    }
    final double[] c = cleaned;
    if (peaks.length >= 2) {
      guard(() -> delineation(c, peaks, fs, v));
      guard(() -> template(c, peaks, fs, rr, v));
    }
    guard(() -> spectrum(x, fs, v));
    guard(() -> {
      Zhao2018Quality.Result z = Zhao2018Quality.assess(c, peaks, fs);
      v.put("zhao_ksqi", z.kSqi());
      v.put("zhao_psqi", z.pSqi());
      v.put("zhao_bassqi", z.basSqi());
      v.put("zhao_level", switch (z.level()) {
        case EXCELLENT -> 2.0;
        case BARELY_ACCEPTABLE -> 1.0;
        case UNACCEPTABLE -> 0.0;
      });
    });
    guard(() -> {
      double[] q = AverageQrsQuality.compute(c, peaks, fs).beats();
      v.put("avgqrs_mean", mean(q));
      v.put("avgqrs_min", Arrays.stream(q).min().orElse(Double.NaN));
    });
    guard(() -> defects(x, fs, v));
    double[] s = x.clone();
    Arrays.sort(s);
    v.put("signal_range", quantile(s, 0.99) - quantile(s, 0.01));
    v.put("signal_sd", sd(x));
    double[] out = new double[NAMES.size()];
    for (int i = 0; i < out.length; i++) {
      double d = v.get(NAMES.get(i));
      out[i] = Double.isFinite(d) ? d : Double.NaN;
    }
    return new FeatureVector(NAMES, out);
  }

  private static void guard(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // the group stays NaN: undefined for this record
    }
  }

  // ---------------------------------------------------------------- RR and AF evidence

  static void rrFeatures(double[] rr, Map<String, Double> v) {
    int n = rr.length;
    if (n < 1) {
      return;
    }
    double[] s = rr.clone();
    Arrays.sort(s);
    double med = quantile(s, 0.5);
    double mean = mean(rr);
    v.put("hr_bpm", 60000.0 / mean);
    v.put("rr_median_ms", med);
    v.put("rr_iqr_ms", quantile(s, 0.75) - quantile(s, 0.25));
    v.put("rr_mean_ms", mean);
    v.put("rr_min_ms", s[0]);
    v.put("rr_max_ms", s[n - 1]);
    if (n < 2) {
      return;
    }
    v.put("rr_cv", sd(rr) / mean);
    v.put("rr_range_ratio", (s[n - 1] - s[0]) / med);
    double[] d = new double[n - 1];
    double sumAbs = 0;
    double sumSq = 0;
    int over50 = 0;
    int overRel = 0;
    for (int i = 0; i < d.length; i++) {
      d[i] = rr[i + 1] - rr[i];
      sumAbs += Math.abs(d[i]);
      sumSq += d[i] * d[i];
      if (Math.abs(d[i]) > 50) {
        over50++;
      }
      if (Math.abs(d[i]) > 0.1 * med) {
        overRel++;
      }
    }
    v.put("rr_nsd", sumAbs / d.length / mean);
    v.put("rr_nrmssd", Math.sqrt(sumSq / d.length) / mean);
    double[] ad = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      ad[i] = Math.abs(d[i]);
    }
    Arrays.sort(ad);
    v.put("rr_med_abs_diff_ratio", quantile(ad, 0.5) / med);
    v.put("rr_pdiff50", (double) over50 / d.length);
    v.put("rr_pdiff_rel10", (double) overRel / d.length);
    // Poincaré: SD1^2 = var(dRR)/2, SD2^2 = 2 var(RR) - var(dRR)/2 (Brennan et al. 2001)
    double vrr = variance(rr);
    double vd = variance(d);
    double sd1 = Math.sqrt(vd / 2);
    double sd2 = Math.sqrt(Math.max(0, 2 * vrr - vd / 2));
    v.put("rr_sd1_ms", sd1);
    v.put("rr_sd2_ms", sd2);
    v.put("rr_sd1_sd2", sd2 > 0 ? sd1 / sd2 : Double.NaN);
    int prem = 0;
    for (int i = 0; i + 1 < n; i++) {
      if (rr[i] < 0.85 * med && rr[i + 1] > 1.1 * med) {
        prem++;
      }
    }
    v.put("rr_premature_share", (double) prem / (n - 1));
    v.put("rr_p5_ratio", quantile(s, 0.05) / med);
    v.put("rr_p95_ratio", quantile(s, 0.95) / med);
    int lg = 0;
    int sh = 0;
    for (double e : rr) {
      lg += e > 1.4 * med ? 1 : 0;
      sh += e < 0.75 * med ? 1 : 0;
    }
    v.put("rr_long_share", (double) lg / n);
    v.put("rr_short_share", (double) sh / n);
    if (n >= 5) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = 0;
      for (int i = 0; i + 5 <= n; i++) {
        double m5 = 0;
        for (int k = i; k < i + 5; k++) {
          m5 += rr[k] / 5;
        }
        lo = Math.min(lo, 60000.0 / m5);
        hi = Math.max(hi, 60000.0 / m5);
      }
      v.put("hr_min_5beat_bpm", lo);
      v.put("hr_max_5beat_bpm", hi);
    }
    if (n >= 4) {
      v.put("rr_acf1", lag1(rr));
      v.put("drr_acf1", lag1(d));
      double a = mean(Arrays.copyOfRange(rr, 0, n / 2));
      double b = mean(Arrays.copyOfRange(rr, n / 2, n));
      v.put("hr_half_change", Math.abs(a - b) / mean);
    }
    if (n >= 3) {
      v.put("rr_tpr", turningPointRatio(rr));
    }
    if (n >= 4) {
      v.put("rr_sampen", sampleEntropy(rr, 2, 0.2 * Math.sqrt(vrr)));
      v.put("rr_cosen", cosen(rr));
    }
  }

  /** Lag-1 autocorrelation {@code sum (x_i - m)(x_{i+1} - m) / sum (x_i - m)^2}; NaN if constant. */
  static double lag1(double[] x) {
    double m = mean(x);
    double num = 0;
    double den = 0;
    for (int i = 0; i < x.length; i++) {
      den += (x[i] - m) * (x[i] - m);
      if (i + 1 < x.length) {
        num += (x[i] - m) * (x[i + 1] - m);
      }
    }
    return den > 0 ? num / den : Double.NaN;
  }

  /**
   * Share of interior points that are a strict local maximum or minimum: {@code count(i in
   * 1..n-2 : (r[i]-r[i-1])(r[i+1]-r[i]) < 0) / (n-2)}. About 2/3 for independent random
   * intervals, 0 for a constant or monotone series (Dash et al. 2009 use the same count).
   *
   * @param r a series of at least 3 values
   * @return the ratio in [0, 1]
   */
  static double turningPointRatio(double[] r) {
    int t = 0;
    for (int i = 1; i + 1 < r.length; i++) {
      if ((r[i] - r[i - 1]) * (r[i + 1] - r[i]) < 0) {
        t++;
      }
    }
    return (double) t / (r.length - 2);
  }

  /**
   * Sample entropy (Richman and Moorman 2000): {@code -ln(A/B)} with B the pairs of length-m
   * templates and A the pairs of length-(m+1) templates within Chebyshev distance {@code r}, over
   * the first {@code n-m} templates, self-matches excluded.
   *
   * @return the entropy; +infinity when {@code A = 0 < B}, NaN when {@code B = 0}
   */
  static double sampleEntropy(double[] x, int m, double r) {
    long[] ab = matches(x, m, r);
    if (ab[1] == 0) {
      return Double.NaN;
    }
    return -Math.log((double) ab[0] / ab[1]);
  }

  /** @return {A, B}: (m+1)- and m-matching pairs */
  private static long[] matches(double[] x, int m, double r) {
    int n = x.length;
    long a = 0;
    long b = 0;
    for (int i = 0; i < n - m; i++) {
      for (int j = i + 1; j < n - m; j++) {
        boolean ok = true;
        for (int k = 0; k < m && ok; k++) {
          ok = Math.abs(x[i + k] - x[j + k]) <= r;
        }
        if (ok) {
          b++;
          if (Math.abs(x[i + m] - x[j + m]) <= r) {
            a++;
          }
        }
      }
    }
    return new long[] {a, b};
  }

  /**
   * Coefficient of sample entropy (Lake and Moorman 2011): {@code SampEn(m=1, r) + ln(2r) -
   * ln(mean RR)} with {@code r} and the mean in the same unit; {@code r} starts at 30 ms and grows
   * by 10 ms until at least {@value #COSEN_MIN_MATCHES} (m+1)-matches are found (at most 500 ms).
   *
   * @param rrMs RR intervals in ms, at least 4
   * @return COSEn (NaN when no radius up to 500 ms finds enough matches)
   */
  static double cosen(double[] rrMs) {
    double r = COSEN_R0 * 1000;
    while (r <= 500) {
      long[] ab = matches(rrMs, 1, r);
      if (ab[0] >= COSEN_MIN_MATCHES && ab[1] > 0) {
        double se = -Math.log((double) ab[0] / ab[1]);
        return se + Math.log(2 * r) - Math.log(mean(rrMs));
      }
      r += 10;
    }
    return Double.NaN;
  }

  // ---------------------------------------------------------------- delineation

  private static void delineation(double[] c, int[] peaks, double fs, Map<String, Double> v) {
    Delineation d = DwtDelineator.delineateLong(c, peaks, fs,
        DwtDelineator.DEFAULT_CHUNK_SECONDS);
    v.put("p_presence", (double) d.count(Wave.P_PEAK) / d.beats());
    BeatIntervals b = d.intervals();
    v.put("pr_median_ms", b.medianPrMs());
    v.put("qrs_median_ms", b.medianQrsMs());
    v.put("qt_median_ms", b.medianQtMs());
    v.put("qtc_bazett_median_ms", b.medianQtcBazettMs());
    v.put("pr_iqr_ms", iqr(b.prMs()));
    v.put("qrs_iqr_ms", iqr(b.qrsMs()));
    int[] pp = d.points(Wave.P_PEAK);
    int[] po = d.points(Wave.P_ONSET);
    List<Double> amps = new ArrayList<>();
    for (int i = 0; i < pp.length; i++) {
      if (pp[i] != Delineation.ABSENT && po[i] != Delineation.ABSENT) {
        amps.add(c[pp[i]] - c[po[i]]);
      }
    }
    if (!amps.isEmpty()) {
      double[] a = amps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      v.put("p_amp_median", quantile(a, 0.5));
    }
  }

  /** Interquartile range of the finite values; NaN when none. */
  static double iqr(double[] x) {
    double[] f = Arrays.stream(x).filter(Double::isFinite).sorted().toArray();
    return f.length == 0 ? Double.NaN : quantile(f, 0.75) - quantile(f, 0.25);
  }

  // ---------------------------------------------------------------- beat template

  private static void template(double[] c, int[] peaks, double fs, double[] rr,
      Map<String, Double> v) {
    int pre = (int) Math.round(TEMPLATE_PRE_S * fs);
    int post = (int) Math.round(TEMPLATE_POST_S * fs);
    int len = pre + post + 1;
    List<double[]> beats = new ArrayList<>();
    List<Integer> where = new ArrayList<>();
    for (int i = 0; i < peaks.length; i++) {
      int p = peaks[i];
      if (p - pre >= 0 && p + post < c.length) {
        beats.add(Arrays.copyOfRange(c, p - pre, p + post + 1));
        where.add(i);
      }
    }
    if (beats.size() < 2) {
      return;
    }
    int nb = beats.size();
    double[] tpl = new double[len];
    double[] col = new double[nb];
    for (int k = 0; k < len; k++) {
      for (int b = 0; b < nb; b++) {
        col[b] = beats.get(b)[k];
      }
      Arrays.sort(col);
      tpl[k] = quantile(col, 0.5);
    }
    double[] corr = new double[nb];
    int low = 0;
    for (int b = 0; b < nb; b++) {
      corr[b] = pearson(beats.get(b), tpl);
      if (!(corr[b] >= LOW_CORRELATION)) {
        low++;
      }
    }
    double[] sc = corr.clone();
    Arrays.sort(sc);
    v.put("tpl_corr_mean", mean(corr));
    v.put("tpl_corr_min", sc[0]);
    v.put("tpl_corr_p10", quantile(sc, 0.1));
    v.put("tpl_low_corr_share", (double) low / nb);
    double[] st = tpl.clone();
    Arrays.sort(st);
    double base = quantile(st, 0.5);
    double rAmp = tpl[pre] - base;
    v.put("tpl_r_amp", rAmp);
    int s80 = Math.min(len - 1, pre + (int) Math.round(0.08 * fs));
    double smin = Double.POSITIVE_INFINITY;
    for (int k = pre; k <= s80; k++) {
      smin = Math.min(smin, tpl[k] - base);
    }
    v.put("tpl_s_amp", smin);
    int w = (int) Math.round(0.1 * fs);
    double peakAbs = 0;
    for (int k = pre - w; k <= pre + w; k++) {
      peakAbs = Math.max(peakAbs, Math.abs(tpl[k] - base));
    }
    if (peakAbs > 0) {
      double thr = 0.3 * peakAbs;
      int lo = pre;
      int hi = pre;
      for (int k = pre - w; k <= pre + w; k++) {
        if (Math.abs(tpl[k] - base) > thr) {
          lo = Math.min(lo, k);
          hi = Math.max(hi, k);
        }
      }
      v.put("tpl_qrs_width_ms", (hi - lo + 1) / fs * 1000.0);
    }
    double[] srr = rr.clone();
    Arrays.sort(srr);
    double medRr = srr.length > 0 ? quantile(srr, 0.5) / 1000.0 : 1.0;
    int t0 = pre + (int) Math.round(0.1 * fs);
    int t1 = Math.min(len - 1, pre + (int) Math.round(Math.min(0.4, 0.6 * medRr) * fs));
    int tIdx = -1;
    for (int k = t0; k <= t1; k++) {
      if (tIdx < 0 || Math.abs(tpl[k] - base) > Math.abs(tpl[tIdx] - base)) {
        tIdx = k;
      }
    }
    if (tIdx >= 0) {
      v.put("tpl_t_amp", tpl[tIdx] - base);
    }
    int p0 = 0;
    int p1 = pre - (int) Math.round(0.08 * fs);
    double pMax = Double.NEGATIVE_INFINITY;
    for (int k = p0; k <= p1; k++) {
      pMax = Math.max(pMax, tpl[k] - base);
    }
    v.put("tpl_p_amp", pMax);
    // isoelectric level: mean of the PR segment, 90 to 50 ms before R
    int i0 = pre - (int) Math.round(0.09 * fs);
    int i1 = pre - (int) Math.round(0.05 * fs);
    double iso = 0;
    for (int k = i0; k <= i1; k++) {
      iso += tpl[k] / (i1 - i0 + 1);
    }
    int j0 = pre + (int) Math.round(0.06 * fs);
    int j1 = pre + (int) Math.round(0.1 * fs);
    double stLevel = 0;
    for (int k = j0; k <= j1; k++) {
      stLevel += tpl[k] / (j1 - j0 + 1);
    }
    v.put("tpl_st_level", stLevel - iso);
    if (tIdx >= 0 && rAmp != 0) {
      v.put("tpl_t_r_ratio", (tpl[tIdx] - base) / Math.abs(rAmp));
    }
    int q = (int) Math.round(0.06 * fs);
    double area = 0;
    for (int k = pre - q; k <= pre + q; k++) {
      area += Math.abs(tpl[k] - iso) / fs;
    }
    v.put("tpl_qrs_area", area);
    double[] ra = new double[nb];
    double[] ta = new double[nb];
    for (int b = 0; b < nb; b++) {
      double[] bt = beats.get(b).clone();
      double[] sb = bt.clone();
      Arrays.sort(sb);
      double bb = quantile(sb, 0.5);
      ra[b] = bt[pre] - bb;
      ta[b] = tIdx >= 0 ? bt[tIdx] - bb : Double.NaN;
    }
    v.put("r_amp_cv", sd(ra) / Math.abs(mean(ra)));
    v.put("t_amp_cv", sd(ta) / Math.abs(mean(ta)));
    // ectopic evidence: a premature beat (RR before it < 0.85 median) unlike the template
    double medMs = medRr * 1000;
    int ect = 0;
    for (int b = 0; b < nb; b++) {
      int i = where.get(b);
      if (i > 0 && rr[i - 1] < 0.85 * medMs && corr[b] < 0.9) {
        ect++;
      }
    }
    v.put("ectopic_share", (double) ect / nb);
    residual(c, peaks, fs, tpl, pre, rAmp, v);
  }

  /**
   * Atrial activity left after QRST cancellation: the template is subtracted over each beat's
   * QRS-T span (100 ms before R to 450 ms after it, or 70 % of the next RR when shorter); the
   * residual between the first and last beat is summarised by its RMS relative to the template
   * R amplitude and by the share of its 1-40 Hz power in the 4-10 Hz band of fibrillatory waves
   * (average beat subtraction: Slocum et al. 1992; Stridh and Sörnmo 2001).
   */
  private static void residual(double[] c, int[] peaks, double fs, double[] tpl, int pre,
      double rAmp, Map<String, Double> v) {
    int first = peaks[0];
    int last = peaks[peaks.length - 1];
    if (last - first < (int) Math.round(4 * fs)) {
      return;
    }
    double[] r = Arrays.copyOfRange(c, first, last + 1);
    int before = (int) Math.round(0.1 * fs);
    for (int i = 0; i < peaks.length; i++) {
      int p = peaks[i];
      int next = i + 1 < peaks.length ? peaks[i + 1] - p : Integer.MAX_VALUE;
      int after = (int) Math.min(Math.round(0.45 * fs), Math.round(0.7 * next));
      for (int k = -before; k <= after; k++) {
        int ti = pre + k;
        int xi = p + k - first;
        if (ti >= 0 && ti < tpl.length && xi >= 0 && xi < r.length) {
          r[xi] = c[p + k] - tpl[ti];
        }
      }
    }
    double m = mean(r);
    double ss = 0;
    for (int i = 0; i < r.length; i++) {
      r[i] -= m;
      ss += r[i] * r[i];
    }
    v.put("resid_rms_ratio", Math.sqrt(ss / r.length) / Math.abs(rAmp));
    int nper = Math.min(r.length, (int) Math.round(4 * fs));
    Welch.Psd p = Welch.psd(r, fs, Window.HANN, nper, nper / 2, nper);
    double tot = 0;
    double af = 0;
    int pk = -1;
    double[] f = p.frequencies();
    double[] d = p.psd();
    for (int i = 0; i < f.length; i++) {
      if (f[i] >= 1 && f[i] < 40) {
        tot += d[i];
        if (f[i] >= 4 && f[i] < 10) {
          af += d[i];
          if (pk < 0 || d[i] > d[pk]) {
            pk = i;
          }
        }
      }
    }
    if (tot > 0) {
      v.put("resid_af_band_frac", af / tot);
      v.put("resid_peak_hz", f[pk]);
    }
  }

  // ---------------------------------------------------------------- spectrum

  private static void spectrum(double[] x, double fs, Map<String, Double> v) {
    int nper = Math.min(x.length, (int) Math.round(4 * fs));
    if (nper < 16) {
      return;
    }
    double m = mean(x);
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = x[i] - m;
    }
    Welch.Psd p = Welch.psd(y, fs, Window.HANN, nper, nper / 2, nper);
    double[] f = p.frequencies();
    double[] s = p.psd();
    double hiEdge = Math.min(BANDS[BANDS.length - 1], fs / 2);
    double total = 0;
    for (int i = 0; i < f.length; i++) {
      if (f[i] >= BANDS[0] && f[i] < hiEdge) {
        total += s[i];
      }
    }
    if (!(total > 0)) {
      return;
    }
    for (int b = 0; b + 1 < BANDS.length; b++) {
      double acc = 0;
      for (int i = 0; i < f.length; i++) {
        if (f[i] >= BANDS[b] && f[i] < Math.min(BANDS[b + 1], hiEdge)) {
          acc += s[i];
        }
      }
      v.put("spec_frac_" + fmt(BANDS[b]) + "_" + fmt(BANDS[b + 1]), acc / total);
    }
    double h = 0;
    int bins = 0;
    int peak = -1;
    for (int i = 0; i < f.length; i++) {
      if (f[i] >= BANDS[0] && f[i] < hiEdge) {
        bins++;
        double q = s[i] / total;
        if (q > 0) {
          h -= q * Math.log(q);
        }
        if (peak < 0 || s[i] > s[peak]) {
          peak = i;
        }
      }
    }
    v.put("spec_entropy", bins > 1 ? h / Math.log(bins) : Double.NaN);
    v.put("spec_peak_hz", f[peak]);
  }

  // ---------------------------------------------------------------- defects

  private static void defects(double[] x, double fs, Map<String, Double> v) {
    List<SignalDefects.Defect> ds = SignalDefects.detect(x, fs);
    boolean[] any = new boolean[x.length];
    double[] per = new double[SignalDefects.Kind.values().length];
    for (SignalDefects.Defect d : ds) {
      per[d.kind().ordinal()] += d.length();
      for (int i = d.start(); i < d.end(); i++) {
        any[i] = true;
      }
    }
    int a = 0;
    for (boolean b : any) {
      a += b ? 1 : 0;
    }
    v.put("defect_flat_frac", per[SignalDefects.Kind.FLAT_LINE.ordinal()] / x.length);
    v.put("defect_saturation_frac", per[SignalDefects.Kind.SATURATION.ordinal()] / x.length);
    v.put("defect_leadoff_frac", per[SignalDefects.Kind.LEAD_OFF.ordinal()] / x.length);
    v.put("defect_any_frac", (double) a / x.length);
  }

  // ---------------------------------------------------------------- small statistics

  static double mean(double[] x) {
    double s = 0;
    for (double d : x) {
      s += d;
    }
    return s / x.length;
  }

  /** Population variance (divisor n). */
  static double variance(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double d : x) {
      s += (d - m) * (d - m);
    }
    return s / x.length;
  }

  /** Sample standard deviation (divisor n - 1); NaN for fewer than 2 values. */
  static double sd(double[] x) {
    if (x.length < 2) {
      return Double.NaN;
    }
    return Math.sqrt(variance(x) * x.length / (x.length - 1));
  }

  /** Linear-interpolation quantile of sorted values (NumPy's default). */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    if (i + 1 >= sorted.length) {
      return sorted[sorted.length - 1];
    }
    return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
  }

  static double pearson(double[] a, double[] b) {
    double ma = mean(a);
    double mb = mean(b);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
  }
}
