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
    NativeMemory.Status s = NativeMemory.tune("true", true, "Linux", () -> libc);
    assertTrue(s.applied(), s.detail());
    assertTrue(s.detail().startsWith("glibc " + libc.glibcVersion()), s.detail());
    // and the explicit process-wide entry point reports the same on this machine
    assertTrue(NativeMemory.tuneForTensors().applied()
        || "false".equals(System.getProperty(NativeMemory.PROPERTY)));
  }

  /** Using the library must not change malloc: without the property the opt-in path is off. */
  @Test
  void theLibraryPathDoesNothingByDefault() {
    assumeTrue(System.getProperty(NativeMemory.PROPERTY) == null,
        NativeMemory.PROPERTY + " is set for this JVM");
    NativeMemory.Status s = NativeMemory.tuneIfEnabled();
    assertFalse(s.applied(), s.detail());
    assertTrue(s.detail().contains("-Decg.malloc.tune=true"), s.detail());

    FakeLibc libc = new FakeLibc("2.36");
    NativeMemory.Status unset = NativeMemory.tune(null, false, "Linux", () -> libc);
    assertFalse(unset.applied());
    assertTrue(libc.calls.isEmpty());
  }

  @Test
  void theLibraryPathTunesWhenEnabled() {
    FakeLibc libc = new FakeLibc("2.36");
    NativeMemory.Status s = NativeMemory.tune(" TRUE ", false, "Linux", () -> libc);
    assertTrue(s.applied(), s.detail());
    assertEquals(3, libc.calls.size());
    assertTrue(NativeMemory.enabled("true"));
    assertFalse(NativeMemory.enabled(null));
    assertFalse(NativeMemory.enabled("yes"));
  }

  @Test
  void anExplicitCallTunesWithoutTheProperty() {
    FakeLibc libc = new FakeLibc("2.36");
    NativeMemory.Status s = NativeMemory.tune(null, true, "Linux", () -> libc);
    assertTrue(s.applied(), s.detail());
    assertEquals(3, libc.calls.size());
  }

  @Test
  void callsMalloptWithTheDocumentedValues() {
    FakeLibc libc = new FakeLibc("2.36");
    NativeMemory.Status s = NativeMemory.tune("true", true, "Linux", () -> libc);
    assertTrue(s.applied());
    assertEquals(3, libc.calls.size());
    assertEquals(List.of(-3, 32 << 20, -1, 128 << 20, -2, 16 << 20), libc.calls.stream()
        .flatMap(c -> java.util.stream.Stream.of(c[0], c[1])).toList());
  }

  @Test
  void falseForbidsEvenAnExplicitCall() {
    for (boolean explicit : new boolean[] {true, false}) {
      FakeLibc libc = new FakeLibc("2.36");
      NativeMemory.Status s = NativeMemory.tune("false", explicit, "Linux", () -> libc);
      assertFalse(s.applied());
      assertTrue(libc.calls.isEmpty());
      assertTrue(s.detail().contains("ecg.malloc.tune=false"), s.detail());
    }
  }

  @Test
  void unknownValueIsReportedAndChangesNothing() {
    for (boolean explicit : new boolean[] {true, false}) {
      FakeLibc libc = new FakeLibc("2.36");
      NativeMemory.Status s = NativeMemory.tune("fast", explicit, "Linux", () -> libc);
      assertFalse(s.applied());
      assertTrue(libc.calls.isEmpty());
      assertTrue(s.detail().contains("fast"), s.detail());
    }
  }

  @Test
  void otherSystemsAndMuslAreLeftAlone() {
    NativeMemory.Status mac = NativeMemory.tune("true", true, "Mac OS X", () -> {
      throw new AssertionError("must not look up a C library off Linux");
    });
    assertFalse(mac.applied());
    assertTrue(mac.detail().contains("Mac OS X"), mac.detail());

    FakeLibc musl = new FakeLibc(null);
    NativeMemory.Status s = NativeMemory.tune("true", true, "Linux", () -> musl);
    assertFalse(s.applied());
    assertTrue(musl.calls.isEmpty());
    assertTrue(s.detail().contains("not glibc"), s.detail());

    NativeMemory.Status broken = NativeMemory.tune("true", true, "Linux", () -> {
      throw new UnsatisfiedLinkError("no libc");
    });
    assertFalse(broken.applied());
    assertTrue(broken.detail().contains("no libc"), broken.detail());
  }

  @Test
  void aRefusedSettingIsNamed() {
    FakeLibc libc = new FakeLibc("2.36", NativeMemory.M_TOP_PAD);
    NativeMemory.Status s = NativeMemory.tune("true", true, "Linux", () -> libc);
    assertFalse(s.applied());
    assertTrue(s.detail().contains("M_TOP_PAD=16777216"), s.detail());
    assertFalse(s.detail().contains("M_MMAP_THRESHOLD"), s.detail());
  }
}
