package dev.ecg.models.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {

  /** A C library that records mallopt calls and refuses the listed parameters. */
  private static final class FakeLibc implements NativeMemory.Libc {
    final String version;
    final List<Integer> refused;
    final List<int[]> calls = new ArrayList<>();

    FakeLibc(String version, Integer... refused) {
      this.version = version;
      this.refused = List.of(refused);
    }

    @Override
    public String glibcVersion() {
      return version;
    }

    @Override
    public int mallopt(int param, int value) {
      calls.add(new int[] {param, value});
      return refused.contains(param) ? 0 : 1;
    }
  }

  private static boolean linux() {
    return System.getProperty("os.name", "").toLowerCase().startsWith("linux");
  }

  @Test
  void thisGlibcAcceptsAllThreeSettings() {
    assumeTrue(linux(), "glibc check runs on Linux only");
    NativeMemory.Libc libc = NativeMemory.systemLibc();
    assumeTrue(libc.glibcVersion() != null, "not glibc");
    NativeMemory.Status s = NativeMemory.tune("tuned", "Linux", () -> libc);
    assertTrue(s.applied(), s.detail());
    assertTrue(s.detail().startsWith("glibc " + libc.glibcVersion()), s.detail());
    // and the process-wide entry point reports the same on this machine
    assertTrue(NativeMemory.tuneForTensors().applied() || "default".equals(
        System.getProperty(NativeMemory.PROPERTY)));
  }

  @Test
  void callsMalloptWithTheDocumentedValues() {
    FakeLibc libc = new FakeLibc("2.36");
    NativeMemory.Status s = NativeMemory.tune("tuned", "Linux", () -> libc);
    assertTrue(s.applied());
    assertEquals(3, libc.calls.size());
    assertEquals(List.of(-3, 32 << 20, -1, 128 << 20, -2, 16 << 20), libc.calls.stream()
        .flatMap(c -> java.util.stream.Stream.of(c[0], c[1])).toList());
  }

  @Test
  void optOutLeavesMallocAlone() {
    FakeLibc libc = new FakeLibc("2.36");
    NativeMemory.Status s = NativeMemory.tune("default", "Linux", () -> libc);
    assertFalse(s.applied());
    assertTrue(libc.calls.isEmpty());
    assertTrue(s.detail().contains("ecg.malloc=default"), s.detail());
  }

  @Test
  void unknownModeIsReportedAndChangesNothing() {
    FakeLibc libc = new FakeLibc("2.36");
    NativeMemory.Status s = NativeMemory.tune("fast", "Linux", () -> libc);
    assertFalse(s.applied());
    assertTrue(libc.calls.isEmpty());
    assertTrue(s.detail().contains("fast"), s.detail());
  }

  @Test
  void otherSystemsAndMuslAreLeftAlone() {
    NativeMemory.Status mac = NativeMemory.tune("tuned", "Mac OS X", () -> {
      throw new AssertionError("must not look up a C library off Linux");
    });
    assertFalse(mac.applied());
    assertTrue(mac.detail().contains("Mac OS X"), mac.detail());

    FakeLibc musl = new FakeLibc(null);
    NativeMemory.Status s = NativeMemory.tune("tuned", "Linux", () -> musl);
    assertFalse(s.applied());
    assertTrue(musl.calls.isEmpty());
    assertTrue(s.detail().contains("not glibc"), s.detail());

    NativeMemory.Status broken = NativeMemory.tune("tuned", "Linux", () -> {
      throw new UnsatisfiedLinkError("no libc");
    });
    assertFalse(broken.applied());
    assertTrue(broken.detail().contains("no libc"), broken.detail());
  }

  @Test
  void aRefusedSettingIsNamed() {
    FakeLibc libc = new FakeLibc("2.36", NativeMemory.M_TOP_PAD);
    NativeMemory.Status s = NativeMemory.tune("tuned", "Linux", () -> libc);
    assertFalse(s.applied());
    assertTrue(s.detail().contains("M_TOP_PAD=16777216"), s.detail());
    assertFalse(s.detail().contains("M_MMAP_THRESHOLD"), s.detail());
  }
}
