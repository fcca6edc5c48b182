package dev.ecg.models.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.Record;
import dev.ecg.io.dsp.Butterworth;
import dev.ecg.io.dsp.EcgCleaner;
import dev.ecg.io.dsp.NanInputException;
import dev.ecg.io.dsp.Normalize;
import dev.ecg.io.dsp.SosFilter;
import dev.ecg.io.qrs.PanTompkins;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.models.BeatPrediction;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.InvalidSignalException;
import dev.ecg.models.Prediction;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The documented behaviour of each entry point for NaN, infinite, all-zero, constant and huge
 * inputs (the table in {@code docs/reliability.md}). Expected values are not outputs of the code
 * under test: they are exception types, probability-simplex checks, or invariances (scaling a
 * signal by 1e30 must not change a scale-invariant result; a linear filter must scale with it).
 */
class NumericalInputTest {
  static final double FS = 360;
  static EcgClassifier clf;
  static double[] ecg;

  @BeforeAll
  static void load() throws Exception {
    clf = EcgClassifier.load("tiny-test");
    ecg = EcgSyn.builder().optSamplingRate(FS).optDuration(20).optSeed(7).build().generate()
        .signal();
  }

  @AfterAll
  static void close() {
    clf.close();
  }

  static double[] filled(double v) {
    double[] x = new double[3600];
    Arrays.fill(x, v);
    return x;
  }

  static double[] times(double[] x, double k) {
    return Arrays.stream(x).map(v -> v * k).toArray();
  }

  static float[] beat(double[] x) {
    float[] b = new float[64];
    for (int i = 0; i < 64; i++) {
      b[i] = (float) x[200 + i];
    }
    return b;
  }

  static Record record(double[] x) {
    return new Record("r", 125, List.of("I"), List.of("mV"), new double[][] {x}, List.of());
  }

  static void assertDistribution(Prediction p) {
    double sum = 0;
    for (float v : p.probabilities()) {
      assertTrue(Float.isFinite(v) && v >= 0 && v <= 1, Arrays.toString(p.probabilities()));
      sum += v;
    }
    assertEquals(1.0, sum, 1e-5);
  }

  @Test
  void nonFiniteSamplesAreTypedErrorsEverywhere() {
    double[] oneNan = ecg.clone();
    oneNan[100] = Double.NaN;
    double[] oneInf = ecg.clone();
    oneInf[100] = Double.NEGATIVE_INFINITY;
    for (double[] x : List.of(filled(Double.NaN), filled(Double.POSITIVE_INFINITY), oneNan,
        oneInf)) {
      for (Function<double[], double[]> f : List.<Function<double[], double[]>>of(
          Normalize::minMax, Normalize::zScore, Normalize::robust,
          v -> SosFilter.filtfilt(Butterworth.bandpass(2, 0.5, 40, FS), v),
          v -> EcgCleaner.of(EcgCleaner.Preset.values()[0]).clean(v, FS))) {
        assertThrows(NanInputException.class, () -> f.apply(x));
      }
      float[] b = beat(x);
      b[5] = (float) x[100];
      assertThrows(InvalidSignalException.class, () -> clf.predict(b));
      assertThrows(InvalidSignalException.class,
          () -> clf.predictBatch(new float[][] {beat(ecg), b}));
    }
    // QRS: an all-invalid or infinite signal is refused
    assertThrows(dev.ecg.io.qrs.InvalidSignalException.class,
        () -> PanTompkins.create().detect(filled(Double.NaN), FS));
    assertThrows(dev.ecg.io.qrs.InvalidSignalException.class,
        () -> PanTompkins.create().detect(oneInf, FS));
    // whole records: infinity is refused (it used to be normalised to silent zeros)
    assertThrows(InvalidSignalException.class, () -> clf.classify(record(filled(
        Double.POSITIVE_INFINITY))));
    assertThrows(InvalidSignalException.class, () -> clf.classify(record(oneInf)));
    // an all-invalid record is all gap: nothing classified, every window skipped with the reason
    dev.ecg.models.ClassificationResult none = clf.classify(record(filled(Double.NaN)));
    assertTrue(none.isEmpty());
    assertTrue(!none.skipped().isEmpty()
        && none.skipped().stream().allMatch(k -> k.reason().contains("NaN")));
  }

