package dev.ecg.io.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.labels.AamiClass;
import dev.ecg.io.Record;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.synth.SyntheticEcg;
import dev.ecg.io.testdata.MitBihLead0;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class KachueeSegmenterTest {
  private static final KachueeSegmenter K = new KachueeSegmenter();

  @Test
  void beatsStartAtTheRPeakAndArePaddedAfterOnePointTwoRr() {
    // 60 bpm with almost no variability: median RR = 125 samples at 125 Hz, so each beat holds
    // round(1.2 * 125) = 150 signal samples followed by 37 zeros
    SyntheticEcg s = EcgSyn.builder().optDuration(60).optHeartRate(60).optHeartRateStd(0.01)
        .optSeed(3).build().generate();
    BeatSet b = K.segment(s.record(), 0);
    assertEquals(s.rPeaks().length, b.size() + b.skippedAtEdge() + b.skippedInvalid());
    assertTrue(b.size() >= 55, "beats " + b.size());
    int checked = 0;
    for (int k = 0; k < b.size(); k++) {
      float[] beat = b.x()[k];
      assertEquals(KachueeSegmenter.LENGTH, beat.length);
      for (float v : beat) {
        assertTrue(v >= 0f && v <= 1f, "value " + v);
      }
      long at125 = Math.round(b.rPeaks()[k] * 125.0 / 360.0);
      long windowEnd = (at125 / 1250 + 1) * 1250;
      if (at125 + 150 <= windowEnd) {
        for (int i = 150; i < 187; i++) {
          assertEquals(0f, beat[i], "padding at " + i);
        }
        assertTrue(beat[149] > 0f);
        checked++;
      }
      // the R peak is the top of its 10 s window (allowing for resampling and HRV jitter)
      assertTrue(beat[0] > 0.85f, "R value " + beat[0]);
    }
    assertTrue(checked > 40);
    assertEquals(b.size(), b.classCounts()[AamiClass.N.ordinal()]);
  }

  @Test
  void nanWindowsDropTheirBeats() {
    SyntheticEcg s = EcgSyn.builder().optDuration(30).optSeed(3).build().generate();
    double[] x = s.signal().clone();
    x[(int) (15 * s.fs())] = Double.NaN; // inside the second 10 s window
    long[] peaks = Arrays.stream(s.rPeaks()).asLongStream().toArray();
    BeatSet b = K.segment("nan", x, s.fs(), peaks, s.symbols());
    BeatSet clean = K.segment("clean", s.signal(), s.fs(), peaks, s.symbols());
    assertTrue(b.skippedInvalid() >= 9, "invalid " + b.skippedInvalid());
    assertEquals(clean.size(), b.size() + b.skippedInvalid());
  }

  @net.jqwik.api.Property(tries = 50)
  void anyPeaksGiveBoundedBeats(
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 6000) int n,
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.Size(max = 60)
          List<@net.jqwik.api.constraints.IntRange(min = -50, max = 6100) Integer> peaks,
      @net.jqwik.api.ForAll long seed) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian();
    }
    long[] p = peaks.stream().mapToLong(Integer::longValue).sorted().toArray();
    BeatSet b = K.segment("p", x, 360, p, null);
    assertEquals(p.length, b.size() + b.skippedAtEdge() + b.skippedInvalid());
    for (float[] beat : b.x()) {
      assertEquals(KachueeSegmenter.LENGTH, beat.length);
      for (float v : beat) {
        assertTrue(v >= 0f && v <= 1f);
      }
    }
  }

  @Test
  void badInput() {
    assertThrows(SegmentationException.class,
        () -> K.segment("e", new double[0], 360, new long[0], null));
    assertThrows(SegmentationException.class,
        () -> K.segment("e", new double[10], 0, new long[0], null));
    assertThrows(SegmentationException.class,
        () -> K.segment("e", new double[10], 360, new long[] {5, 2}, null));
    BeatSet out = K.segment("e", new double[10], 360, new long[] {-4, 50}, null);
    assertEquals(0, out.size());
    assertEquals(2, out.skippedAtEdge());
  }

  @Test
  void mitBihYieldsAbout109kBeats() {
    Optional<List<Record>> data = MitBihLead0.load();
    Assumptions.assumeTrue(data.isPresent(), DataDir.missingMessage("mitdb"));
    List<BeatSet> sets = new ArrayList<>();
    for (Record r : data.get()) {
      sets.add(K.segment(r, 0));
    }
    BeatSet all = BeatSet.concat(sets);
    System.out.println("Kachuee MIT-BIH: " + all + " classes " + AamiClass.NAMES);
    // 109,494 beat annotations in the database (Moody and Mark 2001)
    assertEquals(109_494, all.size() + all.skippedAtEdge() + all.skippedInvalid());
    assertTrue(all.size() > 109_000, "beats " + all.size());
    for (float[] beat : all.x()) {
      assertEquals(187, beat.length);
      for (float v : beat) {
        assertTrue(v >= 0f && v <= 1f);
      }
    }
    int[] c = all.classCounts();
    // lower bounds on the AAMI class sizes of the 109,494 MIT-BIH beat annotations (symbol counts
    // of the database mapped with the standard AAMI table, e.g. V = 'V' 7,130 + 'E' 106)
    assertTrue(c[0] > 89_000 && c[1] > 2_700 && c[2] > 7_000 && c[3] > 800 && c[4] > 8_000,
        Arrays.toString(c));
  }
}
