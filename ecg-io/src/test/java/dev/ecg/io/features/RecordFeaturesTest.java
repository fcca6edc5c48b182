package dev.ecg.io.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.synth.SyntheticEcg;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-computed cases and published decision limits for {@link RecordFeatures}. */
class RecordFeaturesTest {
  private static final double FS = 300;

  private static Map<String, Double> rr(double... rr) {
    Map<String, Double> v = new LinkedHashMap<>();
    for (String n : RecordFeatures.names()) {
      v.put(n, Double.NaN);
    }
    RecordFeatures.rrFeatures(rr, v);
    return v;
  }

  @Test
  void namesAreUniqueAndMatchValues() {
    List<String> n = RecordFeatures.names();
    assertEquals(n.size(), new HashSet<>(n).size());
    double[] x = new double[3000];
    assertEquals(n.size(), RecordFeatures.compute(x, FS).values().length);
  }

  @Test
  void perfectlyRegularRrHasNoIrregularity() {
    double[] rr = new double[40];
    Arrays.fill(rr, 800);
    Map<String, Double> v = rr(rr);
    assertEquals(800, v.get("rr_median_ms"), 1e-12);
    assertEquals(75, v.get("hr_bpm"), 1e-12);
    for (String k : List.of("rr_iqr_ms", "rr_cv", "rr_nsd", "rr_nrmssd", "rr_pdiff50",
        "rr_pdiff_rel10", "rr_tpr", "rr_sd1_ms", "rr_sd2_ms", "rr_sampen",
        "rr_premature_share", "rr_range_ratio")) {
      assertEquals(0.0, v.get(k), 1e-12, k);
    }
    // every pair matches at r = 30 ms: SampEn 0, COSEn = ln(2 * 30) - ln(800) = ln(0.075)
    assertEquals(Math.log(0.075), v.get("rr_cosen"), 1e-12);
  }

  @Test
  void alternatingSeriesByHand() {
    // dRR = 100, -200, 300, -400; every interior point turns
    Map<String, Double> v = rr(800, 900, 700, 1000, 600);
    assertEquals(1.0, v.get("rr_tpr"), 1e-12);
    assertEquals(1.0, v.get("rr_pdiff50"), 1e-12);
    assertEquals(250.0 / 800, v.get("rr_nsd"), 1e-12);
    assertEquals(Math.sqrt((1e4 + 4e4 + 9e4 + 16e4) / 4) / 800, v.get("rr_nrmssd"), 1e-12);
    assertEquals(800, v.get("rr_median_ms"), 1e-12);
    assertEquals(200, v.get("rr_iqr_ms"), 1e-12); // quartiles 700 and 900
    assertEquals(400.0 / 800, v.get("rr_range_ratio"), 1e-12);
    // 700 is not below 0.85 * 800 = 680: no premature pattern
    assertEquals(0.0, v.get("rr_premature_share"), 1e-12);
    // 600 < 680 followed by 1000 > 880: one short-long pair in five
    assertEquals(0.2, rr(800, 800, 600, 1000, 800, 800).get("rr_premature_share"), 1e-12);
    // Poincaré SD1 = sqrt(var(dRR) / 2), population variance of the four differences
    double[] d = {100, -200, 300, -400};
    double md = -50;
    double vd = 0;
    for (double e : d) {
      vd += (e - md) * (e - md) / 4;
    }
    assertEquals(Math.sqrt(vd / 2), v.get("rr_sd1_ms"), 1e-9);
  }

  @Test
  void sampleEntropyByHand() {
    // templates (m = 1) 1, 2, 1, 1: B = 3 pairs of ones; of them only (0, 3) continues 2 = 2
    double[] x = {1, 2, 1, 1, 2};
    assertEquals(Math.log(3), RecordFeatures.sampleEntropy(x, 1, 0.5), 1e-12);
    // interior points: 2 is a peak; the two 1s sit on a flat step (product 0), not turning
    assertEquals(1.0 / 3, RecordFeatures.turningPointRatio(x), 1e-12);
  }

