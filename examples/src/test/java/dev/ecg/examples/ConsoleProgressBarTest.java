package dev.ecg.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {
  @Test
  void rendersHandDerivedBar() {
    // 25 % of 30 cells = 7.5 -> 8 filled cells (Math.round)
    assertEquals("epoch 2/10 [########......................]  25% (total  13%) loss 0.4321",
        ConsoleProgressBar.render(2, 10, 0.25, 0.125, 0.43214));
    assertEquals("epoch 1/1 [##############################] 100% (total 100%) loss 1.0000",
        ConsoleProgressBar.render(1, 1, 1.5, 2.0, 1.0));
  }

  @Test
  void logModePrintsEachTenthOnce() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ConsoleProgressBar bar = new ConsoleProgressBar(new PrintStream(buf, true,
        StandardCharsets.UTF_8), 3, false);
    for (int b = 1; b <= 100; b++) {
      bar.onBatchEnd(1, b, 100, b / 300.0, 0.5);
    }
    String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
    // batches 1 (tenth 0), 10, 20, ..., 100 (tenth 10): 11 lines
    assertEquals(11, lines.length);
    assertTrue(lines[10].contains("100%"), lines[10]);
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> new ConsoleProgressBar(System.err, 0, true));
    assertThrows(IllegalArgumentException.class, () -> new ConsoleProgressBar(null, 1, true));
  }
}
