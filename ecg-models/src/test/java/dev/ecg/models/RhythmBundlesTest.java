package dev.ecg.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.Record;
import dev.ecg.io.pipeline.Step;
import dev.ecg.io.synth.EcgSyn;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled rhythm models ({@code cinc2017-rhythm} and {@code af-detect}, gradient-boosted
 * trees on record features, trained on CinC 2017 only) on records made here that they never
 * saw: ECGSYN sinus rhythm, ECGSYN atrial fibrillation (irregular RR, no P waves), Gaussian noise,
 * a flat line, and a long record with an AF episode in its middle.
 */
class RhythmBundlesTest {

  private static Record syn(String name, double seconds, long seed, double afFrom, double afTo) {
    EcgSyn.Builder b = EcgSyn.builder().optSamplingRate(300).optDuration(seconds).optSeed(seed)
        .optHeartRate(70);
    if (afTo > afFrom) {
      b.optAtrialFibrillation(afFrom, afTo);
    }
    Record r = b.build().generate().record();
    // no annotations: the models must find the beats themselves
    return new Record(name, r.fs(), r.channelNames(), r.units(), r.signals(), List.of());
  }

  private static Record noise(double seconds, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] x = new double[(int) (seconds * 300)];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.3 * rnd.nextGaussian();
    }
    return new Record("noise", 300, List.of("I"), List.of("mV"), new double[][] {x}, List.of());
  }

  /** The label of the mean probabilities over the record's windows. */
  private static String recordLabel(EcgClassifier clf, Record r) {
    ClassificationResult res = clf.classify(r);
    assertTrue(res.size() > 0, r.name() + ": no window classified, skipped " + res.skipped());
    int k = clf.classNames().size();
    double[] mean = new double[k];
    for (BeatPrediction b : res) {
      for (int c = 0; c < k; c++) {
        mean[c] += b.prediction().probabilities()[c] / res.size();
      }
    }
    int best = 0;
    for (int c = 1; c < k; c++) {
      best = mean[c] > mean[best] ? c : best;
    }
    return clf.classNames().get(best);
  }

  @Test
  void theBundlesAreTreeModelsOnRecordFeatures() throws Exception {
    for (String name : List.of("cinc2017-rhythm", "af-detect")) {
      try (EcgClassifier clf = EcgClassifier.load(name)) {
        assertEquals("probabilities", clf.manifest().output(), name);
        assertEquals(Step.RecordFeatureWindows.featureCount(), clf.manifest().inputLength());
        assertTrue(clf.manifest().preprocessing().get(clf.manifest().preprocessing().size() - 1)
            instanceof Step.RecordFeatureWindows, name);
        assertTrue(clf.manifest().provenance().metrics().containsKey("f1_AF")
            || clf.manifest().provenance().metrics().containsKey("f1_A"), name);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void sinusRhythmAtrialFibrillationAndNoiseGetTheirLabels(long seed) throws Exception {
    try (EcgClassifier rhythm = EcgClassifier.load("cinc2017-rhythm");
        EcgClassifier af = EcgClassifier.load("af-detect")) {
      Record nsr = syn("nsr" + seed, 30, seed, 0, 0);
      Record afib = syn("af" + seed, 30, seed, 0, 30);
      Record noise = noise(30, seed);
      assertEquals("N", recordLabel(rhythm, nsr));
      assertEquals("non-AF", recordLabel(af, nsr));
      assertEquals("A", recordLabel(rhythm, afib));
      assertEquals("AF", recordLabel(af, afib));
      assertEquals("~", recordLabel(rhythm, noise), "Gaussian noise must not get a rhythm");
      assertEquals("noisy", recordLabel(af, noise), "Gaussian noise must not get a rhythm");
    }
  }

  @Test
  void multiLeadAndLowRateRecordsGetWarnings() throws Exception {
    Record one = syn("twelve", 30, 6, 0, 0);
    double[][] leads = new double[3][];
    for (int c = 0; c < 3; c++) {
      leads[c] = one.signals()[0].clone();
    }
    Record three = new Record("three", 300, List.of("I", "II", "III"),
        List.of("mV", "mV", "mV"), leads, List.of());
    try (EcgClassifier clf = EcgClassifier.load("af-detect")) {
      ClassificationResult r = clf.classify(three);
      assertEquals(1, r.warnings().size(), r.warnings().toString());
      assertTrue(r.warnings().get(0).contains("3 leads") && r.warnings().get(0)
          .contains("0 ('I')"), r.warnings().get(0));
      assertTrue(clf.classify(one).warnings().isEmpty(), "a one-lead record gets no warning");
      // 100 Hz is a third of the 300 Hz the model resamples to
      Record slow = EcgSyn.builder().optSamplingRate(100).optDuration(30).optSeed(6).build()
          .generate().record();
      List<String> w = clf.classify(slow).warnings();
      assertEquals(1, w.size(), w.toString());
      assertTrue(w.get(0).contains("100 Hz") && w.get(0).contains("300 Hz"), w.get(0));
    }
  }

  @Test
  void aFlatLineIsNotClassifiedAndSaysWhy() throws Exception {
    Record flat = new Record("flat", 300, List.of("I"), List.of("mV"),
        new double[][] {new double[9000]}, List.of());
    for (String name : List.of("cinc2017-rhythm", "af-detect")) {
      try (EcgClassifier clf = EcgClassifier.load(name)) {
        ClassificationResult r = clf.classify(flat);
        assertEquals(0, r.size(), name + ": a flat line has no rhythm");
        assertEquals(1, r.skipped().size(), name);
        assertTrue(r.skipped().get(0).reason().contains("flat line"),
            r.skipped().get(0).reason());
      }
    }
  }

  @Test
  void aLeadOffStretchIsSkippedAndTheRestClassified() throws Exception {
    // 60 s of sinus rhythm whose last 40 s are a lead-off plateau (the amplifier at a constant)
    Record r = syn("leadoff", 60, 4, 0, 0);
    double[] x = r.signals()[0].clone();
    java.util.Arrays.fill(x, 20 * 300, x.length, 2.5);
    Record off = new Record("leadoff", 300, r.channelNames(), r.units(), new double[][] {x},
        List.of());
    try (EcgClassifier af = EcgClassifier.load("af-detect");
        EcgClassifier rhythm = EcgClassifier.load("cinc2017-rhythm")) {
      ClassificationResult a = af.classify(off);
      // windows of 30 s from 0, 10, 20, 30 s: only 0-30 s is less than half plateau
      assertEquals(1, a.size(), a.skipped().toString());
      assertEquals(0, a.get(0).sample());
      assertEquals("non-AF", a.get(0).label());
      assertEquals(3, a.skipped().size());
      for (ClassificationResult.Skipped k : a.skipped()) {
        assertTrue(k.reason().contains("lead-off"), k.reason());
      }
      ClassificationResult c = rhythm.classify(off);
      assertEquals(0, c.size(), "the one 60 s window is two-thirds plateau");
      assertTrue(c.skipped().get(0).reason().contains("lead-off"), c.skipped().toString());
    }
  }

  @Test
  void anAfEpisodeInALongRecordIsFoundWithinTenSeconds() throws Exception {
    // 5 minutes: sinus rhythm, AF from 100 s to 200 s, sinus rhythm
    Record rec = syn("episode", 300, 5, 100, 200);
    try (EcgClassifier af = EcgClassifier.load("af-detect")) {
      ClassificationResult r = af.classify(rec);
      assertEquals(28, r.size(), "30 s windows every 10 s over 300 s");
      assertTrue(!r.summary().segmented() && r.summary().meanHeartRate().isEmpty(),
          "stretches are not beats: no heart rate from their positions: " + r.summary());
      assertTrue(r.summary().toString().contains("28 windows"), r.summary().toString());
      List<RhythmEpisodes.Episode> eps = RhythmEpisodes.find(af, r, "AF", 0.5);
      assertEquals(1, eps.size(), eps.toString());
      assertEquals(100, eps.get(0).onsetSeconds(), 10.0 + 1e-9, eps.toString());
      assertEquals(200, eps.get(0).offsetSeconds(), 10.0 + 1e-9, eps.toString());
      assertTrue(eps.get(0).meanProbability() >= 0.5);
    }
  }
}
