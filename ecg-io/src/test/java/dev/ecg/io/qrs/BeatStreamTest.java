package dev.ecg.io.qrs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.io.Record;
import dev.ecg.io.pipeline.Pipeline;
import dev.ecg.io.pipeline.SignalWindows;
import dev.ecg.io.pipeline.Step;
import dev.ecg.io.testdata.MitBihLead0;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The streaming front end finds the beats the batch pipeline of the bundled beat model finds
 * (resample to 125 Hz, baseline, qrs-windows with Pan-Tompkins), at the same input samples.
 */
class BeatStreamTest {

  static final Pipeline FRONT = Pipeline.of(new Step.Resample(125), new Step.Baseline(),
      new Step.QrsWindows(32, 56, Step.Detector.PAN_TOMPKINS, 0, Step.QrsWindows.Edges.ZERO));

  @Test
  void equalsTheBatchPipelineOnAll48MitBihRecords() {
    Optional<List<Record>> data = MitBihLead0.load();
    Assumptions.assumeTrue(data.isPresent(), DataDir.missingMessage("mitdb"));
    Random chunks = new Random(19);
    List<Long> delays = new ArrayList<>();
    int beats = 0;
    for (Record r : data.get()) {
      SignalWindows batch = FRONT.run(r);
      double[] x = r.channel(0);
      BeatStream st = new BeatStream(r.fs(), 125, true, PanTompkins.create());
      List<Long> got = new ArrayList<>();
      boolean fine = chunks.nextBoolean();
      int i = 0;
      while (i < x.length) {
        int c = Math.min(x.length - i, 1 + chunks.nextInt(fine ? 8 : 3600));
        for (BeatStream.Peak p : st.push(x, i, c)) {
          got.add(p.sample());
          if (fine) {
            delays.add((long) i + c - p.sample());
          }
        }
        i += c;
      }
      for (BeatStream.Peak p : st.finish()) {
        got.add(p.sample());
      }
      assertArrayEquals(batch.samples(), got.stream().mapToLong(Long::longValue).toArray(),
          "record " + r.name());
      beats += got.size();
    }
    long[] d = delays.stream().mapToLong(Long::longValue).sorted().toArray();
    double fs = 360;
    System.out.printf(Locale.ROOT, "BeatStream (360 -> 125 Hz, baseline, Pan-Tompkins) on 48 "
        + "MIT-BIH records: %d beats equal to the batch pipeline; delay from R peak to emission "
        + "over %d beats (s): median %.3f, p90 %.3f, p99 %.3f, max %.3f%n", beats, d.length,
        d[d.length / 2] / fs, d[(int) (d.length * 0.9)] / fs, d[(int) (d.length * 0.99)] / fs,
        d[d.length - 1] / fs);
    assertEquals(48, data.get().size());
    assertTrue(d[d.length / 2] / fs < 1.2, "median delay " + d[d.length / 2] / fs);
  }
}
