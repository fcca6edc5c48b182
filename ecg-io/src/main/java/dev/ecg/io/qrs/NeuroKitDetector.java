package dev.ecg.io.qrs;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.dsp.EcgCleaner;
import java.util.Arrays;

/**
 * NeuroKit2's default R-peak detector, {@code nk.ecg_peaks(cleaned, sampling_rate=fs,
 * method="neurokit")} with {@code correct_artifacts=False}, reproduced exactly (D. Makowski, T.
 * Pham, Z. J. Lau, J. C. Brammer, F. Lespinasse, H. Pham, C. Schölzel and S. H. A. Chen,
 * "NeuroKit2: A Python toolbox for neurophysiological signal processing", Behavior Research
 * Methods 53:1689-1696, 2021). QRS complexes are found where the smoothed absolute gradient of
 * the cleaned ECG rises well above its slower running average; the R peak is the most prominent
 * local maximum of the ECG inside each complex.
 *
 * <h2>Steps ({@link #findPeaks} on a cleaned signal)</h2>
 *
 * <ol>
 *   <li>{@code g = |gradient(x)|}: central differences {@code (x[i+1] - x[i-1]) / 2} inside,
 *       one-sided differences at the two ends (NumPy's {@code gradient}).
 *   <li>{@code smooth} = boxcar mean of {@code g} over {@code rint(0.1 fs)} samples, {@code avg}
 *       = boxcar mean of {@code smooth} over {@code rint(0.75 fs)} samples; the boxcar is
 *       SciPy's {@code uniform_filter1d(mode="nearest")} (edge samples repeated, the window of an
 *       even size {@code s} covers {@code s/2} samples before and {@code s/2 - 1} after), with
 *       its running-sum arithmetic.
 *   <li>A sample belongs to a QRS when {@code smooth > 1.5 avg}. A complex runs from the sample
 *       before a rising edge ({@code b}) to the last sample above threshold ({@code e}); falling
 *       edges before the first rising edge are dropped.
 *   <li>Complexes shorter than {@code 0.4 * mean(e - b)} are skipped.
 *   <li>In each kept complex, the peak is {@code b +} the local maximum of {@code x[b, e)} with
 *       the largest topographic prominence (SciPy's {@code find_peaks} and
 *       {@code peak_prominences}: flat tops count once, at their middle; the first of equal
 *       prominences wins).
 *   <li>A peak is kept only when it lies more than {@code rint(0.3 fs)} samples after the last
 *       kept peak, starting from a virtual peak at sample 0 (so no peak is reported in the
 *       first 0.3 s).
 * </ol>
 *
 * <p>{@link #detect} first cleans the raw signal with {@link EcgCleaner.Preset#NEUROKIT_EXACT}
 * (as {@code nk.ecg_process} does), so {@code detect(raw, fs)} equals NeuroKit2's
 * {@code ecg_peaks(ecg_clean(raw))}. On MIT-BIH records 100 and 119 (first 60 s) both equal
 * NeuroKit2's peaks exactly. Departure from NeuroKit2, for the {@link QrsDetector} contract only:
 * runs of NaN are bridged by linear interpolation before cleaning and peaks falling on a bridged
 * sample are dropped (NeuroKit2 would propagate the NaN).
 *
 * <p>Instances are immutable and thread-safe; time and memory are linear in the signal length.
 */
public final class NeuroKitDetector implements QrsDetector {
  private final double mainsHz;

  private NeuroKitDetector(double mainsHz) {
    this.mainsHz = mainsHz;
  }

  /** @return the detector with NeuroKit2's defaults (cleaning with 50 Hz power-line smoothing) */
  public static NeuroKitDetector create() {
    return new NeuroKitDetector(50.0);
  }

  /**
   * @param hz the {@code powerline} argument of {@code ecg_clean}, in Hz, finite and {@code > 0}
   * @return a detector whose cleaning smooths over {@code int(fs / hz)} samples
   * @throws EcgArgumentException if {@code hz} is not finite and positive
   */
  public NeuroKitDetector withMainsHz(double hz) {
    if (!(hz > 0) || Double.isInfinite(hz)) {
      throw new EcgArgumentException("mains frequency must be finite and > 0, got " + hz);
    }
    return new NeuroKitDetector(hz);
  }

