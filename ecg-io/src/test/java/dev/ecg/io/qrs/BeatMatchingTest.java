package dev.ecg.io.qrs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.core.EcgArgumentException;
import org.junit.jupiter.api.Test;

class BeatMatchingTest {
  @Test
  void nearestWithinTheWindowOneToOne() {
    long[] ref = {100, 400, 700, 1000};
    // 95 -> 100; 160 -> nothing within 50 of it (100 is 60 away); 405 and 390 both near 400:
    // 405 is nearer (5 vs 10), so 390 is extra; 1049 -> 1000 (49 <= 50)
    long[] det = {95, 160, 390, 405, 1049};
    assertArrayEquals(new int[] {0, -1, -1, 1, 3}, BeatMatching.match(det, ref, 50));
    // a tie keeps the earlier detection
    assertArrayEquals(new int[] {0, -1}, BeatMatching.match(new long[] {90, 110},
        new long[] {100}, 50));
    assertArrayEquals(new int[] {}, BeatMatching.match(new long[] {}, ref, 50));
    assertArrayEquals(new int[] {-1}, BeatMatching.match(new long[] {5}, new long[] {}, 50));
  }

  @Test
  void badInputIsRefused() {
    assertThrows(EcgArgumentException.class,
        () -> BeatMatching.match(new long[] {5, 1}, new long[] {1}, 5));
    assertThrows(EcgArgumentException.class,
        () -> BeatMatching.match(new long[] {1}, new long[] {1}, -1));
    assertThrows(EcgArgumentException.class, () -> BeatMatching.match(null, new long[] {}, 1));
  }
}
