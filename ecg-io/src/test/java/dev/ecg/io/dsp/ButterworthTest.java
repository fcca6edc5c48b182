package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Butterworth designs and SOS filtering against scipy.signal (butter, sosfilt, sosfiltfilt). */
class ButterworthTest {
  private static final Map<String, double[]> IN = Fixtures.load("inputs.txt");
  private static final Map<String, double[]> B = Fixtures.load("butter.txt");
  private static final String[] INPUTS = {"rand301", "sine257", "rand400"};

  private static Sos design(double[] p) {
    int order = (int) p[0];
    Butterworth.BandType t = Butterworth.BandType.values()[(int) p[1]];
    return Butterworth.design(order, t, p[3], p[4], p[2]);
  }

  @Test
  void sosCoefficientsMatchScipy() {
    int n = (int) Fixtures.get(B, "butter.count")[0];
    assertTrue(n >= 30);
    for (int i = 0; i < n; i++) {
      String key = "butter." + i;
      double[] p = Fixtures.get(B, key + ".params");
      Sos sos = design(p);
      double[][] want = Fixtures.get2(B, key + ".sos");
      assertEquals(want.length, sos.numSections(), key + " sections");
      Fixtures.assertClose(want, sos.toArray(), key + " sos " + java.util.Arrays.toString(p));
    }
  }

  @Test
  void sosfiltAndFiltfiltMatchScipy() {
    int n = (int) Fixtures.get(B, "butter.count")[0];
    for (int i = 0; i < n; i++) {
      String key = "butter." + i;
      // filter with scipy's own coefficients too, so the filter code is checked independently
      Sos ref = Sos.of(Fixtures.get2(B, key + ".sos"));
      Sos ours = design(Fixtures.get(B, key + ".params"));
      double[] x = Fixtures.get(IN, "x." + INPUTS[(int) Fixtures.get(B, key + ".input")[0]]);
      double[] wantF = Fixtures.get(B, key + ".sosfilt");
      double[] wantFF = Fixtures.get(B, key + ".sosfiltfilt");
      Fixtures.assertClose(wantF, SosFilter.sosfilt(ref, x), key + " sosfilt(scipy sos)");
      Fixtures.assertClose(wantFF, SosFilter.filtfilt(ref, x), key + " filtfilt(scipy sos)");
      Fixtures.assertClose(wantF, SosFilter.sosfilt(ours, x), key + " sosfilt");
      Fixtures.assertClose(wantFF, SosFilter.filtfilt(ours, x), key + " filtfilt");
      Fixtures.assertClose(Fixtures.get2(B, key + ".zi"), SosFilter.sosfiltZi(ref), key + " zi");
    }
  }

  @Test
  void streamingInBlocksEqualsOneShot() {
    Sos sos = Butterworth.bandpass(3, 0.5, 40, 360);
    double[] x = Fixtures.get(IN, "x.rand301");
    double[] whole = SosFilter.sosfilt(sos, x);
    double[][] zi = new double[sos.numSections()][2];
    double[] a = SosFilter.sosfilt(sos, java.util.Arrays.copyOfRange(x, 0, 100), zi);
    double[] b = SosFilter.sosfilt(sos, java.util.Arrays.copyOfRange(x, 100, x.length), zi);
    for (int i = 0; i < x.length; i++) {
      assertEquals(whole[i], i < 100 ? a[i] : b[i - 100], 1e-12);
    }
  }

  @Test
  void defaultPadlenFollowsScipyFormula() {
    // odd lowpass order: last section is first order (b2 == a2 == 0)
    assertEquals(3 * (2 * 2 + 1 - 1), SosFilter.defaultPadlen(Butterworth.lowpass(3, 40, 360)));
    assertEquals(3 * (2 * 2 + 1), SosFilter.defaultPadlen(Butterworth.lowpass(4, 40, 360)));
    assertEquals(3 * (2 * 1 + 1 - 1), SosFilter.defaultPadlen(Butterworth.highpass(1, 1, 360)));
  }

  @Test
  void badDesignArgumentsAreRejected() {
    assertThrows(EcgArgumentException.class, () -> Butterworth.lowpass(0, 40, 360));
    assertThrows(EcgArgumentException.class, () -> Butterworth.lowpass(2, 180, 360));
    assertThrows(EcgArgumentException.class, () -> Butterworth.lowpass(2, 200, 360));
    assertThrows(EcgArgumentException.class, () -> Butterworth.lowpass(2, 0, 360));
    assertThrows(EcgArgumentException.class, () -> Butterworth.highpass(2, -1, 360));
    assertThrows(EcgArgumentException.class, () -> Butterworth.lowpass(2, 40, 0));
    assertThrows(EcgArgumentException.class, () -> Butterworth.lowpass(2, 40, Double.NaN));
    assertThrows(EcgArgumentException.class, () -> Butterworth.bandpass(2, 40, 40, 360));
    assertThrows(EcgArgumentException.class, () -> Butterworth.bandpass(2, 40, 5, 360));
    assertThrows(EcgArgumentException.class, () -> Butterworth.bandstop(2, 5, 190, 360));
    EcgArgumentException e = assertThrows(EcgArgumentException.class,
        () -> Butterworth.lowpass(2, 180, 360));
    assertTrue(e.getMessage().contains("180"), e.getMessage());
  }

  @Test
  void badSignalsAreRejected() {
    Sos sos = Butterworth.bandpass(4, 0.5, 40, 360);
    int pad = SosFilter.defaultPadlen(sos);
    SignalTooShortException s = assertThrows(SignalTooShortException.class,
        () -> SosFilter.filtfilt(sos, new double[pad]));
    assertEquals(pad + 1, s.required());
    SosFilter.filtfilt(sos, new double[pad + 1]); // just long enough
    double[] x = new double[100];
    x[37] = Double.NaN;
    NanInputException n = assertThrows(NanInputException.class, () -> SosFilter.sosfilt(sos, x));
    assertEquals(37, n.index());
    assertTrue(n.getMessage().contains("37"));
    x[37] = Double.POSITIVE_INFINITY;
    assertThrows(NanInputException.class, () -> SosFilter.filtfilt(sos, x, 10));
    assertThrows(EcgArgumentException.class, () -> SosFilter.sosfilt(sos, x, new double[1][2]));
  }

  @Test
  void passbandGainIsOneAndEdgeIsMinus3dB() {
    Sos bp = Butterworth.bandpass(4, 0.5, 40, 360);
    assertEquals(1.0, bp.magnitudeAt(10, 360), 1e-3);
    assertEquals(Math.sqrt(0.5), bp.magnitudeAt(40, 360), 1e-9);
    assertEquals(Math.sqrt(0.5), bp.magnitudeAt(0.5, 360), 1e-9);
    Sos lp = Butterworth.lowpass(6, 25, 250);
    assertEquals(Math.sqrt(0.5), lp.magnitudeAt(25, 250), 1e-9);
    assertEquals(1.0, lp.magnitudeAt(0, 250), 1e-12);
  }
}
