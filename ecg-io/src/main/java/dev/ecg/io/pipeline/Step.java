package dev.ecg.io.pipeline;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonFields;
import dev.ecg.io.dsp.Butterworth;
import dev.ecg.io.dsp.EcgCleaner;
import dev.ecg.io.dsp.SosFilter;
import dev.ecg.io.segment.KachueeSegmenter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One preprocessing step of a {@link Pipeline}: a typed, immutable value whose parameters are
 * checked when it is built, so a misspelt step, a parameter of the wrong type or an out-of-range
 * number is refused at once (and when a model package is written or loaded), never when the
 * first record is classified.
 *
 * <p>Every step has a JSON form {@code {"name": ..., "params": {...}}} ({@link #toJson()},
 * {@link #fromJson}), knows what it does to the sampling rate and window shape
 * ({@link #outputShape}) and transforms {@link SignalWindows} ({@link #apply}). The steps:
 *
 * <table>
 *   <caption>Steps, their JSON names and what they output</caption>
 *   <tr><th>record</th><th>JSON name</th><th>does</th></tr>
 *   <tr><td>{@link SelectLeads}</td><td>{@code select-leads}</td><td>keeps leads by name or
 *       index, in that order</td></tr>
 *   <tr><td>{@link Resample}</td><td>{@code resample}</td><td>polyphase resampling to
 *       {@code fs} (the {@code scipy.signal.resample_poly} twin), NaN gaps kept as gaps</td></tr>
 *   <tr><td>{@link Bandpass}, {@link Highpass}, {@link Lowpass}</td><td>{@code bandpass},
 *       {@code highpass}, {@code lowpass}</td><td>zero-phase Butterworth filters</td></tr>
 *   <tr><td>{@link Notch}</td><td>{@code notch}</td><td>zero-phase {@code iirnotch}</td></tr>
 *   <tr><td>{@link Baseline}</td><td>{@code baseline}</td><td>200 + 600 ms median baseline
 *       removal (de Chazal 2004)</td></tr>
 *   <tr><td>{@link Clean}</td><td>{@code clean}</td><td>an {@link EcgCleaner} preset</td></tr>
 *   <tr><td>{@link Normalize}</td><td>{@code normalize}</td><td>min-max or z-score per window
 *       and lead</td></tr>
 *   <tr><td>{@link CropPad}</td><td>{@code crop-pad}</td><td>every window to a fixed
 *       length</td></tr>
 *   <tr><td>{@link QrsWindows}</td><td>{@code qrs-windows}</td><td>one window per detected or
 *       annotated beat</td></tr>
 *   <tr><td>{@link KachueeSegment}</td><td>{@code kachuee-segment}</td><td>Kachuee et al. 2018
 *       beats at 125 Hz, 187 samples</td></tr>
 *   <tr><td>{@link AnnotationWindows}</td><td>{@code annotation-windows}</td><td>one window per
 *       beat annotation</td></tr>
 *   <tr><td>{@link RrFeatures}</td><td>{@code rr-features}</td><td>writes four RR-interval
 *       features into each beat window</td></tr>
 *   <tr><td>{@link IntervalFeatures}</td><td>{@code interval-features}</td><td>writes PR, QRS,
 *       QT and QTc of each beat (wavelet delineation) into its window</td></tr>
 *   <tr><td>{@link QualityGate}</td><td>{@code quality-gate}</td><td>rejects the record or
 *       windows of poor signal quality, so a classifier abstains</td></tr>
 *   <tr><td>{@link HrvFeatures}</td><td>{@code hrv-features}</td><td>writes NeuroKit2 HRV
 *       indices of each window into it</td></tr>
 *   <tr><td>{@link RhythmCrop}</td><td>{@code rhythm-crop}</td><td>one fixed-duration window
 *       </td></tr>
 *   <tr><td>{@link RhythmWindows}</td><td>{@code rhythm-windows}</td><td>overlapping windows over
 *       the whole record</td></tr>
 *   <tr><td>{@link BeatFeatureWindows}</td><td>{@code beat-features}</td><td>beat-level RR and
 *       morphology features relative to the patient's running average, one window per beat, for
 *       tree models</td></tr>
 *   <tr><td>{@link BeatFeatureSlots}</td><td>{@code beat-feature-slots}</td><td>writes the
 *       beat features of each beat window into it, for hybrid network + tree models</td></tr>
 *   <tr><td>{@link RecordFeatureWindows}</td><td>{@code record-features}</td><td>record-level
 *       ECG features of each stretch of a record, for tree models</td></tr>
 *   <tr><td>{@link RrSequence}</td><td>{@code rr-sequence}</td><td>the RR-interval sequence as a
 *       two-lead signal</td></tr>
 * </table>
 *
 * <p>Every window keeps its reference sample in the original record (the beat's R peak mapped
 * back with {@code Resample.samples}, or where a rhythm window starts), whatever rate changes
 * came before.
 */
public sealed interface Step {

  /**
   * Largest window, in samples per lead, any step may make: 2^22 (70 minutes at 1 kHz, 32 MiB
   * of double per lead). A step asking for more (a {@code crop-pad} length of 2^31) is refused
   * instead of allocating gigabytes.
   */
  long MAX_WINDOW_SAMPLES = 1L << 22;

  /** @return the step's name in JSON, e.g. {@code qrs-windows} */
  String name();

  /** @return the parameters as JSON values (numbers, strings, lists), in a stable order */
  Map<String, Object> params();

  /**
   * Runs the step.
   *
   * @param in the signal so far
   * @return the transformed signal
   * @throws EcgArgumentException if the signal does not suit the step (a missing lead, beats
   *     asked of an already segmented signal, a rate change beyond the limit, a non-finite
   *     sample where none may be)
   */
  SignalWindows apply(SignalWindows in);

  /**
   * What the step makes of a signal of the given shape, checking that it can take it.
   *
   * @param in the shape before the step (fields may be unknown)
   * @return the shape after it
   * @throws PipelineException if the step cannot take that shape (segmenting a segmented
   *     signal, an {@code rr-features} offset beyond the window)
   */
  Shape outputShape(Shape in);

  /**
   * @param fsIn the sampling rate before the step, or NaN when unknown
   * @return the rate after it: fixed by {@link Resample} and {@link KachueeSegment}, else
   *     {@code fsIn}
   */
  default double outputRate(double fsIn) {
    return outputShape(new Shape(fsIn, Shape.UNKNOWN, Shape.UNKNOWN, false)).fs();
  }

  /** @return {@code {"name": ..., "params": {...}}} */
  default Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name());
    m.put("params", params());
    return m;
  }

  // ============================================================================ parsing

  /**
   * Builds a step from its JSON name and parameters given as alternating keys and values, the
   * way they read in a manifest; a convenience for code and tests. Typed constructors
   * ({@code new Step.QrsWindows(...)}) are preferred in code.
   *
   * @param name the JSON name
   * @param keyValues alternating parameter names and values
   * @return the typed step
   * @throws PipelineException for an unknown name, an unknown or missing parameter, a wrong
   *     type or an out-of-range value
   */
  static Step of(String name, Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new PipelineException("step " + name + ": odd number of key/value arguments");
    }
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      params.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("params", params);
    return fromJson(m, "step");
  }

  /**
   * Reads a step from its JSON form.
   *
   * @param json a parsed {@code {"name": ..., "params": {...}}} object
   * @param where how to name it in messages, e.g. {@code ecg-model.json: preprocessing[3]}
   * @return the typed step
   * @throws PipelineException naming {@code where} and the parameter for an unknown step, an
   *     unknown or missing parameter, a wrong type or an out-of-range value
   */
  static Step fromJson(Object json, String where) {
    try {
      JsonFields f = JsonFields.of(json, where).requireOnly(Set.of("name", "params"));
      String name = f.string("name");
      JsonFields p = f.has("params") && f.map().get("params") != null
          ? JsonFields.of(f.map().get("params"), where + " '" + name + "' params")
          : JsonFields.of(Map.of(), where + " '" + name + "' params");
      return StepParsing.parse(name, p);
    } catch (PipelineException e) {
      throw e;
    } catch (EcgArgumentException e) {
      throw new PipelineException(e.getMessage(), e);
    }
  }

  /** @return the JSON names of every step type, sorted */
  static List<String> names() {
    return StepParsing.NAMES;
  }

  // ============================================================================ shared types

  /** Where beats come from, for the steps that cut or measure beats. */
  enum Detector {
    /** Pan and Tompkins (1985), {@code dev.ecg.io.qrs.PanTompkins}. */
    PAN_TOMPKINS,
    /** Elgendi's two moving averages (2013), {@code dev.ecg.io.qrs.TwoAverageDetector}. */
    TWO_AVERAGE,
    /**
     * Elgendi's two averages with the Kuo-Dillman (1978) ventricular flutter/fibrillation rule,
     * {@code dev.ecg.io.qrs.VfAwareDetector}: the most accurate detector on MIT-BIH
     * (docs/qrs-detection.md).
     */
    VF_AWARE,
    /**
     * NeuroKit2's default detector ({@code ecg_peaks(method="neurokit")}, cleaning included),
     * {@code dev.ecg.io.qrs.NeuroKitDetector}: for pipelines that must match NeuroKit2.
     */
    NEUROKIT,
    /** The record's own beat annotations ({@code AamiClass.isBeat}). */
    ANNOTATIONS;

    /** @return the JSON name, e.g. {@code pan-tompkins} */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @return a new detector of this kind
     * @throws PipelineException for {@link #ANNOTATIONS}, which reads the record instead
     */
    public dev.ecg.io.qrs.QrsDetector create() {
      return switch (this) {
        case PAN_TOMPKINS -> dev.ecg.io.qrs.PanTompkins.create();
        case TWO_AVERAGE -> dev.ecg.io.qrs.TwoAverageDetector.create();
        case VF_AWARE -> dev.ecg.io.qrs.VfAwareDetector.create();
        case NEUROKIT -> dev.ecg.io.qrs.NeuroKitDetector.create();
        case ANNOTATIONS -> throw new PipelineException(
            "the annotations detector reads the record's beat annotations; it has no signal "
                + "detector");
      };
    }
  }

  // ============================================================================ the steps

  /**
   * Keeps leads, in the given order, by name or by index (exactly one of the two is non-null).
   *
   * @param names lead names, or null
   * @param indices lead indices from 0, or null
   */
  record SelectLeads(List<String> names, List<Integer> indices) implements Step {
    /** Checks that exactly one list is given, non-empty, indices non-negative. */
    public SelectLeads {
      if ((names == null) == (indices == null)) {
        throw new PipelineException("select-leads needs exactly one of 'names' or 'indices'");
      }
      if (names != null) {
        names = List.copyOf(names);
        if (names.isEmpty()) {
          throw new PipelineException("select-leads: 'names' is empty");
        }
      } else {
        indices = List.copyOf(indices);
        if (indices.isEmpty()) {
          throw new PipelineException("select-leads: 'indices' is empty");
        }
        for (int k : indices) {
          if (k < 0) {
            throw new PipelineException("select-leads: lead index " + k + " is negative");
          }
        }
      }
    }

    /**
     * @param indices lead indices from 0
     * @return the step
     */
    public static SelectLeads indices(Integer... indices) {
      return new SelectLeads(null, List.of(indices));
    }

    /**
     * @param names lead names
     * @return the step
     */
    public static SelectLeads names(String... names) {
      return new SelectLeads(List.of(names), null);
    }

    @Override
    public String name() {
      return "select-leads";
    }

    @Override
    public Map<String, Object> params() {
      return names != null ? Map.of("names", names) : Map.of("indices", indices);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.selectLeads(in, names, indices);
    }

    @Override
    public Shape outputShape(Shape in) {
      if (indices != null && in.leads() != Shape.UNKNOWN) {
        for (int k : indices) {
          if (k >= in.leads()) {
            throw new PipelineException("select-leads: lead index " + k + " but the signal has "
                + in.leads() + " lead(s) here");
          }
        }
      }
      int n = names != null ? names.size() : indices.size();
      return new Shape(in.fs(), n, in.length(), in.segmented());
    }
  }

  /**
   * Polyphase resampling to {@code fs} ({@code Resample.toRate}); positions keep pointing into the
   * original record, NaN gaps stay gaps.
   *
   * @param fs the target rate in Hz
   */
  record Resample(double fs) implements Step {
    /**
     * Largest resampling factor either way: 64 (8 Hz to 512 Hz), beyond any rate change between
     * ECG devices; a bigger one means a wrong sampling rate, and would multiply memory by it.
     */
    public static final double MAX_FACTOR = 64;

    /** Checks the rate. */
    public Resample {
      checkPositive("resample", "fs", fs);
    }

    @Override
    public String name() {
      return "resample";
    }

    @Override
    public Map<String, Object> params() {
      return Map.of("fs", fs);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.resample(in, fs);
    }

    @Override
    public Shape outputShape(Shape in) {
      if (in.segmented()) {
        // window lengths change by the ratio; not worth predicting
        return new Shape(fs, in.leads(), Shape.UNKNOWN, true);
      }
      return new Shape(fs, in.leads(), Shape.UNKNOWN, false);
    }
  }

  /**
   * Zero-phase Butterworth band-pass ({@code SosFilter.filtfilt}), per lead, gap-aware.
   *
   * @param low lower edge in Hz
   * @param high upper edge in Hz
   * @param order filter order per edge, 1..20 (3 when built from JSON without one)
   */
  record Bandpass(double low, double high, int order) implements Step {
    /** Checks the band and order. */
    public Bandpass {
      checkPositive("bandpass", "low", low);
      checkPositive("bandpass", "high", high);
      if (!(low < high)) {
        throw new PipelineException("bandpass: need low < high, got " + low + " and " + high);
      }
      checkOrder("bandpass", order);
    }

    @Override
    public String name() {
      return "bandpass";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("low", low, "high", high, "order", order);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.perLead(in, x -> SosFilter.filtfilt(
          Butterworth.bandpass(order, low, high, in.fs()), x));
    }

    @Override
    public Shape outputShape(Shape in) {
      belowNyquist(name(), high, in.fs());
      return in;
    }
  }

  /**
   * Zero-phase Butterworth high-pass, per lead, gap-aware.
   *
   * @param cutoff cut-off in Hz
   * @param order filter order, 1..20 (5 when built from JSON without one)
   */
  record Highpass(double cutoff, int order) implements Step {
    /** Checks the cut-off and order. */
    public Highpass {
      checkPositive("highpass", "cutoff", cutoff);
      checkOrder("highpass", order);
    }

    @Override
    public String name() {
      return "highpass";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("cutoff", cutoff, "order", order);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.perLead(in, x -> SosFilter.filtfilt(
          Butterworth.highpass(order, cutoff, in.fs()), x));
    }

    @Override
    public Shape outputShape(Shape in) {
      belowNyquist(name(), cutoff, in.fs());
      return in;
    }
  }

  /**
   * Zero-phase Butterworth low-pass, per lead, gap-aware.
   *
   * @param cutoff cut-off in Hz
   * @param order filter order, 1..20 (5 when built from JSON without one)
   */
  record Lowpass(double cutoff, int order) implements Step {
    /** Checks the cut-off and order. */
    public Lowpass {
      checkPositive("lowpass", "cutoff", cutoff);
      checkOrder("lowpass", order);
    }

    @Override
    public String name() {
      return "lowpass";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("cutoff", cutoff, "order", order);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.perLead(in, x -> SosFilter.filtfilt(
          Butterworth.lowpass(order, cutoff, in.fs()), x));
    }

    @Override
    public Shape outputShape(Shape in) {
      belowNyquist(name(), cutoff, in.fs());
      return in;
    }
  }

  /**
   * Zero-phase notch ({@code dev.ecg.io.dsp.Notch.design}, the {@code iirnotch} twin).
   *
   * @param freq the frequency to remove in Hz (50 when built from JSON without one)
   * @param q quality factor (30 when built from JSON without one)
   */
  record Notch(double freq, double q) implements Step {
    /** Checks frequency and quality. */
    public Notch {
      checkPositive("notch", "freq", freq);
      checkPositive("notch", "q", q);
    }

    @Override
    public String name() {
      return "notch";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("freq", freq, "q", q);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      var sos = dev.ecg.io.dsp.Notch.design(freq, q, in.fs());
      return StepOps.perLead(in, x -> SosFilter.filtfilt(sos, x));
    }

    @Override
    public Shape outputShape(Shape in) {
      belowNyquist(name(), freq, in.fs());
      return in;
    }
  }

  /** Median-filter baseline removal, 200 ms then 600 ms (de Chazal et al. 2004). */
  record Baseline() implements Step {
    @Override
    public String name() {
      return "baseline";
    }

    @Override
    public Map<String, Object> params() {
      return Map.of();
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.perLead(in, x -> dev.ecg.io.dsp.Baseline.medianFilterRemoval(x, in.fs()));
    }

    @Override
    public Shape outputShape(Shape in) {
      return in;
    }
  }

  /**
   * An {@link EcgCleaner} preset.
   *
   * @param preset the recipe
   * @param mainsHz mains frequency for the presets with a notch, or NaN for the preset's own
   */
  record Clean(EcgCleaner.Preset preset, double mainsHz) implements Step {
    /** Checks the preset and mains frequency. */
    public Clean {
      Objects.requireNonNull(preset, "preset");
      if (!Double.isNaN(mainsHz)) {
        checkPositive("clean", "mains", mainsHz);
      }
    }

    @Override
    public String name() {
      return "clean";
    }

    @Override
    public Map<String, Object> params() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("preset", preset.name());
      if (!Double.isNaN(mainsHz)) {
        m.put("mains", mainsHz);
      }
      return m;
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      EcgCleaner c = EcgCleaner.of(preset);
      EcgCleaner cleaner = Double.isNaN(mainsHz) ? c : c.withMainsHz(mainsHz);
      return StepOps.perLead(in, x -> cleaner.clean(x, in.fs()));
    }

    @Override
    public Shape outputShape(Shape in) {
      return in;
    }
  }

  /**
   * Per window and lead, scale to [0, 1] ({@code MINMAX}) or to mean 0 and standard deviation 1
   * ({@code ZSCORE}) over the valid samples; NaN samples stay NaN, a constant lead becomes all
   * zeros, an infinite sample is refused ({@code NanInputException}).
   *
   * @param method the scaling
   */
  record Normalize(Method method) implements Step {
    /** The scalings. */
    public enum Method {
      /** To [0, 1]. */
      MINMAX,
      /** To mean 0, standard deviation 1 (population). */
      ZSCORE
    }

    /** Checks the method. */
    public Normalize {
      Objects.requireNonNull(method, "method");
    }

    @Override
    public String name() {
      return "normalize";
    }

    @Override
    public Map<String, Object> params() {
      return Map.of("method", method.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.normalize(in, method);
    }

    @Override
    public Shape outputShape(Shape in) {
      return in;
    }
  }

  /**
   * Crops or pads every window to {@code length} samples.
   *
   * @param length the window length, 1..{@link #MAX_WINDOW_SAMPLES}
   * @param align where a longer window is cropped and a shorter one placed
   * @param value the padding value
   */
  record CropPad(int length, Align align, double value) implements Step {
    /** Alignment of the kept samples. */
    public enum Align {
      /** Keep the start; pad at the end. */
      START,
      /** Keep the middle. */
      CENTER,
      /** Keep the end; pad at the start. */
      END
    }

    /** Checks length, alignment and value. */
    public CropPad {
      checkLength("crop-pad", "length", length, 1);
      Objects.requireNonNull(align, "align");
      if (!Double.isFinite(value)) {
        throw new PipelineException("crop-pad: value must be finite, got " + value);
      }
    }

    @Override
    public String name() {
      return "crop-pad";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("length", length, "align", align.name().toLowerCase(Locale.ROOT),
          "value", value);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.cropPad(in, this);
    }

    @Override
    public Shape outputShape(Shape in) {
      return new Shape(in.fs(), in.leads(), length, in.segmented());
    }
  }

  /**
   * Fixed windows {@code [r - before, r + after)} (samples at the current rate) around each
   * detected or annotated beat ({@code FixedWindowSegmenter}), every lead cut at the same beats.
   *
   * @param before samples before the R peak, 0..
   * @param after samples from the R peak on, 1..
   * @param detector where beats come from
   * @param channel the lead the detector runs on
   * @param edges {@code SKIP} drops beats whose window runs off the signal, {@code ZERO} pads
   *     the signal with zeros so every beat gets its window
   */
  record QrsWindows(int before, int after, Detector detector, int channel, Edges edges)
      implements Step {
    /** What to do with a beat whose window runs off the signal. */
    public enum Edges {
      /** Drop the beat. */
      SKIP,
      /** Pad the signal with zeros. */
      ZERO
    }

    /** Checks the window and detector. */
    public QrsWindows {
      checkLength("qrs-windows", "before", before, 0);
      checkLength("qrs-windows", "after", after, 1);
      if ((long) before + after > MAX_WINDOW_SAMPLES) {
        throw new PipelineException("qrs-windows: before + after must be at most "
            + MAX_WINDOW_SAMPLES + ", got " + ((long) before + after));
      }
      Objects.requireNonNull(detector, "detector");
      Objects.requireNonNull(edges, "edges");
      checkChannel("qrs-windows", channel);
    }

    @Override
    public String name() {
      return "qrs-windows";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("before", before, "after", after, "detector", detector.jsonName(),
          "channel", channel, "edges", edges.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.qrsWindows(in, this);
    }

    @Override
    public Shape outputShape(Shape in) {
      whole(name(), in);
      channelFits(name(), channel, in);
      return new Shape(in.fs(), in.leads(), before + after, true);
    }
  }

  /**
   * Kachuee et al. (IEEE ICHI 2018) beats ({@code KachueeSegmenter}): every lead cut at the same
   * beats, output at 125 Hz, 187 samples per beat.
   *
   * @param detector where beats come from
   * @param channel the lead the detector runs on
   */
  record KachueeSegment(Detector detector, int channel) implements Step {
    /** Checks the detector and channel. */
    public KachueeSegment {
      Objects.requireNonNull(detector, "detector");
      checkChannel("kachuee-segment", channel);
    }

    @Override
    public String name() {
      return "kachuee-segment";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("detector", detector.jsonName(), "channel", channel);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.kachuee(in, this);
    }

    @Override
    public Shape outputShape(Shape in) {
      whole(name(), in);
      channelFits(name(), channel, in);
      return new Shape(KachueeSegmenter.FS, in.leads(), KachueeSegmenter.LENGTH, true);
    }
  }

  /**
   * One window {@code [s - before, s + after)} (samples at the current rate) around each beat
   * annotation of the record; windows running off the record are skipped.
   *
   * @param before samples before the annotation
   * @param after samples from the annotation on
   * @param symbols the annotation symbols to use; empty for every beat symbol
   *     ({@code AamiClass.isBeat})
   */
  record AnnotationWindows(int before, int after, List<String> symbols) implements Step {
    /** Checks the window. */
    public AnnotationWindows {
      checkLength("annotation-windows", "before", before, 0);
      checkLength("annotation-windows", "after", after, 1);
      if ((long) before + after > MAX_WINDOW_SAMPLES) {
        throw new PipelineException("annotation-windows: before + after must be at most "
            + MAX_WINDOW_SAMPLES);
      }
      symbols = symbols == null ? List.of() : List.copyOf(symbols);
    }

    @Override
    public String name() {
      return "annotation-windows";
    }

    @Override
    public Map<String, Object> params() {
      return symbols.isEmpty() ? ordered("before", before, "after", after)
          : ordered("before", before, "after", after, "symbols", symbols);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.annotationWindows(in, this);
    }

    @Override
    public Shape outputShape(Shape in) {
      whole(name(), in);
      return new Shape(in.fs(), in.leads(), before + after, true);
    }
  }

  /**
   * Writes four RR-interval features (de Chazal et al. 2004) into samples
   * {@code offset .. offset + 3} of every lead of every beat window: {@code clip(pre/avg - 1)},
   * {@code clip(post/avg - 1)}, {@code clip(local/avg - 1)}, {@code clip(pre/local - 1)}, each
   * clipped to [-1, 1] (0 for an undefined ratio), on the positions of all windows of the record
   * in the original record's samples; see {@link #encode}.
   *
   * <p>With {@code average = causal} no value needs more than the next beat, so a live stream
   * can compute it exactly: {@code avg} is the mean of the RR intervals before the beat (from the
   * record's start), and {@code local} the mean of the up to 10 RR intervals ending at the beat.
   * The default, {@code record}, uses the whole record's mean RR and the 10 intervals centred on
   * the beat (de Chazal's definitions; {@link dev.ecg.io.segment.RrFeatures}).
   *
   * @param offset first sample written
   * @param scale each value is multiplied by it (in float), to bring the features to the
   *     amplitude of a normalised beat; 1 when built from JSON without one
   * @param average {@code RECORD} (default) or {@code CAUSAL}
   */
  record RrFeatures(int offset, double scale, Average average) implements Step {
    /** Number of values written per window. */
    public static final int SLOTS = 4;

    /** Which beats the mean RR and the local RR are taken over. */
    public enum Average {
      /** The whole record's mean RR; local over the 10 intervals centred on the beat. */
      RECORD,
      /** The mean of the intervals before the beat; local over the 10 ending at the beat. */
      CAUSAL
    }

    /** Checks offset, scale and average. */
    public RrFeatures {
      checkLength("rr-features", "offset", offset, 0);
      if (!Double.isFinite(scale) || scale <= 0) {
        throw new PipelineException("rr-features: scale must be finite and > 0, got " + scale);
      }
      if (average == null) {
        throw new PipelineException("rr-features: average must be record or causal");
      }
    }

    /**
     * The record-average form.
     *
     * @param offset first sample written
     * @param scale multiplier
     */
    public RrFeatures(int offset, double scale) {
      this(offset, scale, Average.RECORD);
    }

    /**
     * The four values {@code rr-features} writes into each beat, for training code that builds
     * its inputs outside a pipeline (so training and inference share one encoding).
     *
     * @param peaks R-peak positions in samples (any order, duplicates allowed)
     * @param fs their sampling rate in Hz
     * @return {@code [beat][4]}, all zeros with fewer than two distinct peaks
     * @throws EcgArgumentException if {@code fs} is not positive
     */
    public static float[][] encode(long[] peaks, double fs) {
      return encode(peaks, fs, Average.RECORD);
    }

    /**
     * As {@link #encode(long[], double)} with a choice of average.
     *
     * @param peaks R-peak positions in samples (any order, duplicates allowed)
     * @param fs their sampling rate in Hz
     * @param average which mean RR and local RR
     * @return {@code [beat][4]}, all zeros with fewer than two distinct peaks
     */
    public static float[][] encode(long[] peaks, double fs, Average average) {
      Objects.requireNonNull(peaks, "peaks");
      return StepOps.rrEncoded(peaks, fs, average);
    }

    /**
     * The four values written for one beat from its causal features, as the step writes them
     * (for live streams, which compute {@code {pre, post, local, avg}} with
     * {@link dev.ecg.io.segment.CausalRr}).
     *
     * @param prePostLocalAvg the beat's features in seconds
     * @return the four values before {@link #scale()}
     */
    public static float[] encodeCausal(double[] prePostLocalAvg) {
      return StepOps.causalEncoded(prePostLocalAvg);
    }

    @Override
    public String name() {
      return "rr-features";
    }

    @Override
    public Map<String, Object> params() {
      return average == Average.RECORD ? ordered("offset", offset, "scale", scale)
          : ordered("offset", offset, "scale", scale, "average", "causal");
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.rrFeatures(in, this);
    }

    @Override
    public Shape outputShape(Shape in) {
      return StepOps.slotsFit(name(), in, offset, SLOTS);
    }
  }

  /**
   * Writes four wave intervals of each beat into its window, after a beat segmentation step:
   * PR, QRS, QT and QTc (Bazett), in seconds times {@code scale}, at positions
   * {@code offset..offset+3} of every lead. The intervals come from
   * {@code dev.ecg.io.delineate.DwtDelineator.delineateLong} (NeuroKit2's {@code dwt} method) on
   * lead {@code channel} of the <em>original</em> record, cleaned with
   * {@code EcgCleaner.Preset.NEUROKIT_EXACT}, at the beats' reference samples. An interval the
   * delineation could not find is written as 0 (no beat has a zero interval, so a model can tell
   * "absent"); NaN samples of the record are read as 0 for the delineation only.
   *
   * @param offset first position written in each window
   * @param scale multiplier of the seconds (1 by default; 10 puts a 100 ms QRS at 1.0)
   * @param channel lead of the original record to delineate (0 by default)
   */
  record IntervalFeatures(int offset, double scale, int channel) implements Step {
    /** Number of values written per window. */
    public static final int SLOTS = 4;

    /** Checks offset, scale and channel. */
    public IntervalFeatures {
      checkLength("interval-features", "offset", offset, 0);
      checkPositive("interval-features", "scale", scale);
      checkChannel("interval-features", channel);
    }

    @Override
    public String name() {
      return "interval-features";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("offset", offset, "scale", scale, "channel", channel);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.intervalFeatures(in, this);
    }

    @Override
    public Shape outputShape(Shape in) {
      return StepOps.slotsFit(name(), in, offset, SLOTS);
    }
  }

  /**
   * Signal-quality gate: marks the record or single windows as rejected, so that a classifier
   * abstains on them and says why; the signal itself is unchanged. Lead {@code channel} of the
   * <em>original</em> record is cut into consecutive segments of {@code seconds} (a short tail
   * joins the segment before it) and each is judged by
   * {@code dev.ecg.io.quality.SignalQuality.assess} (flat line, lead-off, saturation and missing
   * samples; too few beats; beats that do not repeat, as in noise; and, when {@code strict},
   * Zhao et al. 2018 on the NeuroKit2-cleaned lead). Not strict is the default: Zhao's fixed
   * thresholds call many clinically clean 10 s stretches unacceptable, which would make a beat
   * classifier abstain on good data.
   *
   * <p>Before segmentation the record is rejected when more than half of its segments are
   * unusable. After segmentation a window is rejected when the segment holding its reference
   * sample is unusable, or unusable segments cover at least half of the original samples it
   * spans (from its reference sample on, its length mapped to the original rate).
   *
   * @param seconds segment length, 2 to 600 s (10 by default, a typical rhythm window)
   * @param channel lead of the original record to judge (0 by default); at 80 Hz or less only
   *     flat line, lead-off, saturation and missing samples are judged (the spectral indices
   *     need more)
   * @param strict whether a segment must pass every check, Zhao 2018 included
   *     ({@code SignalQuality.Assessment.usable}), or only be readable ({@code readable}, false
   *     by default)
   */
  record QualityGate(double seconds, int channel, boolean strict) implements Step {
    /** Checks the segment length and channel. */
    public QualityGate {
      if (!(seconds >= dev.ecg.io.quality.SignalQuality.MIN_SECONDS && seconds <= 600)) {
        throw new PipelineException("quality-gate: seconds must be in ["
            + dev.ecg.io.quality.SignalQuality.MIN_SECONDS + ", 600], got " + seconds);
      }
      checkChannel("quality-gate", channel);
    }

    /**
     * A gate that rejects only unreadable segments (not strict).
     *
     * @param seconds segment length
     * @param channel lead of the original record
     */
    public QualityGate(double seconds, int channel) {
      this(seconds, channel, false);
    }

    /**
     * The gate's verdict on one segment, as the step computes it (for live streams that judge
     * segments as they complete).
     *
     * @param slice the segment's samples of the gated lead, in the original record's units
     * @param from its first sample in the record
     * @param fs the record's rate
     * @param lead the lead's name, for the reason
     * @return the reason to reject, or null
     */
    public String segmentVerdict(double[] slice, long from, double fs, String lead) {
      return StepOps.segmentVerdict(slice, from, fs, lead, strict);
    }

    /**
     * The gate's verdict on one window from its segments' verdicts, as the step decides.
     *
     * @param span the window's {@code [from, to)} in the original record
     * @param segments segment spans in order
     * @param verdicts each segment's reason, or null
     * @return the reason, or null
     */
    public static String windowVerdict(long[] span, List<long[]> segments,
        List<String> verdicts) {
      return StepOps.windowVerdict(span, segments, verdicts);
    }

    @Override
    public String name() {
      return "quality-gate";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("seconds", seconds, "channel", channel, "strict", strict);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.qualityGate(in, this);
    }

    @Override
    public Shape outputShape(Shape in) {
      return in;
    }
  }

  /**
   * Writes heart-rate-variability indices of each window into it, at positions
   * {@code offset..offset+columns.size()-1} of every lead: the R peaks of lead {@code channel} of
   * the <em>original</em> record (found once by {@code detector}, or its beat annotations) that
   * fall in the samples the window spans (from its reference sample on, its length mapped to the
   * original rate; the whole record before segmentation) go to {@code dev.ecg.io.hrv.Hrv} and
   * the named NeuroKit2 columns are written, each times {@code scale}. Meant for rhythm windows
   * and whole records; a beat window spans too few beats for most indices. An index that is
   * undefined for the window (too few beats: NaN in NeuroKit2) is written as 0.
   *
   * @param columns NeuroKit2 column names, e.g. {@code HRV_RMSSD} (see
   *     {@code dev.ecg.io.hrv.Hrv.columns()}), at least one, no repeats
   * @param offset first position written in each window
   * @param scale multiplier of every value (intervals are in ms: 0.001 gives seconds)
   * @param detector how the R peaks are found
   * @param channel lead of the original record (0 by default)
   */
  record HrvFeatures(List<String> columns, int offset, double scale, Detector detector,
      int channel) implements Step {
    /** Checks the columns, offset, scale and channel. */
    public HrvFeatures {
      Objects.requireNonNull(columns, "columns");
      columns = List.copyOf(columns);
      if (columns.isEmpty() || new java.util.HashSet<>(columns).size() != columns.size()) {
        throw new PipelineException("hrv-features: columns must be a non-empty list without "
            + "repeats, got " + columns);
      }
      for (String c : columns) {
        if (!dev.ecg.io.hrv.Hrv.columns().contains(c)) {
          throw new PipelineException("hrv-features: unknown column '" + c + "'; known: "
              + dev.ecg.io.hrv.Hrv.columns());
        }
      }
      checkLength("hrv-features", "offset", offset, 0);
      checkPositive("hrv-features", "scale", scale);
      Objects.requireNonNull(detector, "detector");
      checkChannel("hrv-features", channel);
    }

    @Override
    public String name() {
      return "hrv-features";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("columns", columns, "offset", offset, "scale", scale, "detector",
          detector.jsonName(), "channel", channel);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.hrvFeatures(in, this);
    }

    @Override
    public Shape outputShape(Shape in) {
      if (in.length() != Shape.UNKNOWN && offset + columns.size() > in.length()) {
        throw new PipelineException("hrv-features: offset " + offset + " + " + columns.size()
            + " values do not fit windows of " + in.length() + " samples");
      }
      return in;
    }
  }

  /**
   * One window of fixed duration from the whole record ({@code RhythmWindows.cropOrPad}).
   *
   * @param seconds the duration
   * @param crop {@code START} or {@code CENTER} ({@code RANDOM} is for training only)
   * @param pad how a shorter record is filled
   */
  record RhythmCrop(double seconds, dev.ecg.io.segment.RhythmWindows.Crop crop,
      dev.ecg.io.segment.RhythmWindows.Pad pad) implements Step {
    /** Checks duration, crop and pad. */
    public RhythmCrop {
      checkSeconds("rhythm-crop", "seconds", seconds);
      Objects.requireNonNull(crop, "crop");
      Objects.requireNonNull(pad, "pad");
      if (crop == dev.ecg.io.segment.RhythmWindows.Crop.RANDOM) {
        throw new PipelineException("rhythm-crop: crop RANDOM is for training, not inference");
      }
    }

    @Override
    public String name() {
      return "rhythm-crop";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("seconds", seconds, "crop", crop.name().toLowerCase(Locale.ROOT),
          "pad", pad.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.rhythmCrop(in, this);
    }

    @Override
    public Shape outputShape(Shape in) {
      whole(name(), in);
      return new Shape(in.fs(), in.leads(), samples(name(), seconds, in.fs()), false);
    }
  }

  /**
   * Fixed-length windows covering the whole record, for pooling a recording-level prediction:
   * starts at 0, {@code hop}, {@code 2 hop}, ... while a window fits, plus one window ending at
   * the record end when the last one stops short; a record no longer than one window gives a
   * single window, zero-padded at the end. Each window's reference sample is its start in the
   * original record.
   *
   * @param seconds window length
   * @param hop seconds between window starts ({@code seconds / 2} when built from JSON without)
   */
  record RhythmWindows(double seconds, double hop) implements Step {
    /** Checks window and hop. */
    public RhythmWindows {
      checkSeconds("rhythm-windows", "seconds", seconds);
      checkSeconds("rhythm-windows", "hop", hop);
    }

    @Override
    public String name() {
      return "rhythm-windows";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("seconds", seconds, "hop", hop);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.rhythmWindows(in, this);
    }

    @Override
    public Shape outputShape(Shape in) {
      whole(name(), in);
      if (!Double.isNaN(in.fs()) && Math.round(hop * in.fs()) < 1) {
        throw new PipelineException("rhythm-windows: hop " + hop + " s is less than one "
            + "sample at " + in.fs() + " Hz");
      }
      return new Shape(in.fs(), in.leads(), samples(name(), seconds, in.fs()), true);
    }
  }

  /**
   * Writes the {@link dev.ecg.io.features.BeatFeatures} of each beat window into samples
   * {@code [offset, offset + }{@link BeatFeatureWindows#featureCount()}{@code )} of the window,
   * so one window carries a network's input and the features a hybrid model fuses with it. The
   * features are computed on lead {@code channel} of the <em>original</em> record, at its own
   * rate, at the windows' reference samples (the beats' R peaks); NaN where undefined (a missing
   * value for the trees). A window whose samples before {@code offset} hold an invalid (NaN)
   * value, or whose beat is within one second of one in the original lead, is rejected with that
   * reason.
   *
   * @param offset first sample written, counted from the window's start
   * @param channel the original record's lead the features are computed on
   */
  record BeatFeatureSlots(int offset, int channel) implements Step {
    /** Checks offset and channel. */
    public BeatFeatureSlots {
      checkLength("beat-feature-slots", "offset", offset, 0);
      checkChannel("beat-feature-slots", channel);
    }

    @Override
    public String name() {
      return "beat-feature-slots";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("offset", offset, "channel", channel);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.beatFeatureSlots(in, this);
    }

    @Override
    public Shape outputShape(Shape in) {
      return StepOps.slotsFit(name(), in, offset, BeatFeatureWindows.featureCount());
    }
  }

  /**
   * Record-level features ({@link dev.ecg.io.features.RecordFeatures}: RR irregularity and AF
   * evidence, HRV, P waves and intervals, beat-template morphology, spectrum, signal quality) of
   * one lead, as one window per stretch of {@code seconds}: a record no longer than
   * {@code seconds} is one window of its whole length; a longer one gives windows of
   * {@code seconds} every {@code hop} seconds, the last ending at the record's end. Each output
   * window is one lead of {@link dev.ecg.io.features.RecordFeatures#names()}{@code .size()}
   * values, in that order, NaN where a feature is undefined (a missing value for tree models,
   * never a gap); its reference sample is where its stretch starts. A stretch that touches an
   * invalid (NaN) sample is rejected with that reason, and so is one where flat line, saturation
   * or lead-off ({@link dev.ecg.io.quality.SignalDefects}) covers at least
   * {@value #MAX_DEFECT_FRACTION} of the samples: no rhythm can be read there, and a classifier
   * abstains with that reason instead of guessing. The rate stays the current rate, and the
   * features are computed at it (resample first to the rate a model was trained at).
   *
   * @param seconds the longest stretch one window summarises, 5 s to 1 hour
   * @param hop seconds between window starts of a longer record, at most {@code seconds}
   * @param channel the lead the features are computed on
   */
  record RecordFeatureWindows(double seconds, double hop, int channel) implements Step {
    /** Shortest {@code seconds}: fewer than five seconds hold too few beats for RR statistics. */
    public static final double MIN_SECONDS = 5;
    /** Share of defective samples from which a stretch is rejected. */
    public static final double MAX_DEFECT_FRACTION = 0.5;
    /** Longest {@code seconds}: one hour, which bounds the cost of the quadratic entropies. */
    public static final double MAX_SECONDS = 3600;

    /** Checks window, hop and channel. */
    public RecordFeatureWindows {
      if (!(seconds >= MIN_SECONDS && seconds <= MAX_SECONDS)) {
        throw new PipelineException("record-features: seconds must be in [" + MIN_SECONDS
            + ", " + MAX_SECONDS + "], got " + seconds);
      }
      if (!(hop > 0 && hop <= seconds)) {
        throw new PipelineException("record-features: hop must be in (0, seconds], got " + hop);
      }
      checkChannel("record-features", channel);
    }

    /** @return the number of values in each window */
    public static int featureCount() {
      return dev.ecg.io.features.RecordFeatures.names().size();
    }

    /**
     * One window's values as this step computes them.
     *
     * @param features {@link #featureCount()} values (all NaN when the stretch holds an invalid
     *     sample)
     * @param rejected why the window is rejected, or null
     */
    public record Window(double[] features, String rejected) {}

    /**
     * The features and verdict of one stretch, exactly as {@link #apply} gives them for a window
     * of a whole signal: a stretch holding a non-finite sample is rejected without features; one
     * with flat line, saturation or lead-off over {@link #MAX_DEFECT_FRACTION} of its samples is
     * rejected with its features. Streaming code uses this to equal the batch step.
     *
     * @param stretch the window's samples of the step's channel
     * @param fs their rate in Hz
     * @param fromSeconds where the window starts, for the reason
     * @param toSeconds where it ends, for the reason
     * @return the values and the verdict
     */
    public static Window window(double[] stretch, double fs, double fromSeconds,
        double toSeconds) {
      int invalid = 0;
      for (double v : stretch) {
        invalid += Double.isFinite(v) ? 0 : 1;
      }
      if (invalid > 0) {
        double[] f = new double[featureCount()];
        java.util.Arrays.fill(f, Double.NaN);
        return new Window(f, String.format(java.util.Locale.ROOT, "%.1f-%.1f s touches %d "
            + "invalid sample(s)", fromSeconds, toSeconds, invalid));
      }
      double[] f = dev.ecg.io.features.RecordFeatures.compute(stretch, fs).values();
      double defects = f[DEFECT_ANY];
      if (defects >= MAX_DEFECT_FRACTION) {
        return new Window(f, String.format(java.util.Locale.ROOT, "%.1f-%.1f s: flat line, "
            + "saturation or lead-off over %.0f %% of the stretch", fromSeconds, toSeconds,
            100 * defects));
      }
      return new Window(f, null);
    }

    private static final int DEFECT_ANY = dev.ecg.io.features.RecordFeatures.names()
        .indexOf("defect_any_frac");

    @Override
    public String name() {
      return "record-features";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("seconds", seconds, "hop", hop, "channel", channel);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.recordFeatures(in, this);
    }

    @Override
    public Shape outputShape(Shape in) {
      whole(name(), in);
      if (in.leads() != Shape.UNKNOWN && channel >= in.leads()) {
        throw new PipelineException("record-features: channel " + channel + " but the signal "
            + "has " + in.leads() + " lead(s)");
      }
      return new Shape(in.fs(), 1, featureCount(), true);
    }
  }

  /**
   * Beat-level features ({@link dev.ecg.io.features.BeatFeatures}: RR intervals and morphology,
   * each relative to the patient's own running average) of every detected or annotated beat:
   * one window per beat, of one lead holding
   * {@link dev.ecg.io.features.BeatFeatures#names()}{@code .size()} values in that order (NaN
   * where undefined: a missing value for tree models), its reference sample the beat's R peak.
   * Beats within one second of an invalid (NaN) sample are rejected with that reason. The rate
   * stays the current rate.
   *
   * @param detector where beats come from
   * @param channel the lead the detector and the features use
   */
  record BeatFeatureWindows(Detector detector, int channel) implements Step {
    /** Checks detector and channel. */
    public BeatFeatureWindows {
      Objects.requireNonNull(detector, "detector");
      checkChannel("beat-features", channel);
    }

    /** @return the number of values in each window */
    public static int featureCount() {
      return dev.ecg.io.features.BeatFeatures.names().size();
    }

    @Override
    public String name() {
      return "beat-features";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("detector", detector.jsonName(), "channel", channel);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.beatFeatures(in, this);
    }

    @Override
    public Shape outputShape(Shape in) {
      whole(name(), in);
      if (in.leads() != Shape.UNKNOWN && channel >= in.leads()) {
        throw new PipelineException("beat-features: channel " + channel + " but the signal "
            + "has " + in.leads() + " lead(s)");
      }
      if (!Double.isNaN(in.fs()) && in.fs() < 50) {
        throw new PipelineException("beat-features: needs at least 50 Hz, got " + in.fs());
      }
      return new Shape(in.fs(), 1, featureCount(), true);
    }
  }

  /**
   * The record's RR-interval sequence as a two-lead signal ({@code rr} in seconds, {@code rr-rel}
   * as {@code clip(rr / median - 1, -1, 1)}), {@code length} values, repeated from the start when
   * the record has fewer beats; all zeros with fewer than two distinct beats. The rate stays the
   * current rate.
   *
   * @param length values per lead, 1..100,000
   * @param detector where beats come from
   * @param channel the lead the detector runs on
   */
  record RrSequence(int length, Detector detector, int channel) implements Step {
    /** The lead names it writes. */
    public static final List<String> LEADS = List.of("rr", "rr-rel");

    /** Checks length, detector and channel. */
    public RrSequence {
      if (length < 1 || length > 100_000) {
        throw new PipelineException("rr-sequence: length must be a whole number in [1, 100000],"
            + " got " + length);
      }
      Objects.requireNonNull(detector, "detector");
      checkChannel("rr-sequence", channel);
    }

    /**
     * @param sorted distinct R peaks in ascending order
     * @param fs their rate
     * @param length values to produce
     * @return {@code [2][length]}: intervals in seconds and relative to their median
     */
    public static double[][] sequence(long[] sorted, double fs, int length) {
      return StepOps.rrSequence(sorted, fs, length);
    }

    @Override
    public String name() {
      return "rr-sequence";
    }

    @Override
    public Map<String, Object> params() {
      return ordered("length", length, "detector", detector.jsonName(), "channel", channel);
    }

    @Override
    public SignalWindows apply(SignalWindows in) {
      return StepOps.rrSequence(in, this);
    }

    @Override
    public Shape outputShape(Shape in) {
      whole(name(), in);
      channelFits(name(), channel, in);
      return new Shape(in.fs(), LEADS.size(), length, false);
    }
  }

  // ============================================================================ helpers

  private static void checkPositive(String step, String key, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new PipelineException(step + ": " + key + " must be finite and > 0, got " + v);
    }
  }

  private static void checkSeconds(String step, String key, double v) {
    checkPositive(step, key, v);
    if (v > MAX_WINDOW_SAMPLES) {
      throw new PipelineException(step + ": " + key + " must be at most " + MAX_WINDOW_SAMPLES
          + " s, got " + v);
    }
  }

  private static void checkOrder(String step, int order) {
    if (order < 1 || order > 20) {
      throw new PipelineException(step + ": order must be in [1, 20], got " + order);
    }
  }

  private static void checkLength(String step, String key, int v, int min) {
    if (v < min || v > MAX_WINDOW_SAMPLES) {
      throw new PipelineException(step + ": " + key + " must be a whole number in [" + min
          + ", " + MAX_WINDOW_SAMPLES + "], got " + v);
    }
  }

  private static void checkChannel(String step, int channel) {
    if (channel < 0) {
      throw new PipelineException(step + ": channel must be >= 0, got " + channel);
    }
  }

  private static void channelFits(String step, int channel, Shape in) {
    if (in.leads() != Shape.UNKNOWN && channel >= in.leads()) {
      throw new PipelineException(step + ": channel " + channel + " but the signal has "
          + in.leads() + " lead(s) here");
    }
  }

  private static void whole(String step, Shape in) {
    if (in.segmented()) {
      throw new PipelineException(step + " needs the whole record, but an earlier step "
          + "already cut it into windows");
    }
  }

  private static void belowNyquist(String step, double hz, double fs) {
    if (!Double.isNaN(fs) && hz >= fs / 2) {
      throw new PipelineException(step + ": " + hz + " Hz is not below the Nyquist frequency "
          + fs / 2 + " Hz of the " + fs + " Hz signal here");
    }
  }

  private static int samples(String step, double seconds, double fs) {
    if (Double.isNaN(fs)) {
      return Shape.UNKNOWN;
    }
    long n = Math.round(seconds * fs);
    if (n < 1 || n > MAX_WINDOW_SAMPLES) {
      throw new PipelineException(step + ": " + seconds + " s at " + fs + " Hz is " + n
          + " samples; allowed 1.." + MAX_WINDOW_SAMPLES);
    }
    return (int) n;
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
