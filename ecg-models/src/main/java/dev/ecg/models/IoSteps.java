package dev.ecg.models;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.dsp.Baseline;
import dev.ecg.io.dsp.Butterworth;
import dev.ecg.io.dsp.EcgCleaner;
import dev.ecg.io.dsp.Notch;
import dev.ecg.io.dsp.Resample;
import dev.ecg.io.dsp.Sos;
import dev.ecg.io.dsp.SosFilter;
import dev.ecg.io.qrs.PanTompkins;
import dev.ecg.io.qrs.QrsDetector;
import dev.ecg.io.qrs.TwoAverageDetector;
import dev.ecg.io.segment.BeatSet;
import dev.ecg.io.segment.FixedWindowSegmenter;
import dev.ecg.io.segment.KachueeSegmenter;
import dev.ecg.io.segment.RhythmWindows;
import dev.ecg.io.segment.RrFeatures;
import dev.ecg.models.pkg.PreprocessingStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The preprocessing steps that delegate to {@code ecg-io}'s DSP, QRS detection and segmentation
 * ({@code dev.ecg.io.dsp}, {@code dev.ecg.io.qrs}, {@code dev.ecg.io.segment}). No signal
 * processing is implemented here: every step only reads its parameters, calls ecg-io and keeps
 * track of the sampling rate and of where each window sits in the original record.
 */
final class IoSteps {

  private IoSteps() {}

  /** Registers every step of this class into {@code registry}. */
  static void registerAll(Map<String, PreprocessorStep> registry) {
    registry.put("resample", IoSteps::resample);
    registry.put("bandpass", (in, s) -> perLead(in, x -> SosFilter.filtfilt(Butterworth.bandpass(
        order(s, 3), s.number("low"), s.number("high"), in.fs()), x)));
    registry.put("highpass", (in, s) -> perLead(in, x -> SosFilter.filtfilt(Butterworth.highpass(
        order(s, 5), s.number("cutoff"), in.fs()), x)));
    registry.put("lowpass", (in, s) -> perLead(in, x -> SosFilter.filtfilt(Butterworth.lowpass(
        order(s, 5), s.number("cutoff"), in.fs()), x)));
    registry.put("notch", (in, s) -> {
      Sos sos = Notch.design(s.number("freq", 50), s.number("q", Notch.DEFAULT_Q), in.fs());
      return perLead(in, x -> SosFilter.filtfilt(sos, x));
    });
    registry.put("baseline", (in, s) -> perLead(in,
        x -> Baseline.medianFilterRemoval(x, in.fs())));
    registry.put("clean", IoSteps::clean);
    registry.put("kachuee-segment", IoSteps::kachuee);
    registry.put("qrs-windows", IoSteps::qrsWindows);
    registry.put("rhythm-crop", IoSteps::rhythmCrop);
    registry.put("rhythm-windows", IoSteps::rhythmWindows);
    registry.put("rr-features", IoSteps::rrFeatures);
    registry.put("rr-sequence", IoSteps::rrSequence);
  }

  private static int order(PreprocessingStep s, int fallback) {
    return s.params().containsKey("order") ? s.wholeNumber("order", 1, 20) : fallback;
  }

