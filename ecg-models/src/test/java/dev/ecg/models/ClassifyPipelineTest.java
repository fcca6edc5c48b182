package dev.ecg.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Record;
import dev.ecg.io.dsp.Baseline;
import dev.ecg.io.dsp.Butterworth;
import dev.ecg.io.dsp.Notch;
import dev.ecg.io.dsp.Resample;
import dev.ecg.io.dsp.SosFilter;
import dev.ecg.io.pipeline.Pipeline;
import dev.ecg.io.pipeline.SignalWindows;
import dev.ecg.io.pipeline.Step;
import dev.ecg.io.qrs.PanTompkins;
import dev.ecg.io.segment.BeatSet;
import dev.ecg.io.segment.KachueeSegmenter;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.synth.NoiseType;
import dev.ecg.io.synth.SyntheticEcg;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EcgClassifier#classify} end to end on ECGSYN records (McSharry et al. 2003) whose true
 * beat positions are known, and golden checks that every preprocessing step hands exactly what
 * a direct call of the ecg-io class gives.
 */
class ClassifyPipelineTest {

  @TempDir static Path tmp;
  static Path kachueePkg;
  static SyntheticEcg syn;

  @BeforeAll
  static void setUp() throws Exception {
    kachueePkg = TinyModels.write(tmp, "kachuee-tiny", List.of("N", "V"), 187, 125,
        List.of(Step.of("resample", "fs", 125),
            Step.of("kachuee-segment")));
    syn = EcgSyn.builder().optSamplingRate(360).optDuration(120).optHeartRate(75)
        .optPvcProbability(0.1).optNoise(25, NoiseType.BASELINE_WANDER, NoiseType.MUSCLE)
        .optSeed(11).build().generate();
  }

  @Test
  void classifyFindsTheTrueBeatsAtTheirOriginalPositions() throws Exception {
    // no annotations: the beats must come from QRS detection inside the pipeline
    Record rec = syn.record().withAnnotations(List.of());
    try (EcgClassifier clf = EcgClassifier.load(kachueePkg)) {
      ClassificationResult r = clf.classify(rec);
      long[] got = r.beats().stream().mapToLong(BeatPrediction::sample).toArray();
      int[] truth = syn.rPeaks();
      int tol = (int) Math.round(0.150 * 360);
      int found = 0;
      double sumAbsErr = 0;
      int j = 0;
      for (int t : truth) {
        while (j < got.length && got[j] < t - tol) {
          j++;
        }
        if (j < got.length && Math.abs(got[j] - t) <= tol) {
          found++;
          sumAbsErr += Math.abs(got[j] - t);
          j++;
        }
      }
      assertTrue(found >= 0.99 * truth.length, found + " of " + truth.length + " beats found");
      assertTrue(got.length <= truth.length + 1, got.length + " windows for " + truth.length
          + " true beats");
      // positions are at 360 Hz in the original record, not at the model's 125 Hz
      double meanErrMs = 1000 * sumAbsErr / found / 360;
      assertTrue(meanErrMs < 10, "mean |error| " + meanErrMs + " ms");
      for (BeatPrediction b : r.beats()) {
        assertEquals(b.sample() / 360.0, b.time(), 1e-12);
        assertTrue(b.probability() >= 0.5 - 1e-6 && b.probability() <= 1 + 1e-6);
      }
      ClassificationResult.Summary s = r.summary();
      assertEquals(got.length, s.windows());
      assertEquals(got.length, s.counts().values().stream().mapToInt(Integer::intValue).sum());
      assertEquals(List.of("N", "V"), List.copyOf(s.counts().keySet()));
      assertTrue(s.segmented());
      assertEquals(120.0, s.durationSeconds(), 1e-9);
      // the true mean heart rate from the generator's own R peaks
      double trueHr = 60.0 * (truth.length - 1) * 360 / (truth[truth.length - 1] - truth[0]);
      assertEquals(trueHr, s.meanHeartRate().orElseThrow(), 1.5);
      // the result is also the List<BeatPrediction> of the older API
      List<BeatPrediction> asList = r;
      assertEquals(r.beats(), asList);
    }
  }

