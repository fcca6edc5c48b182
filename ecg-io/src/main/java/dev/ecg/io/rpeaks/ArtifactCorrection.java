package dev.ecg.io.rpeaks;

import dev.ecg.core.EcgArgumentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Artefact and ectopic-beat detection and correction of an R-peak series by the method of J. A.
 * Lipponen and M. P. Tarvainen, "A robust algorithm for heart rate variability time series
 * artefact correction using novel beat classification", J Med Eng Technol 43(3):173-181, 2019
 * (the method of Kubios HRV), with the behaviour NeuroKit2 documents for
 * {@code signal_fixpeaks(peaks, sampling_rate, method="kubios", iterative=True)}.
 *
 * <p><b>Detection.</b> From the RR series {@code RR} (s; the first value set to the mean of the
 * others) the method builds {@code dRR} (successive differences, the first set to the mean of the
 * others) and {@code mRR = RR - medfilt(RR, 11)} (negative deviations doubled), each divided by a
 * time-varying threshold {@code alpha * QD}, where QD is the quartile deviation of its absolute
 * value over the surrounding 91 beats. Two subspaces classify a beat with {@code |dRR| > 1}:
 * <ul>
 *   <li><b>ectopic</b> when {@code (dRR > 1 and S12 < -c1 dRR - c2)} or
 *       {@code (dRR < -1 and S12 > -c1 dRR + c2)}, with {@code S12} the larger (for positive
 *       {@code dRR}) or smaller neighbouring {@code dRR};
 *   <li>otherwise, for the beat and (when {@code |dRR[i+1]| < |dRR[i+2]|}) the next one: a long
 *       beat ({@code dRR > 1, S22 < -1}), a short beat ({@code dRR < -1, S22 > 1}) or
 *       {@code |mRR| > 3} marks an artefact, which is <b>extra</b> when short and
 *       {@code |RR[j] + RR[j+1] - med| < Th2}, <b>missed</b> when long and
 *       {@code |RR[j]/2 - med| < Th2}, and <b>long/short</b> otherwise.
 * </ul>
 * Constants by default as in the paper: {@code c1 = 0.13}, {@code c2 = 0.17}, {@code alpha =
 * 5.2}, 91-beat threshold window, 11-beat median filter (zero-padded at the ends as
 * {@code scipy.signal.medfilt}). An artefact index {@code j} refers to the interval that ends at
 * peak {@code j}.
 *
 * <p><b>Correction.</b> Extra peaks are deleted, a missed peak is inserted half-way between its
 * neighbours, and ectopic and long/short peaks are moved half-way between their neighbours
 * (positions truncated to whole samples). As in NeuroKit2, peaks at index 0 and 1 (and the last
 * one, for moves) are never changed. With {@link Builder#optIterative iteration} (the default)
 * detection and correction repeat on the corrected series while the number of detections keeps
 * falling.
 *
 * <p><b>Departure from NeuroKit2.</b> When extra or missed peaks shift the indices of the other
 * detections, NeuroKit2 applies the shifts one source index at a time, which misses by one an
 * index that sits right after a second deleted peak; here each index moves by the number of
 * deleted (or inserted) peaks before it.
 *
 * <p>Time is {@code O(n * window)} per pass, memory {@code O(n)}. Instances are immutable and
 * thread-safe.
 */
public final class ArtifactCorrection {
  /** Fewest peaks accepted. */
  public static final int MIN_PEAKS = 4;

  private final double c1;
  private final double c2;
  private final double alpha;
  private final int window;
  private final int medfiltOrder;
  private final boolean iterative;

  private ArtifactCorrection(Builder b) {
    c1 = b.c1;
    c2 = b.c2;
    alpha = b.alpha;
    window = b.window;
    medfiltOrder = b.medfiltOrder;
    iterative = b.iterative;
  }

  /** @return a corrector with the paper's constants, iterating */
  public static ArtifactCorrection create() {
    return builder().build();
  }

  /** @return a builder with the paper's constants */
  public static Builder builder() {
    return new Builder();
  }

  /** Options; every {@code opt} has the paper's value as its default. */
  public static final class Builder {
    private double c1 = 0.13;
    private double c2 = 0.17;
    private double alpha = 5.2;
    private int window = 91;
    private int medfiltOrder = 11;
    private boolean iterative = true;

    private Builder() {}

    /**
     * @param c1 slope of the ectopic decision line in subspace S11-S12 (default 0.13), finite
     * @return this builder
     */
    public Builder optC1(double c1) {
      this.c1 = finite(c1, "c1");
      return this;
    }

    /**
     * @param c2 offset of the ectopic decision line (default 0.17), finite
     * @return this builder
     */
    public Builder optC2(double c2) {
      this.c2 = finite(c2, "c2");
      return this;
    }

    /**
     * @param alpha threshold multiple of the quartile deviation (default 5.2), &gt; 0
     * @return this builder
     */
    public Builder optAlpha(double alpha) {
      if (!(finite(alpha, "alpha") > 0)) {
        throw new EcgArgumentException("alpha must be > 0, got " + alpha);
      }
      this.alpha = alpha;
      return this;
    }

    /**
     * @param beats width of the centred threshold window in beats (default 91), &gt;= 1
     * @return this builder
     */
    public Builder optWindowWidth(int beats) {
      if (beats < 1) {
        throw new EcgArgumentException("window width must be >= 1 beat, got " + beats);
      }
      this.window = beats;
      return this;
    }

    /**
     * @param beats median filter length in beats (default 11), odd and &gt;= 1
     * @return this builder
     */
    public Builder optMedfiltOrder(int beats) {
      if (beats < 1 || beats % 2 == 0) {
        throw new EcgArgumentException("median filter order must be odd and >= 1, got " + beats);
      }
      this.medfiltOrder = beats;
      return this;
    }

    /**
     * @param iterative repeat while the number of detections falls (default true)
     * @return this builder
     */
    public Builder optIterative(boolean iterative) {
      this.iterative = iterative;
      return this;
    }

    /** @return the corrector */
    public ArtifactCorrection build() {
      return new ArtifactCorrection(this);
    }

    private static double finite(double v, String what) {
      if (!Double.isFinite(v)) {
        throw new EcgArgumentException(what + " must be finite, got " + v);
      }
      return v;
    }
  }

  /**
   * The detections of one pass: indices into the RR series of the peaks the pass ran on
   * (index {@code j} is the interval ending at peak {@code j}), ascending.
   *
   * @param ectopic ectopic beats
   * @param missed intervals with a missed beat inside
   * @param extra extra (false) beats
   * @param longShort long or short intervals that are none of the above
   */
  public record Artifacts(int[] ectopic, int[] missed, int[] extra, int[] longShort) {
    /**
     * Copies the arrays.
     *
     * @param ectopic ectopic beats
     * @param missed intervals with a missed beat inside
     * @param extra extra (false) beats
     * @param longShort long or short intervals that are none of the above
     */
    public Artifacts {
      ectopic = ectopic.clone();
      missed = missed.clone();
      extra = extra.clone();
      longShort = longShort.clone();
    }

    /** @return ectopic beats, ascending (a copy) */
    @Override
    public int[] ectopic() {
      return ectopic.clone();
    }

    /** @return intervals with a missed beat, ascending (a copy) */
    @Override
    public int[] missed() {
      return missed.clone();
    }

    /** @return extra beats, ascending (a copy) */
    @Override
    public int[] extra() {
      return extra.clone();
    }

    /** @return long or short intervals, ascending (a copy) */
    @Override
    public int[] longShort() {
      return longShort.clone();
    }

    /** @return the number of detections of all kinds */
    public int total() {
      return ectopic.length + missed.length + extra.length + longShort.length;
    }

    @Override
    public String toString() {
      return "Artifacts[ectopic=" + Arrays.toString(ectopic) + ", missed="
          + Arrays.toString(missed) + ", extra=" + Arrays.toString(extra) + ", longShort="
          + Arrays.toString(longShort) + "]";
    }
  }

  /**
   * The outcome of {@link #correct}.
   *
   * @param peaks the corrected peaks, ascending
   * @param firstPass what the first pass found in the input (indices into the input's RR series)
   * @param lastPass the detections of the last pass that was applied, what NeuroKit2 returns in
   *     its {@code info} (equal to {@code firstPass} when only one pass ran)
   * @param passes how many correction passes were applied (at least 1)
   */
  public record Result(int[] peaks, Artifacts firstPass, Artifacts lastPass, int passes) {
    /**
     * Copies the peaks.
     *
     * @param peaks the corrected peaks, ascending
     * @param firstPass what the first pass found in the input
     * @param lastPass the detections of the last pass that was applied
     * @param passes how many correction passes were applied
     */
    public Result {
      peaks = peaks.clone();
    }

    /** @return the corrected peaks, ascending (a copy) */
    @Override
    public int[] peaks() {
      return peaks.clone();
    }

    /** @return ectopic beats found in the input */
    public int ectopicCount() {
      return firstPass.ectopic.length;
    }

    /** @return missed beats found in the input */
    public int missedCount() {
      return firstPass.missed.length;
    }

    /** @return extra beats found in the input */
    public int extraCount() {
      return firstPass.extra.length;
    }

    /** @return long or short intervals found in the input */
    public int longShortCount() {
      return firstPass.longShort.length;
    }
  }

  /**
   * Detects and corrects artefacts.
   *
   * @param peaks R-peak sample indices, strictly increasing, at least {@link #MIN_PEAKS}
   * @param fs sampling rate in Hz, finite and positive
   * @return corrected peaks and what was found
   * @throws EcgArgumentException on too few or non-increasing peaks or a bad rate
   */
  public Result correct(int[] peaks, double fs) {
    check(peaks, fs);
    Artifacts first = detect(peaks, fs);
    Artifacts applied = first;
    int[] clean = apply(first, peaks);
    int passes = 1;
    if (iterative) {
      int current = first.total();
      while (clean.length >= MIN_PEAKS && strictlyIncreasing(clean)) {
        Artifacts next = detect(clean, fs);
        int previous = current;
        current = next.total();
        if (current >= previous) {
          break;
        }
        applied = next;
        clean = apply(next, clean);
        passes++;
      }
    }
    return new Result(clean, first, applied, passes);
  }

  /**
   * Detects artefacts without correcting them (one pass).
   *
   * @param peaks R-peak sample indices, strictly increasing, at least {@link #MIN_PEAKS}
   * @param fs sampling rate in Hz, finite and positive
   * @return the detections
   * @throws EcgArgumentException on too few or non-increasing peaks or a bad rate
   */
  public Artifacts detect(int[] peaks, double fs) {
    check(peaks, fs);
    int n = peaks.length;
    double[] rr = new double[n];
    for (int i = 1; i < n; i++) {
      rr[i] = (peaks[i] - peaks[i - 1]) / fs;
    }
    rr[0] = meanFrom1(rr);
    double[] drrs = new double[n];
    for (int i = 1; i < n; i++) {
      drrs[i] = rr[i] - rr[i - 1];
    }
    drrs[0] = meanFrom1(drrs);
    double[] th1 = threshold(drrs);
    for (int i = 0; i < n; i++) {
      drrs[i] /= th1[i];
    }
    double[] s12 = new double[n];
    double[] s22 = new double[n];
    for (int i = 0; i < n; i++) {
      double d = drrs[i];
      double prev = reflect(drrs, i - 1);
      double next = reflect(drrs, i + 1);
      double next2 = reflect(drrs, i + 2);
      if (d > 0) {
        s12[i] = Math.max(prev, next);
      } else if (d < 0) {
        s12[i] = Math.min(prev, next);
      }
      if (d >= 0) {
        s22[i] = Math.min(next, next2);
      } else if (d < 0) {
        s22[i] = Math.max(next, next2);
      }
    }
    double[] medrr = medfilt(rr, medfiltOrder);
    double[] mrrs = new double[n];
    for (int i = 0; i < n; i++) {
      double v = rr[i] - medrr[i];
      mrrs[i] = v < 0 ? 2 * v : v;
    }
    double[] th2 = threshold(mrrs);
    for (int i = 0; i < n; i++) {
      mrrs[i] /= th2[i];
    }

    List<Integer> ectopic = new ArrayList<>();
    List<Integer> missed = new ArrayList<>();
    List<Integer> extra = new ArrayList<>();
    List<Integer> longShort = new ArrayList<>();
    int i = 0;
    while (i < n - 2) {
      double d = drrs[i];
      if (Math.abs(d) <= 1) {
        i++;
        continue;
      }
      boolean eq1 = d > 1 && s12[i] < -c1 * d - c2;
      boolean eq2 = d < -1 && s12[i] > -c1 * d + c2;
      if (eq1 || eq2) {
        ectopic.add(i);
        i++;
        continue;
      }
      if (!(Math.abs(d) > 1 || Math.abs(mrrs[i]) > 3)) {
        i++;
        continue;
      }
      int[] candidates = Math.abs(drrs[i + 1]) < Math.abs(drrs[i + 2])
          ? new int[] {i, i + 1} : new int[] {i};
      // as in NeuroKit2, i advances once per candidate examined
      for (int j : candidates) {
        boolean eq3 = drrs[j] > 1 && s22[j] < -1;
        boolean eq4 = Math.abs(mrrs[j]) > 3;
        boolean eq5 = drrs[j] < -1 && s22[j] > 1;
        i++;
        if (!(eq3 || eq4 || eq5)) {
          continue;
        }
        boolean eq6 = Math.abs(rr[j] / 2 - medrr[j]) < th2[j];
        boolean eq7 = Math.abs(rr[j] + rr[j + 1] - medrr[j]) < th2[j];
        if (eq5 && eq7) {
          extra.add(j);
        } else if (eq3 && eq6) {
          missed.add(j);
        } else {
          longShort.add(j);
        }
      }
    }
    return new Artifacts(toArray(ectopic), toArray(missed), toArray(extra), toArray(longShort));
  }

  /** Applies one pass of corrections (package-private for tests). */
  static int[] apply(Artifacts a, int[] peaks) {
    int[] extra = a.extra;
    int[] missed = a.missed;
    int[] ectopic = a.ectopic;
    int[] longShort = a.longShort;
    int[] p = peaks;
    if (extra.length > 0) {
      p = delete(p, extra);
      missed = shift(extra, missed, -1);
      ectopic = shift(extra, ectopic, -1);
      longShort = shift(extra, longShort, -1);
    }
    if (missed.length > 0) {
      p = insertMissed(p, missed);
      ectopic = shift(missed, ectopic, 1);
      longShort = shift(missed, longShort, 1);
    }
    if (ectopic.length > 0) {
      p = moveToMidpoint(p, ectopic);
    }
    if (longShort.length > 0) {
      p = moveToMidpoint(p, longShort);
    }
    return p;
  }

  private static int[] delete(int[] p, int[] idx) {
    boolean[] drop = new boolean[p.length];
    for (int k : idx) {
      if (k >= 0 && k < p.length) {
        drop[k] = true;
      }
    }
    int[] out = new int[p.length];
    int j = 0;
    for (int i = 0; i < p.length; i++) {
      if (!drop[i]) {
        out[j++] = p[i];
      }
    }
    return Arrays.copyOf(out, j);
  }

  /** Inserts a peak half-way before each valid index {@code 1 < k < len} (positions of the input). */
  private static int[] insertMissed(int[] p, int[] idx) {
    TreeSet<Integer> valid = new TreeSet<>();
    for (int k : idx) {
      if (k > 1 && k < p.length) {
        valid.add(k);
      }
    }
    int[] out = new int[p.length + valid.size()];
    int j = 0;
    for (int i = 0; i < p.length; i++) {
      if (valid.contains(i)) {
        out[j++] = p[i - 1] + (p[i] - p[i - 1]) / 2;
      }
      out[j++] = p[i];
    }
    return out;
  }

  /** Moves each valid index {@code 1 < k < len-1} half-way between its original neighbours. */
  private static int[] moveToMidpoint(int[] p, int[] idx) {
    int[] out = p.clone();
    for (int k : idx) {
      if (k > 1 && k < p.length - 1) {
        out[k] = p[k - 1] + (p[k + 1] - p[k - 1]) / 2;
      }
    }
    Arrays.sort(out);
    return out;
  }

  /** Moves each index by {@code step} times the number of source indices below it; sorted, unique. */
  private static int[] shift(int[] source, int[] target, int step) {
    TreeSet<Integer> out = new TreeSet<>();
    for (int u : target) {
      int below = 0;
      for (int s : source) {
        below += s < u ? 1 : 0;
      }
      out.add(u + step * below);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** {@code alpha} times the quartile deviation of {@code |x|} over a centred window. */
  private double[] threshold(double[] x) {
    int n = x.length;
    double[] abs = new double[n];
    for (int i = 0; i < n; i++) {
      abs[i] = Math.abs(x[i]);
    }
    int offset = (window - 1) / 2;
    double[] th = new double[n];
    for (int i = 0; i < n; i++) {
      int end = Math.min(n, i + 1 + offset);
      int start = Math.max(0, i + 1 + offset - window);
      double[] w = Arrays.copyOfRange(abs, start, end);
      w = Arrays.stream(w).filter(v -> !Double.isNaN(v)).sorted().toArray();
      double q1 = quantile(w, 0.25);
      double q3 = quantile(w, 0.75);
      th[i] = alpha * ((q3 - q1) / 2);
    }
    return th;
  }

  /** Linear-interpolation quantile of sorted values (pandas' rolling quantile rule). */
  private static double quantile(double[] sorted, double q) {
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    double idx = q * (n - 1);
    int lo = (int) Math.floor(idx);
    int hi = Math.min(n - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (idx - lo);
  }

  /** {@code scipy.signal.medfilt(x, k)}: centred median with zero padding at the ends. */
  static double[] medfilt(double[] x, int k) {
    int n = x.length;
    int half = k / 2;
    double[] out = new double[n];
    double[] w = new double[k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        int t = i - half + j;
        w[j] = t >= 0 && t < n ? x[t] : 0.0;
      }
      double[] s = w.clone();
      Arrays.sort(s);
      out[i] = s[half];
    }
    return out;
  }

  /** {@code numpy.pad(x, 2, "reflect")} read at index {@code i} of the original. */
  private static double reflect(double[] x, int i) {
    int n = x.length;
    if (n == 1) {
      return x[0];
    }
    int period = 2 * (n - 1);
    int m = Math.floorMod(i, period);
    return m < n ? x[m] : x[period - m];
  }

  private static double meanFrom1(double[] x) {
    double s = 0;
    for (int i = 1; i < x.length; i++) {
      s += x[i];
    }
    return s / (x.length - 1);
  }

  private static int[] toArray(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean strictlyIncreasing(int[] p) {
    for (int i = 1; i < p.length; i++) {
      if (p[i] <= p[i - 1]) {
        return false;
      }
    }
    return true;
  }

  private static void check(int[] peaks, double fs) {
    if (peaks == null) {
      throw new EcgArgumentException("peaks must not be null");
    }
    if (!(fs > 0) || Double.isInfinite(fs)) {
      throw new EcgArgumentException("sampling rate fs must be finite and > 0 Hz, got " + fs);
    }
    if (peaks.length < MIN_PEAKS) {
      throw new EcgArgumentException("artefact correction needs at least " + MIN_PEAKS
          + " peaks, got " + peaks.length);
    }
    for (int i = 1; i < peaks.length; i++) {
      if (peaks[i] <= peaks[i - 1]) {
        throw new EcgArgumentException("R peaks must be strictly increasing, index " + i + ": "
            + peaks[i - 1] + " then " + peaks[i] + " (sort them and drop duplicates)");
      }
    }
  }
}