  /** Applies {@code f} to every lead of every window. */
  private static SignalWindows perLead(SignalWindows in, UnaryOperator<double[]> f) {
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
      java.util.Arrays.fill(bridged, 0);
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
    java.util.Arrays.fill(out, Double.NaN);
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
        double[] y = f.apply(java.util.Arrays.copyOfRange(x, i, j));
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

  // --------------------------------------------------------------------------- resample

  /**
   * Largest resampling factor either way: 64 (8 Hz to 512 Hz), beyond any rate change between
   * ECG devices; a bigger one means a wrong sampling rate, and would multiply memory by it.
   */
  static final double MAX_RESAMPLE_FACTOR = 64;

  private static SignalWindows resample(SignalWindows in, PreprocessingStep spec) {
    double target = spec.number("fs");
    if (!(target > 0) || Double.isInfinite(target)) {
      throw new EcgArgumentException("resample: fs must be finite and > 0, got " + target);
    }
    double factor = target / in.fs();
    if (!(factor <= MAX_RESAMPLE_FACTOR && factor >= 1.0 / MAX_RESAMPLE_FACTOR)) {
      // a record at 0.00125 Hz resampled to 125 Hz would grow 100,000-fold
      throw new EcgArgumentException("resample: from " + in.fs() + " Hz to " + target
          + " Hz is a factor of " + factor + "; the pipeline resamples by at most "
          + (int) MAX_RESAMPLE_FACTOR + " either way (is the record's sampling rate right?)");
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

  // --------------------------------------------------------------------------- clean

  private static SignalWindows clean(SignalWindows in, PreprocessingStep spec) {
    String preset = spec.string("preset", "BANDPASS_0_5_40_NOTCH").toUpperCase(Locale.ROOT)
        .replace('-', '_');
    EcgCleaner cleaner;
    try {
      cleaner = EcgCleaner.of(EcgCleaner.Preset.valueOf(preset));
    } catch (IllegalArgumentException e) {
      throw new EcgArgumentException("clean: unknown preset '" + spec.string("preset", "")
          + "'; known: " + Arrays.toString(EcgCleaner.Preset.values()), e);
    }
    if (spec.params().containsKey("mains")) {
      cleaner = cleaner.withMainsHz(spec.number("mains"));
    }
    EcgCleaner c = cleaner;
    return perLead(in, x -> c.clean(x, in.fs()));
  }

  // --------------------------------------------------------------------------- beats

  /** Beat positions at the current rate and in the original record. */
  record Peaks(long[] current, long[] original) {}

  private static final Set<String> BEAT_SYMBOLS = Set.of("N", "L", "R", "e", "j", "A", "a", "J",
      "S", "V", "E", "F", "/", "f", "Q");

  private static int channel(SignalWindows in, PreprocessingStep spec) {
    double c = spec.number("channel", 0);
    if (c != Math.rint(c) || c < 0 || c >= in.leadNames().size()) {
      throw new EcgArgumentException("preprocessing step '" + spec.name() + "': channel "
          + c + " out of range for " + in.leadNames().size() + " lead(s) " + in.leadNames());
    }
    return (int) c;
  }

  private static void requireWhole(SignalWindows in, PreprocessingStep spec) {
    if (in.segmented()) {
      throw new EcgArgumentException("preprocessing step '" + spec.name()
          + "': the signal is already segmented");
    }
  }

  /**
   * Finds the beats: with {@code detector: annotations} the record's beat annotations, else a
   * QRS detector from {@code dev.ecg.io.qrs} ({@code pan-tompkins}, the default, or
   * {@code two-average}) run on lead {@code channel} of the current signal.
   */
  static Peaks peaks(SignalWindows in, PreprocessingStep spec) {
    Record src = in.source();
    double[] x = in.windows().get(0)[channel(in, spec)];
    String detector = spec.string("detector", "pan-tompkins");
    if (detector.equals("annotations")) {
      List<Long> orig = new ArrayList<>();
      for (Annotation a : src.annotations()) {
        if (BEAT_SYMBOLS.contains(a.symbol()) && a.sample() >= 0 && a.sample() < src.length()) {
          orig.add(a.sample());
        }
      }
      long[] o = orig.stream().mapToLong(Long::longValue).sorted().toArray();
      return new Peaks(toRate(o, src.fs(), in.fs(), x.length), o);
    }
    QrsDetector d = switch (detector) {
      case "pan-tompkins" -> PanTompkins.create();
      case "two-average" -> TwoAverageDetector.create();
      default -> throw new EcgArgumentException("preprocessing step '" + spec.name()
          + "': detector must be pan-tompkins, two-average or annotations, got " + detector);
    };
    long[] cur = Arrays.stream(d.detect(x, in.fs())).asLongStream().toArray();
    return new Peaks(cur, toRate(cur, in.fs(), src.fs(), src.length()));
  }

  /** Maps positions between rates with {@link Resample#samples}, clamped to the signal. */
  private static long[] toRate(long[] p, double from, double to, int length) {
    if (from == to) {
      return p.clone();
    }
    long[] m = Resample.samples(p, from, to);
    for (int i = 0; i < m.length; i++) {
      m[i] = Math.min(m[i], Math.max(0, length - 1));
    }
    return m;
  }

  /**
   * Kachuee et al. (IEEE ICHI 2018) beats via {@link KachueeSegmenter}: every lead is cut at the
   * same beats; the output is at 125 Hz, 187 samples per beat.
   */
  private static SignalWindows kachuee(SignalWindows in, PreprocessingStep spec) {
    requireWhole(in, spec);
    Peaks p = peaks(in, spec);
    double[][] whole = in.windows().get(0);
    KachueeSegmenter seg = new KachueeSegmenter();
    List<BeatSet> perLead = new ArrayList<>();
    for (double[] lead : whole) {
      perLead.add(seg.segment(in.source().name(), lead, in.fs(), p.current(), null));
    }
    return joinLeads(in, perLead, p, KachueeSegmenter.FS);
  }

  /**
   * Fixed windows {@code [r - before, r + after)} (samples at the current rate) around detected
   * (or annotated) beats, via {@link FixedWindowSegmenter}. {@code edges: skip} (default) drops
   * beats whose window runs off the signal; {@code edges: zero} pads the signal with zeros
   * ({@code before} before it, {@code after} after it) so every beat gets a window.
   */
  private static SignalWindows qrsWindows(SignalWindows in, PreprocessingStep spec) {
    requireWhole(in, spec);
    int before = spec.wholeNumber("before", 0, PreprocessingStep.MAX_WINDOW_SAMPLES);
    int after = spec.wholeNumber("after", 1, PreprocessingStep.MAX_WINDOW_SAMPLES - before);
    String edges = spec.string("edges", "skip");
    if (!edges.equals("skip") && !edges.equals("zero")) {
      throw new EcgArgumentException("qrs-windows: edges must be skip or zero, got " + edges);
    }
    Peaks p = peaks(in, spec);
    FixedWindowSegmenter seg = new FixedWindowSegmenter(before, after);
    List<BeatSet> perLead = new ArrayList<>();
    if (edges.equals("zero")) {
      // zeros before and after the signal, so a beat near either end still gets its window
      int b = before;
      long[] shifted = new long[p.current().length];
      for (int i = 0; i < shifted.length; i++) {
        shifted[i] = p.current()[i] + b;
      }
      for (double[] lead : in.windows().get(0)) {
        double[] padded = new double[lead.length + b + after];
        System.arraycopy(lead, 0, padded, b, lead.length);
        BeatSet bs = seg.segment(in.source().name(), padded, shifted, null);
        long[] back = bs.rPeaks().clone();
        for (int i = 0; i < back.length; i++) {
          back[i] -= b;
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

  /**
   * One fixed-length window from the whole record via {@link RhythmWindows#cropOrPad}:
   * {@code seconds}, {@code crop: start|center} (default start), {@code pad: zero|edge}
   * (default zero). The window's reference sample is where it starts in the original record.
   */
  private static SignalWindows rhythmCrop(SignalWindows in, PreprocessingStep spec) {
    requireWhole(in, spec);
    double seconds = spec.number("seconds");
    long len = Math.round(seconds * in.fs());
    if (!(seconds > 0) || len < 1 || len > PreprocessingStep.MAX_WINDOW_SAMPLES) {
      throw new EcgArgumentException("rhythm-crop: seconds must give 1 .. "
          + PreprocessingStep.MAX_WINDOW_SAMPLES + " samples, got " + seconds);
    }
    RhythmWindows.Crop crop = RhythmWindows.Crop.valueOf(
        spec.string("crop", "start").toUpperCase(Locale.ROOT));
    if (crop == RhythmWindows.Crop.RANDOM) {
      throw new EcgArgumentException("rhythm-crop: crop RANDOM is for training, not inference");
    }
    RhythmWindows.Pad pad = RhythmWindows.Pad.valueOf(
        spec.string("pad", "zero").toUpperCase(Locale.ROOT));
    double[][] whole = in.windows().get(0);
    double[][] w = new double[whole.length][];
    for (int c = 0; c < w.length; c++) {
      w[c] = RhythmWindows.cropOrPad(whole[c], (int) len, crop, pad, 0L);
    }
    int n = whole.length == 0 ? 0 : whole[0].length;
    long start = crop == RhythmWindows.Crop.CENTER ? Math.max(0, (n - len) / 2) : 0;
    long[] orig = toRate(new long[] {start}, in.fs(), in.source().fs(), in.source().length());
    return new SignalWindows(in.source(), in.fs(), in.leadNames(), List.<double[][]>of(w), orig,
        false);
  }

  /**
   * Fixed-length windows covering the whole record, for pooling a recording-level prediction
   * over its windows: {@code seconds} (window length), {@code hop} (seconds between window
   * starts, default {@code seconds / 2}). Windows start at 0, {@code hop}, {@code 2 hop}, ... as
   * long as they fit; when the last one stops short of the record end, one more window ends
   * exactly at the end. A record no longer than one window gives a single window, zero-padded at
   * the end (as {@code rhythm-crop} with {@code crop: start, pad: zero}). Each window's reference
   * sample is where it starts in the original record.
   */
  private static SignalWindows rhythmWindows(SignalWindows in, PreprocessingStep spec) {
    requireWhole(in, spec);
    double seconds = spec.number("seconds");
    double hopSeconds = spec.number("hop", seconds / 2);
    long len = Math.round(seconds * in.fs());
    long hop = Math.round(hopSeconds * in.fs());
    if (!(seconds > 0) || len < 1 || len > PreprocessingStep.MAX_WINDOW_SAMPLES) {
      throw new EcgArgumentException("rhythm-windows: seconds must give 1 .. "
          + PreprocessingStep.MAX_WINDOW_SAMPLES + " samples, got " + seconds);
    }
    if (!(hopSeconds > 0) || hop < 1) {
      throw new EcgArgumentException("rhythm-windows: hop must give at least one sample, got "
          + hopSeconds);
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

  /** Number of values {@code rr-features} writes. */
  static final int RR_SLOTS = 4;

  /**
   * Writes four RR-interval features (de Chazal et al. 2004, {@link RrFeatures}) into samples
   * {@code offset .. offset + 3} of every lead of every beat window:
   * {@code clip(pre/avg - 1)}, {@code clip(post/avg - 1)}, {@code clip(local/avg - 1)},
   * {@code clip(pre/local - 1)}, each clipped to [-1, 1] (0 for an undefined ratio), where
   * {@code pre}, {@code post}, {@code local} and {@code avg} are computed on the positions of all
   * windows of the record, in the original record's samples. Params: {@code offset} (required),
   * {@code scale} (default 1: each value is multiplied by it, in float, so the features can be
   * brought to the amplitude of a normalised beat).
   */
  private static SignalWindows rrFeatures(SignalWindows in, PreprocessingStep spec) {
    if (!in.segmented()) {
      throw new EcgArgumentException("rr-features: needs beat windows; put it after a "
          + "segmentation step (kachuee-segment, qrs-windows, annotation-windows)");
    }
    double off = spec.number("offset");
    double scale = spec.number("scale", 1);
    if (!Double.isFinite(scale) || scale <= 0) {
      throw new EcgArgumentException("rr-features: scale must be finite and > 0, got "
          + scale);
    }
    long[] peaks = in.samples();
    float[][] enc = rrEncoded(peaks, in.source().fs());
    List<double[][]> out = new ArrayList<>(in.windows().size());
    for (int b = 0; b < peaks.length; b++) {
      double[][] w = in.windows().get(b);
      int len = w.length == 0 ? 0 : w[0].length;
      if (off != Math.rint(off) || off < 0 || off + RR_SLOTS > len) {
        throw new EcgArgumentException("rr-features: offset must be a whole number in [0, "
            + (len - RR_SLOTS) + "] for windows of " + len + " samples, got " + off);
      }
      double[][] n = new double[w.length][];
      for (int c = 0; c < w.length; c++) {
        n[c] = w[c].clone();
        for (int k = 0; k < RR_SLOTS; k++) {
          n[c][(int) off + k] = scale == 1 ? enc[b][k] : (float) (scale * enc[b][k]);
        }
      }
      out.add(n);
    }
    return in.withWindows(out);
  }

  /**
   * The four encoded RR features of each beat (see {@code rr-features}).
   *
   * @param peaks R peaks in samples; need not be distinct or sorted (features follow the sorted
   *     distinct order and are mapped back)
   * @param fs their sampling rate
   * @return {@code [beat][4]}; all zeros when there are fewer than two distinct peaks
   */
  static float[][] rrEncoded(long[] peaks, double fs) {
    float[][] out = new float[peaks.length][RR_SLOTS];
    long[] sorted = Arrays.stream(peaks).sorted().distinct().toArray();
    if (sorted.length < 2) {
      return out;
    }
    RrFeatures f = RrFeatures.compute(sorted, fs);
    double avg = f.average();
    for (int b = 0; b < peaks.length; b++) {
      int i = Arrays.binarySearch(sorted, peaks[b]);
      out[b][0] = clipRatio(f.pre()[i] / avg);
      out[b][1] = clipRatio(f.post()[i] / avg);
      out[b][2] = clipRatio(f.local()[i] / avg);
      out[b][3] = clipRatio(f.pre()[i] / f.local()[i]);
    }
    return out;
  }

  /** Lead names written by {@code rr-sequence}. */
  static final List<String> RR_SEQUENCE_LEADS = List.of("rr", "rr-rel");

  /**
   * The beat-to-beat (RR) interval sequence of the whole record as a two-lead "signal" of
   * {@code length} values, for sequence models that read rhythm rather than morphology (atrial
   * fibrillation is defined by an irregularly irregular RR sequence). Beats come from
   * {@link #peaks} ({@code detector}, {@code channel} as in {@code qrs-windows}); lead {@code rr}
   * holds the intervals in seconds, lead {@code rr-rel} each interval relative to the record's
   * median interval, {@code clip(rr / median - 1, -1, 1)}. The first {@code length} intervals
   * are kept; a shorter sequence is repeated from its start until {@code length} values are
   * filled (no padding value the model must learn to ignore); with fewer than two distinct beats
   * every value is 0. The rate stays the current rate. Params: {@code length} (required).
   */
  private static SignalWindows rrSequence(SignalWindows in, PreprocessingStep spec) {
    requireWhole(in, spec);
    int length = spec.wholeNumber("length", 1, 100_000);
    long[] peaks = Arrays.stream(peaks(in, spec).current()).sorted().distinct().toArray();
    double[][] w = rrSequence(peaks, in.fs(), length);
    return new SignalWindows(in.source(), in.fs(), RR_SEQUENCE_LEADS, List.<double[][]>of(w),
        new long[] {0}, false);
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

  private static float clipRatio(double ratio) {
    if (!Double.isFinite(ratio)) {
      return 0f;
    }
    return (float) Math.max(-1, Math.min(1, ratio - 1));
  }
}
