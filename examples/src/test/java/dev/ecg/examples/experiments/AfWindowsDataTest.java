package dev.ecg.examples.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.wfdb.RhythmInterval;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Window labelling and spectrogram shape of {@link AfWindowsData}. */
class AfWindowsDataTest {
  @Test
  void afFractionCountsOnlyAfibSamplesInsideTheWindow() {
    List<RhythmInterval> r = List.of(new RhythmInterval("N", 0, 1000),
        new RhythmInterval("AFIB", 1000, 3500), new RhythmInterval("AFL", 3500, 4000),
        new RhythmInterval("AFIB", 4000, 9000));
    // window [0, 5000): AFIB on 1000..3500 and 4000..5000 = 3500 of 5000 samples
    assertEquals(0.7, AfWindowsData.afFraction(r, 0, 5000), 1e-12);
    // window [5000, 10000): AFIB on 5000..9000 = 4000 of 5000
    assertEquals(0.8, AfWindowsData.afFraction(r, 5000, 10000), 1e-12);
    // AFL (flutter) is not AF here
    assertEquals(0.0, AfWindowsData.afFraction(r, 3500, 4000), 1e-12);
    assertEquals(0.0, AfWindowsData.afFraction(List.of(), 0, 5000), 1e-12);
  }

  @Test
  void spectrogramShapeFollowsScipyFrameCountAndKeepsBinsUpTo50Hz() {
    // scipy.signal.spectrogram(x, 360, nperseg=256, noverlap=128) on 5000 samples:
    // 1 + (5000 - 256) // 128 = 38 frames; bin spacing 360 / 256 = 1.40625 Hz, so bins 0..35
    // (35 * 1.40625 = 49.2 Hz) lie at or below 50 Hz
    assertEquals(38, AfWindowsData.TIME_FRAMES);
    assertEquals(36, AfWindowsData.FREQ_BINS);
    float[] w = new float[AfWindowsData.LENGTH];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) Math.sin(2 * Math.PI * 10.0 * i / AfWindowsData.FS);
    }
    float[] s = AfWindowsData.spectrogram(w);
    assertEquals(36 * 38, s.length);
    // a 10 Hz sine peaks in bin round(10 / 1.40625) = 7 in every frame
    for (int t = 0; t < 38; t++) {
      int best = 0;
      for (int f = 1; f < 36; f++) {
        if (s[f * 38 + t] > s[best * 38 + t]) {
          best = f;
        }
      }
      assertEquals(7, best, "frame " + t);
    }
  }

  @Test
  void zeroPaddedWindowGivesFiniteSpectrogram() {
    float[] w = new float[AfWindowsData.LENGTH];
    for (int i = 0; i < 1000; i++) {
      w[i] = (float) Math.sin(i * 0.1);
    }
    for (float v : AfWindowsData.spectrogram(w)) {
      assertTrue(Float.isFinite(v));
    }
  }

  @Test
  void wrongWindowLengthIsRefused() {
    assertThrows(EcgArgumentException.class, () -> AfWindowsData.spectrogram(new float[3000]));
  }

  @Test
  void unknownModelIsRefused() {
    assertThrows(EcgArgumentException.class, () -> AfWindows.architecture("lstm"));
  }
}
