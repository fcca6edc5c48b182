package dev.ecg.io.pipeline;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.labels.AamiClass;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.delineate.BeatIntervals;
import dev.ecg.io.delineate.DwtDelineator;
import dev.ecg.io.dsp.EcgCleaner;
import dev.ecg.io.dsp.NanInputException;
import dev.ecg.io.dsp.Resample;
import dev.ecg.io.qrs.QrsDetector;
import dev.ecg.io.segment.BeatSet;
import dev.ecg.io.segment.FixedWindowSegmenter;
import dev.ecg.io.segment.KachueeSegmenter;
import dev.ecg.io.segment.RhythmWindows;
import dev.ecg.io.segment.RrFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The implementations behind {@link Step}: each reads its typed parameters, calls the DSP, QRS
 * and segmentation code of this module and keeps track of the sampling rate and of where each
 * window sits in the original record.
 */
final class StepOps {

  private StepOps() {}

  /** Applies {@code f} to every lead of every window, gap-aware (see {@link #gapAware}). */
  static SignalWindows perLead(SignalWindows in, UnaryOperator<double[]> f) {
    List<double[][]> out = new ArrayList<>(in.windows().size());
    for (double[][] w : in.windows()) {
      double[][] n = new double[w.length][];
      for (int c = 0; c < w.length; c++) {
        n[c] = gapAware(w[c], f);
      }
      out.add(n);
    }
    return in.withWindows(out);
  }

