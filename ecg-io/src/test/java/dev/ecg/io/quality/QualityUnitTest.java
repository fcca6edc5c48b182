package dev.ecg.io.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.synth.EcgSyn;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-built cases for the quality classes. */
class QualityUnitTest {
  private static final double FS = 250;

  /** Gaussian R waves every {@code rr} samples from {@code first}, amplitude per beat. */
  private static double[] beats(int n, int first, int rr, double[] amp, int[] outPeaks) {
    double[] x = new double[n];
    for (int b = 0; b < amp.length; b++) {
      int t = first + b * rr;
      outPeaks[b] = t;
      for (int i = Math.max(0, t - 40); i < Math.min(n, t + 40); i++) {
        double d = (i - t) / 3.0;
        x[i] += amp[b] * Math.exp(-0.5 * d * d);
      }
    }
    return x;
  }

  @Test
  void averageQrsRanksTheOddBeatLast() {
    double[] amp = {1, 1, 1, 1, 1, 2, 1, 1};
    int[] peaks = new int[amp.length];
    double[] x = beats(2200, 100, 250, amp, peaks);
    AverageQrsQuality.Result r = AverageQrsQuality.compute(x, peaks, FS);
    double[] q = r.beats();
    assertEquals(60.0, r.meanHeartRate(), 1e-9);
    assertEquals(0.0, q[5], 1e-12, "the tall beat is the most atypical");
    for (int b = 0; b < q.length; b++) {
      if (b != 5) {
        assertEquals(1.0, q[b], 1e-12, "identical beats are the most typical: beat " + b);
      }
    }
    double[] s = r.samples();
    assertEquals(q[0], s[0], 0.0, "before the first peak: first beat's value");
    assertEquals(q[5], s[peaks[5]], 0.0);
    assertEquals(q[5], s[peaks[6] - 1], 0.0, "previous-peak hold");
    assertEquals(q[7], s[2199], 0.0);
  }

  @Test
  void averageQrsGivesZeroToBeatsCutByTheEdge() {
    double[] amp = {1, 1, 1, 1, 1, 1, 1, 1};
    int[] peaks = new int[amp.length];
    double[] x = beats(1820, 40, 250, amp, peaks);
    double[] q = AverageQrsQuality.compute(x, peaks, FS).beats();
    // window -0.35 s .. +0.65 s at 60 bpm: the first beat (peak 0.16 s) starts before 0
    assertEquals(0.0, q[0], 0.0);
    assertEquals(1.0, q[3], 0.0, "all complete beats equal: quality 1 (NeuroKit2 gives NaN)");
  }

  @Test
  void averageQrsRejectsBadInput() {
    int[] peaks = {100, 350, 600, 850};
    assertThrows(EcgArgumentException.class,
        () -> AverageQrsQuality.compute(new double[900], peaks, FS), "shorter than 4 s");
    assertThrows(EcgArgumentException.class,
        () -> AverageQrsQuality.compute(new double[1000], new int[] {100, 350, 600}, FS));
    assertThrows(EcgArgumentException.class,
        () -> AverageQrsQuality.compute(new double[1000], new int[] {100, 350, 350, 600}, FS));
    double[] nan = new double[1000];
    nan[7] = Double.NaN;
    assertThrows(EcgArgumentException.class, () -> AverageQrsQuality.compute(nan, peaks, FS));
    assertThrows(EcgArgumentException.class,
        () -> AverageQrsQuality.compute(new double[1000], peaks, -1));
  }

  @Test
  void kurtosisByHand() {
    // +-1 alternating: m2 = 1, m4 = 1
    assertEquals(1.0, Zhao2018Quality.kurtosis(new double[] {1, -1, 1, -1}), 1e-15);
    // 0 0 0 4: mean 1, deviations -1 -1 -1 3: m2 = 3, m4 = (1+1+1+81)/4 = 21 -> 21/9
    assertEquals(21.0 / 9.0, Zhao2018Quality.kurtosis(new double[] {0, 0, 0, 4}), 1e-15);
  }

  @Test
  void whiteNoiseIsUnacceptableAndSyntheticEcgIsNot() {
    Random rnd = new Random(5);
    double[] noise = new double[(int) (30 * FS)];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = rnd.nextGaussian();
    }
    Zhao2018Quality.Result r = Zhao2018Quality.assess(noise, new int[] {100, 300}, FS);
    // Gaussian kurtosis 3 (< 5); flat spectrum: pSQI = 10/35 = 0.29 (< 0.4)
    assertEquals(3.0, r.kSqi(), 0.3);
    assertEquals(10.0 / 35.0, r.pSqi(), 0.05);
    assertEquals(Zhao2018Quality.Level.UNACCEPTABLE, r.level());
    assertEquals(60000.0 / (1000.0 / FS * 200), r.maxHeartRate(), 1e-12);

