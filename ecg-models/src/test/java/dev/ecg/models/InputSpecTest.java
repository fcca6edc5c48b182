package dev.ecg.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Record;
import dev.ecg.io.synth.EcgSyn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The input layout in code, and inputs built from records, peaks or raw samples. */
class InputSpecTest {

  static Record ecgsyn(double fs, int seconds, long seed) {
    return EcgSyn.builder().optSamplingRate(fs).optDuration(seconds).optSeed(seed).build()
        .generate().record();
  }

  /** The layout the model card of mitbih-aami5 describes in words. */
  @Test
  void theBundledBeatModelsLayout() throws Exception {
    try (EcgClassifier clf = EcgClassifier.load("mitbih-aami5")) {
      InputSpec spec = clf.inputSpec();
      assertEquals(1, spec.leads());
      assertEquals(187, spec.length());
      assertEquals(125.0, spec.samplingRate());
      assertEquals(List.of("signal", "padding", "rr-features"),
          spec.segments().stream().map(InputSpec.Segment::name).toList(), spec.toString());
      InputSpec.Segment sig = spec.segment("signal");
      assertEquals(0, sig.offset());
      assertEquals(88, sig.length());
      assertTrue(sig.description().contains("32 before the R peak")
          && sig.description().contains("minmax normalised"), sig.description());
      assertEquals(88, spec.segment("padding").offset());
      assertEquals(95, spec.segment("padding").length());
      InputSpec.Segment rr = spec.segment("rr-features");
      assertEquals(183, rr.offset());
      assertEquals(List.of("pre/avg", "post/avg", "local/avg", "pre/local"), rr.values());
      int covered = spec.segments().stream().mapToInt(InputSpec.Segment::length).sum();
      assertEquals(spec.length(), covered);
    }
  }

  @Test
  void theRhythmModelsInputIsItsRecordFeatures() throws Exception {
    try (EcgClassifier clf = EcgClassifier.load("cinc2017-rhythm")) {
      InputSpec spec = clf.inputSpec();
      assertEquals(1, spec.segments().size(), spec.toString());
      InputSpec.Segment f = spec.segment("record-features");
      assertEquals(spec.length(), f.length());
      assertEquals(f.length(), f.values().size());
      assertThrows(EcgArgumentException.class,
          () -> clf.inputs(ecgsyn(300, 40, 1), new long[] {300, 600}));
    }
  }

  /** inputs(record) is what classify feeds the model: same windows, same predictions. */
  @Test
  void inputsAreWhatClassifyUses() throws Exception {
    Record r = ecgsyn(360, 30, 3);
    try (EcgClassifier clf = EcgClassifier.load("mitbih-aami5")) {
      ClassificationResult res = clf.classify(r);
      ModelInputs in = clf.inputs(r);
      List<float[]> kept = new ArrayList<>();
      List<Long> keptSamples = new ArrayList<>();
      for (int i = 0; i < in.size(); i++) {
        if (in.rejections()[i] == null) {
          kept.add(in.values()[i]);
          keptSamples.add(in.samples()[i]);
        }
      }
      assertEquals(res.size(), kept.size());
      Prediction[] p = clf.predictBatch(kept.toArray(float[][]::new));
      for (int i = 0; i < p.length; i++) {
        assertEquals(res.get(i).sample(), keptSamples.get(i));
        assertArrayEquals(res.get(i).prediction().probabilities(), p[i].probabilities());
      }
    }
  }

  /**
   * Given peaks replace the model's detector: at the model's own rate (no resampling) the
   * detected peaks given back reproduce its inputs exactly.
   */
  @Test
  void givenPeaksReproduceTheDetectedOnes() throws Exception {
    Record r = ecgsyn(125, 30, 4);
    try (EcgClassifier clf = EcgClassifier.load("mitbih-aami5")) {
      ModelInputs own = clf.inputs(r);
      ModelInputs given = clf.inputs(r, own.samples());
      assertArrayEquals(own.samples(), given.samples());
      assertArrayEquals(own.values(), given.values());
    }
  }

  /**
   * RR features follow the given peaks: a regular rhythm gives ratios of about 1 (written as
   * ratio - 1, so about 0), a beat 40 % early a short pre-RR and a long post-RR.
   */
  @Test
  void rrFeaturesFollowTheGivenPeaks() throws Exception {
    Record r = ecgsyn(360, 20, 5);
    List<Long> peaks = new ArrayList<>();
    for (long t = 180; t < r.length() - 200; t += 300) {
      peaks.add(t);
    }
    int premature = 10;
    peaks.set(premature, peaks.get(premature) - 120);
    long[] pk = peaks.stream().mapToLong(Long::longValue).toArray();
    try (EcgClassifier clf = EcgClassifier.load("mitbih-aami5")) {
      int rr = clf.inputSpec().segment("rr-features").offset();
      ModelInputs in = clf.inputs(r, pk);
      assertArrayEquals(pk, in.samples());
      float[] regular = in.values()[5];
      for (int k = 0; k < 4; k++) {
        assertEquals(0.0, regular[rr + k], 0.05, "regular beat, RR value " + k);
      }
      float[] early = in.values()[premature];
      assertTrue(early[rr] < -0.3f && early[rr + 1] > 0.3f, java.util.Arrays.toString(
          java.util.Arrays.copyOfRange(early, rr, rr + 4)));
    }
  }

  /** A stretch of raw samples plus its peaks gives the same input as the whole record does. */
  @Test
  void beatInputFromRawSamples() throws Exception {
    Record r = ecgsyn(360, 20, 6);
    try (EcgClassifier clf = EcgClassifier.load("mitbih-aami5")) {
      long[] peaks = clf.inputs(r).samples();
      double[] lead = r.channel(0);
      float[] one = clf.beatInput(lead, 360, peaks, 7);
      assertEquals(187, one.length);
      assertArrayEquals(clf.inputs(r, peaks).values()[7], one);
      Prediction p = clf.predict(one);
      assertTrue(clf.classNames().contains(p.label()));
      EcgArgumentException e = assertThrows(EcgArgumentException.class,
          () -> clf.beatInput(lead, 360, peaks, peaks.length));
      assertTrue(e.getMessage().contains("is not an index"), e.getMessage());
      e = assertThrows(EcgArgumentException.class,
          () -> clf.inputs(r, new long[] {-5, 100}));
      assertTrue(e.getMessage().contains("outside record"), e.getMessage());
    }
  }
}
