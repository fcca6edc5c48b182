package dev.ecg.io.pipeline;

import dev.ecg.core.json.JsonFields;
import dev.ecg.io.dsp.EcgCleaner;
import dev.ecg.io.pipeline.Step.AnnotationWindows;
import dev.ecg.io.pipeline.Step.Bandpass;
import dev.ecg.io.pipeline.Step.Baseline;
import dev.ecg.io.pipeline.Step.Clean;
import dev.ecg.io.pipeline.Step.CropPad;
import dev.ecg.io.pipeline.Step.Detector;
import dev.ecg.io.pipeline.Step.Highpass;
import dev.ecg.io.pipeline.Step.KachueeSegment;
import dev.ecg.io.pipeline.Step.Lowpass;
import dev.ecg.io.pipeline.Step.Normalize;
import dev.ecg.io.pipeline.Step.Notch;
import dev.ecg.io.pipeline.Step.QrsWindows;
import dev.ecg.io.pipeline.Step.Resample;
import dev.ecg.io.pipeline.Step.RhythmCrop;
import dev.ecg.io.pipeline.Step.RhythmWindows;
import dev.ecg.io.pipeline.Step.RrFeatures;
import dev.ecg.io.pipeline.Step.RrSequence;
import dev.ecg.io.pipeline.Step.SelectLeads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@link Step}s from their JSON names and parameters, checking every parameter. */
final class StepParsing {

  static final List<String> NAMES = List.of("annotation-windows", "bandpass", "baseline",
      "beat-feature-slots", "beat-features", "clean", "crop-pad", "highpass", "hrv-features",
      "interval-features", "kachuee-segment", "lowpass", "normalize", "notch", "qrs-windows",
      "quality-gate", "record-features", "resample", "rhythm-crop", "rhythm-windows",
      "rr-features", "rr-sequence", "select-leads");

  private StepParsing() {}