  @Test
  void kachueeStepGivesExactlyTheSegmentersWindows() {
    Record rec = syn.record();
    BeatSet direct = new KachueeSegmenter().segment(rec, 0);
    for (List<Step> steps : List.of(
        List.of(Step.of("resample", "fs", 125),
            Step.of("kachuee-segment", "detector", "annotations")),
        List.of(Step.of("kachuee-segment", "detector", "annotations")))) {
      SignalWindows s = Pipeline.run(rec, steps);
      assertEquals(125.0, s.fs());
      assertEquals(direct.size(), s.windows().size(), steps.toString());
      assertArrayEquals(direct.rPeaks(), s.samples());
      for (int b = 0; b < direct.size(); b++) {
        assertEquals(1, s.windows().get(b).length);
        assertArrayEquals(toDouble(direct.x()[b]), s.windows().get(b)[0], 0.0, "beat " + b);
      }
    }
    // with detection: the segmenter at 125 Hz at Pan-Tompkins' detections on the same signal
    double[] at125 = Resample.toRate(rec.channel(0), 360, 125);
    long[] det = Arrays.stream(PanTompkins.create().detect(at125, 125)).asLongStream().toArray();
    BeatSet viaDetector = new KachueeSegmenter().segment("x", at125, 125, det, null);
    SignalWindows s = Pipeline.run(rec, List.of(Step.of("resample", "fs", 125),
        Step.of("kachuee-segment")));
    assertEquals(viaDetector.size(), s.windows().size());
    for (int b = 0; b < viaDetector.size(); b++) {
      assertArrayEquals(toDouble(viaDetector.x()[b]), s.windows().get(b)[0], 0.0);
    }
    assertArrayEquals(Resample.samples(viaDetector.rPeaks(), 125, 360), s.samples());
  }

  @Test
  void classifyPredictsExactlyTheSegmentersWindows() throws Exception {
    Record rec = syn.record();
    BeatSet direct = new KachueeSegmenter().segment(rec, 0);
    Path pkg = TinyModels.write(tmp, "kachuee-annotations", List.of("N", "V"), 187, 125,
        List.of(Step.of("kachuee-segment", "detector", "annotations")));
    try (EcgClassifier clf = EcgClassifier.load(pkg)) {
      ClassificationResult r = clf.classify(rec);
      Prediction[] expect = clf.predictBatch(direct.x());
      assertEquals(expect.length, r.size());
      for (int b = 0; b < expect.length; b++) {
        assertEquals(direct.rPeaks()[b], r.get(b).sample());
        assertArrayEquals(expect[b].probabilities(), r.get(b).prediction().probabilities(), 0f);
      }
    }
  }

  @Test
  void filterStepsCallTheEcgIoFilters() {
    double[] x = syn.record().channel(0);
    Record rec = syn.record();
    assertArrayEquals(SosFilter.filtfilt(Butterworth.bandpass(3, 0.5, 40, 360), x),
        only(rec, Step.of("bandpass", "low", 0.5, "high", 40)), 0.0);
    assertArrayEquals(SosFilter.filtfilt(Butterworth.highpass(2, 1, 360), x),
        only(rec, Step.of("highpass", "cutoff", 1, "order", 2)), 0.0);
    assertArrayEquals(SosFilter.filtfilt(Butterworth.lowpass(5, 30, 360), x),
        only(rec, Step.of("lowpass", "cutoff", 30)), 0.0);
    assertArrayEquals(SosFilter.filtfilt(Notch.design(60, 30, 360), x),
        only(rec, Step.of("notch", "freq", 60)), 0.0);
    assertArrayEquals(Baseline.medianFilterRemoval(x, 360),
        only(rec, Step.of("baseline")), 0.0);
    assertArrayEquals(Resample.toRate(x, 360, 250),
        only(rec, Step.of("resample", "fs", 250)), 0.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> only(rec, Step.of("bandpass", "low", 0.5)));
    assertTrue(e.getMessage().contains("high"), e.getMessage());
    assertThrows(EcgArgumentException.class,
        () -> only(rec, Step.of("lowpass", "cutoff", 500)));
  }

