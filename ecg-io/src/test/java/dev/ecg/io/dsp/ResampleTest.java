package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resampling against scipy.signal.resample_poly, plus rate-ratio and index mapping rules. */
class ResampleTest {
  private static final Map<String, double[]> IN = Fixtures.load("inputs.txt");
  private static final Map<String, double[]> R = Fixtures.load("resample.txt");
  private static final String[] INPUTS = {"rand301", "sine257", "rand400"};

  @Test
  void polyMatchesScipy() {
    int n = (int) Fixtures.get(R, "resample.count")[0];
    for (int i = 0; i < n; i++) {
      String key = "resample." + i;
      double[] p = Fixtures.get(R, key + ".params");
      double[] x = Arrays.copyOf(Fixtures.get(IN, "x." + INPUTS[(int) p[2]]), (int) p[3]);
      double[] y = Resample.poly(x, (int) p[0], (int) p[1]);
      Fixtures.assertClose(Fixtures.get(R, key + ".y"), y,
          key + " up=" + (int) p[0] + " down=" + (int) p[1]);
    }
  }

  @Test
  void customBetaMatchesScipy() {
    double[] x = Fixtures.get(IN, "x.rand301");
    for (int i = 0; i < 3; i++) {
      double[] p = Fixtures.get(R, "resample.beta." + i + ".params");
      Fixtures.assertClose(Fixtures.get(R, "resample.beta." + i + ".y"),
          Resample.poly(x, (int) p[0], (int) p[1], p[2]), "beta " + p[2]);
    }
    assertThrows(EcgArgumentException.class, () -> Resample.poly(x, 2, 1, -1));
  }

  @Test
  void ratioIsReducedAndLimited() {
    assertArrayEquals(new int[] {25, 72}, Resample.ratio(360, 125));
    assertArrayEquals(new int[] {18, 25}, Resample.ratio(500, 360));
    assertArrayEquals(new int[] {1, 1}, Resample.ratio(250, 250));
    assertArrayEquals(new int[] {2, 1}, Resample.ratio(128.5, 257));
    assertArrayEquals(new int[] {257, 500}, Resample.ratio(500, 257));
    // 1/3 as a double is not exactly 1/3; the limited fraction recovers it
    assertArrayEquals(new int[] {1, 3}, Resample.ratio(3.0, 1.0));
    int[] pi = Resample.ratio(1, Math.PI);
    assertArrayEquals(new int[] {355, 113}, pi); // best approximation with denominator <= 1000
    assertThrows(EcgArgumentException.class, () -> Resample.ratio(0, 100));
    assertThrows(EcgArgumentException.class, () -> Resample.ratio(100, -1));
    assertThrows(EcgArgumentException.class, () -> Resample.ratio(1e6, 1));
  }

  @Test
  void toRateLengthAndSampleMapping() {
    double[] x = new double[3600];
    assertEquals(1250, Resample.toRate(x, 360, 125).length);
    assertArrayEquals(new long[] {0, 0, 1, 1, 35, 125},
        Resample.samples(new long[] {0, 1, 2, 4, 100, 360}, 360, 125));
    // 1 * 25/72 = 0.347 -> 0 ; 2 -> 0.694 -> 1 ; 100 -> 34.72 -> 35 ; 24 * 72/25 = 69.12 -> 69
    assertArrayEquals(new long[] {0, 3, 69}, Resample.samples(new long[] {0, 1, 24}, 125, 360));
    assertThrows(EcgArgumentException.class,
        () -> Resample.samples(new long[] {-1}, 360, 125));
  }

  @Test
  void recordIsResampledWithItsAnnotations() {
    double[] a = Arrays.copyOf(Fixtures.get(IN, "x.rand301"), 301);
    double[] b = Arrays.copyOf(Fixtures.get(IN, "x.rand400"), 301);
    dev.ecg.io.Record rec = new dev.ecg.io.Record("t", 360, java.util.List.of("MLII", "V1"),
        java.util.List.of("mV", "mV"), new double[][] {a, b},
        java.util.List.of(dev.ecg.io.Annotation.of(0, "N"), dev.ecg.io.Annotation.of(100, "V"),
            dev.ecg.io.Annotation.of(300, "N")));
    dev.ecg.io.Record out = Resample.record(rec, 125);
    assertEquals(125.0, out.fs(), 0.0);
    // channel 0 equals scipy.signal.resample_poly(x, 25, 72) (fixture resample.0)
    Fixtures.assertClose(Fixtures.get(R, "resample.0.y"), out.channel(0), "record channel 0");
    assertEquals(out.channel(0).length, out.channel(1).length);
    // 100 * 25/72 = 34.7 -> 35 ; 300 * 25/72 = 104.2 -> 104 (< 105 output samples)
    assertEquals(java.util.List.of(0L, 35L, 104L),
        out.annotations().stream().map(dev.ecg.io.Annotation::sample).toList());
    assertEquals("V", out.annotations().get(1).symbol());
    double[] bad = a.clone();
    bad[7] = Double.NaN;
    dev.ecg.io.Record nan = new dev.ecg.io.Record("t", 360, java.util.List.of("MLII"),
        java.util.List.of("mV"), new double[][] {bad}, java.util.List.of());
    NanInputException e = assertThrows(NanInputException.class, () -> Resample.record(nan, 125));
    assertEquals(7, e.index());
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(EcgArgumentException.class, () -> Resample.poly(new double[4], 0, 1));
    assertThrows(EcgArgumentException.class, () -> Resample.poly(new double[4], 1, -2));
    NanInputException e = assertThrows(NanInputException.class,
        () -> Resample.poly(new double[] {0, 1, Double.NaN}, 2, 1));
    assertEquals(2, e.index());
    assertEquals(0, Resample.poly(new double[0], 3, 2).length);
    // a hostile factor must not allocate a gigantic filter
    assertThrows(EcgArgumentException.class, () -> Resample.poly(new double[4], 1_000_000_000, 3));
    assertThrows(EcgArgumentException.class, () -> Resample.toRate(new double[4], 1, 1e9));
    // gcd reduction first: 200000/100000 is 2/1
    assertEquals(8, Resample.poly(new double[4], 200_000, 100_000).length);
  }
}
