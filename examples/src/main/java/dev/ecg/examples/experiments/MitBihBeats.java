package dev.ecg.examples.experiments;

import dev.ecg.core.labels.AamiClass;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.MitBih;
import dev.ecg.io.pipeline.Pipeline;
import dev.ecg.io.pipeline.Step;
import dev.ecg.io.segment.BeatSet;
import dev.ecg.io.segment.KachueeSegmenter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MIT-BIH heartbeats as model inputs: Kachuee et al. (2018) 187-sample beats at 125 Hz
 * ({@link KachueeSegmenter}, lead 0, reference beat annotations), optionally carrying four
 * RR-interval features (de Chazal et al. 2004, {@link dev.ecg.io.segment.RrFeatures}) in their last four samples.
 *
 * <p><b>RR encoding.</b> A Kachuee beat is {@code round(1.2 T)} samples of signal (T = the median
 * RR of its 10 s window) followed by zero padding up to 187; below 48 beats/min the padding is
 * empty. With {@code rr = true} samples {@value #RR_OFFSET}..186 are overwritten by
 * <pre>
 *   x[183] = clip(pre / average - 1, -1, 1)
 *   x[184] = clip(post / average - 1, -1, 1)
 *   x[185] = clip(local / average - 1, -1, 1)
 *   x[186] = clip(pre / local - 1, -1, 1)
 * </pre>
 * with {@code pre}, {@code post}, {@code local} (mean of the 10 surrounding RR intervals) and
 * {@code average} (mean RR of the whole record) from {@link dev.ecg.io.segment.RrFeatures#compute} on every
 * annotated beat of the record. A value of 0 means "an ordinary interval", so a plain Kachuee beat
 * with zero padding reads as a beat with unremarkable rhythm. The input stays 187 samples long.
 */
public final class MitBihBeats {
  /** Beat length. */
  public static final int LENGTH = KachueeSegmenter.LENGTH;
  /** Number of RR feature samples at the end of a beat. */
  public static final int RR_SLOTS = 4;
  /** First RR feature sample. */
  public static final int RR_OFFSET = LENGTH - RR_SLOTS;

  private MitBihBeats() {}

  /**
   * Beats of several records.
   *
   * @param x one 187-sample beat per row
   * @param y AAMI class index per beat
   * @param records record name per beat
   */
  public record Data(float[][] x, int[] y, String[] records) {
    /** @return number of beats */
    public int size() {
      return y.length;
    }

    /**
     * @param idx beat indices
     * @return those beats
     */
    public Data subset(int[] idx) {
      float[][] sx = new float[idx.length][];
      int[] sy = new int[idx.length];
      String[] sr = new String[idx.length];
      for (int i = 0; i < idx.length; i++) {
        sx[i] = x[idx[i]];
        sy[i] = y[idx[i]];
        sr[i] = records[idx[i]];
      }
      return new Data(sx, sy, sr);
    }

    /** @return beats per AAMI class */
    public long[] counts() {
      long[] c = new long[AamiClass.NAMES.size()];
      for (int v : y) {
        c[v]++;
      }
      return c;
    }
  }

  /**
   * Segments one record.
   *
   * @param record a record with its reference beat annotations
   * @param rr true to write the RR features into the last four samples
   * @return its beats with an AAMI label (beats without one are dropped)
   */
  public static Data fromRecord(Record record, boolean rr) {
    BeatSet bs = new KachueeSegmenter().segment(record, 0);
    Map<Long, float[]> rrByPeak = rr ? rrFeatures(record) : Map.of();
    List<float[]> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    for (int i = 0; i < bs.size(); i++) {
      if (bs.labels()[i] < 0) {
        continue;
      }
      float[] beat = bs.x()[i];
      if (rr) {
        float[] f = rrByPeak.get(bs.rPeaks()[i]);
        System.arraycopy(f == null ? new float[RR_SLOTS] : f, 0, beat, RR_OFFSET, RR_SLOTS);
      }
      xs.add(beat);
      ys.add(bs.labels()[i]);
    }
    String[] names = new String[xs.size()];
    Arrays.fill(names, record.name());
    return new Data(xs.toArray(new float[0][]), ys.stream().mapToInt(Integer::intValue).toArray(),
        names);
  }

  /**
   * The four encoded RR features of every annotated beat of a record, keyed by R-peak sample.
   *
   * @param record record with beat annotations
   * @return peak sample to the four values written at {@value #RR_OFFSET}..186
   */
  public static Map<Long, float[]> rrFeatures(Record record) {
    long[] peaks = record.annotations().stream()
        .filter(a -> AamiClass.isBeat(a.symbol()))
        .mapToLong(Annotation::sample).sorted().distinct().toArray();
    return rrFeatures(peaks, record.fs());
  }

  /**
   * @param peaks strictly increasing R peaks
   * @param fs sampling rate
   * @return peak sample to the four encoded values
   */
  public static Map<Long, float[]> rrFeatures(long[] peaks, double fs) {
    Map<Long, float[]> out = new HashMap<>();
    if (peaks.length < 2) {
      return out;
    }
    // The encoding the packaged "rr-features" step replays at inference: one formula for both.
    float[][] enc = Step.RrFeatures.encode(peaks, fs);
    for (int i = 0; i < peaks.length; i++) {
      out.put(peaks[i], enc[i]);
    }
    return out;
  }

  /**
   * Loads and concatenates the beats of several records.
   *
   * @param db the database
   * @param names record names
   * @param rr whether to write RR features
   * @param maxBeatsPerRecord keep at most this many beats of each record (0 = all; for smoke
   *     runs), taken evenly spaced
   * @return the beats
   * @throws IOException if a record cannot be read
   */
  public static Data load(MitBih db, List<String> names, boolean rr, int maxBeatsPerRecord)
      throws IOException {
    List<float[]> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    List<String> rs = new ArrayList<>();
    for (String n : names) {
      Data d = fromRecord(db.load(n), rr);
      int step = maxBeatsPerRecord > 0 && d.size() > maxBeatsPerRecord
          ? (int) Math.ceil(d.size() / (double) maxBeatsPerRecord) : 1;
      for (int i = 0; i < d.size(); i += step) {
        xs.add(d.x()[i]);
        ys.add(d.y()[i]);
        rs.add(n);
      }
    }
    return new Data(xs.toArray(new float[0][]), ys.stream().mapToInt(Integer::intValue).toArray(),
        rs.toArray(new String[0]));
  }
}
