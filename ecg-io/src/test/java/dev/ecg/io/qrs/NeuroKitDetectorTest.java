package dev.ecg.io.qrs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.dsp.EcgCleaner;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.testdata.NeuroKitPeaksGolden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link NeuroKitDetector} against NeuroKit2's {@code ecg_peaks(method="neurokit")} and by hand. */
class NeuroKitDetectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"100", "119"})
  void peaksEqualNeuroKit2(String name) {
    NeuroKitPeaksGolden g = NeuroKitPeaksGolden.require(name);
    int[] want = NeuroKitPeaksGolden.ints(g.object("ecg_peaks"), "peaks");
    assertEquals(g.object("ecg_peaks").wholeNumber("n_peaks", 0, 100_000), want.length);
    int[] got = NeuroKitDetector.create().detect(g.signal(), NeuroKitPeaksGolden.FS);
    assertArrayEquals(want, got, "record " + name);
    double[] cleaned = EcgCleaner.of(EcgCleaner.Preset.NEUROKIT_EXACT)
        .clean(g.signal(), NeuroKitPeaksGolden.FS);
    assertArrayEquals(want, NeuroKitDetector.findPeaks(cleaned, NeuroKitPeaksGolden.FS));
  }

  @Test
  void uniformFilterMatchesHandComputedNearestMode() {
    // size 4: window [i-2, i+1], edges repeated: x = 1 2 3 4 5
    double[] y = NeuroKitDetector.uniformFilterNearest(new double[] {1, 2, 3, 4, 5}, 4);
    double[] want = {(1 + 1 + 1 + 2) / 4.0, (1 + 1 + 2 + 3) / 4.0, (1 + 2 + 3 + 4) / 4.0,
        (2 + 3 + 4 + 5) / 4.0, (3 + 4 + 5 + 5) / 4.0};
    assertArrayEquals(want, y, 1e-15);
    // size 3: window [i-1, i+1]
    assertArrayEquals(new double[] {4 / 3.0, 2, 3, 4, 14 / 3.0},
        NeuroKitDetector.uniformFilterNearest(new double[] {1, 2, 3, 4, 5}, 3), 1e-15);
  }

  @Test
  void mostProminentPeakFollowsScipyRules() {
    // peaks at 2 (height 3, prominence 3 - 1 = 2) and 5 (height 5, prominence 5 - 0 = 5)
    double[] x = {0, 1, 3, 1, 2, 5, 0};
    assertEquals(5, NeuroKitDetector.mostProminentPeak(x, 0, x.length));
    // within a slice, ends are not peaks; flat top 2..4 counts once at its middle (3)
    double[] flat = {9, 0, 4, 4, 4, 1, 9};
    assertEquals(2, NeuroKitDetector.mostProminentPeak(flat, 1, 6));
    assertEquals(-1, NeuroKitDetector.mostProminentPeak(new double[] {1, 2, 3}, 0, 3));
  }

  @Test
  void syntheticRhythmFoundWithRefractoryGap() {
    double fs = 250;
    double[] x = new double[(int) (20 * fs)];
    // narrow Gaussian "R waves" every 0.8 s from 1 s on, on a slow baseline
    int[] truth = new int[24];
    for (int b = 0; b < truth.length; b++) {
      truth[b] = (int) Math.round((1 + 0.8 * b) * fs);
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.2 * Math.sin(2 * Math.PI * 0.2 * i / fs);
      for (int t : truth) {
        double d = (i - t) / (0.012 * fs);
        x[i] += Math.exp(-0.5 * d * d);
      }
    }
    int[] got = NeuroKitDetector.create().detect(x, fs);
    assertEquals(truth.length, got.length);
    for (int b = 0; b < truth.length; b++) {
      assertTrue(Math.abs(got[b] - truth[b]) <= 1, "beat " + b + ": " + got[b]);
    }
  }

  @Test
  void nanRunsAreBridgedAndNoPeakReportedInside() {
    double fs = 360;
    double[] x = EcgSyn.builder().optSamplingRate(fs).optDuration(30).optSeed(3).build()
        .generate().signal();
    int[] clean = NeuroKitDetector.create().detect(x, fs);
    assertTrue(clean.length > 20, "beats " + clean.length);
    double[] holed = x.clone();
    int p = clean[10];
    for (int i = p - 20; i <= p + 20; i++) {
      holed[i] = Double.NaN;
    }
    int[] got = NeuroKitDetector.create().detect(holed, fs);
    for (int q : got) {
      assertTrue(q < p - 20 || q > p + 20, "peak inside the NaN run: " + q);
    }
  }

  @Test
  void rejectsBadInput() {
    NeuroKitDetector d = NeuroKitDetector.create();
    assertThrows(InvalidSignalException.class, () -> d.detect(new double[1000], 0));
    assertThrows(InvalidSignalException.class, () -> d.detect(new double[0], 360));
    assertThrows(InvalidSignalException.class, () -> d.detect(new double[200], 360));
    assertThrows(InvalidSignalException.class,
        () -> d.detect(new double[] {1, Double.POSITIVE_INFINITY}, 360));
    assertThrows(InvalidSignalException.class,
        () -> NeuroKitDetector.findPeaks(new double[] {0, Double.NaN, 0}, 360));
    assertEquals(0, d.detect(new double[2000], 360).length, "flat line has no beats");
  }
}