  static Step parse(String name, JsonFields p) {
    return switch (name) {
      case "select-leads" -> {
        p.requireOnly(Set.of("names", "indices"));
        if (p.has("names") == p.has("indices")) {
          throw new PipelineException(p.where() + ": give exactly one of 'names' or "
              + "'indices'");
        }
        if (p.has("names")) {
          yield new SelectLeads(p.stringList("names"), null);
        }
        List<Integer> idx = new ArrayList<>();
        List<Object> raw = p.list("indices");
        for (int i = 0; i < raw.size(); i++) {
          JsonFields one = JsonFields.of(Map.of("k", raw.get(i) == null ? "null" : raw.get(i)),
              p.where() + " indices[" + i + "]");
          idx.add((int) one.wholeNumber("k", 0, 4096));
        }
        yield new SelectLeads(null, idx);
      }
      case "resample" -> {
        p.requireOnly(Set.of("fs"));
        yield new Resample(p.number("fs"));
      }
      case "bandpass" -> {
        p.requireOnly(Set.of("low", "high", "order"));
        yield new Bandpass(p.number("low"), p.number("high"),
            (int) p.wholeNumber("order", 1, 20, 3));
      }
      case "highpass" -> {
        p.requireOnly(Set.of("cutoff", "order"));
        yield new Highpass(p.number("cutoff"), (int) p.wholeNumber("order", 1, 20, 5));
      }
      case "lowpass" -> {
        p.requireOnly(Set.of("cutoff", "order"));
        yield new Lowpass(p.number("cutoff"), (int) p.wholeNumber("order", 1, 20, 5));
      }
      case "notch" -> {
        p.requireOnly(Set.of("freq", "q"));
        yield new Notch(p.number("freq", 50), p.number("q", dev.ecg.io.dsp.Notch.DEFAULT_Q));
      }
      case "baseline" -> {
        p.requireOnly(Set.of());
        yield new Baseline();
      }
      case "clean" -> {
        p.requireOnly(Set.of("preset", "mains"));
        yield new Clean(p.enumValue("preset", EcgCleaner.Preset.class,
            EcgCleaner.Preset.BANDPASS_0_5_40_NOTCH), p.number("mains", Double.NaN));
      }
      case "normalize" -> {
        p.requireOnly(Set.of("method"));
        yield new Normalize(p.enumValue("method", Normalize.Method.class,
            Normalize.Method.MINMAX));
      }
      case "minmax", "zscore" -> {
        // schema-1 aliases of normalize
        p.requireOnly(Set.of());
        yield new Normalize(name.equals("minmax") ? Normalize.Method.MINMAX
            : Normalize.Method.ZSCORE);
      }
      case "crop-pad" -> {
        p.requireOnly(Set.of("length", "align", "value"));
        yield new CropPad((int) p.wholeNumber("length", 1, Step.MAX_WINDOW_SAMPLES),
            p.enumValue("align", CropPad.Align.class, CropPad.Align.START),
            p.number("value", 0));
      }
      case "qrs-windows" -> {
        p.requireOnly(Set.of("before", "after", "detector", "channel", "edges"));
        yield new QrsWindows((int) p.wholeNumber("before", 0, Step.MAX_WINDOW_SAMPLES),
            (int) p.wholeNumber("after", 1, Step.MAX_WINDOW_SAMPLES), detector(p),
            (int) p.wholeNumber("channel", 0, 4096, 0),
            p.enumValue("edges", QrsWindows.Edges.class, QrsWindows.Edges.SKIP));
      }
      case "kachuee-segment" -> {
        p.requireOnly(Set.of("detector", "channel"));
        yield new KachueeSegment(detector(p), (int) p.wholeNumber("channel", 0, 4096, 0));
      }
      case "annotation-windows" -> {
        p.requireOnly(Set.of("before", "after", "symbols"));
        yield new AnnotationWindows((int) p.wholeNumber("before", 0, Step.MAX_WINDOW_SAMPLES),
            (int) p.wholeNumber("after", 1, Step.MAX_WINDOW_SAMPLES),
            p.has("symbols") ? p.stringList("symbols") : List.of());
      }
      case "rr-features" -> {
        // 'features' was a free-text description in schema-1 manifests; it is ignored
        p.requireOnly(Set.of("offset", "scale", "features", "average"));
        yield new RrFeatures((int) p.wholeNumber("offset", 0, Step.MAX_WINDOW_SAMPLES),
            p.number("scale", 1), p.enumValue("average", RrFeatures.Average.class,
                RrFeatures.Average.RECORD));
      }
      case "interval-features" -> {
        p.requireOnly(Set.of("offset", "scale", "channel"));
        yield new Step.IntervalFeatures((int) p.wholeNumber("offset", 0, Step.MAX_WINDOW_SAMPLES),
            p.number("scale", 1), (int) p.wholeNumber("channel", 0, 4096, 0));
      }
      case "quality-gate" -> {
        p.requireOnly(Set.of("seconds", "channel", "strict"));
        yield new Step.QualityGate(p.number("seconds", 10),
            (int) p.wholeNumber("channel", 0, 4096, 0), p.bool("strict", false));
      }
      case "hrv-features" -> {
        p.requireOnly(Set.of("columns", "offset", "scale", "detector", "channel"));
        yield new Step.HrvFeatures(p.stringList("columns"),
            (int) p.wholeNumber("offset", 0, Step.MAX_WINDOW_SAMPLES), p.number("scale", 1),
            p.enumValue("detector", Detector.class, Detector.VF_AWARE),
            (int) p.wholeNumber("channel", 0, 4096, 0));
      }
      case "rhythm-crop" -> {
        p.requireOnly(Set.of("seconds", "crop", "pad"));
        yield new RhythmCrop(p.number("seconds"),
            p.enumValue("crop", dev.ecg.io.segment.RhythmWindows.Crop.class,
                dev.ecg.io.segment.RhythmWindows.Crop.START),
            p.enumValue("pad", dev.ecg.io.segment.RhythmWindows.Pad.class,
                dev.ecg.io.segment.RhythmWindows.Pad.ZERO));
      }
      case "rhythm-windows" -> {
        p.requireOnly(Set.of("seconds", "hop"));
        double seconds = p.number("seconds");
        yield new RhythmWindows(seconds, p.number("hop", seconds / 2));
      }
      case "beat-feature-slots" -> {
        p.requireOnly(Set.of("offset", "channel"));
        yield new Step.BeatFeatureSlots((int) p.wholeNumber("offset", 0,
            Step.MAX_WINDOW_SAMPLES), (int) p.wholeNumber("channel", 0, 4096, 0));
      }
      case "beat-features" -> {
        p.requireOnly(Set.of("detector", "channel"));
        yield new Step.BeatFeatureWindows(p.enumValue("detector", Detector.class,
            Detector.VF_AWARE), (int) p.wholeNumber("channel", 0, 4096, 0));
      }
      case "record-features" -> {
        p.requireOnly(Set.of("seconds", "hop", "channel"));
        double seconds = p.number("seconds");
        yield new Step.RecordFeatureWindows(seconds, p.number("hop", seconds / 2),
            (int) p.wholeNumber("channel", 0, 4096, 0));
      }
      case "rr-sequence" -> {
        p.requireOnly(Set.of("length", "detector", "channel"));
        yield new RrSequence((int) p.wholeNumber("length", 1, 100_000), detector(p),
            (int) p.wholeNumber("channel", 0, 4096, 0));
      }
      default -> throw new PipelineException(p.where().replace(" '" + name + "' params", "")
          + ": unknown preprocessing step '" + name + "'; known steps: " + NAMES);
    };
  }

  private static Detector detector(JsonFields p) {
    return p.enumValue("detector", Detector.class, Detector.PAN_TOMPKINS);
  }
}
