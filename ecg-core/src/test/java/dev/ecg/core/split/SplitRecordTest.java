package dev.ecg.core.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SplitRecordTest {

  @Test
  void arraysAreCopiedInAndOut() {
    int[] train = {0, 2};
    int[] test = {1};
    Split s = new Split(train, test);
    train[0] = 99;
    assertArrayEquals(new int[] {0, 2}, s.train());
    s.test()[0] = 42;
    assertArrayEquals(new int[] {1}, s.test());
    assertEquals(2, s.trainSize());
    assertEquals(1, s.testSize());
  }

  @Test
  void equalityComparesContents() {
    assertEquals(new Split(new int[] {0, 2}, new int[] {1}), new Split(new int[] {0, 2}, new int[] {1}));
    assertEquals(new Split(new int[] {0, 2}, new int[] {1}).hashCode(),
        new Split(new int[] {0, 2}, new int[] {1}).hashCode());
    assertNotEquals(new Split(new int[] {0, 1}, new int[] {2}), new Split(new int[] {0, 2}, new int[] {1}));
    Fold f = new Fold(3, new int[] {0}, new int[] {1, 2});
    assertEquals(f, new Fold(3, new int[] {0}, new int[] {1, 2}));
    assertNotEquals(f, new Fold(2, new int[] {0}, new int[] {1, 2}));
    assertEquals(new Split(new int[] {0}, new int[] {1, 2}), f.asSplit());
  }
}
