package dev.ecg.io.segment;

import dev.ecg.core.labels.AamiClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Beats cut out of one or more records, with their labels and provenance.
 *
 * @param x one window per beat, all the same length
 * @param labels AAMI class index per beat ({@link AamiClass#ordinal()}: N=0, S=1, V=2, F=3,
 *     Q=4), or -1 when the beat was given without a label
 * @param rPeaks R-peak position of each beat, in samples of its record at the record's rate
 * @param recordIds the record each beat comes from
 * @param symbols the MIT symbol of each beat (or {@code ""} when unlabelled)
 * @param skippedAtEdge beats left out because their window would reach outside the signal
 * @param skippedInvalid beats left out because their window holds invalid (NaN) samples
 */
public record BeatSet(float[][] x, int[] labels, long[] rPeaks, String[] recordIds,
    String[] symbols, int skippedAtEdge, int skippedInvalid) {

  /**
   * Checks that all arrays have one entry per beat.
   *
   * @param x one window per beat
   * @param labels AAMI class index per beat, or -1
   * @param rPeaks R-peak position per beat
   * @param recordIds record per beat
   * @param symbols MIT symbol per beat
   * @param skippedAtEdge beats skipped at the signal edges
   * @param skippedInvalid beats skipped for NaN samples
   * @throws SegmentationException if the arrays differ in length
   */
  public BeatSet {
    Objects.requireNonNull(x, "x");
    if (labels.length != x.length || rPeaks.length != x.length || recordIds.length != x.length
        || symbols.length != x.length) {
      throw new SegmentationException("beat set arrays differ in length: x " + x.length
          + ", labels " + labels.length + ", rPeaks " + rPeaks.length + ", recordIds "
          + recordIds.length + ", symbols " + symbols.length);
    }
  }

  /** @return number of beats */
  public int size() {
    return x.length;
  }

  /** @return window length (0 when empty) */
  public int windowLength() {
    return x.length == 0 ? 0 : x[0].length;
  }

  /** @return beats per AAMI class, indexed like {@link AamiClass#values()} */
  public int[] classCounts() {
    int[] c = new int[AamiClass.values().length];
    for (int l : labels) {
      if (l >= 0) {
        c[l]++;
      }
    }
    return c;
  }

  /**
   * Concatenates beat sets (for example one per record).
   *
   * @param sets the sets, all with the same window length
   * @return one set holding all beats in order, with the skip counts summed
   * @throws SegmentationException if window lengths differ
   */
  public static BeatSet concat(List<BeatSet> sets) {
    List<float[]> x = new ArrayList<>();
    int n = 0;
    int edge = 0;
    int invalid = 0;
    int len = -1;
    for (BeatSet s : sets) {
      if (s.size() > 0) {
        if (len >= 0 && s.windowLength() != len) {
          throw new SegmentationException("cannot concatenate windows of length " + len + " and "
              + s.windowLength());
        }
        len = s.windowLength();
      }
      n += s.size();
      edge += s.skippedAtEdge;
      invalid += s.skippedInvalid;
    }
    int[] labels = new int[n];
    long[] peaks = new long[n];
    String[] ids = new String[n];
    String[] sym = new String[n];
    int k = 0;
    for (BeatSet s : sets) {
      x.addAll(Arrays.asList(s.x));
      System.arraycopy(s.labels, 0, labels, k, s.size());
      System.arraycopy(s.rPeaks, 0, peaks, k, s.size());
      System.arraycopy(s.recordIds, 0, ids, k, s.size());
      System.arraycopy(s.symbols, 0, sym, k, s.size());
      k += s.size();
    }
    return new BeatSet(x.toArray(new float[0][]), labels, peaks, ids, sym, edge, invalid);
  }

  @Override
  public String toString() {
    return "BeatSet[beats=" + size() + ", length=" + windowLength() + ", classes="
        + Arrays.toString(classCounts()) + ", skippedAtEdge=" + skippedAtEdge
        + ", skippedInvalid=" + skippedInvalid + "]";
  }
}
