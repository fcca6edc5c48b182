package dev.ecg.io.quality;

import dev.ecg.core.EcgArgumentException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds stretches of one lead that carry no usable ECG: flat lines, clipping at the converter's
 * rails, lead-off and missing samples. Each finding is a typed interval of samples.
 *
 * <h2>Rules (defaults in brackets, all configurable through {@link #builder()})</h2>
 *
 * <ul>
 *   <li>A <b>flat run</b> is a maximal stretch of finite samples whose range (max - min) stays
 *       within {@code flatRangeMv} [0.005 mV = 5 µV] for at least {@code minFlatSeconds}
 *       [0.5 s]. A living heart moves the ECG by far more than 5 µV within half a second, and
 *       typical converters resolve 1-5 µV, so such a run is a dead channel.
 *       <ul>
 *         <li>{@link Kind#LEAD_OFF} when the run sits near zero (mean within {@code
 *             leadOffBandMv} [0.05 mV] of 0) or at a rail: typical of a disconnected electrode
 *             (amplifier output forced to zero or driven to saturation);
 *         <li>{@link Kind#FLAT_LINE} otherwise (a constant at some other level: a stuck converter,
 *             a filled gap).
 *       </ul>
 *   <li>{@link Kind#SATURATION}: at least {@code minSaturationSeconds} [0.04 s] of consecutive
 *       samples within {@code railToleranceMv} [0.005 mV] of a rail, not already inside a flat
 *       run. The rails are the converter limits in physical units when given
 *       ({@code optRails}); otherwise the lowest and highest finite values of the lead, which
 *       count only where they are held (clipped QRS complexes leave plateaus at the extreme; an
 *       intact extreme lasts a sample or two). Rails are not inferred from a constant signal.
 *   <li>Runs of NaN: {@link Kind#LEAD_OFF} when at least {@code minFlatSeconds} long (a recorder
 *       marks a lost electrode this way), otherwise {@link Kind#MISSING}.
 * </ul>
 *
 * <p>Intervals are sorted by start and do not overlap. Time and memory are linear in the
 * signal length.
 */
public final class SignalDefects {
  /** What is wrong in an interval. */
  public enum Kind {
    /** Constant (within tolerance) at a level that is neither zero nor a rail. */
    FLAT_LINE,
    /** Held at a converter rail or the signal's extreme: clipped. */
    SATURATION,
    /** Flat at zero or at a rail for long, or a long run of NaN: electrode disconnected. */
    LEAD_OFF,
    /** A short run of NaN samples. */
    MISSING
  }

  /**
   * One defective stretch.
   *
   * @param start first sample, inclusive
   * @param end last sample, exclusive ({@code end > start})
   * @param kind what is wrong
   */
  public record Defect(int start, int end, Kind kind) {
    /** Checks the bounds. */
    public Defect {
      if (start < 0 || end <= start || kind == null) {
        throw new EcgArgumentException("invalid defect interval [" + start + ", " + end + ") "
            + kind);
      }
    }

    /** @return length in samples */
    public int length() {
      return end - start;
    }

    /**
     * @param fs sampling rate in Hz
     * @return start in seconds
     */
    public double startSeconds(double fs) {
      return start / fs;
    }

    /**
     * @param fs sampling rate in Hz
     * @return end in seconds
     */
    public double endSeconds(double fs) {
      return end / fs;
    }
  }

  private final double flatRangeMv;
  private final double minFlatSeconds;
  private final double leadOffBandMv;
  private final double minSaturationSeconds;
  private final double railToleranceMv;
  private final double railLow;
  private final double railHigh;

  private SignalDefects(Builder b) {
    flatRangeMv = b.flatRangeMv;
    minFlatSeconds = b.minFlatSeconds;
    leadOffBandMv = b.leadOffBandMv;
    minSaturationSeconds = b.minSaturationSeconds;
    railToleranceMv = b.railToleranceMv;
    railLow = b.railLow;
    railHigh = b.railHigh;
  }

  /** @return a detector with the documented defaults */
  public static SignalDefects create() {
    return builder().build();
  }

  /** @return a builder holding the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Shortcut for {@code create().find(x, fs)}.
   *
   * @param x one lead in mV; NaN marks missing samples
   * @param fs sampling rate in Hz
   * @return the defects, sorted by start
   * @throws EcgArgumentException if {@code x} is null or holds an infinite sample, or {@code fs}
   *     is not finite and positive
   */
  public static List<Defect> detect(double[] x, double fs) {
    return create().find(x, fs);
  }

  /**
   * @param x one lead in mV; NaN marks missing samples
   * @param fs sampling rate in Hz
   * @return the defects, sorted by start
   * @throws EcgArgumentException if {@code x} is null or holds an infinite sample, or {@code fs}
   *     is not finite and positive
   */
  public List<Defect> find(double[] x, double fs) {
    QualityChecks.rate(fs);
    if (x == null) {
      throw new EcgArgumentException("signal must not be null");
    }
    final int n = x.length;
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      if (Double.isInfinite(x[i])) {
        throw new EcgArgumentException("signal has an infinite sample at index " + i);
      }
      if (!Double.isNaN(x[i])) {
        lo = Math.min(lo, x[i]);
        hi = Math.max(hi, x[i]);
      }
    }
    boolean given = !Double.isNaN(railLow);
    double rLo = given ? railLow : lo;
    double rHi = given ? railHigh : hi;
    boolean railsKnown = given || (hi - lo > flatRangeMv);
    int minFlat = Math.max(1, (int) Math.ceil(minFlatSeconds * fs));
    int minSat = Math.max(1, (int) Math.ceil(minSaturationSeconds * fs));
    List<Defect> out = new ArrayList<>();
    boolean[] used = new boolean[n];
    // NaN runs
    for (int i = 0; i < n; ) {
      if (!Double.isNaN(x[i])) {
        i++;
        continue;
      }
      int j = i;
      while (j < n && Double.isNaN(x[j])) {
        j++;
      }
      out.add(new Defect(i, j, j - i >= minFlat ? Kind.LEAD_OFF : Kind.MISSING));
      mark(used, i, j);
      i = j;
    }
    // flat runs: maximal windows with range <= flatRangeMv, by a two-pointer sweep with
    // monotone deques for the running min and max
    IntDeque maxQ = new IntDeque(n);
    IntDeque minQ = new IntDeque(n);
    int right = 0; // exclusive end of the window [left, right)
    for (int left = 0; left < n; left++) {
      if (right <= left) {
        right = left;
        maxQ.clear();
        minQ.clear();
      }
      if (Double.isNaN(x[left])) {
        continue;
      }
      while (right < n && !Double.isNaN(x[right])) {
        double v = x[right];
        double mx = maxQ.isEmpty() ? v : Math.max(x[maxQ.peekFirst()], v);
        double mn = minQ.isEmpty() ? v : Math.min(x[minQ.peekFirst()], v);
        if (mx - mn > flatRangeMv) {
          break;
        }
        while (!maxQ.isEmpty() && x[maxQ.peekLast()] <= v) {
          maxQ.pollLast();
        }
        maxQ.addLast(right);
        while (!minQ.isEmpty() && x[minQ.peekLast()] >= v) {
          minQ.pollLast();
        }
        minQ.addLast(right);
        right++;
      }
      if (right - left >= minFlat) {
        double sum = 0;
        for (int i = left; i < right; i++) {
          sum += x[i];
        }
        double level = sum / (right - left);
        boolean atRail = railsKnown && (Math.abs(level - rLo) <= railToleranceMv
            || Math.abs(level - rHi) <= railToleranceMv);
        Kind k = Math.abs(level) <= leadOffBandMv || atRail ? Kind.LEAD_OFF : Kind.FLAT_LINE;
        out.add(new Defect(left, right, k));
        mark(used, left, right);
        left = right - 1;
        maxQ.clear();
        minQ.clear();
        continue;
      }
      if (!maxQ.isEmpty() && maxQ.peekFirst() == left) {
        maxQ.pollFirst();
      }
      if (!minQ.isEmpty() && minQ.peekFirst() == left) {
        minQ.pollFirst();
      }
    }
    // saturation: held at a rail
    if (railsKnown) {
      for (int i = 0; i < n; ) {
        if (used[i] || !atRail(x[i], rLo, rHi)) {
          i++;
          continue;
        }
        int j = i;
        while (j < n && !used[j] && atRail(x[j], rLo, rHi)) {
          j++;
        }
        if (j - i >= minSat) {
          out.add(new Defect(i, j, Kind.SATURATION));
        }
        i = j;
      }
    }
    out.sort(Comparator.comparingInt(Defect::start));
    return List.copyOf(out);
  }

  private boolean atRail(double v, double lo, double hi) {
    return !Double.isNaN(v) && (Math.abs(v - lo) <= railToleranceMv
        || Math.abs(v - hi) <= railToleranceMv);
  }

  private static void mark(boolean[] used, int from, int to) {
    for (int i = from; i < to; i++) {
      used[i] = true;
    }
  }

  @Override
  public String toString() {
    return "SignalDefects[flat <= " + flatRangeMv + " mV for >= " + minFlatSeconds
        + " s, lead-off band " + leadOffBandMv + " mV, saturation >= " + minSaturationSeconds
        + " s within " + railToleranceMv + " mV of "
        + (Double.isNaN(railLow) ? "the signal's extremes" : "[" + railLow + ", " + railHigh + "]")
        + "]";
  }

  /** Settings; required ones have defaults, so only {@code optX} methods exist. */
  public static final class Builder {
    private double flatRangeMv = 0.005;
    private double minFlatSeconds = 0.5;
    private double leadOffBandMv = 0.05;
    private double minSaturationSeconds = 0.04;
    private double railToleranceMv = 0.005;
    private double railLow = Double.NaN;
    private double railHigh = Double.NaN;

    private Builder() {}

    private static double check(String name, double v, boolean zeroOk) {
      if (!Double.isFinite(v) || v < 0 || (!zeroOk && v == 0)) {
        throw new EcgArgumentException(name + " must be finite and " + (zeroOk ? ">= 0" : "> 0")
            + ", got " + v);
      }
      return v;
    }

    /**
     * @param mv largest range (max - min) of a flat run, in mV, {@code >= 0}
     * @return this builder
     */
    public Builder optFlatRangeMv(double mv) {
      flatRangeMv = check("flat range", mv, true);
      return this;
    }

    /**
     * @param seconds shortest flat run (and shortest NaN run called lead-off), {@code > 0}
     * @return this builder
     */
    public Builder optMinFlatSeconds(double seconds) {
      minFlatSeconds = check("minimum flat duration", seconds, false);
      return this;
    }

    /**
     * @param mv a flat run whose mean is within this distance of 0 mV is lead-off, {@code >= 0}
     * @return this builder
     */
    public Builder optLeadOffBandMv(double mv) {
      leadOffBandMv = check("lead-off band", mv, true);
      return this;
    }

    /**
     * @param seconds shortest run at a rail reported as saturation, {@code > 0}
     * @return this builder
     */
    public Builder optMinSaturationSeconds(double seconds) {
      minSaturationSeconds = check("minimum saturation duration", seconds, false);
      return this;
    }

    /**
     * @param mv distance from a rail still counted as at the rail, {@code >= 0}
     * @return this builder
     */
    public Builder optRailToleranceMv(double mv) {
      railToleranceMv = check("rail tolerance", mv, true);
      return this;
    }

    /**
     * The converter limits in physical units, e.g. for MIT-BIH (11-bit codes 0 to 2047, gain
     * 200, baseline 1024) {@code (0 - 1024) / 200 = -5.12} and {@code (2047 - 1024) / 200 =
     * 5.115} mV. Without this the extremes of the signal stand in for the rails.
     *
     * @param lowMv lower rail in mV
     * @param highMv upper rail in mV, {@code > lowMv}
     * @return this builder
     */
    public Builder optRails(double lowMv, double highMv) {
      if (!Double.isFinite(lowMv) || !Double.isFinite(highMv) || !(highMv > lowMv)) {
        throw new EcgArgumentException("rails must be finite with high > low, got [" + lowMv
            + ", " + highMv + "]");
      }
      railLow = lowMv;
      railHigh = highMv;
      return this;
    }

    /** @return the detector */
    public SignalDefects build() {
      return new SignalDefects(this);
    }
  }

  /**
   * A deque of sample indices for the sweep above: every index is appended at most once per
   * sweep (the right end only moves forward), so one array of the signal's length holds them
   * all without wrapping, and nothing is boxed.
   */
  private static final class IntDeque {
    private final int[] a;
    private int head;
    private int tail;

    IntDeque(int capacity) {
      a = new int[Math.max(1, capacity)];
    }

    boolean isEmpty() {
      return head == tail;
    }

    int peekFirst() {
      return a[head];
    }

    int peekLast() {
      return a[tail - 1];
    }

    void pollFirst() {
      head++;
    }

    void pollLast() {
      tail--;
    }

    void addLast(int v) {
      a[tail++] = v;
    }

    void clear() {
      head = tail;
    }
  }
}
