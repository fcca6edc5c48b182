package dev.ecg.io.quality;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.dsp.EcgCleaner;
import dev.ecg.io.qrs.NeuroKitDetector;
import dev.ecg.io.qrs.PanTompkins;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One verdict on a lead, usable or not, with the reasons, so that a classifier can abstain
 * instead of labelling noise. It combines {@link SignalDefects} on the raw samples with
 * {@link Zhao2018Quality} on the signal cleaned by {@link EcgCleaner.Preset#NEUROKIT_EXACT}.
 *
 * <p>The lead is <b>unusable</b> when any of these holds (each adds a reason):
 *
 * <ul>
 *   <li>a {@link SignalDefects.Kind#LEAD_OFF} or {@link SignalDefects.Kind#FLAT_LINE} interval;
 *   <li>saturated and missing samples together exceed {@link #MAX_DAMAGED_FRACTION} of the lead;
 *   <li>fewer than {@link #MIN_BEATS} R peaks;
 *   <li>the Zhao et al. (2018) verdict is {@link Zhao2018Quality.Level#UNACCEPTABLE};
 *   <li>its kurtosis index kSQI is unqualified ({@code <= 5}): the lead lacks the sharp,
 *       sparse QRS peaks of an ECG. This rule is ours, not the paper's: Zhao's fusion rates
 *       low-pass filtered white noise "barely acceptable" (pSQI and basSQI optimal after
 *       cleaning), which must not reach a classifier.
 * </ul>
 *
 * A {@link Zhao2018Quality.Level#BARELY_ACCEPTABLE} verdict or a little clipping leaves the lead
 * usable with a warning. NaN samples are bridged by linear interpolation before cleaning.
 */
public final class SignalQuality {
  /** Largest share of saturated plus missing samples in a usable lead. */
  public static final double MAX_DAMAGED_FRACTION = 0.05;
  /**
   * Least detector agreement (bSQI) of a readable lead, 0.35: 10 s of Gaussian noise scored at
   * most 0.30 in our checks, while 10 s MIT-BIH stretches fall below it mainly in record 108's
   * noise and 207's ventricular flutter (docs/quality-and-peaks.md).
   */
  public static final double MIN_AGREEMENT = 0.35;
  /** Fewest R peaks in a usable lead. */
  public static final int MIN_BEATS = 2;
  /**
   * Sampling rate at or below which only the defects are judged, in Hz: the Zhao et al. (2018)
   * indices use power up to 40 Hz.
   */
  public static final double SPECTRAL_MIN_FS = 80.0;
  /** Shortest lead assessed, in seconds (the Welch spectrum needs a few seconds). */
  public static final double MIN_SECONDS = 2.0;

  private SignalQuality() {}

  /**
   * The verdict.
   *
   * @param usable whether a classifier may use the lead: no reason at all (the strict verdict,
   *     Zhao 2018 included)
   * @param reasons why it is unusable (empty when usable)
   * @param warnings concerns that do not make it unusable
   * @param defects the intervals found by {@link SignalDefects}
   * @param zhao the Zhao et al. (2018) indices and level, on the cleaned lead (null when not
   *     computed)
   * @param beats number of R peaks used
   * @param severe the reasons that make the lead unreadable whatever its spectrum: defects (lead
   *     off, flat line, too many saturated or missing samples), too few beats, or QRS detectors
   *     that disagree ({@link BeatAgreement}, bSQI below {@link #MIN_AGREEMENT}: noise); a
   *     subset of {@code reasons}
   * @param beatCoherence {@link BeatCoherence#median} of the lead (how alike its QRS complexes
   *     are; low in noise and in ventricular flutter), NaN when not computed; informative only
   * @param agreement bSQI of {@link NeuroKitDetector} against {@link PanTompkins} on the raw
   *     lead, NaN when not computed
   */
  public record Assessment(boolean usable, List<String> reasons, List<String> warnings,
      List<SignalDefects.Defect> defects, Zhao2018Quality.Result zhao, int beats,
      List<String> severe, double beatCoherence, double agreement) {
    /** Immutable copies. */
    public Assessment {
      reasons = List.copyOf(reasons);
      warnings = List.copyOf(warnings);
      defects = List.copyOf(defects);
      severe = List.copyOf(severe);
    }

    /**
     * @return whether the lead holds a readable ECG: no {@link #severe} reason. Zhao's fixed
     *     thresholds call many clinically clean 10 s stretches unacceptable (wide QRS complexes,
     *     some baseline wander: MIT-BIH 212 and 113 in docs/quality-and-peaks.md); this weaker
     *     verdict is what a beat classifier should abstain on.
     */
    public boolean readable() {
      return severe.isEmpty();
    }
  }

  /**
   * Assesses one raw lead; R peaks are detected with {@link NeuroKitDetector}.
   *
   * @param x raw samples in mV; NaN marks missing samples
   * @param fs sampling rate in Hz; at or below {@link #SPECTRAL_MIN_FS} only the defects are
   *     judged (a warning says so, {@code zhao()} is null and no beats are counted)
   * @return the verdict
   * @throws EcgArgumentException on the conditions of {@link #assess(double[], double, int[])}
   */
  public static Assessment assess(double[] x, double fs) {
    return assess(x, fs, null);
  }

  /**
   * Assesses one raw lead.
   *
   * @param x raw samples in mV; NaN marks missing samples
   * @param fs sampling rate in Hz; at or below {@link #SPECTRAL_MIN_FS} only the defects are
   *     judged (a warning says so, {@code zhao()} is null and no beats are counted)
   * @param peaks R-peak sample indices (strictly increasing, inside the lead), or null to detect
   *     them with {@link NeuroKitDetector}
   * @return the verdict
   * @throws EcgArgumentException if {@code fs} is not finite and positive, {@code x} is
   *     null, shorter than {@value #MIN_SECONDS} s, holds an infinite sample, or the peaks are
   *     invalid
   */
  public static Assessment assess(double[] x, double fs, int[] peaks) {
    QualityChecks.rate(fs);
    if (x == null) {
      throw new EcgArgumentException("signal must not be null");
    }
    if (x.length < MIN_SECONDS * fs) {
      throw new EcgArgumentException("signal quality needs at least " + MIN_SECONDS + " s ("
          + (int) Math.ceil(MIN_SECONDS * fs) + " samples), got " + x.length);
    }
    List<SignalDefects.Defect> defects = SignalDefects.detect(x, fs);
    List<String> reasons = new ArrayList<>();
    List<String> severe = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    long damaged = 0;
    boolean allNaN = true;
    boolean anyNaN = false;
    for (double v : x) {
      allNaN &= Double.isNaN(v);
      anyNaN |= Double.isNaN(v);
    }
    for (SignalDefects.Defect d : defects) {
      switch (d.kind()) {
        case LEAD_OFF, FLAT_LINE -> severe.add(String.format(Locale.ROOT,
            "%s from %.2f s to %.2f s",
            d.kind() == SignalDefects.Kind.LEAD_OFF ? "lead off" : "flat line",
            d.startSeconds(fs), d.endSeconds(fs)));
        default -> damaged += d.length();
      }
    }
    double frac = (double) damaged / x.length;
    if (frac > MAX_DAMAGED_FRACTION) {
      severe.add(String.format(Locale.ROOT, "%.1f %% of samples saturated or missing (limit "
          + "%.0f %%)", 100 * frac, 100 * MAX_DAMAGED_FRACTION));
    } else if (damaged > 0) {
      warnings.add(String.format(Locale.ROOT, "%.1f %% of samples saturated or missing",
          100 * frac));
    }
    if (allNaN) {
      severe.add("no valid sample");
      return new Assessment(false, severe, warnings, defects, null, 0, severe, Double.NaN,
          Double.NaN);
    }
    if (fs <= SPECTRAL_MIN_FS) {
      // Zhao's spectral indices reach 40 Hz: below 80 Hz only the defects can be judged
      warnings.add(String.format(Locale.ROOT, "at %.4g Hz only flat line, lead-off, saturation "
          + "and missing samples are judged (the spectral indices need more than %.0f Hz)", fs,
          SPECTRAL_MIN_FS));
      return new Assessment(severe.isEmpty(), severe, warnings, defects, null, 0, severe,
          Double.NaN, Double.NaN);
    }
    double[] bridged = bridge(x);
    double[] cleaned = EcgCleaner.of(EcgCleaner.Preset.NEUROKIT_EXACT).clean(bridged, fs);
    int[] p;
    if (peaks == null) {
      // without missing samples the detector would clean x exactly as above (same preset,
      // same 50 Hz mains): find the peaks on that signal instead of cleaning it twice
      p = anyNaN ? NeuroKitDetector.create().detect(x, fs) : NeuroKitDetector.findPeaks(cleaned,
          fs);
    } else {
      QualityChecks.peaks(peaks, x.length);
      p = peaks.clone();
    }
    if (p.length < MIN_BEATS) {
      severe.add("only " + p.length + " R peak(s) detected (need " + MIN_BEATS + ")");
    }
    double coherence = BeatCoherence.median(cleaned, p, fs);
    int[] own = peaks == null ? p : NeuroKitDetector.create().detect(x, fs);
    double agreement = BeatAgreement.bsqi(own, PanTompkins.create().detect(x, fs), fs);
    if (agreement < MIN_AGREEMENT) {
      severe.add(String.format(Locale.ROOT, "QRS detectors disagree (bSQI %.2f < %.2f, Li et al. "
          + "2008): noise, not beats", agreement, MIN_AGREEMENT));
    }
    reasons.addAll(severe);
    Zhao2018Quality.Result z = Zhao2018Quality.assess(cleaned, p, fs);
    if (z.level() == Zhao2018Quality.Level.UNACCEPTABLE) {
      reasons.add(String.format(Locale.ROOT, "Zhao 2018 quality unacceptable (kSQI %.2f, pSQI "
          + "%.3f, basSQI %.3f)", z.kSqi(), z.pSqi(), z.basSqi()));
    } else if (z.kClass() == Zhao2018Quality.IndexClass.UNQUALIFIED) {
      reasons.add(String.format(Locale.ROOT, "kurtosis kSQI %.2f <= 5: no QRS-like peaks",
          z.kSqi()));
    } else if (z.level() == Zhao2018Quality.Level.BARELY_ACCEPTABLE) {
      warnings.add(String.format(Locale.ROOT, "Zhao 2018 quality barely acceptable (kSQI %.2f, "
          + "pSQI %.3f, basSQI %.3f)", z.kSqi(), z.pSqi(), z.basSqi()));
    }
    return new Assessment(reasons.isEmpty(), reasons, warnings, defects, z, p.length, severe,
        coherence, agreement);
  }

  /** Linear interpolation across NaN runs, constant at the ends. */
  private static double[] bridge(double[] x) {
    double[] s = x.clone();
    int n = s.length;
    int i = 0;
    while (i < n) {
      if (!Double.isNaN(s[i])) {
        i++;
        continue;
      }
      int a = i;
      while (i < n && Double.isNaN(s[i])) {
        i++;
      }
      double left = a > 0 ? s[a - 1] : s[i];
      double right = i < n ? s[i] : left;
      for (int k = a; k < i; k++) {
        s[k] = left + (right - left) * (k - a + 1) / (i - a + 1);
      }
    }
    return s;
  }
}
