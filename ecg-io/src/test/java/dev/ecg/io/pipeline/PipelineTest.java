package dev.ecg.io.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.Record;
import dev.ecg.io.dsp.EcgCleaner;
import dev.ecg.io.segment.RhythmWindows;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {

  /** One of every step type, with non-default values where a step has them. */
  static final List<Step> ALL = List.of(
      Step.SelectLeads.names("MLII", "V5"), Step.SelectLeads.indices(1),
      new Step.Resample(125), new Step.Bandpass(0.5, 40, 2), new Step.Highpass(0.7, 4),
      new Step.Lowpass(35, 6), new Step.Notch(60, 25), new Step.Baseline(),
      new Step.Clean(EcgCleaner.Preset.NEUROKIT, 60), new Step.Clean(EcgCleaner.Preset.PAN_TOMPKINS,
          Double.NaN),
      new Step.Normalize(Step.Normalize.Method.ZSCORE),
      new Step.CropPad(300, Step.CropPad.Align.CENTER, -1),
      new Step.QrsWindows(90, 110, Step.Detector.TWO_AVERAGE, 1, Step.QrsWindows.Edges.ZERO),
      new Step.KachueeSegment(Step.Detector.ANNOTATIONS, 0),
      new Step.AnnotationWindows(10, 20, List.of("N", "V")),
      new Step.RrFeatures(7, 0.5), new Step.IntervalFeatures(3, 10, 1),
      new Step.QualityGate(30, 1), new Step.QualityGate(12, 0, true),
      new Step.HrvFeatures(List.of("HRV_SDNN", "HRV_LFHF"), 2, 0.01, Step.Detector.NEUROKIT, 1),
      new Step.RhythmCrop(30, RhythmWindows.Crop.CENTER, RhythmWindows.Pad.EDGE),
      new Step.RhythmWindows(10, 2.5), new Step.RrSequence(40, Step.Detector.PAN_TOMPKINS, 0),
      new Step.RecordFeatureWindows(45.5, 7.25, 1),
      new Step.BeatFeatureWindows(Step.Detector.NEUROKIT, 1), new Step.BeatFeatureSlots(17, 2));

  @Test
  void everyStepRoundTripsThroughJson() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (Step s : ALL) {
      Step back = Step.fromJson(dev.ecg.core.json.JsonReader.parse(
          dev.ecg.core.json.JsonWriter.compact(s.toJson())), "test");
      assertEquals(s, back, s.name());
      names.add(s.name());
    }
    assertEquals(new java.util.TreeSet<>(Step.names()), names, "a step type has no round trip");
  }

  @Test
  void jsonDefaultsAreTheDocumentedOnes() {
    assertEquals(new Step.Bandpass(0.5, 40, 3), Step.of("bandpass", "low", 0.5, "high", 40));
    assertEquals(new Step.Highpass(0.5, 5), Step.of("highpass", "cutoff", 0.5));
    assertEquals(new Step.Notch(50, 30), Step.of("notch"));
    assertEquals(new Step.QrsWindows(90, 110, Step.Detector.PAN_TOMPKINS, 0,
        Step.QrsWindows.Edges.SKIP), Step.of("qrs-windows", "before", 90, "after", 110));
    assertEquals(new Step.RhythmWindows(10, 5), Step.of("rhythm-windows", "seconds", 10));
    assertEquals(new Step.Normalize(Step.Normalize.Method.MINMAX), Step.of("minmax"));
    assertEquals(new Step.Normalize(Step.Normalize.Method.ZSCORE), Step.of("zscore"));
  }

  @Test
  void badStepsAreRefusedWhenBuiltNamingStepAndParameter() {
    String[][] cases = {
        {"qrs-windws", "unknown preprocessing step 'qrs-windws'"},
        {"qrs-windows|before|32|after|56|detectr|annotations", "detectr"},
        {"qrs-windows|before|32.5|after|56", "'before'"},
        {"qrs-windows|before|x|after|56", "'before' must be a whole number"},
        {"qrs-windows|before|32|after|56|detector|wavelet", "pan-tompkins"},
        {"resample|fs|-125", "fs must be finite and > 0"},
        {"bandpass|low|40|high|0.5", "low < high"},
        {"crop-pad|length|0", "'length'"},
        {"rr-sequence|length|100001", "'length'"},
        {"rhythm-crop|seconds|30|crop|random", "RANDOM is for training"},
    };
    for (String[] c : cases) {
      String[] parts = c[0].split("\\|");
      Object[] kv = new Object[parts.length - 1];
      for (int i = 1; i < parts.length; i++) {
        String v = parts[i];
        kv[i - 1] = i % 2 == 0 && v.matches("-?[0-9.]+") ? (Object) Double.parseDouble(v) : v;
      }
      PipelineException e = assertThrows(PipelineException.class,
          () -> Step.of(parts[0], kv), c[0]);
      assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
    }
  }

  @Test
  void stepsThatDoNotFitEachOtherAreRefusedWhenThePipelineIsBuilt() {
    Step beats = new Step.QrsWindows(32, 56, Step.Detector.PAN_TOMPKINS, 0,
        Step.QrsWindows.Edges.SKIP);
    PipelineException twice = assertThrows(PipelineException.class,
        () -> Pipeline.of(beats, new Step.RhythmCrop(10, RhythmWindows.Crop.START,
            RhythmWindows.Pad.ZERO)));
    assertTrue(twice.getMessage().contains("step 1 (rhythm-crop)"), twice.getMessage());
    assertThrows(PipelineException.class, () -> Pipeline.of(new Step.RrFeatures(0, 1)));
    PipelineException past = assertThrows(PipelineException.class,
        () -> Pipeline.of(beats, new Step.RrFeatures(85, 1)));
    assertTrue(past.getMessage().contains("88"), past.getMessage());
    PipelineException nyquist = assertThrows(PipelineException.class,
        () -> Pipeline.of(new Step.Resample(100), new Step.Lowpass(50, 5)));
    assertTrue(nyquist.getMessage().contains("Nyquist"), nyquist.getMessage());
    assertThrows(PipelineException.class, () -> Pipeline.of(Step.SelectLeads.indices(0),
        new Step.QrsWindows(1, 1, Step.Detector.PAN_TOMPKINS, 1, Step.QrsWindows.Edges.SKIP)));
  }

  @Test
  void outputShapeAndRequireOutputFollowRateLeadsAndLength() {
    Pipeline p = Pipeline.of(Step.SelectLeads.indices(0), new Step.Resample(125),
        new Step.Baseline(), new Step.QrsWindows(32, 56, Step.Detector.PAN_TOMPKINS, 0,
            Step.QrsWindows.Edges.ZERO), new Step.Normalize(Step.Normalize.Method.MINMAX),
        new Step.CropPad(187, Step.CropPad.Align.START, 0), new Step.RrFeatures(183, 1));
    assertEquals(new Shape(125, 1, 187, true), p.outputShape(Shape.anyRecord()));
    assertEquals(125.0, p.outputRate(360));
    p.requireOutput(1, 187, 125);
    assertThrows(PipelineException.class, () -> p.requireOutput(1, 187, 360));
    assertThrows(PipelineException.class, () -> p.requireOutput(2, 187, 125));
    assertThrows(PipelineException.class, () -> p.requireOutput(1, 188, 125));
    // no resampling: the rate is the record's, unknown until it arrives, so not refused here
    Pipeline noRate = Pipeline.of(new Step.CropPad(64, Step.CropPad.Align.START, 0));
    assertTrue(Double.isNaN(noRate.outputRate(Double.NaN)));
    noRate.requireOutput(3, 64, 500);
    assertEquals(new Shape(125, 12, 1250, false), Pipeline.of(new Step.Resample(125),
        new Step.RhythmCrop(10, RhythmWindows.Crop.START, RhythmWindows.Pad.ZERO))
        .outputShape(Shape.record(500, 12)));
    assertEquals(new Shape(Step.Resample.MAX_FACTOR, 2, 40, false), Pipeline.of(
        new Step.Resample(64), new Step.RrSequence(40, Step.Detector.PAN_TOMPKINS, 0))
        .outputShape(Shape.record(360, 3)));
  }

  @Test
  void pipelineJsonRoundTripsAndRunsTheSameSteps() {
    Pipeline p = Pipeline.of(new Step.Resample(100),
        new Step.RhythmWindows(2, 1), new Step.Normalize(Step.Normalize.Method.ZSCORE));
    Pipeline back = Pipeline.fromJsonText(p.toJsonText(), "p.json");
    assertEquals(p, back);
    double[] x = new double[1000];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(i * 0.07) + 0.001 * i;
    }
    Record r = new Record("r", 200, List.of("I"), List.of("mV"), new double[][] {x}, List.of());
    SignalWindows a = p.run(r);
    SignalWindows b = back.run(r);
    // 5 s at 100 Hz: windows of 200 samples at 0, 100, 200, 300
    assertEquals(4, a.windows().size());
    assertArrayEquals(new long[] {0, 200, 400, 600}, a.samples());
    for (int w = 0; w < 4; w++) {
      assertArrayEquals(a.windows().get(w)[0], b.windows().get(w)[0]);
    }
    PipelineException e = assertThrows(PipelineException.class,
        () -> Pipeline.fromJsonText("[{\"name\": \"resample\", \"params\": {\"fs\": \"fast\"}}]",
            "cfg.json"));
    assertTrue(e.getMessage().contains("cfg.json[0]") && e.getMessage().contains("'fs'"),
        e.getMessage());
  }
}
