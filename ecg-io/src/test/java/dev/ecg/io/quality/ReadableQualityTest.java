package dev.ecg.io.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Record;
import dev.ecg.io.dsp.EcgCleaner;
import dev.ecg.io.qrs.NeuroKitDetector;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.testdata.MitBihLead0;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@link BeatCoherence}, {@link BeatAgreement} and the readable verdict. */
class ReadableQualityTest {

  @Test
  void identicalBeatsCorrelateExactlyAndTooFewBeatsAreUndefined() {
    double fs = 100;
    double[] x = new double[1000];
    int[] peaks = {100, 300, 500, 700};
    for (int p : peaks) {
      // the same shape around every peak: a triangle from p-5 to p+5
      for (int i = -5; i <= 5; i++) {
        x[p + i] = 5 - Math.abs(i);
      }
    }
    assertEquals(1.0, BeatCoherence.median(x, peaks, fs), 1e-12);
    // a beat of the opposite sign correlates -1; the median of (1, 1, 1, -1) is 1
    for (int i = -5; i <= 5; i++) {
      x[700 + i] = -x[700 + i];
    }
    assertEquals(1.0, BeatCoherence.median(x, peaks, fs), 1e-12);
    assertTrue(Double.isNaN(BeatCoherence.median(x, new int[] {100, 300}, fs)));
    // regions must lie inside the signal: 5 and 995 do not count
    assertTrue(Double.isNaN(BeatCoherence.median(x, new int[] {5, 300, 995}, fs)));
    assertThrows(EcgArgumentException.class,
        () -> BeatCoherence.median(x, new int[] {300, 100, 500}, fs));
  }

  @Test
  void bsqiIsMatchedOverAllBeatsWithinTheWindow() {
    // fs 100: window 15 samples. a = {100, 200, 300, 400}, b = {110, 216, 300, 500, 600}:
    // 100~110 and 300~300 match, 200~216 does not (16 > 15): 2 / (4 + 5 - 2)
    assertEquals(2.0 / 7, BeatAgreement.bsqi(new int[] {100, 200, 300, 400},
        new int[] {110, 216, 300, 500, 600}, 100), 1e-15);
    assertEquals(1.0, BeatAgreement.bsqi(new int[] {5, 50}, new int[] {5, 50}, 100));
    assertEquals(0.0, BeatAgreement.bsqi(new int[] {5}, new int[] {}, 100));
    assertTrue(Double.isNaN(BeatAgreement.bsqi(new int[0], new int[0], 100)));
    assertThrows(EcgArgumentException.class,
        () -> BeatAgreement.bsqi(new int[] {5, 5}, new int[0], 100));
  }

  @Test
  void ecgIsReadableAndGaussianNoiseIsNot() {
    double fs = 360;
    double[] ecg = EcgSyn.builder().optSamplingRate(fs).optDuration(30).optSeed(5).build()
        .generate().signal();
    double[] clean = EcgCleaner.of(EcgCleaner.Preset.NEUROKIT_EXACT).clean(ecg, fs);
    double c = BeatCoherence.median(clean, NeuroKitDetector.create().detect(ecg, fs), fs);
    assertTrue(c > 0.95, "ECGSYN coherence " + c);
    SignalQuality.Assessment good = SignalQuality.assess(ecg, fs);
    assertTrue(good.readable() && good.agreement() > 0.95, good.toString());
    Random rnd = new Random(2);
    for (int k = 0; k < 10; k++) {
      double[] noise = new double[(int) (10 * fs)];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (k % 2 == 0 ? 0.3 : 1.0) * rnd.nextGaussian();
      }
      SignalQuality.Assessment a = SignalQuality.assess(noise, fs);
      assertFalse(a.readable(), "noise " + k + ": " + a);
      assertTrue(a.agreement() < SignalQuality.MIN_AGREEMENT, "noise bSQI " + a.agreement());
      assertTrue(a.severe().stream().anyMatch(s -> s.startsWith("QRS detectors disagree")),
          a.severe().toString());
    }
  }

  /**
   * Zhao's fixed thresholds call many 10 s stretches of MIT-BIH 212 (right bundle branch block)
   * and 113 unacceptable although their beats are clear; the readable verdict must keep them.
   * This is a check on data we looked at when choosing {@link SignalQuality#MIN_AGREEMENT}.
   */
  @Test
  void cleanMitBihStretchesThatZhaoRejectsStayReadable() {
    Optional<List<Record>> all = MitBihLead0.load();
    Assumptions.assumeTrue(all.isPresent(), "MIT-BIH data absent (set -Decg.data.dir)");
    for (String name : List.of("100", "113", "212")) {
      Record r = all.get().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
      double[] x = r.channel(0);
      int seg = (int) (10 * r.fs());
      int segments = 0;
      int readable = 0;
      int zhaoUnacceptable = 0;
      for (int from = 0; from + seg <= x.length; from += 6 * seg) {
        SignalQuality.Assessment a = SignalQuality.assess(Arrays.copyOfRange(x, from,
            from + seg), r.fs());
        segments++;
        readable += a.readable() ? 1 : 0;
        zhaoUnacceptable += a.usable() ? 0 : 1;
      }
      assertEquals(segments, readable, name + ": readable " + readable + " of " + segments
          + " (Zhao or kSQI rejects " + zhaoUnacceptable + ")");
    }
  }
}
