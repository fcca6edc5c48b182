package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.core.EcgArgumentException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cleaning presets against the same recipes written out with scipy.signal. */
class EcgCleanerTest {
  private static final Map<String, double[]> C = Fixtures.load("cleaner.txt");

  @Test
  void presetsMatchScipyRecipes() {
    double[] x = Fixtures.get(C, "x");
    double[][] cases = {{360, 60}, {250, 50}, {500, 50}};
    for (double[] c : cases) {
      int fs = (int) c[0], mains = (int) c[1];
      Fixtures.assertClose(Fixtures.get(C, "bandpass." + fs + "." + mains),
          EcgCleaner.of(EcgCleaner.Preset.BANDPASS_0_5_40_NOTCH).withMainsHz(mains).clean(x, fs),
          "bandpass " + fs);
      Fixtures.assertClose(Fixtures.get(C, "pantompkins." + fs),
          EcgCleaner.clean(x, fs, EcgCleaner.Preset.PAN_TOMPKINS), "pantompkins " + fs);
      Fixtures.assertClose(Fixtures.get(C, "neurokit." + fs + "." + mains),
          EcgCleaner.of(EcgCleaner.Preset.NEUROKIT).withMainsHz(mains).clean(x, fs),
          "neurokit " + fs);
    }
  }

  @Test
  void notchSkippedAboveNyquistAndDescribed() {
    EcgCleaner c = EcgCleaner.of(EcgCleaner.Preset.NEUROKIT).withMainsHz(60);
    assertEquals("butter highpass 0.5 Hz order 5 filtfilt; iirnotch 60 Hz Q=30 filtfilt",
        c.describe(360));
    assertEquals("butter highpass 0.5 Hz order 5 filtfilt", c.describe(100));
    double[] x = Fixtures.get(C, "x");
    assertArrayEquals(SosFilter.filtfilt(Butterworth.highpass(5, 0.5, 100), x), c.clean(x, 100));
  }

  @Test
  void recordChannelsAreCleaned() {
    double[] x = Fixtures.get(C, "x");
    dev.ecg.io.Record rec = new dev.ecg.io.Record("t", 360, java.util.List.of("MLII"),
        java.util.List.of("mV"), new double[][] {x}, java.util.List.of(dev.ecg.io.Annotation.of(5, "N")));
    dev.ecg.io.Record out = EcgCleaner.of(EcgCleaner.Preset.BANDPASS_0_5_40_NOTCH).withMainsHz(60)
        .clean(rec);
    Fixtures.assertClose(Fixtures.get(C, "bandpass.360.60"), out.channel(0), "record");
    assertEquals(rec.annotations(), out.annotations());
  }

  @Test
  void badArgumentsAreRejected() {
    double[] x = new double[1000];
    assertThrows(EcgArgumentException.class,
        () -> EcgCleaner.clean(x, 60, EcgCleaner.Preset.BANDPASS_0_5_40_NOTCH));
    assertThrows(EcgArgumentException.class,
        () -> EcgCleaner.clean(x, 0, EcgCleaner.Preset.NEUROKIT));
    assertThrows(EcgArgumentException.class,
        () -> EcgCleaner.of(EcgCleaner.Preset.NEUROKIT).withMainsHz(-50));
    assertThrows(SignalTooShortException.class,
        () -> EcgCleaner.clean(new double[10], 360, EcgCleaner.Preset.BANDPASS_0_5_40_NOTCH));
    x[999] = Double.NaN;
    assertEquals(999, assertThrows(NanInputException.class,
        () -> EcgCleaner.clean(x, 360, EcgCleaner.Preset.PAN_TOMPKINS)).index());
  }
}
