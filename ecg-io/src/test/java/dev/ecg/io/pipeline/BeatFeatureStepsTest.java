package dev.ecg.io.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.Record;
import dev.ecg.io.features.BeatFeatures;
import dev.ecg.io.synth.EcgSyn;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code beat-features} and {@code beat-feature-slots} steps. */
class BeatFeatureStepsTest {
  private static final double FS = 360;
  private static final int NF = BeatFeatures.names().size();

  private static Record syn() {
    return EcgSyn.builder().optSamplingRate(FS).optDuration(40).optSeed(9).build().generate()
        .record();
  }

  @Test
  void beatFeaturesGiveOneWindowPerAnnotatedBeat() {
    Record r = syn();
    SignalWindows s = Pipeline.run(r, List.of(
        new Step.BeatFeatureWindows(Step.Detector.ANNOTATIONS, 0)));
    long[] peaks = r.annotations().stream()
        .filter(a -> dev.ecg.core.labels.AamiClass.isBeat(a.symbol()))
        .mapToLong(a -> a.sample()).sorted().toArray();
    assertArrayEquals(peaks, s.samples());
    double[][] want = BeatFeatures.compute(r.channel(0), FS,
        Arrays.stream(peaks).mapToInt(p -> (int) p).toArray());
    for (int b = 0; b < peaks.length; b++) {
      assertArrayEquals(want[b], s.windows().get(b)[0], 0.0, "beat " + b);
    }
    assertEquals(new Shape(FS, 1, NF, true), Pipeline.of(new Step.BeatFeatureWindows(
        Step.Detector.VF_AWARE, 0)).outputShape(Shape.record(FS, 1)));
  }

  @Test
  void slotsCarryTheFeaturesAfterTheSignalAndRejectBeatsNearGaps() {
    Record r = syn();
    double[] x = r.channel(0).clone();
    Arrays.fill(x, (int) (20 * FS), (int) (20 * FS) + 10, Double.NaN);
    Record gap = new Record("gap", FS, r.channelNames(), r.units(), new double[][] {x},
        r.annotations());
    List<Step> steps = List.of(new Step.Resample(125), new Step.QrsWindows(32, 56,
        Step.Detector.ANNOTATIONS, 0, Step.QrsWindows.Edges.ZERO),
        new Step.CropPad(88 + 1 + NF, Step.CropPad.Align.START, 0),
        new Step.BeatFeatureSlots(89, 0));
    SignalWindows s = Pipeline.run(gap, steps);
    long[] refs = s.samples();
    double[] clean = r.channel(0);
    double[][] want = BeatFeatures.compute(clean, FS,
        Arrays.stream(refs).mapToInt(p -> (int) p).toArray());
    int rejected = 0;
    for (int b = 0; b < refs.length; b++) {
      double[] w = s.windows().get(b)[0];
      assertEquals(89 + NF, w.length);
      boolean nearGap = Math.abs(refs[b] / FS - 20) < 1.1;
      if (nearGap) {
        assertTrue(s.rejection(b) != null && s.rejection(b).contains("invalid"), "beat " + b);
        rejected++;
      } else {
        assertNull(s.rejection(b), "beat " + b);
        // far from the gap the features are those of the clean lead (rhythm ones exactly;
        // the template may have seen the zero-filled gap, so compare the RR columns)
        for (int k = 0; k < 10; k++) {
          assertEquals(want[b][k], w[89 + k], 1e-12, "beat " + b + " feature " + k);
        }
      }
    }
    assertTrue(rejected >= 1 && rejected <= 4, "beats near the 20 s gap: " + rejected);
    assertThrows(PipelineException.class, () -> Pipeline.of(new Step.Resample(125),
        new Step.QrsWindows(32, 56, Step.Detector.ANNOTATIONS, 0, Step.QrsWindows.Edges.ZERO),
        new Step.BeatFeatureSlots(89, 0)), "89 + 33 values do not fit 89-sample windows");
    assertThrows(PipelineException.class, () -> Pipeline.of(new Step.BeatFeatureSlots(0, 0)),
        "slots need beat windows");
    assertEquals(new Step.BeatFeatureSlots(187, 0), Step.of("beat-feature-slots", "offset",
        187));
  }
}
