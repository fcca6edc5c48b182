package dev.ecg.io.rpeaks;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.labels.AamiClass;
import dev.ecg.io.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An RR-interval series, one entry per pair of consecutive beats, as PhysioNet's {@code ann2rr}
 * lists it (G. B. Moody, WFDB Applications Guide): the interval in ms, the sample and time of
 * the beat that starts it and of the beat that ends it, and, when the beats are labelled,
 * whether it is an NN interval (both of its beats are normal).
 *
 * <p>Intervals are {@code (end - start) / fs * 1000} ms, the operation order of
 * {@link dev.ecg.io.hrv.Hrv}. Beats are the annotations whose MIT symbol is a beat symbol
 * ({@link AamiClass#isQrs}, WFDB's {@code isqrs} set); all other annotations (rhythm changes, noise, comments) are skipped
 * and do not break the series. By default a beat is normal when its AAMI class is N (MIT
 * {@code N L R e j}); pass another predicate for a stricter rule such as {@code "N"::equals}.
 * Peaks without labels make every interval normal. Immutable.
 */
public final class RrSeries {
  /** Default normal-beat rule: the beat's AAMI class is N. */
  public static final Predicate<String> AAMI_NORMAL =
      s -> AamiClass.fromMitSymbol(s).orElse(null) == AamiClass.N;

  private final double fs;
  private final long[] beats;
  private final String[] symbols;
  private final boolean[] normalBeat;

  private RrSeries(double fs, long[] beats, String[] symbols, boolean[] normalBeat) {
    this.fs = fs;
    this.beats = beats;
    this.symbols = symbols;
    this.normalBeat = normalBeat;
  }

  /**
   * A series from unlabelled peaks: every interval counts as NN.
   *
   * @param peaks R-peak sample indices, strictly increasing, at least 2
   * @param fs sampling rate in Hz, finite and positive
   * @return the series
   * @throws EcgArgumentException on fewer than 2 peaks, non-increasing peaks or a bad rate
   */
  public static RrSeries fromPeaks(long[] peaks, double fs) {
    Objects.requireNonNull(peaks, "peaks");
    checkRate(fs);
    long[] b = peaks.clone();
    checkBeats(b);
    String[] s = new String[b.length];
    Arrays.fill(s, "");
    boolean[] normal = new boolean[b.length];
    Arrays.fill(normal, true);
    return new RrSeries(fs, b, s, normal);
  }

  /**
   * @param peaks R-peak sample indices, strictly increasing, at least 2
   * @param fs sampling rate in Hz
   * @return the series
   * @throws EcgArgumentException on fewer than 2 peaks, non-increasing peaks or a bad rate
   * @see #fromPeaks(long[], double)
   */
  public static RrSeries fromPeaks(int[] peaks, double fs) {
    Objects.requireNonNull(peaks, "peaks");
    return fromPeaks(Arrays.stream(peaks).asLongStream().toArray(), fs);
  }

  /**
   * A series from beat annotations with the default normal-beat rule {@link #AAMI_NORMAL}.
   *
   * @param annotations annotations in sample order (non-beat ones are skipped)
   * @param fs sampling rate in Hz
   * @return the series
   * @throws EcgArgumentException on fewer than 2 beats, two beats at the same or a decreasing
   *     sample, or a bad rate
   */
  public static RrSeries fromAnnotations(List<Annotation> annotations, double fs) {
    return fromAnnotations(annotations, fs, AAMI_NORMAL);
  }

  /**
   * A series from beat annotations.
   *
   * @param annotations annotations in sample order (non-beat ones are skipped)
   * @param fs sampling rate in Hz
   * @param isNormal which beat symbols count as normal for NN intervals
   * @return the series
   * @throws EcgArgumentException on fewer than 2 beats, two beats at the same or a decreasing
   *     sample, or a bad rate
   */
  public static RrSeries fromAnnotations(List<Annotation> annotations, double fs,
      Predicate<String> isNormal) {
    Objects.requireNonNull(annotations, "annotations");
    Objects.requireNonNull(isNormal, "isNormal");
    checkRate(fs);
    List<Annotation> beatList = new ArrayList<>();
    for (Annotation a : annotations) {
      if (AamiClass.isQrs(a.symbol())) {
        beatList.add(a);
      }
    }
    long[] b = new long[beatList.size()];
    String[] s = new String[b.length];
    boolean[] normal = new boolean[b.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = beatList.get(i).sample();
      s[i] = beatList.get(i).symbol();
      normal[i] = isNormal.test(s[i]);
    }
    checkBeats(b);
    return new RrSeries(fs, b, s, normal);
  }

  private static void checkRate(double fs) {
    if (!(fs > 0) || Double.isInfinite(fs)) {
      throw new EcgArgumentException("sampling rate fs must be finite and > 0 Hz, got " + fs);
    }
  }

  private static void checkBeats(long[] b) {
    if (b.length < 2) {
      throw new EcgArgumentException("an RR series needs at least 2 beats, got " + b.length);
    }
    for (int i = 1; i < b.length; i++) {
      if (b[i] <= b[i - 1]) {
        throw new EcgArgumentException("beats must be strictly increasing in sample, index " + i
            + ": " + b[i - 1] + " then " + b[i]);
      }
    }
  }

  /** @return the sampling rate in Hz */
  public double fs() {
    return fs;
  }

  /** @return the number of intervals (beats - 1) */
  public int size() {
    return beats.length - 1;
  }

  /** @return the beat positions in samples (a copy) */
  public long[] beatSamples() {
    return beats.clone();
  }

  /** @return the beat symbols, empty strings for unlabelled peaks (a copy) */
  public String[] beatSymbols() {
    return symbols.clone();
  }

  /** @return every interval in ms */
  public double[] intervalsMs() {
    double[] rr = new double[size()];
    for (int i = 0; i < rr.length; i++) {
      rr[i] = (double) (beats[i + 1] - beats[i]) / fs * 1000;
    }
    return rr;
  }

  /** @return the sample of the beat that starts each interval */
  public long[] startSamples() {
    return Arrays.copyOfRange(beats, 0, size());
  }

  /** @return the sample of the beat that ends each interval */
  public long[] endSamples() {
    return Arrays.copyOfRange(beats, 1, beats.length);
  }

  /** @return the time in s of the beat that starts each interval ({@code ann2rr -v}) */
  public double[] startTimesS() {
    double[] t = new double[size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = beats[i] / fs;
    }
    return t;
  }

  /** @return the time in s of the beat that ends each interval ({@code ann2rr -V}) */
  public double[] endTimesS() {
    double[] t = new double[size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = beats[i + 1] / fs;
    }
    return t;
  }

  /** @return per interval, whether both of its beats are normal */
  public boolean[] isNN() {
    boolean[] nn = new boolean[size()];
    for (int i = 0; i < nn.length; i++) {
      nn[i] = normalBeat[i] && normalBeat[i + 1];
    }
    return nn;
  }

  /** @return the number of NN intervals */
  public int nnCount() {
    int c = 0;
    for (boolean b : isNN()) {
      c += b ? 1 : 0;
    }
    return c;
  }

  /**
   * The NN intervals in ms: those whose start and end beats are both normal, in order. Intervals
   * next to an ectopic beat are left out rather than merged, so the series has gaps in time;
   * {@link dev.ecg.io.hrv.Hrv}'s methods for intervals treat it as contiguous.
   *
   * @return the NN intervals
   */
  public double[] nnIntervalsMs() {
    double[] rr = intervalsMs();
    boolean[] nn = isNN();
    double[] out = new double[nnCount()];
    int j = 0;
    for (int i = 0; i < rr.length; i++) {
      if (nn[i]) {
        out[j++] = rr[i];
      }
    }
    return out;
  }

  /** @return the end times in s of the NN intervals (for plotting or checking gaps) */
  public double[] nnEndTimesS() {
    double[] t = endTimesS();
    boolean[] nn = isNN();
    double[] out = new double[nnCount()];
    int j = 0;
    for (int i = 0; i < t.length; i++) {
      if (nn[i]) {
        out[j++] = t[i];
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "RrSeries[" + size() + " intervals, " + nnCount() + " NN, fs=" + fs + " Hz]";
  }
}
