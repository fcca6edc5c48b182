package dev.ecg.io.segment;

import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.dsp.Resample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Heartbeats in the layout of M. Kachuee, S. Fazeli and M. Sarrafzadeh, "ECG Heartbeat
 * Classification: A Deep Transferable Representation", IEEE ICHI 2018 (the layout of the popular
 * MIT-BIH heartbeat CSV files): 187 values in [0, 1] per beat, starting at the R peak.
 *
 * <p>Steps, following section III.A of the paper:
 *
 * <ol>
 *   <li>Resample the lead to 125 Hz ({@link Resample#toRate}, a {@code resample_poly} twin) and
 *       map the R-peak positions to that rate ({@link Resample#samples}).
 *   <li>Split the signal into consecutive 10 s windows (1250 samples; the last one may be
 *       shorter) and min-max normalise each window to [0, 1].
 *   <li>Take {@code T} = the median RR interval of the R peaks inside that 10 s window (the
 *       paper's "nominal heartbeat period"); when the window holds fewer than two peaks, the
 *       median RR of the whole record is used (and 1 s when the record has fewer than two).
 *   <li>For each R peak in the window take the {@code round(1.2 T)} samples starting at the peak,
 *       cut at the end of the window and at 187 samples, and zero-pad to 187.
 * </ol>
 *
 * <p>Positions come from the reference annotations (or any peaks given), not from the paper's
 * own threshold-based peak finder, so every annotated beat yields one window. A window whose
 * signal holds NaN drops its beats (counted as invalid); beats are never read outside the signal.
 * Labels are AAMI classes. Immutable and thread-safe.
 */
public final class KachueeSegmenter {
  /** Sampling rate of the beats, 125 Hz. */
  public static final double FS = 125.0;
  /** Beat length, 187 samples. */
  public static final int LENGTH = 187;
  /** Normalisation window, 10 s. */
  public static final double WINDOW_SECONDS = 10.0;
  /** Beat length as a multiple of the median RR, 1.2. */
  public static final double RR_FACTOR = 1.2;

  /** Creates the segmenter (it has no settings). */
  public KachueeSegmenter() {}

  /**
   * Segments the beat annotations of one channel of a record.
   *
   * @param record the record
   * @param channel channel index
   * @return the beats, {@value #LENGTH} values each
   * @throws SegmentationException if the channel does not exist or is empty
   */
  public BeatSet segment(Record record, int channel) {
    double[] x = Beats.channel(record, channel);
    List<Annotation> beats = Beats.beatAnnotations(record);
    long[] peaks = beats.stream().mapToLong(Annotation::sample).toArray();
    String[] symbols = beats.stream().map(Annotation::symbol).toArray(String[]::new);
    return segment(record.name(), x, record.fs(), peaks, symbols);
  }

  /**
   * Segments a signal at given peaks.
   *
   * @param recordId name stored with each beat
   * @param x the signal at rate {@code fs}
   * @param fs sampling rate in Hz
   * @param rPeaks R-peak positions at rate {@code fs}, ascending; those outside the signal are
   *     skipped and counted
   * @param symbols MIT symbol per peak, or null for unlabelled beats
   * @return the beats, {@value #LENGTH} values each
   * @throws SegmentationException if {@code x} is empty, {@code fs} is not positive, the peaks are
   *     not ascending or {@code symbols} has another length
   */
  public BeatSet segment(String recordId, double[] x, double fs, long[] rPeaks, String[] symbols) {
    Beats.checkRate(fs);
    if (x == null || x.length == 0) {
      throw new SegmentationException("record " + recordId + ": empty signal");
    }
    if (symbols != null && symbols.length != rPeaks.length) {
      throw new SegmentationException("record " + recordId + ": " + rPeaks.length + " peaks but "
          + symbols.length + " symbols");
    }
    for (int i = 1; i < rPeaks.length; i++) {
      if (rPeaks[i] < rPeaks[i - 1]) {
        throw new SegmentationException("record " + recordId + ": peaks not ascending at index "
            + i);
      }
    }
    // NaN cannot go through the resampling filter: mark windows holding NaN and zero them
    double[] clean = x.clone();
    boolean anyNaN = false;
    for (int i = 0; i < clean.length; i++) {
      if (Double.isNaN(clean[i]) || Double.isInfinite(clean[i])) {
        clean[i] = 0;
        anyNaN = true;
      }
    }
    double[] y = fs == FS ? clean : Resample.toRate(clean, fs, FS);
    int n = y.length;
    int win = (int) Math.round(WINDOW_SECONDS * FS);
    int nWin = (n + win - 1) / win;
    boolean[] badWin = new boolean[nWin];
    if (anyNaN) {
      for (int i = 0; i < x.length; i++) {
        if (Double.isNaN(x[i]) || Double.isInfinite(x[i])) {
          int j = (int) Math.min(n - 1, Math.round(i * FS / fs));
          badWin[j / win] = true;
        }
      }
    }
    // peaks at 125 Hz
    int edge = 0;
    List<Integer> idx = new ArrayList<>();
    long[] mapped = new long[rPeaks.length];
    for (int i = 0; i < rPeaks.length; i++) {
      if (rPeaks[i] < 0 || rPeaks[i] >= x.length) {
        edge++;
        continue;
      }
      idx.add(i);
    }
    long[] valid = idx.stream().mapToLong(i -> rPeaks[i]).toArray();
    long[] at125 = fs == FS ? valid : Resample.samples(valid, fs, FS);
    for (int j = 0; j < valid.length; j++) {
      mapped[idx.get(j)] = Math.min(n - 1, at125[j]);
    }
    double recordT = medianRr(idx.stream().mapToLong(i -> mapped[i]).toArray(), 0, idx.size());
    if (Double.isNaN(recordT)) {
      recordT = FS;
    }
    List<float[]> out = new ArrayList<>();
    int[] labels = new int[rPeaks.length];
    long[] peaks = new long[rPeaks.length];
    String[] sym = new String[rPeaks.length];
    int k = 0;
    int invalid = 0;
    long[] m = idx.stream().mapToLong(i -> mapped[i]).toArray();
    int p = 0;
    for (int w = 0; w < nWin; w++) {
      int lo = w * win;
      int hi = Math.min(n, lo + win);
      int first = p;
      while (p < m.length && m[p] < hi) {
        p++;
      }
      if (first == p) {
        continue;
      }
      if (badWin[w]) {
        invalid += p - first;
        continue;
      }
      double mn = Double.POSITIVE_INFINITY;
      double mx = Double.NEGATIVE_INFINITY;
      for (int i = lo; i < hi; i++) {
        mn = Math.min(mn, y[i]);
        mx = Math.max(mx, y[i]);
      }
      double range = mx - mn;
      double t = medianRr(m, first, p);
      if (Double.isNaN(t)) {
        t = recordT;
      }
      int len = (int) Math.min(LENGTH, Math.round(RR_FACTOR * t));
      for (int b = first; b < p; b++) {
        float[] beat = new float[LENGTH];
        int start = (int) m[b];
        int end = Math.min(hi, start + len);
        for (int i = start; i < end; i++) {
          beat[i - start] = range > 0 ? (float) ((y[i] - mn) / range) : 0f;
        }
        int orig = idx.get(b);
        out.add(beat);
        peaks[k] = rPeaks[orig];
        sym[k] = symbols == null ? "" : symbols[orig];
        labels[k] = symbols == null ? -1 : Beats.label(symbols[orig]);
        k++;
      }
    }
    String[] ids = new String[k];
    Arrays.fill(ids, recordId);
    return new BeatSet(out.toArray(new float[0][]), Arrays.copyOf(labels, k),
        Arrays.copyOf(peaks, k), ids, Arrays.copyOf(sym, k), edge, invalid);
  }

  /** Median of the consecutive differences of {@code m[from..to)}, NaN with fewer than 2. */
  static double medianRr(long[] m, int from, int to) {
    if (to - from < 2) {
      return Double.NaN;
    }
    long[] d = new long[to - from - 1];
    for (int i = from + 1; i < to; i++) {
      d[i - from - 1] = m[i] - m[i - 1];
    }
    Arrays.sort(d);
    int h = d.length / 2;
    return d.length % 2 == 1 ? d[h] : 0.5 * (d[h - 1] + d[h]);
  }

  @Override
  public String toString() {
    return "KachueeSegmenter[125 Hz, 10 s windows, 1.2 x window median RR, 187 samples]";
  }
}
