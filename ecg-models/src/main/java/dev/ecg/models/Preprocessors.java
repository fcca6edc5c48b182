package dev.ecg.models;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.models.pkg.PreprocessingStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registry of preprocessing steps by the names used in {@code ecg-model.json}, and the runner
 * that replays a manifest's steps on a {@link Record}.
 *
 * <p>Built in:
 * <ul>
 *   <li>{@code select-leads} {@code {names: [..]}} or {@code {indices: [..]}}: keep those leads,
 *       in that order;</li>
 *   <li>{@code normalize} {@code {method: minmax|zscore}} and the aliases {@code minmax},
 *       {@code zscore}: per window and lead, scale to [0, 1] or to mean 0 and standard
 *       deviation 1 (a constant lead becomes all zeros);</li>
 *   <li>{@code crop-pad} {@code {length: N, align: start|center|end, value: 0}}: crop or pad
 *       each window to N samples;</li>
 *   <li>{@code annotation-windows} {@code {before: a, after: b, symbols: [..]}}: one window
 *       {@code [s - a, s + b)} (samples at the current rate) around each beat annotation of the
 *       record (default symbols: the MIT-BIH beat codes); windows running off the record are
 *       skipped.</li>
 * </ul>
 * Steps delegating to {@code ecg-io} (no signal processing is implemented in this module):
 * <ul>
 *   <li>{@code resample} {@code {fs}}: {@code Resample.toRate} (polyphase, the
 *       {@code scipy.signal.resample_poly} twin); positions keep pointing into the original
 *       record;</li>
 *   <li>{@code bandpass} {@code {low, high, order: 3}}, {@code highpass} {@code {cutoff, order: 5}},
 *       {@code lowpass} {@code {cutoff, order: 5}}: Butterworth second-order sections run with
 *       {@code SosFilter.filtfilt} (zero phase);</li>
 *   <li>{@code notch} {@code {freq: 50, q: 30}}: {@code Notch.design} ({@code iirnotch}), zero
 *       phase;</li>
 *   <li>{@code baseline}: {@code Baseline.medianFilterRemoval} (200 + 600 ms medians, de Chazal
 *       2004);</li>
 *   <li>{@code clean} {@code {preset: BANDPASS_0_5_40_NOTCH|PAN_TOMPKINS|NEUROKIT, mains}}:
 *       {@code EcgCleaner};</li>
 *   <li>{@code kachuee-segment} {@code {detector, channel: 0}}: {@code KachueeSegmenter} (Kachuee
 *       et al. 2018: 125 Hz, 187 samples from each R peak); {@code detector} is
 *       {@code pan-tompkins} (default, Pan and Tompkins 1985), {@code two-average} (Elgendi 2013)
 *       or {@code annotations} (the record's beat annotations), run on lead {@code channel};</li>
 *   <li>{@code qrs-windows} {@code {before, after, detector, channel: 0}}:
 *       {@code FixedWindowSegmenter} windows {@code [r - before, r + after)} (samples at the
 *       current rate) around each beat;</li>
 *   <li>{@code rhythm-crop} {@code {seconds, crop: start|center, pad: zero|edge}}: one window
 *       of fixed duration ({@code RhythmWindows.cropOrPad});</li>
 *   <li>{@code rhythm-windows} {@code {seconds, hop}}: fixed-length windows over the whole
 *       record (starts 0, hop, 2 hop, ... plus one window ending at the record end; a short
 *       record is one zero-padded window), for averaging a recording's window predictions.</li>
 *   <li>{@code rr-sequence} {@code {length, detector, channel: 0}}: the record's RR-interval
 *       sequence as two leads ({@code rr} in seconds, {@code rr-rel} relative to the median),
 *       {@code length} values, repeated from the start when the record has fewer beats.</li>
 * </ul>
 * Each window keeps its reference sample in the original record (the beat's R peak mapped back
 * with {@code Resample.samples}), whatever rate changes came before. {@link #register} adds or
 * replaces steps.
 */
public final class Preprocessors {

  private static final Set<String> BEAT_SYMBOLS = Set.of("N", "L", "R", "e", "j", "A", "a", "J",
      "S", "V", "E", "F", "/", "f", "Q");

  private static final Map<String, PreprocessorStep> REGISTRY = new ConcurrentHashMap<>();

  static {
    REGISTRY.put("select-leads", Preprocessors::selectLeads);
    REGISTRY.put("normalize", (in, spec) -> normalize(in, spec.string("method", "minmax"), spec));
    REGISTRY.put("minmax", (in, spec) -> normalize(in, "minmax", spec));
    REGISTRY.put("zscore", (in, spec) -> normalize(in, "zscore", spec));
    REGISTRY.put("crop-pad", Preprocessors::cropPad);
    REGISTRY.put("annotation-windows", Preprocessors::annotationWindows);
    IoSteps.registerAll(REGISTRY);
  }

  private Preprocessors() {}

  /**
   * Registers or replaces a step implementation.
   *
   * @param name step name as written in manifests
   * @param step its implementation
   */
  public static void register(String name, PreprocessorStep step) {
    if (name == null || name.isBlank() || step == null) {
      throw new EcgArgumentException("step name and implementation are required");
    }
    REGISTRY.put(name, step);
  }

  /**
   * The four RR values the {@code rr-features} step writes into each beat, for training code
   * that builds its inputs outside {@link #run} (so training and inference share one encoding):
   * {@code clip(pre/avg - 1)}, {@code clip(post/avg - 1)}, {@code clip(local/avg - 1)},
   * {@code clip(pre/local - 1)}, clipped to [-1, 1] and 0 where a ratio is undefined, with
   * {@code pre}, {@code post}, {@code local} and {@code avg} from
   * {@link dev.ecg.io.segment.RrFeatures#compute} (de Chazal et al. 2004).
   *
   * @param peaks R-peak positions in samples (any order, duplicates allowed)
   * @param fs their sampling rate in Hz
   * @return {@code [beat][4]}, all zeros with fewer than two distinct peaks
   * @throws IllegalArgumentException if {@code fs} is not positive
   */
  public static float[][] rrFeatures(long[] peaks, double fs) {
    if (peaks == null) {
      throw new EcgArgumentException("peaks must not be null");
    }
    return IoSteps.rrEncoded(peaks, fs);
  }

  /** @return every registered step name, sorted */
  public static Set<String> names() {
    return new TreeSet<>(REGISTRY.keySet());
  }

  /**
   * @param name a step name
   * @return its implementation
   * @throws EcgArgumentException if no step of that name is registered
   */
  public static PreprocessorStep get(String name) {
    PreprocessorStep s = REGISTRY.get(name);
    if (s == null) {
      throw new EcgArgumentException("unknown preprocessing step '" + name
          + "'; registered steps: " + names());
    }
    return s;
  }

  /**
   * Replays steps on a record.
   *
   * @param record raw record
   * @param steps the manifest's steps, in order
   * @return the windows the model will see
   * @throws EcgArgumentException if a step is unknown, a step's parameters are
   *     invalid (any failure of a step is wrapped, naming the step), or ecg-io refuses the signal
   *     (for example {@code dev.ecg.io.dsp.NanInputException} for NaN samples before a filter)
   */
  public static SignalWindows run(Record record, List<PreprocessingStep> steps) {
    SignalWindows s = SignalWindows.of(record);
    for (int i = 0; i < steps.size(); i++) {
      PreprocessingStep step = steps.get(i);
      PreprocessorStep impl = get(step.name());
      try {
        s = impl.apply(s, step);
      } catch (EcgArgumentException e) {
        throw e;
      } catch (RuntimeException e) {
        // a parameter of the wrong type (ClassCastException), a missing one, or a step's own
        // IllegalArgumentException: one library type, naming the step
        throw new EcgArgumentException("preprocessing step " + i + " '"
            + step.name() + "' failed on record " + record.name() + ": " + e, e);
      }
    }
    return s;
  }

  // ------------------------------------------------------------------ built-in steps

  @SuppressWarnings("unchecked")
  private static SignalWindows selectLeads(SignalWindows in, PreprocessingStep spec) {
    List<Integer> idx = new ArrayList<>();
    Object names = spec.params().get("names");
    Object indices = spec.params().get("indices");
    if (names instanceof List<?> l) {
      for (Object n : l) {
        int k = in.leadNames().indexOf(String.valueOf(n));
        if (k < 0) {
          throw new EcgArgumentException("select-leads: record " + in.source().name()
              + " has no lead '" + n + "' (leads: " + in.leadNames() + ")");
        }
        idx.add(k);
      }
    } else if (indices instanceof List<?> l) {
      for (Object n : l) {
        double kd = n instanceof Number num ? num.doubleValue() : Double.NaN;
        if (kd != Math.rint(kd) || kd < 0 || kd >= in.leadNames().size()) {
          throw new EcgArgumentException("select-leads: lead index " + n
              + " is not a whole number in 0.." + (in.leadNames().size() - 1) + " (record "
              + in.source().name() + " has " + in.leadNames().size() + " lead(s))");
        }
        idx.add((int) kd);
      }
    } else {
      throw new EcgArgumentException("select-leads needs a 'names' or 'indices' list");
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

  private static SignalWindows normalize(SignalWindows in, String method,
      PreprocessingStep spec) {
    if (!method.equals("minmax") && !method.equals("zscore")) {
      throw new EcgArgumentException("normalize: method must be minmax or zscore, got "
          + method);
    }
    List<double[][]> out = new ArrayList<>();
    for (double[][] w : in.windows()) {
      double[][] n = new double[w.length][];
      for (int c = 0; c < w.length; c++) {
        n[c] = method.equals("minmax") ? minmax(w[c]) : zscore(w[c]);
      }
      out.add(n);
    }
    return in.withWindows(out);
  }

  /**
   * Min-max scaling to [0, 1] over the valid (non-NaN) samples; NaN samples stay NaN so that
   * only windows really holding one are refused later, and a constant signal maps to 0.
   *
   * @throws InvalidSignalException on an infinite sample (no finite scaling exists)
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
   * @throws InvalidSignalException on an infinite sample
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
        throw new InvalidSignalException(InvalidSignalException.Reason.NON_FINITE, "normalize: "
            + "sample " + i + " is " + x[i] + "; the record needs finite samples (NaN marks an "
            + "invalid one)");
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

  private static SignalWindows cropPad(SignalWindows in, PreprocessingStep spec) {
    int len = spec.wholeNumber("length", 1, PreprocessingStep.MAX_WINDOW_SAMPLES);
    String align = spec.string("align", "start");
    double value = spec.number("value", 0);
    List<double[][]> out = new ArrayList<>();
    for (double[][] w : in.windows()) {
      double[][] n = new double[w.length][];
      for (int c = 0; c < w.length; c++) {
        n[c] = cropPad(w[c], len, align, value);
      }
      out.add(n);
    }
    return in.withWindows(out);
  }

  static double[] cropPad(double[] x, int len, String align, double value) {
    double[] y = new double[len];
    java.util.Arrays.fill(y, value);
    int offset = switch (align) {
      case "start" -> 0;
      case "center" -> (x.length - len) / 2;
      case "end" -> x.length - len;
      default -> throw new EcgArgumentException("crop-pad: align must be start, center or "
          + "end, got " + align);
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

  @SuppressWarnings("unchecked")
  private static SignalWindows annotationWindows(SignalWindows in, PreprocessingStep spec) {
    if (in.segmented()) {
      throw new EcgArgumentException("annotation-windows: the signal is already segmented");
    }
    int before = spec.wholeNumber("before", 0, PreprocessingStep.MAX_WINDOW_SAMPLES);
    int after = spec.wholeNumber("after", 0, PreprocessingStep.MAX_WINDOW_SAMPLES);
    if (before < 0 || after < 1) {
      throw new EcgArgumentException("annotation-windows: need before >= 0 and after >= 1");
    }
    Set<String> symbols = BEAT_SYMBOLS;
    if (spec.params().get("symbols") instanceof List<?> l) {
      symbols = Set.copyOf(l.stream().map(String::valueOf).toList());
    }
    Record r = in.source();
    double scale = in.fs() / r.fs();
    double[][] whole = in.windows().get(0);
    int n = whole.length == 0 ? 0 : whole[0].length;
    List<double[][]> out = new ArrayList<>();
    List<Long> refs = new ArrayList<>();
    for (Annotation a : r.annotations()) {
      if (!symbols.contains(a.symbol())) {
        continue;
      }
      long centre = Math.round(a.sample() * scale);
      long start = centre - before;
      long end = centre + after;
      if (start < 0 || end > n) {
        continue;
      }
      double[][] w = new double[whole.length][];
      for (int c = 0; c < whole.length; c++) {
        w[c] = java.util.Arrays.copyOfRange(whole[c], (int) start, (int) end);
      }
      out.add(w);
      refs.add(a.sample());
    }
    long[] s = refs.stream().mapToLong(Long::longValue).toArray();
    return new SignalWindows(r, in.fs(), in.leadNames(), out, s, true);
  }
}