  @Test
  void anInvalidSampleOutsideTheWindowDoesNotChangeTheWindow() {
    // NaN marks an invalid sample in a Record; the tiny model's window is samples 0..63, so a
    // NaN at 100 must leave it exactly as the clean record's (it used to zero the whole window)
    double[] x = ecg.clone();
    x[100] = Double.NaN;
    List<BeatPrediction> clean = clf.classify(record(ecg));
    List<BeatPrediction> gap = clf.classify(record(x));
    assertArrayEquals(clean.get(0).prediction().probabilities(),
        gap.get(0).prediction().probabilities(), 1e-6f);
    // a QRS detector bridges a single invalid sample
    assertTrue(PanTompkins.create().detect(x, FS).length > 10);
  }

  @Test
  void allZeroAndConstantGiveValidPredictionsAndNoBeats() {
    for (double c : new double[] {0, 1.5, -3e5}) {
      double[] x = filled(c);
      for (double[] y : List.of(Normalize.minMax(x), Normalize.zScore(x), Normalize.robust(x))) {
        assertTrue(Arrays.stream(y).allMatch(v -> v == 0), "constant normalises to 0");
      }
      double[] f = SosFilter.filtfilt(Butterworth.bandpass(2, 0.5, 40, FS), x);
      assertTrue(Arrays.stream(f).allMatch(Double::isFinite));
      assertEquals(0, PanTompkins.create().detect(x, FS).length, "no beats in a flat line");
      assertDistribution(clf.predict(beat(x)));
      List<BeatPrediction> r = clf.classify(record(x));
      assertEquals(1, r.size());
      assertDistribution(r.get(0).prediction());
    }
    // constant records are indistinguishable after min-max normalisation
    assertArrayEquals(clf.classify(record(filled(0))).get(0).prediction().probabilities(),
        clf.classify(record(filled(7))).get(0).prediction().probabilities(), 0f);
  }

  @Test
  void hugeAmplitudesAreScaleInvariantWhereTheMathIs() {
    for (double k : new double[] {1e30, -1e30, 1e300}) {
      double[] big = times(ecg, k);
      double sign = Math.signum(k);
      assertArrayEquals(Normalize.zScore(times(ecg, sign)), Normalize.zScore(big), 1e-9);
      assertArrayEquals(Normalize.minMax(times(ecg, sign)), Normalize.minMax(big), 1e-9);
      // whole-record path: the manifest's min-max step makes 1e30 (and 1e300) harmless
      assertArrayEquals(clf.classify(record(times(ecg, sign))).get(0).prediction()
          .probabilities(), clf.classify(record(big)).get(0).prediction().probabilities(), 1e-5f);
    }
    // linear filters scale; QRS detection finds the same beats at 1e30 as at 1
    double[] f1 = SosFilter.filtfilt(Butterworth.bandpass(2, 0.5, 40, FS), ecg);
    double[] f30 = SosFilter.filtfilt(Butterworth.bandpass(2, 0.5, 40, FS), times(ecg, 1e30));
    for (int i = 0; i < f1.length; i++) {
      assertEquals(f1[i], f30[i] / 1e30, 1e-9 * (1 + Math.abs(f1[i])));
    }
    assertArrayEquals(PanTompkins.create().detect(ecg, FS),
        PanTompkins.create().detect(times(ecg, 1e30), FS));
  }

  @Test
  void hugeBeatsGiveAValidDistributionOrATypedError() {
    // predict() takes already-preprocessed beats: a finite 1e30 or 3e38 beat either yields a
    // (saturated) probability distribution or, when the network's scores overflow, a typed error
    for (float k : new float[] {1e30f, -1e30f, 3e38f, -3e38f}) {
      float[] b = beat(ecg);
      for (int i = 0; i < b.length; i++) {
        b[i] *= k;
      }
      try {
        assertDistribution(clf.predict(b));
      } catch (InvalidSignalException e) {
        assertEquals(InvalidSignalException.Reason.NON_FINITE, e.reason());
      }
    }
  }
}
