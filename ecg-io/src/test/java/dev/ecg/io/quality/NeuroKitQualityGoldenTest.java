package dev.ecg.io.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecg.core.json.JsonFields;
import dev.ecg.io.dsp.EcgCleaner;
import dev.ecg.io.testdata.NeuroKitPeaksGolden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AverageQrsQuality} and {@link Zhao2018Quality} against NeuroKit2's {@code ecg_quality}
 * (methods averageQRS and zhao2018) on MIT-BIH records 100 and 119; tolerance 1e-9 absolute, as
 * the goldens' README suggests.
 */
class NeuroKitQualityGoldenTest {
  private static final double TOL = 1e-9;

  private static double[] cleaned(NeuroKitPeaksGolden g) {
    return EcgCleaner.of(EcgCleaner.Preset.NEUROKIT_EXACT).clean(g.signal(), NeuroKitPeaksGolden.FS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"100", "119"})
  void averageQrsEqualsNeuroKit2(String name) {
    NeuroKitPeaksGolden g = NeuroKitPeaksGolden.require(name);
    int[] peaks = NeuroKitPeaksGolden.ints(g.object("ecg_peaks"), "peaks");
    AverageQrsQuality.Result r = AverageQrsQuality.compute(cleaned(g), peaks, NeuroKitPeaksGolden.FS);
    double[] q = r.samples();
    JsonFields s = g.object("ecg_quality_averageQRS");
    assertEquals(s.wholeNumber("length", 0, 1 << 30), q.length);
    double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
    for (double v : q) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertEquals(s.number("mean"), dev.ecg.io.dsp.PairwiseSum.mean(q), TOL);
    assertEquals(s.number("min"), min, TOL);
    assertEquals(s.number("max"), max, TOL);
    double[] every = NeuroKitPeaksGolden.doubles(s.object("every_360th"), "values");
    double worst = 0;
    for (int k = 0; k < every.length; k++) {
      assertEquals(every[k], q[360 * k], TOL, "sample " + 360 * k);
      worst = Math.max(worst, Math.abs(every[k] - q[360 * k]));
    }
    double[] at = NeuroKitPeaksGolden.doubles(s, "at_peaks");
    double[] beats = r.beats();
    assertEquals(peaks.length, at.length);
    for (int k = 0; k < at.length; k++) {
      assertEquals(at[k], beats[k], TOL, "beat " + k);
      assertEquals(at[k], q[peaks[k]], TOL, "sample at peak " + k);
      worst = Math.max(worst, Math.abs(at[k] - beats[k]));
    }
    System.out.printf("averageQRS %s: largest difference from NeuroKit2 %.3g%n", name, worst);
  }

  @ParameterizedTest
  @ValueSource(strings = {"100", "119"})
  void zhao2018EqualsNeuroKit2(String name) {
    NeuroKitPeaksGolden g = NeuroKitPeaksGolden.require(name);
    int[] peaks = NeuroKitPeaksGolden.ints(g.object("ecg_peaks"), "peaks");
    Zhao2018Quality.Result r = Zhao2018Quality.assess(cleaned(g), peaks, NeuroKitPeaksGolden.FS);
    JsonFields z = g.object("ecg_quality_zhao2018");
    assertEquals(z.string("result"), r.level().neuroKitName());
    assertEquals(z.number("kSQI"), r.kSqi(), TOL);
    assertEquals(z.number("pSQI"), r.pSqi(), TOL);
    assertEquals(z.number("basSQI"), r.basSqi(), TOL);
    System.out.printf("zhao2018 %s: %s, |dk| %.3g |dp| %.3g |dbas| %.3g%n", name, r.level(),
        Math.abs(z.number("kSQI") - r.kSqi()), Math.abs(z.number("pSQI") - r.pSqi()),
        Math.abs(z.number("basSQI") - r.basSqi()));
  }
}
