package dev.ecg.io.rpeaks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import org.junit.jupiter.api.Test;

/**
 * Synthetic R-peak series with one known artefact: the corrector must find it, classify it as
 * Lipponen and Tarvainen (2019) define the classes, and restore the true series. The truth is the
 * series before the artefact was inserted, not the code's own output.
 */
class ArtifactCorrectionTest {
  static final double FS = 1000;

  /** 300 beats, RR = 800 ms plus a 10-beat sinusoid of +-15 ms (respiratory-like variability). */
  static int[] clean() {
    int[] p = new int[300];
    double t = 1000;
    for (int i = 0; i < p.length; i++) {
      p[i] = (int) Math.round(t);
      t += 800 + 15 * Math.sin(2 * Math.PI * i / 10.0);
    }
    return p;
  }

  static int maxAbsDiff(int[] a, int[] b) {
    assertEquals(a.length, b.length, "peak count");
    int m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  @Test
  void cleanSeriesHasNoArtefactsAndIsLeftAlone() {
    int[] p = clean();
    ArtifactCorrection.Result r = ArtifactCorrection.create().correct(p, FS);
    assertEquals(0, r.firstPass().total(), r.firstPass().toString());
    assertArrayEquals(p, r.peaks());
    assertEquals(1, r.passes());
  }

  @Test
  void extraBeatIsDetectedAndDeleted() {
    int[] truth = clean();
    int k = 150;
    int[] p = new int[truth.length + 1];
    System.arraycopy(truth, 0, p, 0, k + 1);
    p[k + 1] = truth[k] + 300; // a false detection 300 ms after beat k (e.g. a tall T wave)
    System.arraycopy(truth, k + 1, p, k + 2, truth.length - k - 1);
    ArtifactCorrection.Result r = ArtifactCorrection.create().correct(p, FS);
    assertArrayEquals(new int[] {k + 1}, r.firstPass().extra(), r.firstPass().toString());
    assertEquals(1, r.extraCount());
    // the short interval after the false beat is examined as the second candidate and marked
    // long/short; after the deletion that index is a true beat, moved half-way between its
    // neighbours, so the series comes back within its own beat-to-beat variability
    assertArrayEquals(new int[] {k + 2}, r.firstPass().longShort(), r.firstPass().toString());
    assertEquals(0, r.firstPass().ectopic().length + r.firstPass().missed().length);
    int[] got = r.peaks();
    assertTrue(maxAbsDiff(truth, got) <= 15, "within the variability of the series");
    for (int i = 0; i < truth.length; i++) {
      if (i != k + 1) {
        assertEquals(truth[i], got[i], "untouched peak " + i);
      }
    }
    assertEquals(0, ArtifactCorrection.create().detect(got, FS).total(), "clean after");
  }

  @Test
  void missedBeatIsDetectedAndInsertedHalfway() {
    int[] truth = clean();
    int k = 150;
    int[] p = new int[truth.length - 1];
    System.arraycopy(truth, 0, p, 0, k);
    System.arraycopy(truth, k + 1, p, k, truth.length - k - 1);
    ArtifactCorrection.Result r = ArtifactCorrection.create().correct(p, FS);
    // the long interval ends at what is now peak k
    assertArrayEquals(new int[] {k}, r.firstPass().missed(), r.firstPass().toString());
    assertEquals(1, r.missedCount());
    int[] got = r.peaks();
    assertEquals(truth.length, got.length);
    assertEquals(truth[k - 1] + (truth[k + 1] - truth[k - 1]) / 2, got[k], "inserted half-way");
    assertTrue(maxAbsDiff(truth, got) <= 15, "within the variability of the series");
  }

  @Test
  void prematureEctopicBeatIsDetectedAndMovedAsNeuroKit2Does() {
    int[] truth = clean();
    int k = 150;
    int[] p = truth.clone();
    p[k] -= 250; // premature beat with a compensatory pause: short-long RR pattern
    ArtifactCorrection.Result r = ArtifactCorrection.create().correct(p, FS);
    ArtifactCorrection.Artifacts a = r.firstPass();
    // the long interval after the premature beat lies between two negative dRR: ectopic (S11-S12
    // rule with dRR > 1); the short interval before it is a short beat (S22 > 1): long/short
    assertArrayEquals(new int[] {k + 1}, a.ectopic(), a.toString());
    assertArrayEquals(new int[] {k}, a.longShort(), a.toString());
    assertEquals(0, a.missed().length + a.extra().length, a.toString());
    // documented correction order: ectopic peaks first, then long/short ones, each moved
    // half-way between its current neighbours (whole samples, truncated)
    int[] want = p.clone();
    want[k + 1] = p[k] + (p[k + 2] - p[k]) / 2;
    want[k] = p[k - 1] + (want[k + 1] - p[k - 1]) / 2;
    assertArrayEquals(want, r.peaks());
    assertEquals(1, r.passes(), "a second pass finds as many artefacts, so it stops");
    // the worst RR error against the true series halves (250 ms before)
    assertTrue(worstRrError(truth, r.peaks()) < 0.6 * worstRrError(truth, p));
  }

  @Test
  void nonIterativeRunsOnePass() {
    int[] truth = clean();
    int[] p = truth.clone();
    p[100] += 200;
    ArtifactCorrection.Result r = ArtifactCorrection.builder().optIterative(false).build()
        .correct(p, FS);
    assertEquals(1, r.passes());
    assertTrue(r.firstPass().total() > 0);
  }

  @Test
  void badInputIsRefusedWithTheProblemNamed() {
    ArtifactCorrection c = ArtifactCorrection.create();
    assertTrue(assertThrows(EcgArgumentException.class, () -> c.correct(new int[] {1, 2, 3}, FS))
        .getMessage().contains("at least 4"));
    assertTrue(assertThrows(EcgArgumentException.class,
        () -> c.correct(new int[] {10, 20, 20, 30}, FS)).getMessage().contains("increasing"));
    assertTrue(assertThrows(EcgArgumentException.class,
        () -> c.correct(new int[] {10, 20, 30, 40}, 0)).getMessage().contains("fs"));
    assertThrows(EcgArgumentException.class, () -> ArtifactCorrection.builder().optAlpha(0));
    assertThrows(EcgArgumentException.class, () -> ArtifactCorrection.builder().optMedfiltOrder(4));
  }

  @Test
  void medfiltPadsWithZerosAsScipy() {
    // scipy.signal.medfilt([5, 1, 4, 2, 3], 3) = [1, 4, 2, 3, 2] (hand-checked: zero padding)
    assertArrayEquals(new double[] {1, 4, 2, 3, 2},
        ArtifactCorrection.medfilt(new double[] {5, 1, 4, 2, 3}, 3));
  }

  static int worstRrError(int[] truth, int[] p) {
    int m = 0;
    for (int i = 1; i < truth.length; i++) {
      m = Math.max(m, Math.abs((p[i] - p[i - 1]) - (truth[i] - truth[i - 1])));
    }
    return m;
  }
}
