package dev.ecg.io.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FixedWindowSegmenterTest {

  @Property(tries = 300)
  void neverReadsOutsideTheSignal(@ForAll @IntRange(min = 1, max = 400) int n,
      @ForAll @IntRange(min = 0, max = 60) int before, @ForAll @IntRange(min = 1, max = 60) int after,
      @ForAll @Size(max = 40) List<@IntRange(min = -100, max = 600) Integer> peaks) {
    Assume.that(before + after <= n);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i; // sample value = its index, so each window shows where it was read from
    }
    long[] p = peaks.stream().mapToLong(Integer::longValue).toArray();
    BeatSet b = new FixedWindowSegmenter(before, after).segment("r", x, p, null);
    int inside = 0;
    for (long r : p) {
      if (r - before >= 0 && r + after <= n) {
        inside++;
      }
    }
    assertEquals(inside, b.size());
    assertEquals(p.length - inside, b.skippedAtEdge());
    for (int k = 0; k < b.size(); k++) {
      float[] w = b.x()[k];
      assertEquals(before + after, w.length);
      for (int j = 0; j < w.length; j++) {
        assertEquals(b.rPeaks()[k] - before + j, w[j], 0.0);
      }
      assertEquals(-1, b.labels()[k]);
    }
  }

  @Property(tries = 100)
  void windowLongerThanSignalIsRejected(@ForAll @IntRange(min = 1, max = 100) int n,
      @ForAll @IntRange(min = 0, max = 100) int before, @ForAll @IntRange(min = 1, max = 100) int after) {
    Assume.that(before + after > n);
    SegmentationException e = assertThrows(SegmentationException.class,
        () -> new FixedWindowSegmenter(before, after).segment("r", new double[n], new long[] {0},
            null));
    assertTrue(e.getMessage().contains("longer than"));
  }

  @Test
  void labelsComeFromBeatAnnotations() {
    double[] x = new double[1000];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(i * 0.01);
    }
    List<Annotation> ann = List.of(Annotation.of(5, "N"), new Annotation(100, "+", 0, 0, 0, "(N"),
        Annotation.of(200, "V"), Annotation.of(300, "~"), Annotation.of(400, "A"),
        Annotation.of(500, "F"), Annotation.of(600, "/"), Annotation.of(990, "N"));
    Record r = new Record("t", 360, List.of("MLII"), List.of("mV"), new double[][] {x}, ann);
    BeatSet b = new FixedWindowSegmenter(10, 20).segment(r, 0);
    assertArrayEquals(new int[] {2, 1, 3, 4}, b.labels()); // V, A->S, F, / -> Q
    assertArrayEquals(new long[] {200, 400, 500, 600}, b.rPeaks());
    assertArrayEquals(new String[] {"V", "A", "F", "/"}, b.symbols());
    assertEquals(2, b.skippedAtEdge()); // 5 and 990
    assertArrayEquals(new int[] {0, 1, 1, 1, 1}, b.classCounts());
    assertEquals((float) x[190], b.x()[0][0]);
    assertEquals(30, b.windowLength());
  }

  @Test
  void nanWindowsAreSkippedAndCounted() {
    double[] x = new double[100];
    x[50] = Double.NaN;
    BeatSet b = new FixedWindowSegmenter(5, 5).segment("n", x, new long[] {20, 48, 80},
        new String[] {"N", "N", "V"});
    assertEquals(2, b.size());
    assertEquals(1, b.skippedInvalid());
    assertArrayEquals(new int[] {0, 2}, b.labels());
  }

  @Test
  void badArguments() {
    assertThrows(SegmentationException.class, () -> new FixedWindowSegmenter(-1, 5));
    assertThrows(SegmentationException.class, () -> new FixedWindowSegmenter(5, 0));
    assertThrows(SegmentationException.class,
        () -> new FixedWindowSegmenter(1, 1).segment("e", new double[0], new long[0], null));
    assertThrows(SegmentationException.class,
        () -> new FixedWindowSegmenter(1, 1).segment("e", new double[5], new long[2],
            new String[1]));
    assertThrows(SegmentationException.class, () -> FixedWindowSegmenter.ofSeconds(0.1, 0.1, 0));
    assertTrue(new SegmentationException("x") instanceof EcgArgumentException);
    assertEquals(72 + 108, FixedWindowSegmenter.ofSeconds(0.2, 0.3, 360).length());
  }
}
