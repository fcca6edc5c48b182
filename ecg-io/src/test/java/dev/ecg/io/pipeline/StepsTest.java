package dev.ecg.io.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.Record;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Expected values are worked by hand. */
class StepsTest {

  /** Each signal detector named in JSON is the library detector of that name, unchanged. */
  @Test
  void qrsWindowsUseTheNamedDetector() {
    dev.ecg.io.synth.SyntheticEcg syn = dev.ecg.io.synth.EcgSyn.builder().optSamplingRate(250)
        .optDuration(30).optHeartRate(70).optSeed(7).build().generate();
    for (Step.Detector d : Step.Detector.values()) {
      if (d == Step.Detector.ANNOTATIONS) {
        assertThrows(PipelineException.class, d::create);
        continue;
      }
      Step step = Step.of("qrs-windows", "before", 20, "after", 30, "detector", d.jsonName(),
          "edges", "zero");
      assertEquals(d, ((Step.QrsWindows) step).detector());
      long[] expected = java.util.Arrays.stream(d.create().detect(syn.signal(), 250))
          .asLongStream().toArray();
      assertTrue(expected.length >= 30, d + " found " + expected.length + " beats in 30 s");
      assertArrayEquals(expected, Pipeline.run(syn.record(), List.of(step)).samples(),
          d.jsonName());
    }
    assertEquals(Step.Detector.VF_AWARE, ((Step.QrsWindows) Step.of("qrs-windows", "before", 1,
        "after", 1, "detector", "vf-aware")).detector());
  }

  @Test
  void cropPadAlignments() {
    double[] x = {1, 2, 3, 4, 5};
    assertArrayEquals(new double[] {1, 2, 3}, StepOps.cropPad(x, 3, Step.CropPad.Align.START, 0));
    assertArrayEquals(new double[] {2, 3, 4}, StepOps.cropPad(x, 3, Step.CropPad.Align.CENTER, 0));
    assertArrayEquals(new double[] {3, 4, 5}, StepOps.cropPad(x, 3, Step.CropPad.Align.END, 0));
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, -1, -1},
        StepOps.cropPad(x, 7, Step.CropPad.Align.START, -1));
    assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 0}, StepOps.cropPad(x, 7, Step.CropPad.Align.CENTER, 0));
    assertArrayEquals(new double[] {0, 0, 1, 2, 3, 4, 5}, StepOps.cropPad(x, 7, Step.CropPad.Align.END, 0));
    assertThrows(PipelineException.class, () -> Step.of("crop-pad", "length", 3, "align", "middle"));
  }

  @Test
  void rhythmWindowsCoverTheWholeRecord() {
    // 10 Hz, 2.5 s windows (25 samples), hop 1 s (10 samples)
    double[] x = new double[62];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    Record r = new Record("r", 10, List.of("I"), List.of("mV"), new double[][] {x}, List.of());
    SignalWindows s = Pipeline.run(r,
        List.of(Step.of("rhythm-windows", "seconds", 2.5, "hop", 1.0)));
    // starts 0, 10, 20, 30 fit (30 + 25 = 55 <= 62); 40 does not; one more ends at 62: 37
    assertArrayEquals(new long[] {0, 10, 20, 30, 37}, s.samples());
    assertEquals(5, s.windows().size());
    assertTrue(s.segmented());
    assertEquals(1.0, s.windows().get(0)[0][0]);
    assertEquals(25.0, s.windows().get(0)[0][24]);
    assertEquals(38.0, s.windows().get(4)[0][0]);
    assertEquals(62.0, s.windows().get(4)[0][24]);
    // an exact fit adds no extra window; a short record is one zero-padded window
    assertArrayEquals(new long[] {0, 5, 10}, StepOps.windowStarts(20, 10, 5));
    Record shortRec = new Record("s", 10, List.of("I"), List.of("mV"),
        new double[][] {{1, 2, 3}}, List.of());
    SignalWindows one = Pipeline.run(shortRec,
        List.of(Step.of("rhythm-windows", "seconds", 0.5)));
    assertEquals(1, one.windows().size());
    assertArrayEquals(new double[] {1, 2, 3, 0, 0}, one.windows().get(0)[0]);
    assertThrows(IllegalArgumentException.class, () -> Pipeline.run(r,
        List.of(Step.of("rhythm-windows", "seconds", 2.5, "hop", 0.0))));
  }

  @Test
  void normalizations() {
    assertArrayEquals(new double[] {0, 0.25, 1}, StepOps.minmax(new double[] {2, 3, 6}),
        1e-12);
    assertArrayEquals(new double[] {0, 0, 0}, StepOps.minmax(new double[] {4, 4, 4}));
    double s = Math.sqrt(1.5);
    assertArrayEquals(new double[] {-s, 0, s}, StepOps.zscore(new double[] {1, 2, 3}),
        1e-12);
  }

  @Test
  void selectLeadsByNameAndUnknownLead() {
    Record r = new Record("r", 100, List.of("I", "II"), List.of("mV", "mV"),
        new double[][] {{1, 2}, {3, 4}}, List.of());
    SignalWindows s = Pipeline.run(r,
        List.of(Step.of("select-leads", "names", List.of("II"))));
    assertEquals(List.of("II"), s.leadNames());
    assertArrayEquals(new double[] {3, 4}, s.windows().get(0)[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Pipeline.run(r,
            List.of(Step.of("select-leads", "names", List.of("V5")))));
    assertTrue(e.getMessage().contains("V5"), e.getMessage());
  }

  @Property(tries = 200)
  void cropPadAlwaysYieldsTheLengthAndKeepsTheOverlap(
      @ForAll @Size(min = 1, max = 50) List<@IntRange(min = -9, max = 9) Integer> values,
      @ForAll @IntRange(min = 1, max = 80) int len) {
    double[] x = values.stream().mapToDouble(Integer::doubleValue).toArray();
    double[] y = StepOps.cropPad(x, len, Step.CropPad.Align.START, 0);
    assertEquals(len, y.length);
    for (int i = 0; i < Math.min(len, x.length); i++) {
      assertEquals(x[i], y[i]);
    }
  }
}
