package dev.ecg.io.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.delineate.BeatIntervals;
import dev.ecg.io.delineate.DwtDelineator;
import dev.ecg.io.dsp.EcgCleaner;
import dev.ecg.io.testdata.SyntheticPqrst;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code interval-features}: per-beat PR, QRS, QT, QTc written into beat windows. */
class IntervalFeaturesStepTest {
  static final double FS = 250;

  /** {@link SyntheticPqrst} every 0.8 s with an N annotation at each R peak. */
  static Record synthetic(int seconds) {
    int[][] r = new int[1][];
    double[] x = SyntheticPqrst.signal((int) (seconds * FS), FS, 0.8, 0.6, r);
    List<Annotation> ann = new ArrayList<>();
    for (int p : r[0]) {
      ann.add(Annotation.of(p, "N"));
    }
    return new Record("syn", FS, List.of("II"), List.of("mV"), new double[][] {x}, ann);
  }

  @Test
  void writesTheDelineatedIntervalsOfEachBeatInSeconds() {
    Record rec = synthetic(30);
    Step step = Step.of("interval-features", "offset", 2, "scale", 10.0);
    assertEquals(new Step.IntervalFeatures(2, 10.0, 0), step);
    SignalWindows s = Pipeline.run(rec, List.of(
        Step.of("annotation-windows", "before", 50, "after", 100), step));
    // the same beats delineated directly
    int[] peaks = rec.annotations().stream().mapToInt(a -> (int) a.sample()).toArray();
    BeatIntervals iv = DwtDelineator.delineate(
        EcgCleaner.clean(rec.channel(0), FS, EcgCleaner.Preset.NEUROKIT_EXACT), peaks, FS)
        .intervals();
    assertEquals(peaks.length, s.windows().size());
    int checked = 0;
    for (int b = 1; b < peaks.length; b++) {
      double[] w = s.windows().get(b)[0];
      double[] want = {iv.prMs()[b], iv.qrsMs()[b], iv.qtMs()[b], iv.qtcBazettMs()[b]};
      for (int k = 0; k < 4; k++) {
        assertEquals(Double.isFinite(want[k]) ? want[k] / 100.0 : 0.0, w[2 + k], 1e-12,
            "beat " + b + " slot " + k);
      }
      // physiologically where the construction put them (0.1 s units after scale 10)
      assertTrue(w[2] > 0.9 && w[2] < 1.9, "PR " + w[2]);
      assertTrue(w[3] > 0.4 && w[3] < 1.3, "QRS " + w[3]);
      assertTrue(w[4] > 3.3 && w[4] < 4.8, "QT " + w[4]);
      // RR 0.8 s: Bazett divides by sqrt(0.8)
      assertEquals(w[4] / Math.sqrt(0.8), w[5], 1e-9);
      // samples outside the slots untouched
      assertEquals(rec.channel(0)[(int) s.samples()[b] - 50], w[0], 0);
      checked++;
    }
    assertTrue(checked > 30);
  }

  @Test
  void needsBeatWindowsAndRoom() {
    assertThrows(PipelineException.class,
        () -> new Pipeline(List.of(new Step.IntervalFeatures(0, 1, 0))));
    assertThrows(PipelineException.class, () -> new Pipeline(List.of(
        Step.of("annotation-windows", "before", 1, "after", 2),
        new Step.IntervalFeatures(0, 1, 0))));
    assertThrows(PipelineException.class, () -> new Step.IntervalFeatures(-1, 1, 0));
    assertThrows(PipelineException.class, () -> new Step.IntervalFeatures(0, 0, 0));
    assertThrows(PipelineException.class, () -> Step.of("interval-features", "offset", 0,
        "lead", 1));
    // fewer than two beats: nothing to delineate, zeros
    Record one = synthetic(30).withAnnotations(List.of(Annotation.of(500, "N")));
    SignalWindows s = Pipeline.run(one, List.of(Step.of("annotation-windows", "before", 10,
        "after", 20), new Step.IntervalFeatures(0, 1, 0)));
    assertEquals(0.0, Arrays.stream(s.windows().get(0)[0], 0, 4).map(Math::abs).sum());
  }
}
