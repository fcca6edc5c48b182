package dev.ecg.io.qrs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class PanTompkinsPropertiesTest {
  @Property(tries = 60)
  void anyFiniteSignalGivesSortedInRangeDetections(@ForAll @IntRange(min = 1, max = 5000) int n,
      @ForAll @DoubleRange(min = 50, max = 2000) double fs, @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 3) int kind) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      switch (kind) {
        case 0 -> x[i] = rng.nextGaussian();
        case 1 -> x[i] = rng.nextDouble() < 0.01 ? 5 : 0; // spikes
        case 2 -> x[i] = rng.nextDouble() < 0.05 ? Double.NaN : rng.nextGaussian(); // NaN holes
        default -> x[i] = 1e6 * Math.sin(i * 0.3); // huge amplitude
      }
    }
    if (kind == 2) {
      x[0] = 0; // at least one valid sample
    }
    int[] det = PanTompkins.create().detect(x, fs);
    int refractory = (int) Math.round(0.2 * fs);
    for (int i = 0; i < det.length; i++) {
      assertTrue(det[i] >= 0 && det[i] < n);
      assertTrue(!Double.isNaN(x[det[i]]), "detection on a NaN sample");
      if (i > 0) {
        assertTrue(det[i] - det[i - 1] >= refractory);
      }
    }
  }
}
