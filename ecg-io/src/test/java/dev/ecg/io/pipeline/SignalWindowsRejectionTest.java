package dev.ecg.io.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Record;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalWindowsRejectionTest {

  private static Record record() {
    double[] x = new double[2000];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(i * 0.05);
    }
    return new Record("r", 200, List.of("I"), List.of("mV"), new double[][] {x}, List.of());
  }

  @Test
  void aRecordRejectionSurvivesSegmentationAndReachesEveryWindow() {
    SignalWindows s = SignalWindows.of(record()).rejectRecord("flat line");
    SignalWindows seg = SignalWindows.carryRejections(s,
        new Step.RhythmWindows(2.0, 2.0).apply(s));
    assertEquals(5, seg.windows().size());
    for (int i = 0; i < 5; i++) {
      assertEquals("flat line", seg.rejection(i));
    }
  }

  @Test
  void windowRejectionsSurviveSameCountStepsAndAreDroppedWhenTheCountChanges() {
    SignalWindows seg = new Step.RhythmWindows(2.0, 2.0).apply(SignalWindows.of(record()));
    SignalWindows marked = seg.rejectWindows(new String[] {null, "noise", null, null, "x"});
    SignalWindows scaled = SignalWindows.carryRejections(marked,
        new Step.Normalize(Step.Normalize.Method.ZSCORE).apply(marked));
    assertNull(scaled.rejection(0));
    assertEquals("noise", scaled.rejection(1));
    assertEquals("x", scaled.rejection(4));
    SignalWindows fewer = SignalWindows.carryRejections(marked,
        new SignalWindows(marked.source(), marked.fs(), marked.leadNames(),
            List.<double[][]>of(marked.windows().get(0)), new long[] {0}, true));
    // not the same windows any more: the earlier marks cannot be mapped, none is carried
    assertNull(fewer.rejection(0));
  }

  @Test
  void reasonsAccumulateAndCountsAreChecked() {
    SignalWindows s = SignalWindows.of(record()).rejectRecord("a").rejectRecord("b");
    assertEquals("a; b", s.recordRejection());
    SignalWindows w = s.rejectWindows(new String[] {"c"});
    assertEquals("a; b; c", w.rejection(0));
    assertThrows(EcgArgumentException.class, () -> s.rejectWindows(new String[2]));
  }
}
