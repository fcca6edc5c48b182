package dev.ecg.io.segment;

import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a fixed window of {@code before + after} samples around each R peak: samples
 * {@code r - before} to {@code r + after - 1}, so the R peak sits at index {@code before}.
 *
 * <p>A beat whose window would reach outside the signal (including a peak outside the signal) is
 * skipped and counted in {@link BeatSet#skippedAtEdge()}; a beat whose window holds a NaN sample is
 * skipped and counted in {@link BeatSet#skippedInvalid()}. The segmenter never reads outside the
 * signal. Values are copied unchanged (no normalisation). Immutable and thread-safe.
 */
public final class FixedWindowSegmenter {
  private final int before;
  private final int after;

  /**
   * @param before samples before the R peak, {@code >= 0}
   * @param after samples from the R peak on (the peak included), {@code >= 1}
   * @throws SegmentationException if {@code before < 0} or {@code after < 1}
   */
  public FixedWindowSegmenter(int before, int after) {
    if (before < 0 || after < 1) {
      throw new SegmentationException("window needs before >= 0 and after >= 1, got before="
          + before + ", after=" + after);
    }
    this.before = before;
    this.after = after;
  }

  /**
   * A window given in seconds, converted at rate {@code fs}.
   *
   * @param beforeSeconds time before the peak
   * @param afterSeconds time from the peak on
   * @param fs sampling rate in Hz
   * @return the segmenter with {@code round(seconds * fs)} samples on each side
   * @throws SegmentationException if {@code fs} is not positive or the window is empty
   */
  public static FixedWindowSegmenter ofSeconds(double beforeSeconds, double afterSeconds,
      double fs) {
    Beats.checkRate(fs);
    return new FixedWindowSegmenter((int) Math.round(beforeSeconds * fs),
        (int) Math.round(afterSeconds * fs));
  }

  /** @return window length {@code before + after} */
  public int length() {
    return before + after;
  }

  /**
   * Segments the beat annotations ({@code AamiClass.isBeat}) of one channel of a record.
   *
   * @param record the record (its annotations give positions and labels)
   * @param channel channel index
   * @return the beats
   * @throws SegmentationException if the channel does not exist, is empty or shorter than the
   *     window
   */
  public BeatSet segment(Record record, int channel) {
    double[] x = Beats.channel(record, channel);
    List<Annotation> beats = Beats.beatAnnotations(record);
    long[] peaks = beats.stream().mapToLong(Annotation::sample).toArray();
    String[] symbols = beats.stream().map(Annotation::symbol).toArray(String[]::new);
    return segment(record.name(), x, peaks, symbols);
  }

  /**
   * Segments a signal at given peaks.
   *
   * @param recordId name stored with each beat
   * @param x the signal
   * @param rPeaks R-peak positions in samples (any order, any values: those outside the signal
   *     are skipped)
   * @param symbols MIT symbol per peak, or null for unlabelled beats (label -1)
   * @return the beats, in the order of {@code rPeaks}
   * @throws SegmentationException if {@code x} is empty or shorter than the window, or
   *     {@code symbols} has another length than {@code rPeaks}
   */
  public BeatSet segment(String recordId, double[] x, long[] rPeaks, String[] symbols) {
    if (x == null || x.length == 0) {
      throw new SegmentationException("record " + recordId + ": empty signal");
    }
    if (length() > x.length) {
      throw new SegmentationException("record " + recordId + ": window of " + length()
          + " samples is longer than the " + x.length + "-sample signal");
    }
    if (symbols != null && symbols.length != rPeaks.length) {
      throw new SegmentationException("record " + recordId + ": " + rPeaks.length + " peaks but "
          + symbols.length + " symbols");
    }
    List<float[]> out = new ArrayList<>();
    int[] labels = new int[rPeaks.length];
    long[] peaks = new long[rPeaks.length];
    String[] sym = new String[rPeaks.length];
    int k = 0;
    int edge = 0;
    int invalid = 0;
    for (int i = 0; i < rPeaks.length; i++) {
      long r = rPeaks[i];
      long lo = r - before;
      long hi = r + after; // exclusive
      if (lo < 0 || hi > x.length) {
        edge++;
        continue;
      }
      float[] w = new float[length()];
      boolean ok = true;
      for (int j = 0; j < w.length; j++) {
        double v = x[(int) lo + j];
        if (Double.isNaN(v)) {
          ok = false;
          break;
        }
        w[j] = (float) v;
      }
      if (!ok) {
        invalid++;
        continue;
      }
      out.add(w);
      sym[k] = symbols == null ? "" : symbols[i];
      labels[k] = symbols == null ? -1 : Beats.label(symbols[i]);
      peaks[k] = r;
      k++;
    }
    String[] ids = new String[k];
    Arrays.fill(ids, recordId);
    return new BeatSet(out.toArray(new float[0][]), Arrays.copyOf(labels, k),
        Arrays.copyOf(peaks, k), ids, Arrays.copyOf(sym, k), edge, invalid);
  }

  @Override
  public String toString() {
    return "FixedWindowSegmenter[before=" + before + ", after=" + after + "]";
  }
}