  @Test
  void qrsWindowsAreSlicesOfTheRecordAtTheDetectedBeats() {
    Record rec = syn.record().withAnnotations(List.of());
    SignalWindows s = Pipeline.run(rec,
        List.of(Step.of("qrs-windows", "before", 90, "after", 126)));
    assertTrue(s.segmented());
    int[] det = PanTompkins.create().detect(rec.channel(0), 360);
    long[] inside = Arrays.stream(det).filter(p -> p >= 90 && p + 126 <= rec.length())
        .asLongStream().toArray();
    assertArrayEquals(inside, s.samples());
    for (int b = 0; b < inside.length; b++) {
      int p = (int) inside[b];
      assertArrayEquals(Arrays.copyOfRange(rec.channel(0), p - 90, p + 126),
          s.windows().get(b)[0], 1e-6);
    }
  }

  @Test
  void qrsWindowsWithZeroEdgesKeepBeatsAtTheEnds() {
    // a 50-sample ramp, beats at 2, 25 and 48: with before 5 / after 4 only 25 fits inside
    double[] x = new double[50];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    List<dev.ecg.io.Annotation> ann = new java.util.ArrayList<>();
    for (long p : new long[] {2, 25, 48}) {
      ann.add(new dev.ecg.io.Annotation(p, "N", 0, 0, 0, ""));
    }
    Record rec = new Record("edges", 100, List.of("II"), List.of("mV"), new double[][] {x}, ann);
    SignalWindows skip = Pipeline.run(rec, List.of(Step.of("qrs-windows",
        "before", 5, "after", 4, "detector", "annotations")));
    assertArrayEquals(new long[] {25}, skip.samples());
    SignalWindows zero = Pipeline.run(rec, List.of(Step.of("qrs-windows",
        "before", 5, "after", 4, "detector", "annotations", "edges", "zero")));
    assertArrayEquals(new long[] {2, 25, 48}, zero.samples());
    // window [p - 5, p + 4) of the ramp x[i] = i + 1, zeros outside the signal
    assertArrayEquals(new double[] {0, 0, 0, 1, 2, 3, 4, 5, 6}, zero.windows().get(0)[0], 0);
    assertArrayEquals(new double[] {21, 22, 23, 24, 25, 26, 27, 28, 29},
        zero.windows().get(1)[0], 0);
    assertArrayEquals(new double[] {44, 45, 46, 47, 48, 49, 50, 0, 0},
        zero.windows().get(2)[0], 0);
    assertThrows(IllegalArgumentException.class, () -> Pipeline.run(rec, List.of(
        Step.of("qrs-windows", "before", 5, "after", 4, "edges", "mirror"))));
  }

  @Test
  void aNanIsAGapThroughResampleAndFiltersNotAnError() {
    double[] clean = syn.record().channel(0);
    double[] x = clean.clone();
    x[1234] = Double.NaN;
    Record rec = new Record("gap", 360, List.of("II"), List.of("mV"), new double[][] {x},
        List.of());
    Record ref = new Record("ref", 360, List.of("II"), List.of("mV"), new double[][] {clean},
        List.of());
    List<Step> steps = List.of(Step.of("resample", "fs", 125));
    double[] got = Pipeline.run(rec, steps).windows().get(0)[0];
    double[] want = Pipeline.run(ref, steps).windows().get(0)[0];
    assertEquals(want.length, got.length);
    // 1234 at 360 Hz is 428.5 at 125 Hz; the polyphase filter reaches 10 x 360 / 125 + 1 input
    // samples (about 30, so about 11 output samples) either side: NaN there, the clean values
    // exactly elsewhere (the filter is local, and the bridge is only inside its reach)
    int nan = 0;
    for (int k = 0; k < got.length; k++) {
      if (Double.isNaN(got[k])) {
        nan++;
        assertTrue(Math.abs(k - 428.5) < 13, "NaN at " + k);
      } else {
        assertEquals(want[k], got[k], 0.0, "sample " + k);
      }
    }
    assertTrue(nan >= 1 && nan <= 24, nan + " NaN samples");
    // a filter then keeps the gap and filters the runs on either side
    double[] filtered = Pipeline.run(rec, List.of(Step.of("resample", "fs",
        125), Step.of("bandpass", "low", 0.5, "high", 40))).windows().get(0)[0];
    assertTrue(Double.isNaN(filtered[428]));
    assertTrue(Double.isFinite(filtered[100]) && Double.isFinite(filtered[1000]));
  }

