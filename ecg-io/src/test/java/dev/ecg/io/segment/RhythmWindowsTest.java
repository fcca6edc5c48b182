package dev.ecg.io.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.segment.RhythmWindows.Crop;
import dev.ecg.io.segment.RhythmWindows.Pad;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RhythmWindowsTest {
  private static final double[] X = {1, 2, 3, 4, 5, 6, 7};

  @Test
  void cropAndPad() {
    assertArrayEquals(new double[] {1, 2, 3}, RhythmWindows.cropOrPad(X, 3, Crop.START, Pad.ZERO, 0));
    assertArrayEquals(new double[] {3, 4, 5}, RhythmWindows.cropOrPad(X, 3, Crop.CENTER, Pad.ZERO, 0));
    assertArrayEquals(new double[] {2, 3, 4, 5}, RhythmWindows.cropOrPad(X, 4, Crop.CENTER, Pad.ZERO, 0));
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 0, 0},
        RhythmWindows.cropOrPad(X, 9, Crop.START, Pad.ZERO, 0));
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 7, 7},
        RhythmWindows.cropOrPad(X, 9, Crop.RANDOM, Pad.EDGE, 0));
    assertThrows(SegmentationException.class,
        () -> RhythmWindows.cropOrPad(X, 0, Crop.START, Pad.ZERO, 0));
    assertThrows(SegmentationException.class,
        () -> RhythmWindows.cropOrPad(new double[0], 3, Crop.START, Pad.ZERO, 0));
  }

  @Test
  void cropOrPadARecord() {
    Record r = new Record("c", 2, List.of("II"), List.of("mV"), new double[][] {X}, List.of());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 0}, RhythmWindows.cropOrPad(r, 0, 4,
        Crop.START, Pad.ZERO, 0));
    assertArrayEquals(new float[] {3, 4, 5}, RhythmWindows.cropOrPad(r, 0, 1.5, Crop.CENTER,
        Pad.ZERO, 0));
    assertThrows(SegmentationException.class,
        () -> RhythmWindows.cropOrPad(r, 0, 0, Crop.START, Pad.ZERO, 0));
    assertThrows(SegmentationException.class,
        () -> RhythmWindows.cropOrPad(r, 2, 1, Crop.START, Pad.ZERO, 0));
  }

  @Property(tries = 100)
  void randomCropIsAContiguousSeededSlice(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 7) int len) {
    double[] a = RhythmWindows.cropOrPad(X, len, Crop.RANDOM, Pad.ZERO, seed);
    assertArrayEquals(a, RhythmWindows.cropOrPad(X, len, Crop.RANDOM, Pad.ZERO, seed));
    for (int i = 1; i < len; i++) {
      assertEquals(a[i - 1] + 1, a[i]);
    }
  }

  @Test
  void slidingWindowsTakeTheCoveringRhythm() {
    // 3000 samples at 100 Hz: (N from 0, (AFIB from 1000, (N from 2600
    double[] x = new double[3000];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    List<Annotation> ann = List.of(new Annotation(0, "+", 0, 0, 0, "(N"),
        new Annotation(1000, "+", 0, 0, 0, "(AFIB"), Annotation.of(1500, "N"),
        new Annotation(2600, "+", 0, 0, 0, "(N"));
    Record r = new Record("w", 100, List.of("II"), List.of("mV"), new double[][] {x}, ann);
    // 5 s = 500 samples, 50 % overlap -> starts 0, 250, ..., 2500 (11 windows)
    RhythmWindows.Windows w = RhythmWindows.sliding(r, 0, 5, 0.5, 0.9);
    // [0,500) N 1.0; [250,750) N 1.0; [500,1000) N 1.0; [750,1250) 0.5 dropped;
    // [1000,1500) AFIB; [1250,1750); [1500,2000); [1750,2250); [2000,2500) AFIB 1.0;
    // [2250,2750) AFIB 0.7 dropped; [2500,3000) N 0.8 dropped
    assertArrayEquals(new long[] {0, 250, 500, 1000, 1250, 1500, 1750, 2000}, w.starts());
    assertArrayEquals(new String[] {"N", "N", "N", "AFIB", "AFIB", "AFIB", "AFIB", "AFIB"},
        w.rhythms());
    assertEquals(3, w.dropped());
    assertEquals(1000f, w.x()[3][0]);
    RhythmWindows.Windows loose = RhythmWindows.sliding(r, 0, 5, 0.5, 0.5);
    assertEquals(11, loose.size());
    assertEquals(0.5, loose.coverage()[3], 1e-12);
    assertThrows(SegmentationException.class, () -> RhythmWindows.sliding(r, 0, 31, 0.5, 0.9));
    assertThrows(SegmentationException.class, () -> RhythmWindows.sliding(r, 0, 5, 1.0, 0.9));
    assertThrows(SegmentationException.class, () -> RhythmWindows.sliding(r, 0, 5, 0.5, 0));
    assertThrows(SegmentationException.class, () -> RhythmWindows.sliding(r, 1, 5, 0.5, 0.9));
  }
}