  /**
   * {@link Resample#toRate} for a lead whose NaN samples are gaps: the gaps are bridged linearly
   * only to run the polyphase filter, and every output sample whose filter reaches a gap (10 x
   * max(up, down) taps of the upsampled stream, as {@code Resample.poly} designs it) is NaN, so no
   * value is invented. A lead without NaN is resampled as a whole.
   */
  static double[] resampleWithGaps(double[] x, double fsIn, double fsOut, int[] upDown) {
    int firstNaN = -1;
    int lastFinite = -1;
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i])) {
        firstNaN = firstNaN < 0 ? i : firstNaN;
      } else {
        lastFinite = i;
      }
    }
    if (firstNaN < 0) {
      return Resample.toRate(x, fsIn, fsOut);
    }
    double[] bridged = x.clone();
    int prev = -1;
    for (int i = 0; i <= x.length; i++) {
      if (i < x.length && Double.isNaN(x[i])) {
        continue;
      }
      // fill (prev, i) linearly between the finite neighbours (or flat at the ends)
      for (int k = prev + 1; k < i; k++) {
        double a = prev >= 0 ? x[prev] : (i < x.length ? x[i] : 0);
        double b = i < x.length ? x[i] : a;
        bridged[k] = prev < 0 || i >= x.length ? (prev < 0 ? b : a)
            : a + (b - a) * (k - prev) / (double) (i - prev);
      }
      prev = i;
    }
    if (lastFinite < 0) {
      Arrays.fill(bridged, 0);
    }
    double[] y = Resample.toRate(bridged, fsIn, fsOut);
    int up = upDown[0];
    int down = upDown[1];
    // reach of the filter in input samples, one more for rounding
    double reach = 10.0 * Math.max(up, down) / up + 1;
    // prefix counts of NaN inputs, to test any window of inputs in O(1)
    int[] nanBefore = new int[x.length + 1];
    for (int i = 0; i < x.length; i++) {
      nanBefore[i + 1] = nanBefore[i] + (Double.isNaN(x[i]) ? 1 : 0);
    }
    for (int k = 0; k < y.length; k++) {
      double t = (double) k * down / up;
      int lo = (int) Math.max(0, Math.floor(t - reach));
      int hi = (int) Math.min(x.length, Math.ceil(t + reach) + 1);
      if (lo < hi && nanBefore[hi] - nanBefore[lo] > 0) {
        y[k] = Double.NaN;
      }
    }
    return y;
  }

  /**
   * Applies a filter to a lead whose NaN samples are gaps (WFDB's invalid-sample marker, a
   * lead-off stretch): each finite run between gaps is filtered on its own, gaps stay NaN, and a
   * run too short for the filter (its padding) becomes NaN too. A lead without NaN is filtered
   * as a whole; an infinite sample is not a gap and is refused by the filter.
   */
  static double[] gapAware(double[] x, UnaryOperator<double[]> f) {
    boolean nan = false;
    for (double v : x) {
      if (Double.isInfinite(v)) {
        return f.apply(x); // refused there, with the filter's own message
      }
      nan |= Double.isNaN(v);
    }
    if (!nan) {
      return f.apply(x);
    }
    double[] out = new double[x.length];
    Arrays.fill(out, Double.NaN);
    int i = 0;
    while (i < x.length) {
      if (Double.isNaN(x[i])) {
        i++;
        continue;
      }
      int j = i;
      while (j < x.length && !Double.isNaN(x[j])) {
        j++;
      }
      try {
        double[] y = f.apply(Arrays.copyOfRange(x, i, j));
        if (y.length == j - i) {
          System.arraycopy(y, 0, out, i, j - i);
        }
      } catch (EcgArgumentException tooShort) {
        // left NaN: the run is shorter than the filter needs
      }
      i = j;
    }
    return out;
  }

  static SignalWindows resample(SignalWindows in, double target) {
    double factor = target / in.fs();
    if (!(factor <= Step.Resample.MAX_FACTOR && factor >= 1.0 / Step.Resample.MAX_FACTOR)) {
      // a record at 0.00125 Hz resampled to 125 Hz would grow 100,000-fold
      throw new EcgArgumentException("resample: from " + in.fs() + " Hz to " + target
          + " Hz is a factor of " + factor + "; the pipeline resamples by at most "
          + (int) Step.Resample.MAX_FACTOR + " either way (is the record's sampling rate right?)");
    }
    int[] r = Resample.ratio(in.fs(), target);
    double fsNew = in.fs() * r[0] / r[1];
    if (r[0] == r[1]) {
      return in;
    }
    List<double[][]> out = new ArrayList<>(in.windows().size());
    for (double[][] w : in.windows()) {
      double[][] n = new double[w.length][];
      for (int c = 0; c < w.length; c++) {
        n[c] = resampleWithGaps(w[c], in.fs(), target, r);
      }
      out.add(n);
    }
    return new SignalWindows(in.source(), fsNew, in.leadNames(), out, in.samples(),
        in.segmented());
  }

  // --------------------------------------------------------------------------- leads, scaling

  static SignalWindows selectLeads(SignalWindows in, List<String> names, List<Integer> indices) {
    List<Integer> idx = new ArrayList<>();
    if (names != null) {
      for (String n : names) {
        int k = in.leadNames().indexOf(n);
        if (k < 0) {
          throw new EcgArgumentException("select-leads: record " + in.source().name()
              + " has no lead '" + n + "' (leads: " + in.leadNames() + ")");
        }
        idx.add(k);
      }
    } else {
      for (int k : indices) {
        if (k >= in.leadNames().size()) {
          throw new EcgArgumentException("select-leads: lead index " + k
              + " is not a whole number in 0.." + (in.leadNames().size() - 1) + " (record "
              + in.source().name() + " has " + in.leadNames().size() + " lead(s))");
        }
        idx.add(k);
      }
    }
    List<String> newNames = idx.stream().map(k -> in.leadNames().get(k)).toList();
    List<double[][]> out = new ArrayList<>();
    for (double[][] w : in.windows()) {
      double[][] n = new double[idx.size()][];
      for (int c = 0; c < n.length; c++) {
        n[c] = w[idx.get(c)];
      }
      out.add(n);
    }
    return new SignalWindows(in.source(), in.fs(), newNames, out, in.samples(), in.segmented());
  }

  static SignalWindows normalize(SignalWindows in, Step.Normalize.Method method) {
    List<double[][]> out = new ArrayList<>();
    for (double[][] w : in.windows()) {
      double[][] n = new double[w.length][];
      for (int c = 0; c < w.length; c++) {
        n[c] = method == Step.Normalize.Method.MINMAX ? minmax(w[c]) : zscore(w[c]);
      }
      out.add(n);
    }
    return in.withWindows(out);
  }

  /**
   * Min-max scaling to [0, 1] over the valid (non-NaN) samples; NaN samples stay NaN so that
   * only windows really holding one are refused later, and a constant signal maps to 0.
   *
   * @throws NanInputException on an infinite sample (no finite scaling exists)
   */
  static double[] minmax(double[] x) {
    double[] v = scaled(x);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double a : v) {
      if (!Double.isNaN(a)) {
        lo = Math.min(lo, a);
        hi = Math.max(hi, a);
      }
    }
    double[] y = new double[x.length];
    double range = hi - lo;
    for (int i = 0; i < x.length; i++) {
      y[i] = Double.isNaN(v[i]) ? Double.NaN : range > 0 ? (v[i] - lo) / range : 0;
    }
    return y;
  }

  /**
   * Z-score over the valid (non-NaN) samples; NaN samples stay NaN, a constant signal maps to 0.
   *
   * @throws NanInputException on an infinite sample
   */
  static double[] zscore(double[] x) {
    double[] v = scaled(x);
    double mean = 0;
    int n = 0;
    for (double a : v) {
      if (!Double.isNaN(a)) {
        mean += a;
        n++;
      }
    }
    mean /= Math.max(1, n);
    double ss = 0;
    for (double a : v) {
      if (!Double.isNaN(a)) {
        ss += (a - mean) * (a - mean);
      }
    }
    double sd = Math.sqrt(ss / Math.max(1, n));
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Double.isNaN(v[i]) ? Double.NaN : sd > 0 ? (v[i] - mean) / sd : 0;
    }
    return y;
  }

  /**
   * Divides by the largest magnitude (both normalisations are scale invariant), so amplitudes
   * near {@link Double#MAX_VALUE} cannot overflow a range, sum or square into infinity.
   */
  private static double[] scaled(double[] x) {
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isInfinite(x[i])) {
        throw new NanInputException("normalize: the lead (NaN marks an invalid sample; an "
            + "infinite one has no finite scaling)", i, x[i]);
      }
      if (!Double.isNaN(x[i])) {
        max = Math.max(max, Math.abs(x[i]));
      }
    }
    if (max == 0 || (max > 1e-100 && max < 1e100)) {
      return x;
    }
    double[] v = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      v[i] = x[i] / max;
    }
    return v;
  }

  static SignalWindows cropPad(SignalWindows in, Step.CropPad spec) {
    List<double[][]> out = new ArrayList<>();
    for (double[][] w : in.windows()) {
      double[][] n = new double[w.length][];
      for (int c = 0; c < w.length; c++) {
        n[c] = cropPad(w[c], spec.length(), spec.align(), spec.value());
      }
      out.add(n);
    }
    return in.withWindows(out);
  }

  static double[] cropPad(double[] x, int len, Step.CropPad.Align align, double value) {
    double[] y = new double[len];
    Arrays.fill(y, value);
    int offset = switch (align) {
      case START -> 0;
      case CENTER -> (x.length - len) / 2;
      case END -> x.length - len;
    };
    // offset > 0: crop x starting there; offset < 0: pad, placing x at -offset
    for (int i = 0; i < len; i++) {
      int src = i + offset;
      if (src >= 0 && src < x.length) {
        y[i] = x[src];
      }
    }
    return y;
  }

  // --------------------------------------------------------------------------- beats

  /** Beat positions at the current rate and in the original record. */
  record Peaks(long[] current, long[] original) {}

  static void requireWhole(SignalWindows in, String step) {
    if (in.segmented()) {
      throw new EcgArgumentException("preprocessing step '" + step
          + "': the signal is already segmented");
    }
  }

  private static int channel(SignalWindows in, String step, int c) {
    if (c >= in.leadNames().size()) {
      throw new EcgArgumentException("preprocessing step '" + step + "': channel "
          + c + " out of range for " + in.leadNames().size() + " lead(s) " + in.leadNames());
    }
    return c;
  }

  /**
   * Finds the beats: with {@link Step.Detector#ANNOTATIONS} the record's beat annotations
   * ({@link AamiClass#isBeat}), else a QRS detector of {@code dev.ecg.io.qrs} run on lead
   * {@code channel} of the current signal.
   */
  static Peaks peaks(SignalWindows in, String step, Step.Detector detector, int channel) {
    Record src = in.source();
    double[] x = in.windows().get(0)[channel(in, step, channel)];
    if (detector == Step.Detector.ANNOTATIONS) {
      List<Long> orig = new ArrayList<>();
      for (Annotation a : src.annotations()) {
        if (AamiClass.isBeat(a.symbol()) && a.sample() >= 0 && a.sample() < src.length()) {
          orig.add(a.sample());
        }
      }
      long[] o = orig.stream().mapToLong(Long::longValue).sorted().toArray();
      return new Peaks(toRate(o, src.fs(), in.fs(), x.length), o);
    }
    QrsDetector d = detector.create();
    long[] cur = Arrays.stream(d.detect(x, in.fs())).asLongStream().toArray();
    return new Peaks(cur, toRate(cur, in.fs(), src.fs(), src.length()));
  }

  /** Maps positions between rates with {@link Resample#samples}, clamped to the signal. */
  static long[] toRate(long[] p, double from, double to, int length) {
    if (from == to) {
      return p.clone();
    }
    long[] m = Resample.samples(p, from, to);
    for (int i = 0; i < m.length; i++) {
      m[i] = Math.min(m[i], Math.max(0, length - 1));
    }
    return m;
  }

  static SignalWindows kachuee(SignalWindows in, Step.KachueeSegment spec) {
    requireWhole(in, spec.name());
    Peaks p = peaks(in, spec.name(), spec.detector(), spec.channel());
    KachueeSegmenter seg = new KachueeSegmenter();
    List<BeatSet> perLead = new ArrayList<>();
    for (double[] lead : in.windows().get(0)) {
      perLead.add(seg.segment(in.source().name(), lead, in.fs(), p.current(), null));
    }
    return joinLeads(in, perLead, p, KachueeSegmenter.FS);
  }

  static SignalWindows qrsWindows(SignalWindows in, Step.QrsWindows spec) {
    requireWhole(in, spec.name());
    int before = spec.before();
    int after = spec.after();
    Peaks p = peaks(in, spec.name(), spec.detector(), spec.channel());
    FixedWindowSegmenter seg = new FixedWindowSegmenter(before, after);
    List<BeatSet> perLead = new ArrayList<>();
    if (spec.edges() == Step.QrsWindows.Edges.ZERO) {
      // zeros before and after the signal, so a beat near either end still gets its window
      long[] shifted = new long[p.current().length];
      for (int i = 0; i < shifted.length; i++) {
        shifted[i] = p.current()[i] + before;
      }
      for (double[] lead : in.windows().get(0)) {
        double[] padded = new double[lead.length + before + after];
        System.arraycopy(lead, 0, padded, before, lead.length);
        BeatSet bs = seg.segment(in.source().name(), padded, shifted, null);
        long[] back = bs.rPeaks().clone();
        for (int i = 0; i < back.length; i++) {
          back[i] -= before;
        }
        perLead.add(new BeatSet(bs.x(), bs.labels(), back, bs.recordIds(), bs.symbols(),
            bs.skippedAtEdge(), bs.skippedInvalid()));
      }
    } else {
      for (double[] lead : in.windows().get(0)) {
        perLead.add(seg.segment(in.source().name(), lead, p.current(), null));
      }
    }
    return joinLeads(in, perLead, p, in.fs());
  }

  static SignalWindows annotationWindows(SignalWindows in, Step.AnnotationWindows spec) {
    requireWhole(in, spec.name());
    Set<String> symbols = Set.copyOf(spec.symbols());
    Record r = in.source();
    double scale = in.fs() / r.fs();
    double[][] whole = in.windows().get(0);
    int n = whole.length == 0 ? 0 : whole[0].length;
    List<double[][]> out = new ArrayList<>();
    List<Long> refs = new ArrayList<>();
    for (Annotation a : r.annotations()) {
      if (symbols.isEmpty() ? !AamiClass.isBeat(a.symbol()) : !symbols.contains(a.symbol())) {
        continue;
      }
      long centre = Math.round(a.sample() * scale);
      long start = centre - spec.before();
      long end = centre + spec.after();
      if (start < 0 || end > n) {
        continue;
      }
      double[][] w = new double[whole.length][];
      for (int c = 0; c < whole.length; c++) {
        w[c] = Arrays.copyOfRange(whole[c], (int) start, (int) end);
      }
      out.add(w);
      refs.add(a.sample());
    }
    long[] s = refs.stream().mapToLong(Long::longValue).toArray();
    return new SignalWindows(r, in.fs(), in.leadNames(), out, s, true);
  }

  /**
   * Joins per-lead beat sets: keeps the beats present in every lead (a lead may drop a beat for
   * NaN samples) and records each beat's position in the original record.
   */
  private static SignalWindows joinLeads(SignalWindows in, List<BeatSet> perLead, Peaks p,
      double fsOut) {
    Map<Long, Long> toOriginal = new HashMap<>();
    for (int i = 0; i < p.current().length; i++) {
      toOriginal.putIfAbsent(p.current()[i], p.original()[i]);
    }
    List<Map<Long, float[]>> byPeak = new ArrayList<>();
    for (BeatSet b : perLead) {
      Map<Long, float[]> m = new HashMap<>();
      for (int i = 0; i < b.size(); i++) {
        m.putIfAbsent(b.rPeaks()[i], b.x()[i]);
      }
      byPeak.add(m);
    }
    BeatSet first = perLead.get(0);
    List<double[][]> out = new ArrayList<>();
    List<Long> refs = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      long peak = first.rPeaks()[i];
      if (i > 0 && first.rPeaks()[i - 1] == peak) {
        continue;
      }
      double[][] w = new double[perLead.size()][];
      boolean all = true;
      for (int c = 0; c < w.length && all; c++) {
        float[] f = byPeak.get(c).get(peak);
        if (f == null) {
          all = false;
        } else {
          w[c] = toDouble(f);
        }
      }
      if (all) {
        out.add(w);
        refs.add(toOriginal.get(peak));
      }
    }
    return new SignalWindows(in.source(), fsOut, in.leadNames(), out,
        refs.stream().mapToLong(Long::longValue).toArray(), true);
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  static SignalWindows rhythmCrop(SignalWindows in, Step.RhythmCrop spec) {
    requireWhole(in, spec.name());
    long len = Math.round(spec.seconds() * in.fs());
    if (len < 1 || len > Step.MAX_WINDOW_SAMPLES) {
      throw new EcgArgumentException("rhythm-crop: seconds must give 1 .. "
          + Step.MAX_WINDOW_SAMPLES + " samples at " + in.fs() + " Hz, got " + spec.seconds());
    }
    double[][] whole = in.windows().get(0);
    double[][] w = new double[whole.length][];
    for (int c = 0; c < w.length; c++) {
      w[c] = RhythmWindows.cropOrPad(whole[c], (int) len, spec.crop(), spec.pad(), 0L);
    }
    int n = whole.length == 0 ? 0 : whole[0].length;
    long start = spec.crop() == RhythmWindows.Crop.CENTER ? Math.max(0, (n - len) / 2) : 0;
    long[] orig = toRate(new long[] {start}, in.fs(), in.source().fs(), in.source().length());
    return new SignalWindows(in.source(), in.fs(), in.leadNames(), List.<double[][]>of(w), orig,
        false);
  }

  static SignalWindows rhythmWindows(SignalWindows in, Step.RhythmWindows spec) {
    requireWhole(in, spec.name());
    long len = Math.round(spec.seconds() * in.fs());
    long hop = Math.round(spec.hop() * in.fs());
    if (len < 1 || len > Step.MAX_WINDOW_SAMPLES) {
      throw new EcgArgumentException("rhythm-windows: seconds must give 1 .. "
          + Step.MAX_WINDOW_SAMPLES + " samples at " + in.fs() + " Hz, got " + spec.seconds());
    }
    if (hop < 1) {
      throw new EcgArgumentException("rhythm-windows: hop must give at least one sample at "
          + in.fs() + " Hz, got " + spec.hop());
    }
    double[][] whole = in.windows().get(0);
    int n = whole.length == 0 ? 0 : whole[0].length;
    long[] starts = windowStarts(n, (int) len, (int) hop);
    List<double[][]> out = new ArrayList<>(starts.length);
    for (long s : starts) {
      double[][] w = new double[whole.length][];
      for (int c = 0; c < w.length; c++) {
        w[c] = new double[(int) len];
        int m = (int) Math.min(len, n - s);
        System.arraycopy(whole[c], (int) s, w[c], 0, Math.max(0, m));
      }
      out.add(w);
    }
    long[] orig = toRate(starts, in.fs(), in.source().fs(), in.source().length());
    return new SignalWindows(in.source(), in.fs(), in.leadNames(), out, orig, true);
  }

  /**
   * Start samples of the {@code rhythm-windows} step.
   *
   * @param n signal length in samples
   * @param len window length, at least 1
   * @param hop samples between starts, at least 1
   * @return {@code 0, hop, 2 hop, ...} while a window fits, plus {@code n - len} when the last
   *     one stops short of the end; {@code {0}} when {@code n <= len}
   */
  static long[] windowStarts(int n, int len, int hop) {
    if (n <= len) {
      return new long[] {0};
    }
    List<Long> s = new ArrayList<>();
    long last = -1;
    for (long p = 0; p + len <= n; p += hop) {
      s.add(p);
      last = p;
    }
    if (last + len < n) {
      s.add((long) (n - len));
    }
    return s.stream().mapToLong(Long::longValue).toArray();
  }

  static SignalWindows rrFeatures(SignalWindows in, Step.RrFeatures spec) {
    needsBeats(in, "rr-features");
    float[][] enc = rrEncoded(in.samples(), in.source().fs(), spec.average());
    double[][] values = new double[enc.length][];
    for (int b = 0; b < enc.length; b++) {
      values[b] = new double[enc[b].length];
      for (int k = 0; k < enc[b].length; k++) {
        // the scaled value goes through float, as the model's input does
        values[b][k] = spec.scale() == 1 ? enc[b][k] : (float) (spec.scale() * enc[b][k]);
      }
    }
    return writeSlots(in, "rr-features", spec.offset(), values);
  }

  /**
   * PR, QRS, QT and QTc (Bazett) of each beat window, in seconds times the scale, from the
   * delineation of the original record (see {@link Step.IntervalFeatures}).
   */
  static SignalWindows intervalFeatures(SignalWindows in, Step.IntervalFeatures spec) {
    needsBeats(in, "interval-features");
    Record src = in.source();
    if (spec.channel() >= src.channelCount()) {
      throw new EcgArgumentException("interval-features: channel " + spec.channel()
          + " but record " + src.name() + " has " + src.channelCount() + " lead(s)");
    }
    long[] refs = in.samples();
    long[] sorted = Arrays.stream(refs).filter(r -> r >= 0 && r < src.length()).sorted()
        .distinct().toArray();
    double[][] values = new double[refs.length][Step.IntervalFeatures.SLOTS];
    if (sorted.length >= 2 && src.length() >= src.fs()) {
      double[] x = src.channel(spec.channel()).clone();
      for (int i = 0; i < x.length; i++) {
        if (Double.isNaN(x[i])) {
          x[i] = 0;
        }
      }
      double[] cleaned = EcgCleaner.clean(x, src.fs(), EcgCleaner.Preset.NEUROKIT_EXACT);
      int[] peaks = Arrays.stream(sorted).mapToInt(v -> (int) v).toArray();
      BeatIntervals iv = DwtDelineator.delineateLong(cleaned, peaks, src.fs(),
          DwtDelineator.DEFAULT_CHUNK_SECONDS).intervals();
      double[][] per = {iv.prMs(), iv.qrsMs(), iv.qtMs(), iv.qtcBazettMs()};
      for (int b = 0; b < refs.length; b++) {
        int at = Arrays.binarySearch(sorted, refs[b]);
        for (int k = 0; k < per.length && at >= 0; k++) {
          double ms = per[k][at];
          values[b][k] = Double.isFinite(ms) && ms > 0 ? spec.scale() * ms / 1000.0 : 0.0;
        }
      }
    }
    return writeSlots(in, "interval-features", spec.offset(), values);
  }

  /** Original-record sample range {@code [from, to)} that window {@code w} spans. */
  static long[] sourceSpan(SignalWindows in, int w) {
    Record src = in.source();
    if (!in.segmented()) {
      return new long[] {0, src.length()};
    }
    long ref = in.samples()[w];
    double[][] win = in.windows().get(w);
    int len = win.length == 0 ? 0 : win[0].length;
    long n = Math.max(1, Math.round(len * src.fs() / in.fs()));
    long from = Math.max(0, Math.min(ref, src.length() - 1));
    return new long[] {from, Math.min(src.length(), from + n)};
  }

  /** The signal-quality gate (see {@link Step.QualityGate}). */
  static SignalWindows qualityGate(SignalWindows in, Step.QualityGate spec) {
    Record src = in.source();
    if (spec.channel() >= src.channelCount()) {
      throw new EcgArgumentException("quality-gate: channel " + spec.channel() + " but record "
          + src.name() + " has " + src.channelCount() + " lead(s)");
    }
    double[] x = src.channel(spec.channel());
    int seg = (int) Math.round(spec.seconds() * src.fs());
    int minSeg = (int) Math.ceil(dev.ecg.io.quality.SignalQuality.MIN_SECONDS * src.fs());
    List<int[]> segments = new ArrayList<>();
    for (int from = 0; from < x.length; from += seg) {
      int to = Math.min(x.length, from + seg);
      if (x.length - to < minSeg) {
        to = x.length;
      }
      segments.add(new int[] {from, to});
      if (to == x.length) {
        break;
      }
    }
    String[] verdict = new String[segments.size()];
    int bad = 0;
    for (int k = 0; k < verdict.length; k++) {
      int[] g = segments.get(k);
      verdict[k] = segmentVerdict(Arrays.copyOfRange(x, g[0], g[1]), g[0], src.fs(),
          src.channelNames().get(spec.channel()), spec.strict());
      bad += verdict[k] != null ? 1 : 0;
    }
    if (!in.segmented()) {
      if (2 * bad > verdict.length) {
        String first = Arrays.stream(verdict).filter(java.util.Objects::nonNull).findFirst()
            .orElseThrow();
        return in.rejectRecord(bad + " of " + verdict.length + " segments of " + spec.seconds()
            + " s unusable; the first: " + first);
      }
      return in;
    }
    String[] reasons = new String[in.windows().size()];
    List<long[]> segs = new ArrayList<>();
    for (int[] g : segments) {
      segs.add(new long[] {g[0], g[1]});
    }
    List<String> verdicts = Arrays.asList(verdict);
    for (int w = 0; w < reasons.length; w++) {
      reasons[w] = windowVerdict(sourceSpan(in, w), segs, verdicts);
    }
    return in.rejectWindows(reasons);
  }

  /**
   * The quality gate's verdict on one segment of the original record.
   *
   * @param slice the segment's samples
   * @param from its first sample in the record
   * @param fs the record's rate
   * @param lead the lead's name, for the reason
   * @param strict reject unless usable (else only unreadable)
   * @return the reason to reject, or null
   */
  static String segmentVerdict(double[] slice, long from, double fs, String lead,
      boolean strict) {
    int minSeg = (int) Math.ceil(dev.ecg.io.quality.SignalQuality.MIN_SECONDS * fs);
    long to = from + slice.length;
    if (slice.length < minSeg) {
      return String.format(java.util.Locale.ROOT,
          "%.1f-%.1f s shorter than the %.0f s signal quality needs", from / fs, to / fs,
          dev.ecg.io.quality.SignalQuality.MIN_SECONDS);
    }
    var a = dev.ecg.io.quality.SignalQuality.assess(slice, fs);
    if (strict ? !a.usable() : !a.readable()) {
      return String.format(java.util.Locale.ROOT, "poor signal quality at %.1f-%.1f s"
          + " of lead %s: %s", from / fs, to / fs, lead,
          String.join(", ", strict ? a.reasons() : a.severe()));
    }
    return null;
  }

  /**
   * The quality gate's verdict on one window: the reason of the segment holding its reference
   * sample, else of another rejected segment when rejected ones cover half the window or more.
   *
   * @param span the window's {@code [from, to)} in the original record
   * @param segments the segments' {@code [from, to)}, in order
   * @param verdicts each segment's reason to reject, or null
   * @return the reason, or null
   */
  static String windowVerdict(long[] span, List<long[]> segments, List<String> verdicts) {
    long covered = 0;
    String atRef = null;
    String elsewhere = null;
    for (int k = 0; k < verdicts.size(); k++) {
      long[] g = segments.get(k);
      long overlap = Math.min(span[1], g[1]) - Math.max(span[0], g[0]);
      if (verdicts.get(k) == null || overlap <= 0) {
        continue;
      }
      covered += overlap;
      if (span[0] >= g[0] && span[0] < g[1]) {
        atRef = verdicts.get(k);
      } else if (elsewhere == null) {
        elsewhere = verdicts.get(k);
      }
    }
    if (atRef != null || 2 * covered >= span[1] - span[0]) {
      return atRef != null ? atRef : elsewhere;
    }
    return null;
  }

  /** HRV indices written into each window (see {@link Step.HrvFeatures}). */
  static SignalWindows hrvFeatures(SignalWindows in, Step.HrvFeatures spec) {
    Record src = in.source();
    if (spec.channel() >= src.channelCount()) {
      throw new EcgArgumentException("hrv-features: channel " + spec.channel() + " but record "
          + src.name() + " has " + src.channelCount() + " lead(s)");
    }
    long[] peaks;
    if (spec.detector() == Step.Detector.ANNOTATIONS) {
      peaks = src.annotations().stream().filter(a -> AamiClass.isQrs(a.symbol()))
          .mapToLong(Annotation::sample).filter(v -> v >= 0 && v < src.length()).sorted()
          .distinct().toArray();
    } else {
      double[] x = src.channel(spec.channel());
      peaks = Arrays.stream(spec.detector().create().detect(x, src.fs())).asLongStream()
          .toArray();
    }
    List<String> cols = spec.columns();
    boolean time = cols.stream().anyMatch(dev.ecg.io.hrv.Hrv.timeColumns()::contains);
    boolean freq = cols.stream().anyMatch(dev.ecg.io.hrv.Hrv.frequencyColumns()::contains);
    boolean nonlin = cols.stream().anyMatch(dev.ecg.io.hrv.Hrv.nonlinearColumns()::contains);
    double[][] values = new double[in.windows().size()][cols.size()];
    for (int w = 0; w < values.length; w++) {
      long[] span = sourceSpan(in, w);
      int from = lowerBound(peaks, span[0]);
      int to = lowerBound(peaks, span[1]);
      int[] p = new int[to - from];
      for (int i = 0; i < p.length; i++) {
        p[i] = (int) peaks[from + i];
      }
      Map<String, Double> m = new HashMap<>();
      if (time && p.length >= dev.ecg.io.hrv.Hrv.MIN_PEAKS_TIME) {
        m.putAll(dev.ecg.io.hrv.Hrv.time(p, src.fs()).asMap());
      }
      if (freq && p.length >= dev.ecg.io.hrv.Hrv.MIN_PEAKS) {
        m.putAll(dev.ecg.io.hrv.Hrv.frequency(p, src.fs()).asMap());
      }
      if (nonlin && p.length >= dev.ecg.io.hrv.Hrv.MIN_PEAKS) {
        m.putAll(dev.ecg.io.hrv.Hrv.nonlinear(p, src.fs()).asMap());
      }
      for (int k = 0; k < cols.size(); k++) {
        Double v = m.get(cols.get(k));
        values[w][k] = v != null && Double.isFinite(v) ? spec.scale() * v : 0.0;
      }
    }
    return writeSlots(in, "hrv-features", spec.offset(), values);
  }

  /** First index of a sorted array whose value is {@code >= key}. */
  private static int lowerBound(long[] sorted, long key) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Refuses an unsegmented state for a step that writes per-beat values. */
  static void needsBeats(SignalWindows in, String step) {
    if (!in.segmented()) {
      throw new EcgArgumentException(step + ": needs beat windows; put it after a "
          + "segmentation step (kachuee-segment, qrs-windows, annotation-windows)");
    }
  }

  /**
   * Writes {@code values[w]} into every lead of window {@code w} from position {@code offset}.
   */
  static SignalWindows writeSlots(SignalWindows in, String step, int offset, double[][] values) {
    List<double[][]> out = new ArrayList<>(in.windows().size());
    for (int b = 0; b < values.length; b++) {
      double[][] w = in.windows().get(b);
      int len = w.length == 0 ? 0 : w[0].length;
      int slots = values[b].length;
      if (offset + slots > len) {
        throw new EcgArgumentException(step + ": offset must be a whole number in [0, "
            + (len - slots) + "] for windows of " + len + " samples, got " + offset);
      }
      double[][] n = new double[w.length][];
      for (int c = 0; c < w.length; c++) {
        n[c] = w[c].clone();
        System.arraycopy(values[b], 0, n[c], offset, slots);
      }
      out.add(n);
    }
    return in.withWindows(out);
  }

  /** The shape check of a step that writes {@code slots} values per beat window. */
  static Shape slotsFit(String step, Shape in, int offset, int slots) {
    if (!in.segmented()) {
      throw new PipelineException(step + " needs beat windows; put it after a "
          + "segmentation step (kachuee-segment, qrs-windows, annotation-windows)");
    }
    if (in.length() != Shape.UNKNOWN && offset + slots > in.length()) {
      throw new PipelineException(step + ": offset " + offset + " + " + slots
          + " values do not fit windows of " + in.length() + " samples");
    }
    return in;
  }

  /**
   * The four encoded RR features of each beat (see {@code rr-features}).
   *
   * @param peaks R peaks in samples; need not be distinct or sorted (features follow the sorted
   *     distinct order and are mapped back)
   * @param fs their sampling rate
   * @return {@code [beat][4]}; all zeros when there are fewer than two distinct peaks
   */
  static float[][] rrEncoded(long[] peaks, double fs, Step.RrFeatures.Average average) {
    float[][] out = new float[peaks.length][Step.RrFeatures.SLOTS];
    long[] sorted = Arrays.stream(peaks).sorted().distinct().toArray();
    if (sorted.length < 2) {
      return out;
    }
    if (average == Step.RrFeatures.Average.CAUSAL) {
      float[][] bySorted = new float[sorted.length][];
      dev.ecg.io.segment.CausalRr c = new dev.ecg.io.segment.CausalRr(fs);
      int k = 0;
      for (long pk : sorted) {
        double[] f = c.add(pk);
        if (f != null) {
          bySorted[k++] = causalEncoded(f);
        }
      }
      bySorted[k] = causalEncoded(c.finish());
      for (int b = 0; b < peaks.length; b++) {
        out[b] = bySorted[Arrays.binarySearch(sorted, peaks[b])].clone();
      }
      return out;
    }
    RrFeatures f = RrFeatures.compute(sorted, fs);
    double avg = f.average();
    // the accessors return copies: take them once, not once per beat
    double[] pre = f.pre();
    double[] post = f.post();
    double[] local = f.local();
    for (int b = 0; b < peaks.length; b++) {
      int i = Arrays.binarySearch(sorted, peaks[b]);
      out[b][0] = clipRatio(pre[i] / avg);
      out[b][1] = clipRatio(post[i] / avg);
      out[b][2] = clipRatio(local[i] / avg);
      out[b][3] = clipRatio(pre[i] / local[i]);
    }
    return out;
  }

  /**
   * Sets every non-finite sample of {@code x} to zero, in place.
   *
   * @return prefix counts of the invalid samples: {@code p[j] - p[i]} is the count in
   *     {@code [i, j)}
   */
  private static int[] zeroInvalid(double[] x) {
    int[] prefix = new int[x.length + 1];
    for (int i = 0; i < x.length; i++) {
      boolean bad = !Double.isFinite(x[i]);
      prefix[i + 1] = prefix[i] + (bad ? 1 : 0);
      if (bad) {
        x[i] = 0;
      }
    }
    return prefix;
  }

  static SignalWindows beatFeatures(SignalWindows in, Step.BeatFeatureWindows spec) {
    requireWhole(in, spec.name());
    Peaks pk = peaks(in, spec.name(), spec.detector(), spec.channel());
    double[] x = in.windows().get(0)[spec.channel()].clone();
    // invalid samples: features on zeros there, and the beats near them rejected
    int[] invalidPrefix = zeroInvalid(x);
    // distinct peaks in order, with their original positions
    long[] cur = pk.current();
    long[] orig = pk.original();
    Integer[] order = new Integer[cur.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(cur[a], cur[b]));
    List<Integer> keep = new ArrayList<>();
    for (int i : order) {
      if (cur[i] >= 0 && cur[i] < x.length
          && (keep.isEmpty() || cur[keep.get(keep.size() - 1)] != cur[i])) {
        keep.add(i);
      }
    }
    int[] peaks = new int[keep.size()];
    long[] refs = new long[keep.size()];
    for (int k = 0; k < peaks.length; k++) {
      peaks[k] = (int) cur[keep.get(k)];
      refs[k] = orig[keep.get(k)];
    }
    double[][] f = x.length == 0 ? new double[0][]
        : dev.ecg.io.features.BeatFeatures.compute(x, in.fs(), peaks);
    List<double[][]> out = new ArrayList<>(f.length);
    String[] reasons = new String[f.length];
    boolean anyRejected = false;
    int near = (int) Math.round(in.fs());
    for (int k = 0; k < f.length; k++) {
      out.add(new double[][] {f[k]});
      int lo = Math.max(0, peaks[k] - near);
      int hi = Math.min(x.length, peaks[k] + near + 1);
      int bad = invalidPrefix[hi] - invalidPrefix[lo];
      if (bad > 0) {
        reasons[k] = String.format(java.util.Locale.ROOT, "beat at %.2f s is within 1 s of %d "
            + "invalid sample(s)", peaks[k] / in.fs(), bad);
        anyRejected = true;
      }
    }
    SignalWindows s = new SignalWindows(in.source(), in.fs(), List.of("features"), out, refs,
        true);
    return anyRejected ? s.rejectWindows(reasons) : s;
  }

  static SignalWindows beatFeatureSlots(SignalWindows in, Step.BeatFeatureSlots spec) {
    needsBeats(in, spec.name());
    Record src = in.source();
    if (spec.channel() >= src.channelCount()) {
      throw new EcgArgumentException("beat-feature-slots: channel " + spec.channel()
          + " but record " + src.name() + " has " + src.channelCount() + " lead(s)");
    }
    double[] x = src.channel(spec.channel()).clone();
    int[] invalidPrefix = zeroInvalid(x);
    long[] refs = in.samples();
    int n = refs.length;
    // distinct ascending peaks for the features; windows may share or repeat a reference
    long[] sorted = Arrays.stream(refs).map(r -> Math.max(0, Math.min(x.length - 1, r)))
        .sorted().distinct().toArray();
    int[] peaks = new int[sorted.length];
    for (int i = 0; i < peaks.length; i++) {
      peaks[i] = (int) sorted[i];
    }
    double[][] rows = x.length == 0 || peaks.length == 0 ? new double[0][]
        : dev.ecg.io.features.BeatFeatures.compute(x, src.fs(), peaks);
    double[][] values = new double[n][];
    String[] reasons = new String[n];
    boolean anyRejected = false;
    int near = (int) Math.round(src.fs());
    for (int w = 0; w < n; w++) {
      long r = Math.max(0, Math.min(x.length - 1, refs[w]));
      values[w] = rows[Arrays.binarySearch(sorted, r)];
      int lo = (int) Math.max(0, r - near);
      int hi = (int) Math.min(x.length, r + near + 1);
      int bad = invalidPrefix[hi] - invalidPrefix[lo];
      double[][] win = in.windows().get(w);
      int nanBefore = 0;
      for (double[] lead : win) {
        for (int i = 0; i < Math.min(spec.offset(), lead.length); i++) {
          nanBefore += Double.isNaN(lead[i]) ? 1 : 0;
        }
      }
      if (bad > 0 || nanBefore > 0) {
        reasons[w] = String.format(java.util.Locale.ROOT, "beat at %.2f s is within 1 s of %d "
            + "invalid sample(s)", r / src.fs(), Math.max(bad, nanBefore));
        anyRejected = true;
      }
    }
    SignalWindows s = writeSlots(in, spec.name(), spec.offset(), values);
    return anyRejected ? s.rejectWindows(reasons) : s;
  }

  /** Index of {@code defect_any_frac} in the record features. */

  static SignalWindows recordFeatures(SignalWindows in, Step.RecordFeatureWindows spec) {
    requireWhole(in, spec.name());
    double[][] whole = in.windows().get(0);
    if (spec.channel() >= whole.length) {
      throw new EcgArgumentException("record-features: channel " + spec.channel() + " but record "
          + in.source().name() + " has " + whole.length + " lead(s)");
    }
    double[] x = whole[spec.channel()];
    int n = x.length;
    long len = Math.round(spec.seconds() * in.fs());
    long hop = Math.max(1, Math.round(spec.hop() * in.fs()));
    if (len > Step.MAX_WINDOW_SAMPLES) {
      throw new EcgArgumentException("record-features: " + spec.seconds() + " s is more than "
          + Step.MAX_WINDOW_SAMPLES + " samples at " + in.fs() + " Hz");
    }
    long[] starts = n == 0 ? new long[0] : windowStarts(n, (int) len, (int) hop);
    List<double[][]> out = new ArrayList<>(starts.length);
    String[] reasons = new String[starts.length];
    boolean anyRejected = false;
    for (int k = 0; k < starts.length; k++) {
      int from = (int) starts[k];
      int to = (int) Math.min(n, from + len);
      Step.RecordFeatureWindows.Window w = Step.RecordFeatureWindows.window(
          Arrays.copyOfRange(x, from, to), in.fs(), from / in.fs(), to / in.fs());
      double[] f = w.features();
      if (w.rejected() != null) {
        reasons[k] = w.rejected();
        anyRejected = true;
      }
      out.add(new double[][] {f});
    }
    long[] orig = toRate(starts, in.fs(), in.source().fs(), in.source().length());
    SignalWindows s = new SignalWindows(in.source(), in.fs(), List.of("features"), out, orig,
        true);
    return anyRejected ? s.rejectWindows(reasons) : s;
  }

  static SignalWindows rrSequence(SignalWindows in, Step.RrSequence spec) {
    requireWhole(in, spec.name());
    long[] peaks = Arrays.stream(peaks(in, spec.name(), spec.detector(), spec.channel())
        .current()).sorted().distinct().toArray();
    double[][] w = rrSequence(peaks, in.fs(), spec.length());
    return new SignalWindows(in.source(), in.fs(), Step.RrSequence.LEADS,
        List.<double[][]>of(w), new long[] {0}, false);
  }

  /**
   * @param sorted distinct R peaks in ascending order
   * @param fs their rate
   * @param length values to produce
   * @return {@code [2][length]}: intervals in seconds and relative to their median
   */
  static double[][] rrSequence(long[] sorted, double fs, int length) {
    double[][] w = new double[2][length];
    int n = sorted.length - 1;
    if (n < 1) {
      return w;
    }
    double[] rr = new double[n];
    for (int i = 0; i < n; i++) {
      rr[i] = (sorted[i + 1] - sorted[i]) / fs;
    }
    double[] s = rr.clone();
    Arrays.sort(s);
    double median = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    for (int i = 0; i < length; i++) {
      double v = rr[i % n];
      w[0][i] = v;
      w[1][i] = Math.max(-1, Math.min(1, v / median - 1));
    }
    return w;
  }

  /**
   * The four values {@code rr-features} writes from {@code {pre, post, local, avg}}: each ratio
   * minus 1, clipped to [-1, 1], 0 when undefined.
   */
  static float[] causalEncoded(double[] f) {
    return new float[] {clipRatio(f[0] / f[3]), clipRatio(f[1] / f[3]), clipRatio(f[2] / f[3]),
        clipRatio(f[0] / f[2])};
  }

  static float clipRatio(double ratio) {
    if (!Double.isFinite(ratio)) {
      return 0f;
    }
    return (float) Math.max(-1, Math.min(1, ratio - 1));
  }
}
