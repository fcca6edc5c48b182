package dev.ecg.io.qrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.synth.NoiseType;
import dev.ecg.io.synth.SyntheticEcg;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TwoAverageDetectorTest {
  private static final TwoAverageDetector D = TwoAverageDetector.create();

  @ParameterizedTest
  @ValueSource(doubles = {128, 250, 360, 500})
  void findsEverySyntheticBeatAt20Db(double fs) {
    SyntheticEcg s = EcgSyn.builder().optSamplingRate(fs).optDuration(120).optHeartRate(80)
        .optPvcProbability(0.05).optAtrialFibrillation(40, 80).optSeed(21)
        .optNoise(20, NoiseType.values()).build().generate();
    Ec57Scorer.RecordScore r = Ec57Scorer.builder().build().score("t",
        Arrays.stream(s.rPeaks()).asLongStream().toArray(), D.detect(s.signal(), fs), fs,
        s.signal().length, List.of());
    assertEquals(0, r.fn(), r.toString());
    assertEquals(0, r.fp(), r.toString());
  }

  @Test
  void badAndDegenerateInput() {
    assertThrows(InvalidSignalException.class, () -> D.detect(new double[10], 0));
    assertThrows(InvalidSignalException.class, () -> D.detect(new double[0], 360));
    assertEquals(0, D.detect(new double[3600], 360).length); // flat
    assertEquals(0, D.detect(new double[5], 360).length); // too short to filter
    assertEquals(0, D.detect(new double[1000], 30).length); // rate too low for 8-20 Hz
    assertThrows(dev.ecg.core.EcgArgumentException.class, () -> D.withBeta(0));
    SyntheticEcg s = EcgSyn.builder().optDuration(30).optSeed(9).build().generate();
    double[] x = s.signal().clone();
    int from = (int) (10 * s.fs());
    int to = (int) (13 * s.fs());
    Arrays.fill(x, from, to, Double.NaN);
    for (int d : D.detect(x, s.fs())) {
      assertTrue(d < from || d >= to, "detection inside the NaN run at " + d);
    }
  }
}