  @Test
  void rrFeaturesAreWrittenIntoTheLastSamples() {
    // hand-derived: peaks 0, 100, 200, 250, 400 at 100 Hz -> RR 1.0, 1.0, 0.5, 1.5 s, mean 1.0;
    // beat at 250: pre 0.5, post 1.5, local = mean of all four = 1.0
    List<dev.ecg.io.Annotation> ann = new java.util.ArrayList<>();
    for (long p : new long[] {0, 100, 200, 250, 400}) {
      ann.add(new dev.ecg.io.Annotation(p, "N", 0, 0, 0, ""));
    }
    double[] x = new double[500];
    Arrays.fill(x, 7.0);
    Record rec = new Record("rr", 100, List.of("II"), List.of("mV"), new double[][] {x}, ann);
    SignalWindows s = Pipeline.run(rec, List.of(
        Step.of("annotation-windows", "before", 0, "after", 10),
        Step.of("rr-features", "offset", 6)));
    assertEquals(5, s.windows().size());
    assertArrayEquals(new double[] {7, 7, 7, 7, 7, 7, 0, 0, 0, 0}, s.windows().get(0)[0], 1e-7);
    assertArrayEquals(new double[] {7, 7, 7, 7, 7, 7, -0.5, 0.5, 0, -0.5},
        s.windows().get(3)[0], 1e-7);
    // beat at 200: pre 1.0, post 0.5, local 1.0
    assertArrayEquals(new double[] {0, -0.5, 0, 0},
        Arrays.copyOfRange(s.windows().get(2)[0], 6, 10), 1e-7);
    // the public encoding, in any order
    float[][] f = Step.RrFeatures.encode(new long[] {250, 0, 400, 100, 200}, 100);
    assertArrayEquals(new float[] {-0.5f, 0.5f, 0f, -0.5f}, f[0], 1e-6f);
    assertArrayEquals(new float[] {0f, 0f, 0f, 0f}, f[1], 1e-6f);
    assertArrayEquals(new float[4], Step.RrFeatures.encode(new long[] {5}, 100)[0]);
    assertThrows(IllegalArgumentException.class, () -> Pipeline.run(rec,
        List.of(Step.of("rr-features", "offset", 6))));
    assertThrows(IllegalArgumentException.class, () -> Pipeline.run(rec, List.of(
        Step.of("annotation-windows", "before", 0, "after", 10),
        Step.of("rr-features", "offset", 7))));
  }

