package dev.ecg.io.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class EcgSynTest {

  @Property(tries = 15)
  void sameSeedSameRecord(@ForAll long seed, @ForAll @IntRange(min = 2, max = 15) int seconds,
      @ForAll @DoubleRange(min = 40, max = 160) double hr, @ForAll boolean af) {
    EcgSyn.Builder b = EcgSyn.builder().optSeed(seed).optDuration(seconds).optHeartRate(hr)
        .optPvcProbability(0.1).optNoise(10, NoiseType.values());
    if (af) {
      b.optAtrialFibrillation(1, seconds);
    }
    EcgSyn g = b.build();
    SyntheticEcg a = g.generate();
    SyntheticEcg c = g.generate();
    assertArrayEquals(a.signal(), c.signal());
    assertArrayEquals(a.clean(), c.clean());
    assertArrayEquals(a.rPeaks(), c.rPeaks());
    assertArrayEquals(a.symbols(), c.symbols());
    assertEquals(a.record().annotations(), c.record().annotations());
    SyntheticEcg other = EcgSyn.builder().optSeed(seed + 1).optDuration(seconds).optHeartRate(hr)
        .optPvcProbability(0.1).optNoise(10, NoiseType.values()).build().generate();
    assertFalse(Arrays.equals(a.signal(), other.signal()));
  }

  @Test
  void recordShapeAndAnnotations() {
    SyntheticEcg s = EcgSyn.builder().optSamplingRate(250).optDuration(20).optSeed(1)
        .optPvcProbability(0.2).build().generate();
    Record r = s.record();
    assertEquals(250, r.fs());
    assertEquals(5000, r.length());
    assertEquals(List.of("mV"), r.units());
    assertEquals(1, r.channelCount());
    List<Annotation> beats = r.annotations().stream().filter(a -> !"+".equals(a.symbol())).toList();
    assertEquals(s.rPeaks().length, beats.size());
    for (int i = 0; i < beats.size(); i++) {
      assertEquals(s.rPeaks()[i], beats.get(i).sample());
      assertEquals(s.symbols()[i], beats.get(i).symbol());
      assertTrue(Set.of("N", "V").contains(s.symbols()[i]));
    }
    Annotation first = r.annotations().get(0);
    assertEquals("+", first.symbol());
    assertEquals("(N", first.aux());
    assertEquals(0, first.sample());
    for (int i = 1; i < s.rPeaks().length; i++) {
      assertTrue(s.rPeaks()[i] > s.rPeaks()[i - 1]);
    }
  }

  @Test
  void heartRateAndVariabilityFollowTheSettings() {
    double hr = 72;
    double hrStd = 3;
    SyntheticEcg s = EcgSyn.builder().optDuration(600).optHeartRate(hr).optHeartRateStd(hrStd)
        .optSeed(11).build().generate();
    double[] rr = rr(s, 0, Integer.MAX_VALUE);
    double mean = Arrays.stream(rr).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(rr).map(v -> (v - mean) * (v - mean)).sum() / rr.length);
    assertEquals(60 / hr, mean, 0.01 * 60 / hr);
    double expectedSd = 60 * hrStd / (hr * hr); // 0.0347 s
    assertTrue(sd > 0.6 * expectedSd && sd < 1.4 * expectedSd, "RR sd " + sd);
    // every beat is normal without PVC or AF
    assertTrue(Arrays.stream(s.symbols()).allMatch("N"::equals));
  }

  private static double[] rr(SyntheticEcg s, double fromSec, double toSec) {
    int[] r = s.rPeaks();
    return java.util.stream.IntStream.range(1, r.length)
        .filter(i -> r[i - 1] >= fromSec * s.fs() && r[i] < toSec * s.fs())
        .mapToDouble(i -> (r[i] - r[i - 1]) / s.fs()).toArray();
  }

  @Test
  void atrialFibrillationIsIrregularAndAnnotated() {
    SyntheticEcg s = EcgSyn.builder().optDuration(240).optHeartRate(70).optHeartRateStd(1)
        .optAtrialFibrillation(60, 180).optSeed(4).build().generate();
    double[] sinus = rr(s, 0, 58);
    double[] af = rr(s, 62, 178);
    assertTrue(cv(sinus) < 0.05, "sinus CV " + cv(sinus));
    assertTrue(cv(af) > 0.15, "AF CV " + cv(af));
    List<SyntheticEcg.RhythmEpisode> ep = s.rhythms();
    assertEquals(3, ep.size());
    assertEquals("(N", ep.get(0).aux());
    assertEquals("(AFIB", ep.get(1).aux());
    assertEquals(60 * 360, ep.get(1).startSample());
    assertEquals(180 * 360, ep.get(1).endSample());
    assertEquals(240 * 360, ep.get(2).endSample());
    List<Annotation> rhythm = s.record().annotations().stream().filter(a -> "+".equals(a.symbol()))
        .toList();
    assertEquals(List.of("(N", "(AFIB", "(N"), rhythm.stream().map(Annotation::aux).toList());
    assertEquals(60 * 360, rhythm.get(1).sample());
  }

  @Test
  void wholeRecordAtrialFibrillation() {
    SyntheticEcg s = EcgSyn.builder().optDuration(30).optAtrialFibrillation().optSeed(5).build()
        .generate();
    assertEquals(1, s.rhythms().size());
    assertEquals("(AFIB", s.rhythms().get(0).aux());
    assertEquals(List.of("(AFIB"), s.record().annotations().stream()
        .filter(a -> "+".equals(a.symbol())).map(Annotation::aux).toList());
  }

  private static double cv(double[] x) {
    double m = Arrays.stream(x).average().orElseThrow();
    return Math.sqrt(Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / x.length) / m;
  }

  @Test
  void pvcsArePrematureWithCompensatoryPause() {
    SyntheticEcg s = EcgSyn.builder().optDuration(300).optHeartRate(60).optHeartRateStd(0.5)
        .optPvcProbability(0.1).optSeed(8).build().generate();
    int[] r = s.rPeaks();
    String[] sym = s.symbols();
    int v = 0;
    for (int i = 1; i + 1 < r.length; i++) {
      if (!"V".equals(sym[i])) {
        continue;
      }
      v++;
      assertEquals("N", sym[i - 1], "no two PVCs in a row");
      double pre = (r[i] - r[i - 1]) / s.fs();
      double post = (r[i + 1] - r[i]) / s.fs();
      assertTrue(pre < 0.7 && post > 1.3, "coupling " + pre + " pause " + post);
      // full compensatory pause: the two intervals add up to two sinus cycles (1 s each)
      assertEquals(2.0, pre + post, 0.1);
    }
    double frac = (double) v / r.length;
    assertTrue(frac > 0.05 && frac < 0.15, "PVC fraction " + frac);
  }

  @Test
  void amplitudeSetsTheNormalRWave() {
    SyntheticEcg s = EcgSyn.builder().optDuration(30).optAmplitude(1.5).optSeed(2).build()
        .generate();
    double[] sorted = s.clean().clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    double[] heights = Arrays.stream(s.rPeaks()).mapToDouble(i -> s.clean()[i] - median).sorted()
        .toArray();
    assertEquals(1.5, heights[heights.length / 2], 0.05);
    for (int i : s.rPeaks()) {
      // the R wave is the top of its beat
      assertTrue(s.clean()[i] >= s.clean()[Math.max(0, i - 30)]);
      assertTrue(s.clean()[i] >= s.clean()[Math.min(s.clean().length - 1, i + 30)]);
    }
  }

  @Property(tries = 8)
  void noiseMeetsTheTargetSnr(@ForAll @DoubleRange(min = -5, max = 30) double snr,
      @ForAll long seed) {
    SyntheticEcg s = EcgSyn.builder().optDuration(20).optSeed(seed)
        .optNoise(snr, NoiseType.values()).build().generate();
    double[] noise = new double[s.clean().length];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = s.signal()[i] - s.clean()[i];
    }
    double measured = 10 * Math.log10(var(s.clean()) / var(noise));
    assertEquals(snr, measured, 1e-6);
  }

  private static double var(double[] x) {
    double m = Arrays.stream(x).average().orElseThrow();
    return Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / x.length;
  }

  private static double[] noiseOnly(NoiseType t, double mains) {
    SyntheticEcg s = EcgSyn.builder().optDuration(20).optSeed(6).optMainsFrequency(mains)
        .optNoise(0, t).build().generate();
    double[] n = new double[s.clean().length];
    for (int i = 0; i < n.length; i++) {
      n[i] = s.signal()[i] - s.clean()[i];
    }
    return n;
  }

  /** Power of x at frequency f (single DFT bin). */
  private static double power(double[] x, double f, double fs) {
    double re = 0;
    double im = 0;
    for (int i = 0; i < x.length; i++) {
      re += x[i] * Math.cos(2 * Math.PI * f * i / fs);
      im += x[i] * Math.sin(2 * Math.PI * f * i / fs);
    }
    return re * re + im * im;
  }

  @Test
  void noiseKindsHaveTheirSpectra() {
    double[] mains50 = noiseOnly(NoiseType.MAINS, 50);
    assertTrue(power(mains50, 50, 360) > 1000 * power(mains50, 60, 360));
    double[] mains60 = noiseOnly(NoiseType.MAINS, 60);
    assertTrue(power(mains60, 60, 360) > 1000 * power(mains60, 50, 360));
    // Bernstein: a signal band-limited to B Hz has |x'| <= 2 pi B max|x|, so slow noise has a small
    // sample-to-sample difference relative to its spread; broadband noise does not
    assertTrue(diffRatio(noiseOnly(NoiseType.BASELINE_WANDER, 50)) < 2 * Math.PI * 0.5 / 360 * 1.5);
    assertTrue(diffRatio(noiseOnly(NoiseType.ELECTRODE_MOTION, 50)) < 2 * Math.PI * 8 / 360 * 1.5);
    assertTrue(diffRatio(noiseOnly(NoiseType.MUSCLE, 50)) > 0.5);
  }

  private static double diffRatio(double[] x) {
    double[] d = new double[x.length - 1];
    for (int i = 0; i < d.length; i++) {
      d[i] = x[i + 1] - x[i];
    }
    return Math.sqrt(var(d) / var(x));
  }

  @Property(tries = 20)
  void inverseFftMatchesJTransforms(@ForAll @IntRange(min = 1, max = 12) int log2,
      @ForAll long seed) {
    int m = 1 << log2;
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    double[] re = new double[m];
    double[] im = new double[m];
    double[] packed = new double[2 * m];
    for (int k = 0; k < m; k++) {
      re[k] = rng.nextGaussian();
      im[k] = rng.nextGaussian();
      packed[2 * k] = re[k];
      packed[2 * k + 1] = im[k];
    }
    EcgSyn.inverseFft(re, im);
    new org.jtransforms.fft.DoubleFFT_1D(m).complexInverse(packed, false);
    for (int k = 0; k < m; k++) {
      assertEquals(packed[2 * k], re[k], 1e-9 * m);
      assertEquals(packed[2 * k + 1], im[k], 1e-9 * m);
    }
  }

  @Test
  void rejectsBadSettings() {
    assertThrows(EcgArgumentException.class, () -> EcgSyn.builder().optSamplingRate(0));
    assertThrows(EcgArgumentException.class, () -> EcgSyn.builder().optSamplingRate(-360));
    assertThrows(EcgArgumentException.class, () -> EcgSyn.builder().optHeartRate(Double.NaN));
    assertThrows(EcgArgumentException.class, () -> EcgSyn.builder().optDuration(0));
    assertThrows(EcgArgumentException.class, () -> EcgSyn.builder().optPvcProbability(0.9));
    assertThrows(EcgArgumentException.class, () -> EcgSyn.builder().optAtrialFibrillation(5, 5));
    assertThrows(EcgArgumentException.class, () -> EcgSyn.builder().optNoise(10));
    assertThrows(EcgArgumentException.class, () -> EcgSyn.builder().optMainsFrequency(55));
  }
}
