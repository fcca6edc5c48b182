package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.core.EcgArgumentException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Windows, spectrogram and STFT against scipy.signal.get_window / spectrogram / stft. */
class SpectralTest {
  private static final Map<String, double[]> W = Fixtures.load("windows.txt");
  private static final Map<String, double[]> S = Fixtures.load("spectral.txt");

  @Test
  void windowsMatchScipy() {
    for (Window w : Window.values()) {
      for (int n : new int[] {1, 2, 7, 64, 63}) {
        Fixtures.assertClose(Fixtures.get(W, "window." + w.ordinal() + "." + n), w.periodic(n),
            w + " " + n);
      }
    }
  }

  @Test
  void spectrogramMatchesScipy() {
    double[] x = Fixtures.get(S, "x");
    int n = (int) Fixtures.get(S, "spec.count")[0];
    for (int i = 0; i < n; i++) {
      String key = "spec." + i;
      double[] p = Fixtures.get(S, key + ".params");
      SpectrogramConfig.Builder b = SpectrogramConfig.builder()
          .window(Window.values()[(int) p[0]]).nperseg((int) p[1])
          .detrend(p[4] == 1)
          .scaling(SpectrogramConfig.Scaling.values()[(int) p[5]])
          .mode(SpectrogramConfig.Mode.values()[(int) p[6]]);
      if (p[2] >= 0) {
        b.noverlap((int) p[2]);
      }
      if (p[3] >= 0) {
        b.nfft((int) p[3]);
      }
      Spectrogram.Result r = Spectrogram.compute(x, p[7], b.build());
      Fixtures.assertClose(Fixtures.get(S, key + ".f"), r.freqs(), key + " f");
      Fixtures.assertClose(Fixtures.get(S, key + ".t"), r.times(), key + " t");
      Fixtures.assertClose(Fixtures.get2(S, key + ".S"), r.values(), key + " S");
    }
  }

  @Test
  void logScaleIsDecibels() {
    double[] x = Fixtures.get(S, "x");
    SpectrogramConfig lin = SpectrogramConfig.builder().nperseg(64).build();
    SpectrogramConfig db = SpectrogramConfig.builder().nperseg(64).logScale(true).build();
    double[][] a = Spectrogram.compute(x, 250, lin).values();
    double[][] d = Spectrogram.compute(x, 250, db).values();
    for (int k = 0; k < a.length; k++) {
      for (int t = 0; t < a[k].length; t++) {
        org.junit.jupiter.api.Assertions.assertEquals(10 * Math.log10(a[k][t]), d[k][t], 1e-9);
      }
    }
  }

  @Test
  void stftMatchesScipy() {
    double[] x = Fixtures.get(S, "x");
    int n = (int) Fixtures.get(S, "stft.count")[0];
    for (int i = 0; i < n; i++) {
      String key = "stft." + i;
      double[] p = Fixtures.get(S, key + ".params");
      SpectrogramConfig.Builder b = SpectrogramConfig.stftBuilder()
          .window(Window.values()[(int) p[0]]).nperseg((int) p[1])
          .boundaryZeros(p[4] == 1).padded(p[5] == 1)
          .scaling(SpectrogramConfig.Scaling.values()[(int) p[6]]);
      if (p[2] >= 0) {
        b.noverlap((int) p[2]);
      }
      if (p[3] >= 0) {
        b.nfft((int) p[3]);
      }
      Stft.Result r = Stft.compute(x, p[7], b.build());
      Fixtures.assertClose(Fixtures.get(S, key + ".f"), r.freqs(), key + " f");
      Fixtures.assertClose(Fixtures.get(S, key + ".t"), r.times(), key + " t");
      // compare re and im with a tolerance scaled by the largest |Z|
      double[] re = Fixtures.get(S, key + ".re");
      double[] im = Fixtures.get(S, key + ".im");
      double[] both = new double[2 * re.length];
      System.arraycopy(re, 0, both, 0, re.length);
      System.arraycopy(im, 0, both, re.length, im.length);
      double[] gre = Fixtures.flatten(r.re());
      double[] gim = Fixtures.flatten(r.im());
      double[] got = new double[2 * gre.length];
      System.arraycopy(gre, 0, got, 0, gre.length);
      System.arraycopy(gim, 0, got, gre.length, gim.length);
      Fixtures.assertClose(both, got, key + " Z");
    }
  }

  @Test
  void badArgumentsAreRejected() {
    double[] x = new double[100];
    assertThrows(EcgArgumentException.class,
        () -> Spectrogram.compute(x, 0, SpectrogramConfig.builder().build()));
    assertThrows(EcgArgumentException.class,
        () -> Spectrogram.compute(new double[0], 1, SpectrogramConfig.builder().build()));
    assertThrows(EcgArgumentException.class, () -> Spectrogram.compute(x, 1,
        SpectrogramConfig.builder().nperseg(32).noverlap(32).build()));
    assertThrows(EcgArgumentException.class, () -> Spectrogram.compute(x, 1,
        SpectrogramConfig.builder().nperseg(32).nfft(16).build()));
    assertThrows(EcgArgumentException.class, () -> SpectrogramConfig.builder().nperseg(0));
    assertThrows(EcgArgumentException.class, () -> Spectrogram.compute(x, 1,
        SpectrogramConfig.builder().nperseg(32).nfft(Integer.MAX_VALUE).build()));
    double[] bad = new double[100];
    bad[5] = Double.NaN;
    assertThrows(NanInputException.class,
        () -> Stft.compute(bad, 1, 16));
  }
}