  private static double[] only(Record rec, Step step) {
    SignalWindows s = Pipeline.run(rec, List.of(step));
    assertEquals(1, s.windows().size());
    return s.windows().get(0)[0];
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /**
   * WFDB's invalid-sample marker between two beats must not cost the record (it used to refuse
   * the whole of it): the bundled model classifies every beat away from the gap exactly as in the
   * clean record, and reports the windows that reach into the gap as skipped.
   */
  @Test
  void oneInvalidSampleBetweenBeatsSkipsOnlyTheWindowsThatTouchIt() throws Exception {
    Record clean = syn.record().withAnnotations(List.of());
    int[] r = syn.rPeaks();
    int gapAt = (r[40] + r[41]) / 2;
    double[] x = clean.channel(0).clone();
    x[gapAt] = Double.NaN;
    Record gap = new Record("gap", 360, clean.channelNames(), clean.units(),
        new double[][] {x}, List.of());
    try (EcgClassifier clf = EcgClassifier.load("mitbih-aami5")) {
      ClassificationResult a = clf.classify(clean);
      ClassificationResult b = clf.classify(gap);
      // one sample between beats: at most the beat next to it is lost (the detector's search
      // window restarts after a gap); no window reaches the sample itself
      int lost = a.size() - b.size() - b.skipped().size();
      assertTrue(lost >= 0 && lost <= 1, lost + " beats lost");
      assertTrue(b.skipped().size() <= 2, b.skipped().toString());
      for (ClassificationResult.Skipped k : b.skipped()) {
        assertTrue(Math.abs(k.sample() - gapAt) < 360, k.toString());
      }
      // a lead-off stretch of 0.3 s over a beat: the windows that reach it are skipped
      double[] y = clean.channel(0).clone();
      java.util.Arrays.fill(y, r[60] - 54, r[60] + 54, Double.NaN);
      ClassificationResult c = clf.classify(new Record("leadoff", 360, clean.channelNames(),
          clean.units(), new double[][] {y}, List.of()));
      assertTrue(c.size() >= a.size() - 4, c.size() + " beats vs " + a.size() + " clean");
      for (ClassificationResult.Skipped k : c.skipped()) {
        assertTrue(Math.abs(k.sample() - r[60]) < 360, k.toString());
        assertTrue(k.reason().contains("NaN"), k.reason());
      }
      for (BeatPrediction p : c) {
        assertTrue(Math.abs(p.sample() - r[60]) > 20, "a beat inside the gap: " + p);
      }
      // beats more than 5 s from the gap: same position and label as in the clean record
      java.util.Map<Long, String> ref = new java.util.HashMap<>();
      for (BeatPrediction p : a) {
        ref.put(p.sample(), p.label());
      }
      int compared = 0;
      for (BeatPrediction p : b) {
        if (Math.abs(p.sample() - gapAt) > 5 * 360) {
          assertEquals(ref.get(p.sample()), p.label(), "beat at " + p.sample());
          compared++;
        }
      }
      assertTrue(compared > 100, compared + " beats compared");
    }
  }

  /**
   * A record in wrong units: scaled by 1e300 it used to give no beats at all, silently; now the
   * same beats as at unit scale, with a warning. A merely implausible 1e6 gets a warning only.
   */
  @Test
  void anImplausibleAmplitudeIsWarnedAboutAndAHugeOneStillClassifies() throws Exception {
    Record clean = syn.record().withAnnotations(List.of());
    try (EcgClassifier clf = EcgClassifier.load("mitbih-aami5")) {
      ClassificationResult ref = clf.classify(clean);
      assertEquals(List.of(), ref.warnings());
      for (double scale : new double[] {1e300, 1e-300}) {
        double[] x = clean.channel(0).clone();
        for (int i = 0; i < x.length; i++) {
          x[i] *= scale;
        }
        ClassificationResult r = clf.classify(new Record("scaled", 360, clean.channelNames(),
            clean.units(), new double[][] {x}, List.of()));
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("wrong units or gain"), r.warnings().get(0));
        // the power-of-two rescale is not the inverse of the decimal scale, so allow a beat
        assertTrue(Math.abs(r.size() - ref.size()) <= 1, r.size() + " vs " + ref.size());
      }
      double[] y = clean.channel(0).clone();
      for (int i = 0; i < y.length; i++) {
        y[i] *= 1e6;
      }
      ClassificationResult big = clf.classify(new Record("uV-as-mV", 360, clean.channelNames(),
          clean.units(), new double[][] {y}, List.of()));
      assertEquals(1, big.warnings().size(), big.warnings().toString());
      assertEquals(ref.size(), big.size());
    }
  }
}
