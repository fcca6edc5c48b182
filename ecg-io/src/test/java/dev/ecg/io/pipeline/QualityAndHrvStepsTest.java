package dev.ecg.io.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.synth.SyntheticEcg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code quality-gate} and {@code hrv-features} on records built to a known answer. */
class QualityAndHrvStepsTest {
  static final double FS = 250;

  /** 60 s of ECGSYN at 250 Hz with seconds {@code [from, to)} replaced by a flat line. */
  static Record withFlat(double from, double to) {
    SyntheticEcg s = EcgSyn.builder().optSamplingRate(FS).optDuration(60).optHeartRate(70)
        .optSeed(11).build().generate();
    double[] x = s.signal().clone();
    Arrays.fill(x, (int) (from * FS), (int) (to * FS), 0.0);
    List<Annotation> ann = new ArrayList<>();
    for (int r : s.rPeaks()) {
      ann.add(Annotation.of(r, "N"));
    }
    return new Record("flat", FS, List.of("II"), List.of("mV"), new double[][] {x}, ann);
  }

  @Test
  void rhythmWindowsOverAFlatLineAreRejectedWithTheReason() {
    SignalWindows s = Pipeline.run(withFlat(20, 30), List.of(Step.of("quality-gate"),
        Step.of("rhythm-windows", "seconds", 10.0, "hop", 10.0)));
    // the gate ran before segmentation: only a record-wide verdict, and 1 of 6 bad is no reason
    assertNull(s.recordRejection());
    SignalWindows after = Pipeline.run(withFlat(20, 30), List.of(
        Step.of("rhythm-windows", "seconds", 10.0, "hop", 10.0), Step.of("quality-gate")));
    assertEquals(6, after.windows().size());
    for (int w = 0; w < 6; w++) {
      if (w == 2) {
        assertNotNull(after.rejection(w), "window at 20 s");
        assertTrue(after.rejection(w).contains("20.0-30.0 s"), after.rejection(w));
        assertTrue(after.rejection(w).contains("flat line") || after.rejection(w)
            .contains("lead off"), after.rejection(w));
      } else {
        assertNull(after.rejection(w), "window " + w + ": " + after.rejection(w));
      }
    }
  }

  @Test
  void aMostlyFlatRecordIsRejectedAndBeatsInTheFlatStretchToo() {
    SignalWindows whole = Pipeline.run(withFlat(5, 60), List.of(Step.of("quality-gate")));
    assertNotNull(whole.recordRejection());
    // every 10 s segment holds flat line (the first from 5 s on)
    assertTrue(whole.recordRejection().startsWith("6 of 6 segments"), whole.recordRejection());
    assertNull(Pipeline.run(withFlat(5, 25), List.of(Step.of("quality-gate"))).recordRejection(),
        "3 of 6 bad is not more than half");

    Record rec = withFlat(30, 40);
    SignalWindows beats = Pipeline.run(rec, List.of(
        Step.of("annotation-windows", "before", 50, "after", 100), Step.of("quality-gate")));
    long[] refs = beats.samples();
    int rejected = 0;
    for (int b = 0; b < refs.length; b++) {
      boolean inFlat = refs[b] >= 30 * FS && refs[b] < 40 * FS;
      assertEquals(inFlat, beats.rejection(b) != null, "beat at " + refs[b] / FS + " s");
      rejected += inFlat ? 1 : 0;
    }
    assertTrue(rejected >= 10, "beats in the 10 s flat stretch: " + rejected);
  }

