package dev.ecg.examples.experiments;

import dev.ecg.core.labels.AamiClass;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.MitBih;
import dev.ecg.io.dsp.Baseline;
import dev.ecg.io.dsp.Resample;
import dev.ecg.io.pipeline.Pipeline;
import dev.ecg.io.pipeline.Step;
import dev.ecg.io.segment.BeatSet;
import dev.ecg.io.segment.FixedWindowSegmenter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * R-centred MIT-BIH heartbeats with the P wave and four RR features, the input of
 * {@code mitbih-inter}. Unlike a Kachuee beat (which starts at the R peak), the window runs from
 * {@value #BEFORE} samples (0.256 s) before to {@value #AFTER} samples (0.448 s) after the R peak
 * at 125 Hz, so the P wave (or its absence), the QRS and the T wave are in view, as in the beat
 * windows of feature-based inter-patient work (de Chazal et al. 2004 take their morphology
 * features from the QRS and T-wave intervals around the fiducial point).
 *
 * <p>Pipeline, lead 0 (MLII): resample 360 -> 125 Hz ({@link Resample#toRate}), baseline
 * removal with the 200 ms + 600 ms median filters of de Chazal et al. ({@link
 * Baseline#medianFilterRemoval}), the window {@code [r - 32, r + 56)}
 * ({@link FixedWindowSegmenter}; the signal is padded with zeros so beats near the ends keep
 * their window), an optional per-beat normalisation (z-score or min-max, {@link Variant}), zeros up
 * to 187 samples, and in the last four samples (or more, scaled: {@link Variant}) the RR features
 * ({@link dev.ecg.io.pipeline.Step.RrFeatures#encode}: pre/avg - 1, post/avg - 1, local/avg - 1, pre/local - 1,
 * clipped to [-1, 1], where avg is the mean RR of the whole record, so the rhythm is measured
 * against the patient's own). The input is {@value #LENGTH} samples.
 *
 * <p>The same pipeline is written into the model package as steps {@code select-leads,
 * resample, baseline, qrs-windows, [zscore|minmax], crop-pad, rr-features} ({@link #steps}), so
 * {@code EcgClassifier.classify(Record)} rebuilds exactly these inputs; this class builds them
 * with direct {@code ecg-io} calls so the replay can be checked against an independent
 * computation ({@code ReplayConsistencyTest}).
 */
public final class CentredBeats {
  /** Sampling rate of the beats. */
  public static final double FS = 125.0;
  /** Samples before the R peak (0.256 s). */
  public static final int BEFORE = 32;
  /** Samples from the R peak on (0.448 s). */
  public static final int AFTER = 56;
  /** Signal samples per beat. */
  public static final int SIGNAL = BEFORE + AFTER;
  /** Number of RR feature samples. */
  public static final int RR_SLOTS = 4;
  /**
   * Input length: the signal, zeros, and the RR features in the last four samples; the
   * 187-sample layout of a Kachuee beat with RR features ({@link MitBihBeats}), so code written
   * for the first {@code mitbih-aami5} package keeps its input size.
   */
  public static final int LENGTH = MitBihBeats.LENGTH;
  /** First RR feature sample. */
  public static final int RR_OFFSET = LENGTH - RR_SLOTS;

  private CentredBeats() {}

  /**
   * How a beat is normalised and how strongly its RR features are presented.
   *
   * @param norm {@code none} (millivolts after baseline removal), {@code zscore} or
   *     {@code minmax} (per beat, over the signal part)
   * @param rrScale factor applied to the four RR values
   * @param rrCopies how many copies of the four values end the beat (the last at
   *     {@link #RR_OFFSET}, the others in the four samples before each)
   * @param causal RR features with {@code average: causal} (the mean RR of the beats before,
   *     so a live stream can compute them exactly) instead of the record's mean RR
   */
  public record Variant(String norm, double rrScale, int rrCopies, boolean causal) {
    /**
     * The record-average form.
     *
     * @param norm see the record description
     * @param rrScale see the record description
     * @param rrCopies see the record description
     */
    public Variant(String norm, double rrScale, int rrCopies) {
      this(norm, rrScale, rrCopies, false);
    }

    /** Checks the values. */
    public Variant {
      if (!List.of("none", "zscore", "minmax").contains(norm)) {
        throw new IllegalArgumentException("norm must be none, zscore or minmax, got " + norm);
      }
      if (!(rrScale > 0) || rrCopies < 1 || SIGNAL + RR_SLOTS * rrCopies > LENGTH) {
        throw new IllegalArgumentException("bad RR scale or copies: " + rrScale + ", "
            + rrCopies);
      }
    }

    /**
     * @param text {@code norm[:scale[:copies[:causal]]]}, e.g. {@code zscore},
     *     {@code zscore:4:4} or {@code minmax:1:1:causal}
     * @return the variant
     */
    public static Variant parse(String text) {
      String[] f = text.trim().split(":");
      if (f.length > 3 && !f[3].equals("causal")) {
        throw new IllegalArgumentException("the fourth field of a variant can only be causal, "
            + "got " + text);
      }
      return new Variant(f[0], f.length > 1 ? Double.parseDouble(f[1]) : 1,
          f.length > 2 ? Integer.parseInt(f[2]) : 1, f.length > 3);
    }

    /** @return the rr-features average this variant uses */
    public Step.RrFeatures.Average average() {
      return causal ? Step.RrFeatures.Average.CAUSAL : Step.RrFeatures.Average.RECORD;
    }

    @Override
    public String toString() {
      return norm + ":" + (rrScale == Math.rint(rrScale) ? Long.toString((long) rrScale)
          : Double.toString(rrScale)) + ":" + rrCopies + (causal ? ":causal" : "");
    }
  }

  /**
   * The package's preprocessing steps.
   *
   * @param v the variant
   * @param detector {@code null} for the package default (Pan-Tompkins, for unannotated input),
   *     or a detector name such as {@code annotations} (the reference beats, as in training)
   * @return the steps
   */
  public static List<Step> steps(Variant v, String detector) {
    List<Step> s = new ArrayList<>();
    s.add(Step.of("select-leads", "indices", List.of(0)));
    s.add(Step.of("resample", "fs", FS));
    s.add(Step.of("baseline"));
    s.add(detector == null
        ? Step.of("qrs-windows", "before", BEFORE, "after", AFTER, "edges", "zero")
        : Step.of("qrs-windows", "before", BEFORE, "after", AFTER, "edges", "zero",
            "detector", detector));
    if (!v.norm().equals("none")) {
      s.add(Step.of(v.norm()));
    }
    s.add(Step.of("crop-pad", "length", LENGTH, "align", "start", "value", 0));
    for (int c = v.rrCopies() - 1; c >= 0; c--) {
      if (v.causal()) {
        s.add(new Step.RrFeatures(RR_OFFSET - RR_SLOTS * c, v.rrScale(),
            Step.RrFeatures.Average.CAUSAL));
        continue;
      }
      s.add(v.rrScale() == 1
          ? Step.of("rr-features", "offset", RR_OFFSET - RR_SLOTS * c,
              "features", "pre/avg-1, post/avg-1, local/avg-1, pre/local-1 clipped to [-1,1]")
          : Step.of("rr-features", "offset", RR_OFFSET - RR_SLOTS * c,
              "scale", v.rrScale(),
              "features", "pre/avg-1, post/avg-1, local/avg-1, pre/local-1 clipped to [-1,1]"));
    }
    return s;
  }

  /**
   * Segments one record with its reference beat annotations.
   *
   * @param record a MIT-BIH record (lead 0 is used)
   * @param v the variant
   * @return the beats with an AAMI label (others are dropped after the RR features are computed)
   */
  public static MitBihBeats.Data fromRecord(Record record, Variant v) {
    Map<Long, String> symbolAt = new HashMap<>();
    List<Long> orig = new ArrayList<>();
    for (Annotation a : record.annotations()) {
      if (AamiClass.isBeat(a.symbol()) && a.sample() >= 0 && a.sample() < record.length()) {
        orig.add(a.sample());
        symbolAt.putIfAbsent(a.sample(), a.symbol());
      }
    }
    long[] peaks = orig.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
    double[] x = Resample.toRate(record.channel(0), record.fs(), FS);
    x = Baseline.medianFilterRemoval(x, FS);
    long[] cur = Resample.samples(peaks, record.fs(), FS);
    Map<Long, Long> toOrig = new HashMap<>();
    for (int i = 0; i < cur.length; i++) {
      cur[i] = Math.min(cur[i], Math.max(0, x.length - 1));
      toOrig.putIfAbsent(cur[i], peaks[i]);
    }
    // zeros around the signal so that the first and last beats get a window too
    double[] padded = new double[x.length + BEFORE + AFTER];
    System.arraycopy(x, 0, padded, BEFORE, x.length);
    long[] shifted = new long[cur.length];
    for (int i = 0; i < cur.length; i++) {
      shifted[i] = cur[i] + BEFORE;
    }
    BeatSet bs = new FixedWindowSegmenter(BEFORE, AFTER).segment(record.name(), padded, shifted,
        null);
    List<float[]> wins = new ArrayList<>();
    List<Long> kept = new ArrayList<>();
    for (int i = 0; i < bs.size(); i++) {
      if (i > 0 && bs.rPeaks()[i - 1] == bs.rPeaks()[i]) {
        continue;
      }
      wins.add(bs.x()[i]);
      kept.add(toOrig.get(bs.rPeaks()[i] - BEFORE));
    }
    long[] keptPeaks = kept.stream().mapToLong(Long::longValue).toArray();
    float[][] rr = Step.RrFeatures.encode(keptPeaks, record.fs(), v.average());
    List<float[]> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    for (int i = 0; i < wins.size(); i++) {
      var c = AamiClass.fromMitSymbol(symbolAt.get(keptPeaks[i]));
      if (c.isEmpty()) {
        continue;
      }
      float[] beat = new float[LENGTH];
      float[] w = switch (v.norm()) {
        case "zscore" -> zscore(wins.get(i));
        case "minmax" -> minmax(wins.get(i));
        default -> wins.get(i);
      };
      System.arraycopy(w, 0, beat, 0, SIGNAL);
      for (int copy = 0; copy < v.rrCopies(); copy++) {
        for (int j = 0; j < RR_SLOTS; j++) {
          beat[RR_OFFSET - RR_SLOTS * copy + j] = v.rrScale() == 1 ? rr[i][j]
              : (float) (v.rrScale() * rr[i][j]);
        }
      }
      xs.add(beat);
      ys.add(c.get().ordinal());
    }
    String[] names = new String[xs.size()];
    Arrays.fill(names, record.name());
    return new MitBihBeats.Data(xs.toArray(new float[0][]),
        ys.stream().mapToInt(Integer::intValue).toArray(), names);
  }

  /** Population z-score (mean 0, standard deviation 1; a constant window maps to zeros). */
  static float[] zscore(float[] w) {
    double mean = 0;
    for (float v : w) {
      mean += v;
    }
    mean /= w.length;
    double ss = 0;
    for (float v : w) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / w.length);
    float[] out = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = sd > 0 ? (float) ((w[i] - mean) / sd) : 0f;
    }
    return out;
  }

  /** Min-max scaling to [0, 1] (a constant window maps to zeros). */
  static float[] minmax(float[] w) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float v : w) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    double range = hi - lo;
    float[] out = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = range > 0 ? (float) ((w[i] - lo) / range) : 0f;
    }
    return out;
  }

  /**
   * Loads and concatenates the beats of several records.
   *
   * @param db the database
   * @param names record names
   * @param v the variant
   * @param maxBeatsPerRecord keep at most this many beats per record (0 = all), evenly spaced
   * @return the beats
   * @throws IOException if a record cannot be read
   */
  public static MitBihBeats.Data load(MitBih db, List<String> names, Variant v,
      int maxBeatsPerRecord) throws IOException {
    List<float[]> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    List<String> rs = new ArrayList<>();
    for (String n : names) {
      MitBihBeats.Data d = fromRecord(db.load(n), v);
      int step = maxBeatsPerRecord > 0 && d.size() > maxBeatsPerRecord
          ? (int) Math.ceil(d.size() / (double) maxBeatsPerRecord) : 1;
      for (int i = 0; i < d.size(); i += step) {
        xs.add(d.x()[i]);
        ys.add(d.y()[i]);
        rs.add(n);
      }
    }
    return new MitBihBeats.Data(xs.toArray(new float[0][]),
        ys.stream().mapToInt(Integer::intValue).toArray(), rs.toArray(new String[0]));
  }
}