  /**
   * Cleans the raw lead ({@link EcgCleaner.Preset#NEUROKIT_EXACT}) and detects its R peaks with
   * {@link #findPeaks}.
   *
   * @param x raw samples of one lead in mV; NaN marks invalid samples
   * @param fs sampling rate in Hz
   * @return R-peak sample indices, strictly increasing
   * @throws InvalidSignalException if {@code fs} is not finite and positive, {@code x} is empty,
   *     all NaN or holds an infinite sample, or is shorter than {@code rint(0.75 fs)} samples or
   *     the cleaning filters' edge padding
   */
  @Override
  public int[] detect(double[] x, double fs) {
    SignalChecks.checkRate(fs);
    SignalChecks.checkSignal(x, "signal");
    boolean[] invalid = new boolean[x.length];
    double[] s = SignalChecks.bridgeNaN(x, invalid);
    double[] cleaned;
    try {
      cleaned = EcgCleaner.of(EcgCleaner.Preset.NEUROKIT_EXACT).withMainsHz(mainsHz).clean(s, fs);
    } catch (EcgArgumentException e) {
      throw new InvalidSignalException("cannot clean the signal for NeuroKit peak detection: "
          + e.getMessage());
    }
    int[] peaks = findPeaks(cleaned, fs);
    int m = 0;
    for (int p : peaks) {
      if (!invalid[p]) {
        peaks[m++] = p;
      }
    }
    return Arrays.copyOf(peaks, m);
  }

  /**
   * NeuroKit2's {@code ecg_findpeaks(cleaned, sampling_rate=fs, method="neurokit")} on a signal
   * that is already cleaned (high-passed at 0.5 Hz), with its default parameters (smoothing
   * 0.1 s, average 0.75 s, threshold weight 1.5, minimum length weight 0.4, minimum delay
   * 0.3 s).
   *
   * @param cleaned the cleaned lead, finite
   * @param fs sampling rate in Hz
   * @return R-peak sample indices, strictly increasing; empty when no complex is found
   * @throws InvalidSignalException if {@code fs} is not finite and positive, a sample is not
   *     finite, or the signal is shorter than {@code rint(0.75 fs)} samples (NeuroKit2's
   *     smoothing refuses a window longer than the signal)
   */
  public static int[] findPeaks(double[] cleaned, double fs) {
    SignalChecks.checkRate(fs);
    if (cleaned == null) {
      throw new InvalidSignalException("cleaned signal is null");
    }
    for (int i = 0; i < cleaned.length; i++) {
      if (!Double.isFinite(cleaned[i])) {
        throw new InvalidSignalException("cleaned signal has a non-finite sample " + cleaned[i]
            + " at index " + i);
      }
    }
    final int n = cleaned.length;
    int smoothSize = (int) Math.rint(0.1 * fs);
    int avgSize = (int) Math.rint(0.75 * fs);
    int minDelay = (int) Math.rint(fs * 0.3);
    if (smoothSize < 1 || avgSize < 1 || avgSize > n || n < 2) {
      throw new InvalidSignalException("NeuroKit peak detection needs at least rint(0.75 fs) = "
          + Math.max(2, avgSize) + " samples and fs >= 5 Hz, got " + n + " samples at " + fs
          + " Hz");
    }
    double[] g = new double[n];
    g[0] = Math.abs((cleaned[1] - cleaned[0]) / 1.0);
    g[n - 1] = Math.abs((cleaned[n - 1] - cleaned[n - 2]) / 1.0);
    for (int i = 1; i < n - 1; i++) {
      g[i] = Math.abs((cleaned[i + 1] - cleaned[i - 1]) / 2.0);
    }
    double[] smooth = uniformFilterNearest(g, smoothSize);
    double[] avg = uniformFilterNearest(smooth, avgSize);
    boolean[] qrs = new boolean[n];
    for (int i = 0; i < n; i++) {
      qrs[i] = smooth[i] > 1.5 * avg[i];
    }
    int[] beg = new int[n];
    int[] end = new int[n];
    int nb = 0, ne = 0;
    for (int i = 0; i < n - 1; i++) {
      if (!qrs[i] && qrs[i + 1]) {
        beg[nb++] = i;
      }
      if (qrs[i] && !qrs[i + 1]) {
        end[ne++] = i;
      }
    }
    if (nb == 0) {
      return new int[0];
    }
    int drop = 0;
    while (drop < ne && end[drop] <= beg[0]) {
      drop++;
    }
    int numQrs = Math.min(nb, ne - drop);
    if (numQrs <= 0) {
      return new int[0];
    }
    long total = 0;
    for (int i = 0; i < numQrs; i++) {
      total += end[drop + i] - beg[i];
    }
    double minLen = ((double) total / numQrs) * 0.4;
    int[] peaks = new int[numQrs];
    int np = 0;
    int last = 0;
    for (int i = 0; i < numQrs; i++) {
      int b = beg[i];
      int e = end[drop + i];
      if (e - b < minLen) {
        continue;
      }
      int best = mostProminentPeak(cleaned, b, e);
      if (best >= 0) {
        int peak = b + best;
        if (peak - last > minDelay) {
          peaks[np++] = peak;
          last = peak;
        }
      }
    }
    return Arrays.copyOf(peaks, np);
  }

