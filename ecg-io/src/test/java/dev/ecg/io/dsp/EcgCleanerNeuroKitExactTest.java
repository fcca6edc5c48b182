package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonFields;
import dev.ecg.io.testdata.NeuroKitPeaksGolden;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EcgCleaner.Preset#NEUROKIT_EXACT} against NeuroKit2's {@code ecg_clean(method="neurokit")}
 * on MIT-BIH records 100 and 119 (goldens/neurokit2/peaks.json). The README's tolerance is 1e-12
 * absolute; the implementation is in fact exact, which the last assertion checks.
 */
class EcgCleanerNeuroKitExactTest {
  private static final double TOL = 1e-12;

  @ParameterizedTest
  @ValueSource(strings = {"100", "119"})
  void matchesNeuroKit2(String name) {
    NeuroKitPeaksGolden g = NeuroKitPeaksGolden.require(name);
    double[] x = g.signal();
    double[] first10 = NeuroKitPeaksGolden.doubles(g.object("input"), "signal_mV_first_10");
    for (int i = 0; i < first10.length; i++) {
      assertEquals(first10[i], x[i], 0.0, "input sample " + i);
    }
    double[] y = EcgCleaner.of(EcgCleaner.Preset.NEUROKIT_EXACT).clean(x, NeuroKitPeaksGolden.FS);
    assertEquals(NeuroKitPeaksGolden.N, y.length);
    int exact = 0;
    for (String block : List.of("first_50", "middle_50")) {
      JsonFields b = g.object("ecg_clean", block);
      int start = (int) b.wholeNumber("start", 0, NeuroKitPeaksGolden.N);
      double[] v = NeuroKitPeaksGolden.doubles(b, "values");
      for (int i = 0; i < v.length; i++) {
        assertEquals(v[i], y[start + i], TOL, block + " sample " + (start + i));
        exact += v[i] == y[start + i] ? 1 : 0;
      }
    }
    JsonFields s = g.object("ecg_clean", "summary");
    double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertEquals(s.number("mean"), dev.ecg.io.dsp.PairwiseSum.mean(y), TOL, "mean");
    assertEquals(s.number("min"), min, TOL, "min");
    assertEquals(s.number("max"), max, TOL, "max");
    assertEquals(100, exact, "samples equal to NeuroKit2 bit for bit (of 100 given)");
  }

  @Test
  void highPassCoefficientsEqualScipy() {
    NeuroKitPeaksGolden g = NeuroKitPeaksGolden.require("100");
    List<Object> rows = g.object("ecg_clean").list("highpass_sos");
    Sos sos = ScipyButter.highpass(5, 0.5, NeuroKitPeaksGolden.FS);
    assertEquals(rows.size(), sos.numSections());
    for (int r = 0; r < rows.size(); r++) {
      @SuppressWarnings("unchecked")
      List<Object> row = (List<Object>) rows.get(r);
      for (int c = 0; c < 6; c++) {
        assertEquals(((Number) row.get(c)).doubleValue(), sos.get(r, c), 0.0,
            "section " + r + " coefficient " + c);
      }
    }
    double[] b = NeuroKitPeaksGolden.doubles(g.object("ecg_clean"), "powerline_fir_b");
    double[] a = NeuroKitPeaksGolden.doubles(g.object("ecg_clean"), "powerline_fir_a");
    assertEquals(7, b.length, "int(360 / 50) taps");
    assertEquals(1, a.length);
    assertEquals(7.0, a[0]);
    assertTrue(EcgCleaner.of(EcgCleaner.Preset.NEUROKIT_EXACT).describe(360).contains("7 samples"));
  }

  @Test
  void existingButterworthAgreesWithinRounding() {
    Sos exact = ScipyButter.highpass(5, 0.5, 360);
    Sos ours = Butterworth.highpass(5, 0.5, 360);
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 6; c++) {
        assertEquals(exact.get(r, c), ours.get(r, c), 1e-14, r + "," + c);
      }
    }
  }

  @Test
  void movingAverageRemovesMainsAndPassesDc() {
    double fs = 500;
    int n = 5000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.sin(2 * Math.PI * 50 * i / fs) + 0.5 * Math.sin(2 * Math.PI * 5 * i / fs);
    }
    double[] y = EcgCleaner.of(EcgCleaner.Preset.NEUROKIT_EXACT).clean(x, fs);
    // 10 taps at 500 Hz: nulls at 50, 100 ... Hz; at 5 Hz the gain of the two passes is
    // (sin(pi/10) / (10 sin(pi/100)))^2 = 0.968
    assertTrue(amplitude(y, 50, fs) < 1e-3, "50 Hz left: " + amplitude(y, 50, fs));
    assertEquals(0.5 * 0.968, amplitude(y, 5, fs), 0.005);
  }

  /** Amplitude of the component at {@code f} over the middle 3000 samples (whole periods). */
  private static double amplitude(double[] y, double f, double fs) {
    double s = 0, c = 0;
    int n = 0;
    for (int i = 1000; i < 4000; i++, n++) {
      s += y[i] * Math.sin(2 * Math.PI * f * i / fs);
      c += y[i] * Math.cos(2 * Math.PI * f * i / fs);
    }
    return 2 * Math.hypot(s, c) / n;
  }

  @Test
  void rejectsBadInput() {
    EcgCleaner c = EcgCleaner.of(EcgCleaner.Preset.NEUROKIT_EXACT);
    assertThrows(SignalTooShortException.class, () -> c.clean(new double[18], 360));
    assertThrows(NanInputException.class, () -> c.clean(new double[] {1, Double.NaN, 3}, 360));
    assertThrows(EcgArgumentException.class, () -> c.clean(new double[100], 0));
    assertThrows(EcgArgumentException.class, () -> c.withMainsHz(400).clean(new double[1000], 360));
  }
}
