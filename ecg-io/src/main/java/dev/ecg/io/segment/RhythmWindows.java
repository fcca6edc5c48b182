package dev.ecg.io.segment;

import dev.ecg.io.Record;
import dev.ecg.io.wfdb.RhythmInterval;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fixed-length inputs for rhythm classifiers: crop or pad a whole record to one length (CinC 2017
 * style), or cut sliding windows labelled by the rhythm intervals they overlap (MIT-BIH style).
 */
public final class RhythmWindows {
  private RhythmWindows() {}

  /** Where to take the samples from when a signal is longer than the target. */
  public enum Crop {
    /** Keep the first samples. */
    START,
    /** Keep the middle samples (the extra sample of an odd surplus goes to the end). */
    CENTER,
    /** Keep a window at a random offset drawn from the seed. */
    RANDOM
  }

  /** How to fill when a signal is shorter than the target. */
  public enum Pad {
    /** Zeros after the signal. */
    ZERO,
    /** Repeat the last sample after the signal. */
    EDGE
  }

  /**
   * Crops or pads a signal to {@code length} samples. Padding always goes after the signal.
   *
   * @param x the signal (not modified)
   * @param length target length, {@code >= 1}
   * @param crop crop position when {@code x} is longer
   * @param pad padding when {@code x} is shorter
   * @param seed seed for {@link Crop#RANDOM} (the same seed gives the same offset)
   * @return a new array of {@code length} samples
   * @throws SegmentationException if {@code length < 1} or {@code x} is empty
   */
  public static double[] cropOrPad(double[] x, int length, Crop crop, Pad pad, long seed) {
    if (length < 1) {
      throw new SegmentationException("target length must be >= 1, got " + length);
    }
    if (x == null || x.length == 0) {
      throw new SegmentationException("cannot crop or pad an empty signal");
    }
    double[] y = new double[length];
    if (x.length >= length) {
      int surplus = x.length - length;
      int off;
      switch (crop) {
        case START:
          off = 0;
          break;
        case CENTER:
          off = surplus / 2;
          break;
        default:
          off = surplus == 0 ? 0 : new SplittableRandom(seed).nextInt(surplus + 1);
      }
      System.arraycopy(x, off, y, 0, length);
    } else {
      System.arraycopy(x, 0, y, 0, x.length);
      if (pad == Pad.EDGE) {
        Arrays.fill(y, x.length, length, x[x.length - 1]);
      }
    }
    return y;
  }

  /**
   * Crops or pads one channel of a record to {@code seconds} (see
   * {@link #cropOrPad(double[], int, Crop, Pad, long)}); NaN samples are kept.
   *
   * @param record the record
   * @param channel channel index
   * @param seconds target duration; the length is {@code round(seconds * fs)} samples
   * @param crop crop position when the record is longer
   * @param pad padding when the record is shorter
   * @param seed seed for {@link Crop#RANDOM}
   * @return the samples as floats
   * @throws SegmentationException on a bad channel, an empty record or a target under one sample
   */
  public static float[] cropOrPad(Record record, int channel, double seconds, Crop crop, Pad pad,
      long seed) {
    double[] x = Beats.channel(record, channel);
    long len = Math.round(seconds * record.fs());
    if (!(seconds > 0) || len < 1 || len > Integer.MAX_VALUE - 8) {
      throw new SegmentationException("target of " + seconds + " s at " + record.fs()
          + " Hz is not a usable length");
    }
    double[] y = cropOrPad(x, (int) len, crop, pad, seed);
    float[] f = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      f[i] = (float) y[i];
    }
    return f;
  }

  /**
   * Sliding windows over one channel, each labelled with the rhythm that covers the largest part
   * of it; windows where that part is below {@code minCoverage} are dropped (and counted). Windows
   * start at 0 and advance by {@code round(length * (1 - overlap))} samples; the last one ends at
   * or before the record end. Rhythm intervals come from the record's {@code +} annotations
   * ({@link RhythmInterval#fromAnnotations}); samples before the first rhythm annotation have no
   * rhythm.
   *
   * @param record the record
   * @param channel channel index
   * @param windowSeconds window length in seconds
   * @param overlap fraction of overlap between consecutive windows, in [0, 1)
   * @param minCoverage smallest fraction of a window the winning rhythm must cover, in (0, 1]
   * @return the windows and their labels
   * @throws SegmentationException on a bad channel, a window longer than the record, or settings
   *     out of range
   */
  public static Windows sliding(Record record, int channel, double windowSeconds, double overlap,
      double minCoverage) {
    double[] x = Beats.channel(record, channel);
    if (!(overlap >= 0 && overlap < 1)) {
      throw new SegmentationException("overlap must be in [0, 1), got " + overlap);
    }
    if (!(minCoverage > 0 && minCoverage <= 1)) {
      throw new SegmentationException("minCoverage must be in (0, 1], got " + minCoverage);
    }
    int len = (int) Math.round(windowSeconds * record.fs());
    if (!(windowSeconds > 0) || len < 1) {
      throw new SegmentationException("window must be at least one sample, got " + windowSeconds
          + " s at " + record.fs() + " Hz");
    }
    if (len > x.length) {
      throw new SegmentationException("record " + record.name() + ": window of " + len
          + " samples is longer than the " + x.length + "-sample record");
    }
    int step = Math.max(1, (int) Math.round(len * (1 - overlap)));
    List<RhythmInterval> rhythms = RhythmInterval.fromAnnotations(record.annotations(), x.length);
    List<float[]> out = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    List<Double> cover = new ArrayList<>();
    int dropped = 0;
    for (long s = 0; s + len <= x.length; s += step) {
      long e = s + len;
      // coverage per rhythm name
      java.util.Map<String, Long> by = new java.util.LinkedHashMap<>();
      for (RhythmInterval r : rhythms) {
        long ov = Math.min(e, r.end()) - Math.max(s, r.start());
        if (ov > 0) {
          by.merge(r.rhythm(), ov, Long::sum);
        }
      }
      String best = null;
      long bestOv = 0;
      for (var en : by.entrySet()) {
        if (en.getValue() > bestOv) {
          best = en.getKey();
          bestOv = en.getValue();
        }
      }
      double c = (double) bestOv / len;
      if (best == null || c < minCoverage) {
        dropped++;
        continue;
      }
      float[] w = new float[len];
      for (int i = 0; i < len; i++) {
        w[i] = (float) x[(int) s + i];
      }
      out.add(w);
      labels.add(best);
      starts.add(s);
      cover.add(c);
    }
    return new Windows(out.toArray(new float[0][]), labels.toArray(new String[0]),
        starts.stream().mapToLong(Long::longValue).toArray(),
        cover.stream().mapToDouble(Double::doubleValue).toArray(), record.name(), dropped);
  }

  /**
   * Labelled rhythm windows of one record.
   *
   * @param x the windows (samples as in the record, NaN kept)
   * @param rhythms the winning rhythm of each window, without the leading {@code (}, e.g.
   *     {@code N}, {@code AFIB}, {@code AFL}
   * @param starts first sample of each window
   * @param coverage fraction of each window covered by its rhythm
   * @param recordId the record name
   * @param dropped windows left out because no rhythm reached the minimum coverage
   */
  public record Windows(float[][] x, String[] rhythms, long[] starts, double[] coverage,
      String recordId, int dropped) {
    /** @return number of windows */
    public int size() {
      return x.length;
    }
  }
}