  /**
   * {@code scipy.ndimage.uniform_filter1d(x, size, mode="nearest")} with SciPy's running-sum
   * arithmetic: output {@code i} averages {@code x[i - size/2 .. i + size - size/2 - 1]}, edges
   * repeated.
   */
  static double[] uniformFilterNearest(double[] x, int size) {
    final int n = x.length;
    int left = size / 2;
    int right = size - left - 1;
    double[] line = new double[n + left + right];
    for (int i = 0; i < line.length; i++) {
      int j = i - left;
      line[i] = x[j < 0 ? 0 : j >= n ? n - 1 : j];
    }
    double[] out = new double[n];
    double tmp = 0.0;
    for (int i = 0; i < size; i++) {
      tmp += line[i];
    }
    tmp /= size;
    out[0] = tmp;
    for (int i = 1; i < n; i++) {
      tmp += (line[i + size - 1] - line[i - 1]) / (double) size;
      out[i] = tmp;
    }
    return out;
  }

  /**
   * Index (relative to {@code lo}) of the local maximum of {@code x[lo, hi)} with the largest
   * prominence, or -1 when the slice has none; SciPy's plateau and prominence rules.
   */
  static int mostProminentPeak(double[] x, int lo, int hi) {
    int len = hi - lo;
    int best = -1;
    double bestProm = Double.NEGATIVE_INFINITY;
    int i = 1;
    int iMax = len - 1;
    while (i < iMax) {
      if (x[lo + i - 1] < x[lo + i]) {
        int ahead = i + 1;
        while (ahead < iMax && x[lo + ahead] == x[lo + i]) {
          ahead++;
        }
        if (x[lo + ahead] < x[lo + i]) {
          int peak = (i + ahead - 1) / 2;
          double prom = prominence(x, lo, len, peak);
          if (prom > bestProm) {
            bestProm = prom;
            best = peak;
          }
          i = ahead;
        }
      }
      i++;
    }
    return best;
  }

  private static double prominence(double[] x, int lo, int len, int peak) {
    double h = x[lo + peak];
    double leftMin = h;
    for (int i = peak; i >= 0 && x[lo + i] <= h; i--) {
      leftMin = Math.min(leftMin, x[lo + i]);
    }
    double rightMin = h;
    for (int i = peak; i < len && x[lo + i] <= h; i++) {
      rightMin = Math.min(rightMin, x[lo + i]);
    }
    return h - Math.max(leftMin, rightMin);
  }

  @Override
  public String toString() {
    return "NeuroKitDetector[NeuroKit2 ecg_peaks method=neurokit, clean NEUROKIT_EXACT mains="
        + mainsHz + " Hz]";
  }
}
