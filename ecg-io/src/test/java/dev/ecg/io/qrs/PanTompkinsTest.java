package dev.ecg.io.qrs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.synth.NoiseType;
import dev.ecg.io.synth.SyntheticEcg;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PanTompkinsTest {
  private static final PanTompkins PT = PanTompkins.create();
  private static final Ec57Scorer SCORER = Ec57Scorer.builder().build();

  private static Ec57Scorer.RecordScore score(SyntheticEcg s, int[] det) {
    return SCORER.score(s.record().name(), Arrays.stream(s.rPeaks()).asLongStream().toArray(),
        det, s.fs(), s.signal().length, List.of());
  }

  @Test
  void rejectsBadInput() {
    assertThrows(InvalidSignalException.class, () -> PT.detect(new double[100], 0));
    assertThrows(InvalidSignalException.class, () -> PT.detect(new double[100], -360));
    assertThrows(InvalidSignalException.class, () -> PT.detect(new double[100], Double.NaN));
    assertThrows(InvalidSignalException.class,
        () -> PT.detect(new double[100], Double.POSITIVE_INFINITY));
    assertThrows(InvalidSignalException.class, () -> PT.detect(new double[0], 360));
    assertThrows(InvalidSignalException.class, () -> PT.detect((double[]) null, 360));
    double[] nan = new double[50];
    Arrays.fill(nan, Double.NaN);
    assertThrows(InvalidSignalException.class, () -> PT.detect(nan, 360));
    double[] inf = new double[50];
    inf[7] = Double.NEGATIVE_INFINITY;
    InvalidSignalException e = assertThrows(InvalidSignalException.class, () -> PT.detect(inf, 360));
    assertTrue(e.getMessage().contains("index 7"), e.getMessage());
    assertTrue(new InvalidSignalException("x") instanceof EcgArgumentException);
    assertThrows(EcgArgumentException.class, () -> PanTompkins.builder().optRefractorySeconds(0));
    assertThrows(EcgArgumentException.class, () -> PanTompkins.builder().optSearchBackFactor(1));
  }

  @Test
  void detectsOnARecordChannel() {
    SyntheticEcg s = EcgSyn.builder().optDuration(20).optSeed(12).build().generate();
    QrsDetector d = PT;
    assertArrayEquals(d.detect(s.signal(), s.fs()), d.detect(s.record(), 0));
    assertThrows(InvalidSignalException.class, () -> d.detect(s.record(), 1));
    assertThrows(InvalidSignalException.class, () -> d.detect(s.record(), -1));
  }

  @Test
  void flatAndTinySignalsGiveNoBeats() {
    assertEquals(0, PT.detect(new double[3600], 360).length);
    assertEquals(0, PT.detect(new double[] {1.0}, 360).length);
    assertEquals(0, PT.detect(new double[] {0, 1, 0}, 360).length);
  }

  // detection of every synthetic beat at 20 dB SNR (>= 99.9 %): see SyntheticNoiseSweepTest

  @ParameterizedTest
  @ValueSource(doubles = {128, 250, 360, 500, 1000})
  void worksAtAnySamplingRate(double fs) {
    SyntheticEcg s = EcgSyn.builder().optSamplingRate(fs).optDuration(60).optHeartRate(75)
        .optSeed(5).optNoise(25, NoiseType.MUSCLE, NoiseType.BASELINE_WANDER).build().generate();
    Ec57Scorer.RecordScore r = score(s, PT.detect(s.signal(), fs));
    assertEquals(0, r.fn(), r.toString());
    assertEquals(0, r.fp(), r.toString());
    // peak correction lands within 20 ms of the true R peak
    assertTrue(Math.abs(r.meanErrorMs()) < 20, r.toString());
  }

  @Test
  void nanRunsAreBridgedAndNeverReported() {
    SyntheticEcg s = EcgSyn.builder().optDuration(30).optHeartRate(60).optSeed(9).build()
        .generate();
    double[] x = s.signal().clone();
    int from = (int) (10 * s.fs());
    int to = (int) (13 * s.fs());
    Arrays.fill(x, from, to, Double.NaN);
    int[] det = PT.detect(x, s.fs());
    for (int d : det) {
      assertTrue(d < from || d >= to, "detection inside the NaN run at " + d);
    }
    // beats outside the gap (and 1 s away from it) are still found
    long[] refOutside = Arrays.stream(s.rPeaks()).filter(r -> r < from - 360 || r >= to + 360)
        .asLongStream().toArray();
    int[] detOutside = Arrays.stream(det).filter(r -> r < from - 360 || r >= to + 360).toArray();
    Ec57Scorer.RecordScore r = SCORER.score("nan", refOutside, detOutside, s.fs(), x.length,
        List.of());
    assertEquals(0, r.fn(), r.toString());
    assertEquals(0, r.fp(), r.toString());
  }

  @Test
  void outputIsSortedInsideTheSignalAndRespectsTheRefractoryPeriod() {
    SyntheticEcg s = EcgSyn.builder().optDuration(120).optHeartRate(150).optSeed(3)
        .optPvcProbability(0.2).optNoise(5, NoiseType.values()).build().generate();
    int[] det = PT.detect(s.signal(), s.fs());
    assertTrue(det.length > 0);
    for (int i = 0; i < det.length; i++) {
      assertTrue(det[i] >= 0 && det[i] < s.signal().length);
      if (i > 0) {
        assertTrue(det[i] - det[i - 1] >= 0.2 * s.fs(), "refractory at " + det[i]);
      }
    }
    assertArrayEquals(det, PT.detect(s.signal(), s.fs()), "deterministic");
  }
}
