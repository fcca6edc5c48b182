package dev.ecg.io.qrs;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.labels.AamiClass;
import dev.ecg.io.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Beat-by-beat comparison of QRS detections with reference beat annotations, following ANSI/AAMI
 * EC57 (and the PhysioNet {@code bxb} tool in spirit): a detection matches a reference beat when
 * they are at most the match window (150 ms by default) apart.
 *
 * <h2>Matching</h2>
 *
 * Reference and detected positions are swept together in time order: a detection more than the
 * window before the current reference beat is a false positive, a reference beat more than the
 * window before the current detection is a false negative, otherwise the two are paired. For
 * points on a line with a fixed window this greedy sweep yields a matching of maximum size.
 *
 * <h2>What is scored</h2>
 *
 * Matching runs over the whole record; then a reference beat (true positive or false negative) or
 * an unmatched detection (false positive) is counted only when it lies inside the scored interval,
 * which leaves out a start margin, an end margin (both 1 s by default, as a stand-in for the
 * standard's 5 min learning period which we do not use) and any excluded intervals. EC57 excludes
 * ventricular flutter and fibrillation from QRS sensitivity; {@link #flutterIntervals} derives
 * those intervals from the {@code [} and {@code ]} annotations of MIT-BIH.
 *
 * <h2>Reference beats</h2>
 *
 * {@link #referenceBeats} keeps the annotations for which {@link AamiClass#isBeat} holds: the
 * MIT symbols {@code N L R e j A a J S V E F / f Q}. The full MIT beat set adds {@code B r n ?}
 * which do not occur in the MIT-BIH Arrhythmia Database, so on that database the two choices
 * agree (109,494 beats). Ventricular flutter waves ({@code !}) are not beats.
 */
public final class Ec57Scorer {
  /** Default match window in seconds (EC57). */
  public static final double DEFAULT_WINDOW_SECONDS = 0.150;

  private final double windowSeconds;
  private final double startMarginSeconds;
  private final double endMarginSeconds;

  private Ec57Scorer(Builder b) {
    this.windowSeconds = b.windowSeconds;
    this.startMarginSeconds = b.startMarginSeconds;
    this.endMarginSeconds = b.endMarginSeconds;
  }

  /** @return a builder with a 150 ms window and 1 s start and end margins */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Scores one record.
   *
   * @param recordId a name for the record (echoed in the result)
   * @param reference reference beat positions (samples), sorted ascending
   * @param detected detected beat positions (samples), sorted ascending
   * @param fs sampling rate in Hz
   * @param length record length in samples (for the end margin)
   * @param excluded intervals {@code [start, end)} in samples that are not scored (may be empty)
   * @return the per-record counts
   * @throws InvalidSignalException if {@code fs} is not finite and positive, {@code length} is
   *     negative, or the positions are not sorted
   */
  public RecordScore score(String recordId, long[] reference, int[] detected, double fs,
      long length, List<long[]> excluded) {
    long[] det = new long[detected.length];
    for (int i = 0; i < det.length; i++) {
      det[i] = detected[i];
    }
    return score(recordId, reference, det, fs, length, excluded);
  }

  /**
   * Scores one record with {@code long} detection positions.
   *
   * @param recordId a name for the record (echoed in the result)
   * @param reference reference beat positions (samples), sorted ascending
   * @param detected detected beat positions (samples), sorted ascending
   * @param fs sampling rate in Hz
   * @param length record length in samples (for the end margin)
   * @param excluded intervals {@code [start, end)} in samples that are not scored (may be empty)
   * @return the per-record counts
   * @throws InvalidSignalException if {@code fs} is not finite and positive, {@code length} is
   *     negative, or the positions are not sorted
   */
  public RecordScore score(String recordId, long[] reference, long[] detected, double fs,
      long length, List<long[]> excluded) {
    SignalChecks.checkRate(fs);
    if (length < 0) {
      throw new InvalidSignalException("record " + recordId + ": negative length " + length);
    }
    checkSorted(reference, "reference", recordId);
    checkSorted(detected, "detected", recordId);
    List<long[]> ex = excluded == null ? List.of() : excluded;
    final long w = (long) Math.floor(windowSeconds * fs + 1e-9);
    final long from = (long) Math.ceil(startMarginSeconds * fs);
    final long to = length - (long) Math.ceil(endMarginSeconds * fs);
    int tp = 0;
    int fn = 0;
    int fp = 0;
    double errSum = 0;
    double errSq = 0;
    int i = 0;
    int j = 0;
    while (i < reference.length || j < detected.length) {
      if (j >= detected.length || (i < reference.length && reference[i] < detected[j] - w)) {
        if (scored(reference[i], from, to, ex)) {
          fn++;
        }
        i++;
      } else if (i >= reference.length || detected[j] < reference[i] - w) {
        if (scored(detected[j], from, to, ex)) {
          fp++;
        }
        j++;
      } else {
        if (scored(reference[i], from, to, ex)) {
          tp++;
          double e = (detected[j] - reference[i]) * 1000.0 / fs;
          errSum += e;
          errSq += e * e;
        }
        i++;
        j++;
      }
    }
    double mean = tp == 0 ? Double.NaN : errSum / tp;
    double sd = tp < 2 ? Double.NaN : Math.sqrt(Math.max(0, (errSq - tp * mean * mean) / (tp - 1)));
    return new RecordScore(recordId, tp, fn, fp, mean, sd);
  }

  private static boolean scored(long t, long from, long to, List<long[]> ex) {
    if (t < from || t >= to) {
      return false;
    }
    for (long[] e : ex) {
      if (t >= e[0] && t < e[1]) {
        return false;
      }
    }
    return true;
  }

  private static void checkSorted(long[] a, String what, String id) {
    for (int k = 1; k < a.length; k++) {
      if (a[k] < a[k - 1]) {
        throw new InvalidSignalException("record " + id + ": " + what + " positions not sorted at index "
            + k + " (" + a[k - 1] + " then " + a[k] + ")");
      }
    }
  }

  /**
   * Gross (pooled) statistics: counts summed over records, then Se and +P from the sums.
   *
   * @param scores per-record results
   * @return the pooled result with id {@code "gross"}
   */
  public static RecordScore gross(List<RecordScore> scores) {
    int tp = 0;
    int fn = 0;
    int fp = 0;
    double errSum = 0;
    double errSq = 0;
    int nErr = 0;
    for (RecordScore s : scores) {
      tp += s.tp();
      fn += s.fn();
      fp += s.fp();
      if (s.tp() > 0) {
        errSum += s.meanErrorMs() * s.tp();
        double sd = s.tp() > 1 ? s.stdErrorMs() : 0;
        errSq += sd * sd * (s.tp() - 1) + s.tp() * s.meanErrorMs() * s.meanErrorMs();
        nErr += s.tp();
      }
    }
    double mean = nErr == 0 ? Double.NaN : errSum / nErr;
    double sd = nErr < 2 ? Double.NaN : Math.sqrt(Math.max(0, (errSq - nErr * mean * mean) / (nErr - 1)));
    return new RecordScore("gross", tp, fn, fp, mean, sd);
  }

  /**
   * @param annotations a record's annotations
   * @return the sample positions of beat annotations ({@link AamiClass#isBeat}), sorted
   */
  public static long[] referenceBeats(List<Annotation> annotations) {
    return annotations.stream().filter(a -> AamiClass.isBeat(a.symbol()))
        .mapToLong(Annotation::sample).sorted().toArray();
  }

  /**
   * Ventricular flutter/fibrillation episodes, from {@code [} (onset) to {@code ]} (end)
   * annotations; an onset without an end runs to {@link Long#MAX_VALUE}.
   *
   * @param annotations a record's annotations, sorted by sample
   * @return the intervals {@code [onset, end + 1)}
   */
  public static List<long[]> flutterIntervals(List<Annotation> annotations) {
    List<long[]> out = new ArrayList<>();
    long start = -1;
    for (Annotation a : annotations) {
      if ("[".equals(a.symbol())) {
        start = a.sample();
      } else if ("]".equals(a.symbol()) && start >= 0) {
        out.add(new long[] {start, a.sample() + 1});
        start = -1;
      }
    }
    if (start >= 0) {
      out.add(new long[] {start, Long.MAX_VALUE});
    }
    return out;
  }

  @Override
  public String toString() {
    return "Ec57Scorer[window=" + windowSeconds + "s, margins=" + startMarginSeconds + "s/"
        + endMarginSeconds + "s]";
  }

  /**
   * Counts of one record (or pooled over records).
   *
   * @param recordId the record name, or {@code gross}
   * @param tp matched reference beats
   * @param fn reference beats without a detection
   * @param fp detections without a reference beat
   * @param meanErrorMs mean of (detection - reference) over matches, in ms (NaN without matches)
   * @param stdErrorMs sample standard deviation of that error, in ms (NaN with fewer than 2)
   */
  public record RecordScore(String recordId, int tp, int fn, int fp, double meanErrorMs,
      double stdErrorMs) {
    /** @return sensitivity {@code TP / (TP + FN)}, NaN without reference beats */
    public double sensitivity() {
      return tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
    }

    /** @return positive predictivity {@code TP / (TP + FP)}, NaN without detections */
    public double positivePredictivity() {
      return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
    }

    /** @return {@code (FN + FP) / (TP + FN)}, the paper's "failed detection" rate */
    public double errorRate() {
      return tp + fn == 0 ? Double.NaN : (double) (fn + fp) / (tp + fn);
    }

    /** @return a Markdown table row: id, beats, TP, FN, FP, Se %, +P %, mean and sd error */
    public String markdownRow() {
      return String.format(java.util.Locale.ROOT, "| %s | %d | %d | %d | %d | %.2f | %.2f | %.1f | %.1f |",
          recordId, tp + fn, tp, fn, fp, 100 * sensitivity(), 100 * positivePredictivity(),
          meanErrorMs, stdErrorMs);
    }
  }

  /** Builder for {@link Ec57Scorer}. */
  public static final class Builder {
    private double windowSeconds = DEFAULT_WINDOW_SECONDS;
    private double startMarginSeconds = 1.0;
    private double endMarginSeconds = 1.0;

    private Builder() {}

    /**
     * @param seconds match window (default 0.15 s)
     * @return this builder
     * @throws EcgArgumentException if not in (0, 1]
     */
    public Builder optWindowSeconds(double seconds) {
      this.windowSeconds = SignalChecks.inRange("windowSeconds", seconds, 0, 1);
      return this;
    }

    /**
     * @param startSeconds seconds at the start that are not scored (default 1)
     * @param endSeconds seconds at the end that are not scored (default 1)
     * @return this builder
     * @throws EcgArgumentException if either is negative or not finite
     */
    public Builder optMargins(double startSeconds, double endSeconds) {
      if (!(startSeconds >= 0) || !(endSeconds >= 0) || Double.isInfinite(startSeconds)
          || Double.isInfinite(endSeconds)) {
        throw new EcgArgumentException("margins must be finite and >= 0, got " + startSeconds
            + " and " + endSeconds);
      }
      this.startMarginSeconds = startSeconds;
      this.endMarginSeconds = endSeconds;
      return this;
    }

    /** @return the scorer */
    public Ec57Scorer build() {
      return new Ec57Scorer(this);
    }
  }
}
