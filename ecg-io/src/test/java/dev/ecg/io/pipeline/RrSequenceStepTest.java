package dev.ecg.io.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code rr-sequence} step; expected values are worked by hand. */
class RrSequenceStepTest {

  private static Record withBeats(double fs, long... samples) {
    List<Annotation> beats = new java.util.ArrayList<>();
    for (long s : samples) {
      beats.add(new Annotation(s, "N", 0, 0, 0, ""));
    }
    return new Record("r", fs, List.of("I"), List.of("mV"), new double[][] {new double[400]},
        beats);
  }

  private static Step step(int length) {
    return Step.of("rr-sequence", "length", length, "detector", "annotations");
  }

  @Test
  void intervalsRelativeValuesAndRepetition() {
    // beats at 0, 100, 250, 300 at 100 Hz: RR 1.0, 1.5, 0.5 s, median 1.0
    SignalWindows s = Pipeline.run(withBeats(100, 300, 0, 100, 250), List.of(step(5)));
    assertEquals(List.of("rr", "rr-rel"), s.leadNames());
    assertEquals(1, s.windows().size());
    assertArrayEquals(new double[] {1.0, 1.5, 0.5, 1.0, 1.5}, s.windows().get(0)[0], 1e-12);
    assertArrayEquals(new double[] {0, 0.5, -0.5, 0, 0.5}, s.windows().get(0)[1], 1e-12);
  }

  @Test
  void truncatesAndClipsAndEvenMedian() {
    // beats at 0, 50, 100, 400 at 100 Hz: RR 0.5, 0.5, 3.0, median 0.5; 3.0/0.5-1 = 5 -> 1
    SignalWindows s = Pipeline.run(withBeats(100, 0, 50, 100, 399), List.of(step(2)));
    assertArrayEquals(new double[] {0.5, 0.5}, s.windows().get(0)[0], 1e-12);
    double[][] w = Step.RrSequence.sequence(new long[] {0, 50, 100, 399}, 100, 3);
    assertArrayEquals(new double[] {0, 0, 1}, w[1], 1e-12);
    // four intervals 1, 2, 3, 4 s: even count, median 2.5
    double[][] e = Step.RrSequence.sequence(new long[] {0, 10, 30, 60, 100}, 10, 4);
    assertArrayEquals(new double[] {1 / 2.5 - 1, 2 / 2.5 - 1, 3 / 2.5 - 1, 4 / 2.5 - 1}, e[1],
        1e-12);
  }

  @Test
  void fewerThanTwoBeatsGiveZeros() {
    SignalWindows s = Pipeline.run(withBeats(100, 40), List.of(step(3)));
    assertArrayEquals(new double[] {0, 0, 0}, s.windows().get(0)[0]);
    assertArrayEquals(new double[] {0, 0, 0}, s.windows().get(0)[1]);
  }

  @Test
  void badLengthIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Pipeline.run(withBeats(100, 0, 100), List.of(step(0))));
  }
}
