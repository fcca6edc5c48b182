package dev.ecg.io.qrs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.synth.NoiseType;
import dev.ecg.io.synth.SyntheticEcg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Degradation of Pan-Tompkins with noise: the same 10 synthetic records (5 min each, 50-140 bpm,
 * 0-10 % PVCs, half with a 140 s AF episode) with all four noise kinds at 20, 15, 10, 5 and 0 dB
 * SNR. Prints the Markdown table of {@code docs/qrs-and-segmentation.md}.
 */
class SyntheticNoiseSweepTest {
  static final double[] SNRS = {20, 15, 10, 5, 0};

  static List<SyntheticEcg> records(double snr) {
    List<SyntheticEcg> out = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      EcgSyn.Builder b = EcgSyn.builder().optSeed(1000 + k).optDuration(300)
          .optHeartRate(50 + 10 * k).optHeartRateStd(3).optPvcProbability(0.05 * (k % 3))
          .optNoise(snr, NoiseType.values());
      if (k % 2 == 1) {
        b.optAtrialFibrillation(60, 200);
      }
      out.add(b.build().generate());
    }
    return out;
  }

  @Test
  void detectionDegradesGracefullyWithNoise() {
    PanTompkins pt = PanTompkins.create();
    Ec57Scorer scorer = Ec57Scorer.builder().build();
    StringBuilder table = new StringBuilder("| SNR dB | beats | TP | FN | FP | Se % | +P % | "
        + "mean err ms | sd err ms |\n|---|---|---|---|---|---|---|---|---|\n");
    Ec57Scorer.RecordScore[] gross = new Ec57Scorer.RecordScore[SNRS.length];
    for (int i = 0; i < SNRS.length; i++) {
      List<Ec57Scorer.RecordScore> scores = new ArrayList<>();
      for (SyntheticEcg s : records(SNRS[i])) {
        scores.add(scorer.score(s.record().name(),
            Arrays.stream(s.rPeaks()).asLongStream().toArray(), pt.detect(s.signal(), s.fs()),
            s.fs(), s.signal().length, List.of()));
      }
      Ec57Scorer.RecordScore g = Ec57Scorer.gross(scores);
      gross[i] = g;
      table.append(g.markdownRow().replaceFirst("gross", String.valueOf((int) SNRS[i])))
          .append('\n');
    }
    System.out.println(table);
    assertTrue(gross[0].sensitivity() >= 0.999 && gross[0].positivePredictivity() >= 0.999,
        gross[0].toString());
    // more noise never helps: errors at 0 dB exceed those at 20 dB, yet most beats are found
    assertTrue(gross[4].fn() + gross[4].fp() > gross[0].fn() + gross[0].fp());
    assertTrue(gross[4].sensitivity() > 0.95, gross[4].toString());
  }
}
