package dev.ecg.io.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants of filtering and resampling (jqwik). */
class FilterPropertiesTest {
  private static final double[] RATES = {125, 250, 300, 360, 500, 1000};

  private static double[] noise(long seed, int n) {
    Random r = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
    }
    return x;
  }

  private static Sos design(int order, int type, double fs, double u1, double u2) {
    double nyq = fs / 2;
    // edges kept at "reasonable" cutoffs: 0.5 % .. 90 % of Nyquist
    double f1 = nyq * (0.005 + 0.8 * u1);
    double f2 = f1 + (0.9 * nyq - f1) * (0.1 + 0.9 * u2);
    return Butterworth.design(order, Butterworth.BandType.values()[type], f1, f2, fs);
  }

  @Property(tries = 120)
  void filteringIsLinear(@ForAll @IntRange(min = 1, max = 8) int order,
      @ForAll @IntRange(min = 0, max = 3) int type, @ForAll @IntRange(min = 0, max = 5) int rate,
      @ForAll @DoubleRange(min = 0, max = 1) double u1, @ForAll @DoubleRange(min = 0, max = 1) double u2,
      @ForAll @DoubleRange(min = -10, max = 10) double a, @ForAll @DoubleRange(min = -10, max = 10) double b,
      @ForAll long seed) {
    Sos sos = design(order, type, RATES[rate], u1, u2);
    int n = 200 + (int) (Math.abs(seed) % 300);
    double[] x = noise(seed, n);
    double[] y = noise(seed + 1, n);
    double[] comb = new double[n];
    for (int i = 0; i < n; i++) {
      comb[i] = a * x[i] + b * y[i];
    }
    double[] fx = SosFilter.sosfilt(sos, x), fy = SosFilter.sosfilt(sos, y);
    double[] fc = SosFilter.sosfilt(sos, comb);
    double[] gx = SosFilter.filtfilt(sos, x), gy = SosFilter.filtfilt(sos, y);
    double[] gc = SosFilter.filtfilt(sos, comb);
    // rounding grows with the filter's internal gain (order-8 sections with a cut-off at 0.5 %
    // of Nyquist have poles within 1e-3 of the unit circle), so the tolerance is relative to the
    // largest output of the run, not to each sample (filtfilt's initial conditions solve an
    // ill-conditioned system there: 1e-7 relative errors are seen); a nonlinearity is off by O(1)
    double scale = Math.abs(a) + Math.abs(b) + 1;
    double peak = 1 + maxAbs(fx) + maxAbs(fy) + maxAbs(gx) + maxAbs(gy);
    for (int i = 0; i < n; i++) {
      assertEquals(a * fx[i] + b * fy[i], fc[i], 1e-6 * scale * peak);
      assertEquals(a * gx[i] + b * gy[i], gc[i], 1e-6 * scale * peak);
    }
  }

  @Property(tries = 120)
  void filteringIsStable(@ForAll @IntRange(min = 1, max = 8) int order,
      @ForAll @IntRange(min = 0, max = 3) int type, @ForAll @IntRange(min = 0, max = 5) int rate,
      @ForAll @DoubleRange(min = 0, max = 1) double u1, @ForAll @DoubleRange(min = 0, max = 1) double u2,
      @ForAll long seed) {
    Sos sos = design(order, type, RATES[rate], u1, u2);
    // all poles strictly inside the unit circle: |a2| < 1 and |a1| < 1 + a2 for each section
    for (int s = 0; s < sos.numSections(); s++) {
      double a1 = sos.get(s, 4), a2 = sos.get(s, 5);
      assertTrue(Math.abs(a2) < 1 && Math.abs(a1) < 1 + a2, "unstable section " + s + " " + sos);
    }
    // bounded input (|x| <= 1, long enough to ring) -> finite, bounded output
    Random r = new Random(seed);
    double[] x = new double[5000];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextBoolean() ? 1 : -1;
    }
    for (double[] y : new double[][] {SosFilter.sosfilt(sos, x), SosFilter.filtfilt(sos, x)}) {
      for (double v : y) {
        assertTrue(Double.isFinite(v) && Math.abs(v) < 1e4, "output " + v);
      }
    }
  }

  @Property(tries = 60)
  void upThenDownPreservesBandLimitedSine(@ForAll @IntRange(min = 1, max = 7) int up,
      @ForAll @IntRange(min = 1, max = 7) int down,
      @ForAll @DoubleRange(min = 0.0, max = 0.125) @net.jqwik.api.constraints.Scale(4) double freq,
      @ForAll @DoubleRange(min = 0, max = 6.3) double phase) {
    // sine at <= 0.125 * min/max cycles per input sample, i.e. at most a quarter of the lower
    // Nyquist rate: inside the flat part of the Kaiser (beta 5) passband, whose ripple near the
    // band edge is about 2e-3 per pass
    int n = 600;
    double f = freq * Math.min(1.0, (double) Math.min(up, down) / Math.max(up, down));
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.sin(2 * Math.PI * f * i + phase);
    }
    // SciPy's default filter (beta 5) has ~0.2 % pass-band ripple per pass: SciPy itself
    // deviates by up to 3.2e-3 on this round trip, so 1e-3 is asserted with the sharper filter
    // and 4e-3 with the default one.
    double[] y = Resample.poly(Resample.poly(x, up, down, Resample.HIGH_QUALITY_BETA), down, up,
        Resample.HIGH_QUALITY_BETA);
    double[] d = Resample.poly(Resample.poly(x, up, down), down, up);
    int g = Resample.gcd(up, down);
    int hi = Math.max(up, down) / g, lo = Math.min(up, down) / g;
    // the anti-aliasing FIR reaches 10 * hi / lo input samples each way; stay twice that far
    int margin = Math.min(250, 20 * hi / lo + 5);
    for (int i = margin; i < n - margin; i++) {
      assertEquals(x[i], y[i], 1e-3, "sample " + i + " up " + up + " down " + down + " f " + f);
      assertEquals(x[i], d[i], 4e-3, "default beta, sample " + i + " up " + up + " down " + down);
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double d : v) {
      m = Math.max(m, Math.abs(d));
    }
    return m;
  }
}
