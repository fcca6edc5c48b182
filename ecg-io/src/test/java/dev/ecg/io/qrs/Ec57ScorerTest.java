package dev.ecg.io.qrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Ec57ScorerTest {
  private static final Ec57Scorer NO_MARGIN = Ec57Scorer.builder().optMargins(0, 0).build();

  /** Beats every 0.8 s at 360 Hz, starting at 1 s. */
  private static long[] regular(int count) {
    long[] r = new long[count];
    for (int i = 0; i < count; i++) {
      r[i] = 360 + 288L * i;
    }
    return r;
  }

  @Property(tries = 100)
  void perfectDetectionsScoreOne(@ForAll @IntRange(min = 1, max = 300) int beats) {
    long[] ref = regular(beats);
    Ec57Scorer.RecordScore s = NO_MARGIN.score("p", ref, ref.clone(), 360, ref[beats - 1] + 360,
        List.of());
    assertEquals(beats, s.tp());
    assertEquals(0, s.fn());
    assertEquals(0, s.fp());
    assertEquals(1.0, s.sensitivity());
    assertEquals(1.0, s.positivePredictivity());
    assertEquals(0.0, s.meanErrorMs());
  }

  @Property(tries = 100)
  void shiftsBeyondTheWindowAreMisses(@ForAll @IntRange(min = 1, max = 200) int beats,
      @ForAll @IntRange(min = 55, max = 120) int shift) {
    // 150 ms at 360 Hz is 54 samples; beats are 288 samples apart, so a shift of 55..120 samples
    // lands neither on its own beat nor on the next one (288 - 120 = 168 > 54)
    long[] ref = regular(beats);
    long[] det = new long[beats];
    for (int i = 0; i < beats; i++) {
      det[i] = ref[i] + shift;
    }
    Ec57Scorer.RecordScore s = NO_MARGIN.score("s", ref, det, 360, ref[beats - 1] + 1000,
        List.of());
    assertEquals(0, s.tp());
    assertEquals(beats, s.fn());
    assertEquals(beats, s.fp());
    assertEquals(0.0, s.sensitivity());
  }

  @Property(tries = 100)
  void shiftsWithinTheWindowAreMatches(@ForAll @IntRange(min = 1, max = 200) int beats,
      @ForAll @IntRange(min = -54, max = 54) int shift) {
    long[] ref = regular(beats);
    long[] det = new long[beats];
    for (int i = 0; i < beats; i++) {
      det[i] = ref[i] + shift;
    }
    Ec57Scorer.RecordScore s = NO_MARGIN.score("s", ref, det, 360, ref[beats - 1] + 1000,
        List.of());
    assertEquals(beats, s.tp());
    assertEquals(shift * 1000.0 / 360, s.meanErrorMs(), 1e-9);
  }

  @Test
  void handCountedExample() {
    // ref at 1000, 2000, 3000, 4000; detections: 1010 (TP), 2100 (FP, 100 > 54), 3000 (TP),
    // 3500 (FP); 2000 and 4000 are missed
    long[] ref = {1000, 2000, 3000, 4000};
    int[] det = {1010, 2100, 3000, 3500};
    Ec57Scorer.RecordScore s = NO_MARGIN.score("h", ref, det, 360, 5000, List.of());
    assertEquals(2, s.tp());
    assertEquals(2, s.fn());
    assertEquals(2, s.fp());
    assertEquals(0.5, s.sensitivity());
    assertEquals(0.5, s.positivePredictivity());
    assertEquals(1.0, s.errorRate());
    assertEquals(10 * 1000.0 / 360 / 2, s.meanErrorMs(), 1e-9);
  }

  @Test
  void marginsAndExcludedIntervalsAreNotScored() {
    Ec57Scorer scorer = Ec57Scorer.builder().build(); // 1 s margins
    long[] ref = {100, 1000, 2000, 3000, 3500};
    int[] det = {200, 1000, 2500, 3550};
    // length 3600 at 360 Hz: scored [360, 3240); 100 and 3500/3550 fall in the margins
    // excluded [1900, 2600): 2000 and 2500 are ignored
    Ec57Scorer.RecordScore s = scorer.score("m", ref, det, 360, 3600,
        List.of(new long[] {1900, 2600}));
    assertEquals(1, s.tp()); // 1000
    assertEquals(1, s.fn()); // 3000
    assertEquals(0, s.fp());
  }

  @Test
  void grossPoolsCounts() {
    Ec57Scorer.RecordScore a = new Ec57Scorer.RecordScore("a", 90, 10, 0, 1.0, 0.0);
    Ec57Scorer.RecordScore b = new Ec57Scorer.RecordScore("b", 10, 0, 10, 3.0, 0.0);
    Ec57Scorer.RecordScore g = Ec57Scorer.gross(List.of(a, b));
    assertEquals(100, g.tp());
    assertEquals(0.9090909, g.sensitivity(), 1e-6);
    assertEquals(100.0 / 110, g.positivePredictivity(), 1e-12);
    assertEquals(1.2, g.meanErrorMs(), 1e-12); // (90*1 + 10*3) / 100
  }

  @Test
  void referenceBeatsAndFlutterIntervalsFromAnnotations() {
    List<Annotation> ann = List.of(Annotation.of(5, "N"), new Annotation(6, "+", 0, 0, 0, "(VFL"),
        Annotation.of(10, "["), Annotation.of(12, "!"), Annotation.of(20, "]"),
        Annotation.of(30, "V"), Annotation.of(31, "~"), Annotation.of(40, "/"));
    assertEquals(List.of(5L, 30L, 40L), java.util.Arrays.stream(Ec57Scorer.referenceBeats(ann))
        .boxed().toList());
    List<long[]> f = Ec57Scorer.flutterIntervals(ann);
    assertEquals(1, f.size());
    assertEquals(10, f.get(0)[0]);
    assertEquals(21, f.get(0)[1]);
  }

  @Test
  void badArguments() {
    assertThrows(InvalidSignalException.class,
        () -> NO_MARGIN.score("x", new long[] {1}, new int[] {1}, 0, 10, List.of()));
    assertThrows(InvalidSignalException.class,
        () -> NO_MARGIN.score("x", new long[] {5, 1}, new int[] {1}, 360, 10, List.of()));
    assertThrows(InvalidSignalException.class,
        () -> NO_MARGIN.score("x", new long[] {1}, new int[] {3, 2}, 360, 10, List.of()));
    assertThrows(EcgArgumentException.class, () -> Ec57Scorer.builder().optMargins(-1, 0));
    assertThrows(EcgArgumentException.class, () -> Ec57Scorer.builder().optWindowSeconds(0));
    assertTrue(Double.isNaN(NO_MARGIN.score("e", new long[0], new int[0], 360, 10, List.of())
        .sensitivity()));
  }
}