    double[] ecg = EcgSyn.builder().optSamplingRate(FS).optDuration(30).optSeed(4).build()
        .generate().signal();
    SignalQuality.Assessment a = SignalQuality.assess(ecg, FS);
    assertTrue(a.usable(), a.reasons().toString());
    assertTrue(a.beats() > 25);
    SignalQuality.Assessment bad = SignalQuality.assess(noise, FS);
    assertFalse(bad.usable());
    assertTrue(bad.reasons().stream().anyMatch(s -> s.contains("kurtosis")),
        bad.reasons().toString());
  }

  @Test
  void defectsOnSyntheticSignals() {
    double fs = 360;
    double[] ecg = EcgSyn.builder().optSamplingRate(fs).optDuration(20).optSeed(8).build()
        .generate().signal();
    assertEquals(List.of(), SignalDefects.detect(ecg, fs), "clean ECG has no defect");
    double[] x = ecg.clone();
    // 1 s at exactly 0 (lead off) from 2 s
    for (int i = 720; i < 1080; i++) {
      x[i] = 0;
    }
    // 0.8 s constant at 0.7 mV (flat line) from 5 s, with 2 uV quantisation wobble
    for (int i = 1800; i < 2088; i++) {
      x[i] = 0.7 + (i % 2 == 0 ? 0.002 : 0);
    }
    // 0.1 s of NaN (missing) from 8 s, 0.6 s of NaN (lead off) from 10 s
    for (int i = 2880; i < 2916; i++) {
      x[i] = Double.NaN;
    }
    for (int i = 3600; i < 3816; i++) {
      x[i] = Double.NaN;
    }
    // clipping: 0.06 s held at 3.0 mV (above everything else) from 14 s
    for (int i = 5040; i < 5062; i++) {
      x[i] = 3.0;
    }
    List<SignalDefects.Defect> d = SignalDefects.detect(x, fs);
    assertEquals(5, d.size(), d.toString());
    assertDefect(d.get(0), 720, 1080, SignalDefects.Kind.LEAD_OFF);
    assertDefect(d.get(1), 1800, 2088, SignalDefects.Kind.FLAT_LINE);
    assertDefect(d.get(2), 2880, 2916, SignalDefects.Kind.MISSING);
    assertDefect(d.get(3), 3600, 3816, SignalDefects.Kind.LEAD_OFF);
    assertDefect(d.get(4), 5040, 5062, SignalDefects.Kind.SATURATION);

    // a flat line held at a declared rail for long is lead-off, shortly held is saturation
    double[] y = ecg.clone();
    for (int i = 1000; i < 1400; i++) {
      y[i] = 5.115;
    }
    for (int i = 3000; i < 3020; i++) {
      y[i] = -5.12;
    }
    List<SignalDefects.Defect> e = SignalDefects.builder().optRails(-5.12, 5.115).build()
        .find(y, fs);
    assertEquals(2, e.size(), e.toString());
    assertDefect(e.get(0), 1000, 1400, SignalDefects.Kind.LEAD_OFF);
    assertDefect(e.get(1), 3000, 3020, SignalDefects.Kind.SATURATION);

    SignalQuality.Assessment a = SignalQuality.assess(x, fs);
    assertFalse(a.usable());
    assertTrue(a.reasons().stream().anyMatch(s -> s.startsWith("lead off from 2.00 s to 3.00 s")),
        a.reasons().toString());
    assertTrue(a.reasons().stream().anyMatch(s -> s.startsWith("flat line from 5.00 s")));
  }

  private static void assertDefect(SignalDefects.Defect d, int start, int end,
      SignalDefects.Kind kind) {
    assertEquals(kind, d.kind(), d.toString());
    assertEquals(start, d.start(), d.toString());
    assertEquals(end, d.end(), d.toString());
  }

  @Test
  void constantSignalIsOneLeadOffIntervalAndBadInputThrows() {
    List<SignalDefects.Defect> d = SignalDefects.detect(new double[1000], 250);
    assertEquals(List.of(new SignalDefects.Defect(0, 1000, SignalDefects.Kind.LEAD_OFF)), d);
    assertThrows(EcgArgumentException.class, () -> SignalDefects.detect(new double[10], 0));
    assertThrows(EcgArgumentException.class,
        () -> SignalDefects.detect(new double[] {Double.POSITIVE_INFINITY}, 250));
    assertThrows(EcgArgumentException.class, () -> SignalDefects.builder().optRails(1, 1));
    assertThrows(EcgArgumentException.class, () -> SignalQuality.assess(new double[100], 250));
    // at 50 Hz only defects: the all-zero lead is lead-off, with a warning and no Zhao result
    SignalQuality.Assessment slow = SignalQuality.assess(new double[1000], 50);
    assertFalse(slow.usable());
    assertNull(slow.zhao());
    assertTrue(slow.warnings().get(0).contains("only flat line"), slow.warnings().toString());
    SignalQuality.Assessment a = SignalQuality.assess(new double[1000], 250);
    assertFalse(a.usable());
    double[] nan = new double[1000];
    java.util.Arrays.fill(nan, Double.NaN);
    assertFalse(SignalQuality.assess(nan, 250).usable());
  }
}