  @Test
  void gateChecksItsArguments() {
    assertThrows(PipelineException.class, () -> new Step.QualityGate(1, 0));
    assertThrows(PipelineException.class, () -> new Step.QualityGate(10, -1));
    assertThrows(PipelineException.class, () -> Step.of("quality-gate", "secs", 10));
    // at 50 Hz only defects are judged: an all-zero record is lead-off, a sine is not judged bad
    Record slow = new Record("slow", 50, List.of("I"), List.of("mV"),
        new double[][] {new double[5000]}, List.of());
    assertTrue(Pipeline.run(slow, List.of(Step.of("quality-gate"))).recordRejection()
        .contains("lead off"));
    double[] sine = new double[5000];
    for (int i = 0; i < sine.length; i++) {
      sine[i] = Math.sin(2 * Math.PI * 1.2 * i / 50);
    }
    Record moving = new Record("moving", 50, List.of("I"), List.of("mV"), new double[][] {sine},
        List.of());
    assertNull(Pipeline.run(moving, List.of(Step.of("quality-gate"))).recordRejection());
    double[] withInf = new double[5000];
    withInf[100] = Double.POSITIVE_INFINITY;
    Record inf = new Record("inf", 250, List.of("I"), List.of("mV"), new double[][] {withInf},
        List.of());
    assertThrows(EcgArgumentException.class,
        () -> Pipeline.run(inf, List.of(Step.of("quality-gate"))));
  }

  /** Beats alternating 800 and 1000 ms apart: every successive difference is 200 ms. */
  static Record alternating() {
    double fs = 200;
    int n = (int) (60 * fs);
    List<Annotation> ann = new ArrayList<>();
    long at = 100;
    for (int i = 0; at < n - 10; i++) {
      ann.add(Annotation.of(at, "N"));
      at += i % 2 == 0 ? 160 : 200;
    }
    return new Record("alt", fs, List.of("II"), List.of("mV"), new double[][] {new double[n]},
        ann);
  }

  @Test
  void hrvFeaturesWriteTheIndicesOfEachWindow() {
    Step step = Step.of("hrv-features", "columns", List.of("HRV_RMSSD", "HRV_MeanNN",
        "HRV_SD1"), "offset", 5, "scale", 0.001, "detector", "annotations");
    SignalWindows s = Pipeline.run(alternating(), List.of(
        Step.of("rhythm-windows", "seconds", 20.0, "hop", 10.0), step));
    assertEquals(5, s.windows().size());
    for (double[][] w : s.windows()) {
      // RMSSD = sqrt(mean(200^2)) = 200 ms; SD1 = SDSD / sqrt 2 = 200 / sqrt 2 (the successive
      // differences alternate +200, -200: their SD with ddof 1 is 200 sqrt(m/(m-1)), m large)
      assertEquals(0.2, w[0][5], 1e-12);
      assertTrue(w[0][6] > 0.85 && w[0][6] < 0.95, "MeanNN " + w[0][6]);
      assertEquals(0.2 / Math.sqrt(2), w[0][7], 0.01);
      assertEquals(0.0, w[0][4]);
      assertEquals(0.0, w[0][8]);
    }
    // before segmentation: the whole record
    SignalWindows whole = Pipeline.run(alternating(), List.of(step));
    assertEquals(0.2, whole.windows().get(0)[0][5], 1e-12);
  }

  @Test
  void hrvFeaturesRefuseUnknownColumnsAndWindowsTooShort() {
    assertThrows(PipelineException.class, () -> Step.of("hrv-features", "columns",
        List.of("RMSSD"), "offset", 0));
    assertThrows(PipelineException.class, () -> Step.of("hrv-features", "columns",
        List.of("HRV_RMSSD", "HRV_RMSSD"), "offset", 0));
    assertThrows(PipelineException.class, () -> Step.of("hrv-features", "columns", List.of(),
        "offset", 0));
    assertThrows(PipelineException.class, () -> new Pipeline(List.of(
        Step.of("annotation-windows", "before", 1, "after", 2),
        Step.of("hrv-features", "columns", List.of("HRV_RMSSD", "HRV_SDNN"), "offset", 2))));
    // a window with too few beats: 0, never NaN (NaN would read as a gap)
    SignalWindows few = Pipeline.run(alternating(), List.of(
        Step.of("rhythm-windows", "seconds", 1.0, "hop", 1.0),
        Step.of("hrv-features", "columns", List.of("HRV_RMSSD"), "offset", 0,
            "detector", "annotations")));
    for (double[][] w : few.windows()) {
      assertEquals(0.0, w[0][0]);
    }
  }
}