  @Test
  void cosenSeparatesSyntheticAfFromSinusAtLakeMoormanLimit() {
    // Lake and Moorman (2011) classify AF when COSEn > -1.4
    for (long seed = 1; seed <= 3; seed++) {
      SyntheticEcg sinus = EcgSyn.builder().optSamplingRate(FS).optDuration(60).optSeed(seed)
          .optHeartRate(75).build().generate();
      SyntheticEcg af = EcgSyn.builder().optSamplingRate(FS).optDuration(60).optSeed(seed)
          .optHeartRate(75).optAtrialFibrillation().build().generate();
      FeatureVector s = RecordFeatures.compute(sinus.signal(), FS);
      FeatureVector a = RecordFeatures.compute(af.signal(), FS);
      assertTrue(s.get("rr_cosen") < -1.4, "sinus COSEn " + s.get("rr_cosen"));
      assertTrue(a.get("rr_cosen") > -1.4, "AF COSEn " + a.get("rr_cosen"));
      assertTrue(a.get("rr_nsd") > 0.1 && s.get("rr_nsd") < 0.05,
          "nsd AF " + a.get("rr_nsd") + " sinus " + s.get("rr_nsd"));
      // random intervals turn at about 2/3 of the points
      assertTrue(Math.abs(a.get("rr_tpr") - 2.0 / 3) < 0.12, "AF TPR " + a.get("rr_tpr"));
      // sinus beats repeat the template; P waves found before nearly every sinus beat
      assertTrue(s.get("tpl_corr_mean") > 0.98, "sinus template correlation");
      assertTrue(s.get("p_presence") > 0.95, "sinus P presence " + s.get("p_presence"));
      // the detected beats are those the generator placed
      assertEquals(sinus.rPeaks().length, s.get("n_beats"), 1);
    }
  }

  @Test
  void flatLineGivesQualityFlagsAndNaNRhythm() {
    double[] flat = new double[30 * 300];
    Arrays.fill(flat, 0.5);
    FeatureVector f = RecordFeatures.compute(flat, FS);
    assertEquals(30.0, f.get("length_s"), 0);
    assertTrue(f.get("n_beats") < 2);
    assertTrue(Double.isNaN(f.get("rr_median_ms")));
    assertTrue(Double.isNaN(f.get("p_presence")));
    assertEquals(1.0, f.get("defect_flat_frac"), 1e-12);
    assertEquals(1.0, f.get("defect_any_frac"), 1e-12);
    assertEquals(0.0, f.get("signal_sd"), 0);
    assertEquals(0.0, f.get("zhao_level"), 0); // Unacceptable
  }

  @Test
  void noiseAndShortRecordsNeverThrow() {
    Random r = new Random(7);
    for (int n : new int[] {1, 10, 100, 1000, 9000}) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = r.nextGaussian();
      }
      FeatureVector f = RecordFeatures.compute(x, FS);
      assertEquals(RecordFeatures.names().size(), f.size());
    }
  }

  @Test
  void invalidInputThrowsTyped() {
    assertThrows(EcgArgumentException.class, () -> RecordFeatures.compute(null, FS));
    assertThrows(EcgArgumentException.class, () -> RecordFeatures.compute(new double[0], FS));
    assertThrows(EcgArgumentException.class, () -> RecordFeatures.compute(new double[10], 0));
    assertThrows(EcgArgumentException.class,
        () -> RecordFeatures.compute(new double[10], Double.POSITIVE_INFINITY));
    assertThrows(EcgArgumentException.class,
        () -> RecordFeatures.compute(new double[] {0, Double.POSITIVE_INFINITY}, FS));
    assertThrows(EcgArgumentException.class,
        () -> RecordFeatures.compute(new double[] {0, Double.NaN}, FS));
    assertThrows(EcgArgumentException.class,
        () -> RecordFeatures.compute(new double[10], FS, new int[] {5, 5}));
    assertThrows(EcgArgumentException.class,
        () -> RecordFeatures.compute(new double[10], FS, new int[] {10}));
    assertThrows(EcgArgumentException.class,
        () -> RecordFeatures.compute(new double[10], FS, null));
  }

  @Test
  void thirtySecondsTakeWellUnder100Ms() {
    SyntheticEcg s = EcgSyn.builder().optSamplingRate(FS).optDuration(30).optSeed(3)
        .optAtrialFibrillation().build().generate();
    for (int i = 0; i < 5; i++) {
      RecordFeatures.compute(s.signal(), FS);
    }
    long t0 = System.nanoTime();
    int reps = 10;
    for (int i = 0; i < reps; i++) {
      RecordFeatures.compute(s.signal(), FS);
    }
    double ms = (System.nanoTime() - t0) / 1e6 / reps;
    assertTrue(ms < 100, "ms per 30 s record: " + ms);
  }
}
