package dev.ecg.io.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.Record;
import dev.ecg.io.features.RecordFeatures;
import dev.ecg.io.synth.EcgSyn;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code record-features} step: stretches, positions, rejections, JSON and shapes. */
class RecordFeaturesStepTest {
  private static final double FS = 250;

  private static Record syn(double seconds) {
    Record r = EcgSyn.builder().optSamplingRate(FS).optDuration(seconds).optSeed(3).build()
        .generate().record();
    return new Record("syn", FS, r.channelNames(), r.units(), r.signals(), List.of());
  }

  @Test
  void aLongRecordGivesOverlappingStretchesEndingAtItsEnd() {
    Record r = syn(95);
    SignalWindows s = Pipeline.run(r, List.of(new Step.RecordFeatureWindows(30, 10, 0)));
    // starts 0, 10, ..., 60 s (60 + 30 = 90 <= 95), then 65 s so the last stretch ends at 95 s
    long[] want = {0, 2500, 5000, 7500, 10000, 12500, 15000, 16250};
    assertArrayEquals(want, s.samples());
    assertTrue(s.segmented());
    assertEquals(List.of("features"), s.leadNames());
    for (int w = 0; w < want.length; w++) {
      double[] f = s.windows().get(w)[0];
      assertEquals(RecordFeatures.names().size(), f.length);
      double[] stretch = Arrays.copyOfRange(r.channel(0), (int) want[w], (int) want[w] + 7500);
      assertArrayEquals(RecordFeatures.compute(stretch, FS).values(), f, 0.0,
          "window " + w + " holds the features of its own 30 s");
      assertEquals(30.0, f[RecordFeatures.names().indexOf("length_s")], 1e-9);
      assertNull(s.rejection(w));
    }
  }

  @Test
  void aShortRecordIsOneWindowOfItsWholeLength() {
    Record r = syn(20);
    SignalWindows s = Pipeline.run(r, List.of(new Step.RecordFeatureWindows(30, 10, 0)));
    assertEquals(1, s.windows().size());
    assertEquals(0, s.samples()[0]);
    assertEquals(20.0, s.windows().get(0)[0][RecordFeatures.names().indexOf("length_s")], 1e-9);
  }

  @Test
  void stretchesWithGapsOrDefectsAreRejectedWithTheReason() {
    double[] x = syn(60).channel(0).clone();
    x[100] = Double.NaN; // in the first stretch only (0-30 s); others start at 10, 20, 30 s
    Arrays.fill(x, 12500, 15000, 0.0); // 50-60 s flat: only the last stretch (30-60 s) is
    // two-thirds defect-free, so no stretch reaches the 50 % defect limit
    Record r = new Record("gaps", FS, List.of("I"), List.of("mV"), new double[][] {x}, List.of());
    SignalWindows s = Pipeline.run(r, List.of(new Step.RecordFeatureWindows(30, 10, 0)));
    assertEquals(4, s.windows().size());
    assertTrue(s.rejection(0).contains("invalid"), s.rejection(0));
    for (int w = 1; w < 4; w++) {
      assertNull(s.rejection(w), "window " + w);
    }
    double[] flat = new double[(int) (40 * FS)];
    Record f = new Record("flat", FS, List.of("I"), List.of("mV"), new double[][] {flat},
        List.of());
    SignalWindows sf = Pipeline.run(f, List.of(new Step.RecordFeatureWindows(60, 30, 0)));
    assertEquals(1, sf.windows().size());
    assertTrue(sf.rejection(0).contains("flat line"), sf.rejection(0));
  }

  @Test
  void parametersJsonAndShapesAreChecked() {
    Step st = Step.of("record-features", "seconds", 60.0, "hop", 30.0);
    assertEquals(new Step.RecordFeatureWindows(60, 30, 0), st);
    assertEquals(Map.of("seconds", 60.0, "hop", 30.0, "channel", 0), st.params());
    assertEquals(new Step.RecordFeatureWindows(40, 20, 0), Step.of("record-features",
        "seconds", 40.0));
    assertThrows(PipelineException.class, () -> new Step.RecordFeatureWindows(4, 2, 0));
    assertThrows(PipelineException.class, () -> new Step.RecordFeatureWindows(7200, 10, 0));
    assertThrows(PipelineException.class, () -> new Step.RecordFeatureWindows(30, 40, 0));
    assertThrows(PipelineException.class, () -> new Step.RecordFeatureWindows(30, 0, 0));
    assertThrows(PipelineException.class, () -> Step.of("record-features", "seconds", 30.0,
        "window", 10.0));
    Shape out = new Pipeline(List.of(new Step.Resample(300), st)).outputShape(Shape.anyRecord());
    assertEquals(new Shape(300, 1, RecordFeatures.names().size(), true), out);
    assertThrows(PipelineException.class, () -> Pipeline.of(new Step.RhythmWindows(30, 10),
        new Step.RecordFeatureWindows(30, 10, 0)));
  }
}
