package dev.ecg.models.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.json.JsonFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The libtorch kernel self-test: passes on the machine that runs the build (and says which CPU
 * when it does not), and fails when a golden is wrong.
 */
class KernelSelfTestTest {

  /**
   * The CI guard: the next CPU on which libtorch's kernels are wrong fails the build here, with
   * the CPU model and flags in the message.
   */
  @Test
  void libtorchKernelsMatchTheGoldensOnThisCpu() {
    KernelSelfTest.Report r;
    try {
      r = KernelSelfTest.ensurePassed();
    } catch (KernelSelfTestException e) {
      throw new AssertionError(e.getMessage(), e);
    }
    assertTrue(r.passed(), r.describe());
    assertFalse(r.skipped(), r.describe());
    assertEquals(checkNames().count(), r.checks().size(), r.describe());
    assertTrue(r.describe().contains(CpuInfo.current().describe()));
    System.out.println(r.describe());
  }

  @Test
  void inputPatternEqualsTheGeneratorsBitForBit() {
    // values printed by make_kernel_goldens.pattern(5, 101, 1.0) and pattern(3, 7, 0.25)
    assertArrayEquals(new float[] {0.6328125f, -0.9658203125f, -0.462890625f, 0.1083984375f,
        0.7197265625f}, KernelSelfTest.pattern(5, 101, 1.0));
    assertArrayEquals(new float[] {-0.05517578125f, -0.24169921875f, 0.2001953125f},
        KernelSelfTest.pattern(3, 7, 0.25));
  }

  static Stream<String> checkNames() {
    List<String> names = new ArrayList<>();
    for (Object c : KernelSelfTest.goldens().list("checks")) {
      names.add(JsonFields.of(c, "check").string("name"));
    }
    return names.stream();
  }

  /** Every check can fail: one golden sample moved by 1 % of the output's scale. */
  @ParameterizedTest
  @MethodSource("checkNames")
  void aWrongSampleGoldenFailsItsCheck(String name) {
    Map<String, Object> g = editableGoldens();
    Map<String, Object> out = firstOutput(g, name);
    @SuppressWarnings("unchecked")
    List<Object> sample = (List<Object>) out.get("sample");
    double scale = num(out.get("l2")) / Math.sqrt(num(out.get("n")));
    sample.set(3, num(sample.get(3)) + 0.01 * scale);
    assertFailsOnly(JsonFields.of(g, "edited goldens"), name);
  }

  /** A wrong sum (a kernel that is wrong only where the samples do not look) fails too. */
  @ParameterizedTest
  @MethodSource("checkNames")
  void aWrongSumGoldenFailsItsCheck(String name) {
    Map<String, Object> g = editableGoldens();
    Map<String, Object> out = firstOutput(g, name);
    out.put("sum", num(out.get("sum")) + 0.001 * num(out.get("l1")));
    assertFailsOnly(JsonFields.of(g, "edited goldens"), name);
  }

  private static double num(Object v) {
    return ((Number) v).doubleValue();
  }

  /** The shipped goldens as nested mutable maps and lists (JsonReader's are read-only). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> editableGoldens() {
    return (Map<String, Object>) editable(KernelSelfTest.goldens().map());
  }

  private static Object editable(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, x) -> copy.put((String) k, editable(x)));
      return copy;
    }
    if (v instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      l.forEach(x -> copy.add(editable(x)));
      return copy;
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> firstOutput(Map<String, Object> goldens, String name) {
    for (Object o : (List<Object>) goldens.get("checks")) {
      Map<String, Object> c = (Map<String, Object>) o;
      if (c.get("name").equals(name)) {
        Map<String, Object> exp = (Map<String, Object>) c.get("expected");
        return (Map<String, Object>) exp.get(exp.keySet().iterator().next());
      }
    }
    throw new AssertionError(name);
  }

  private static void assertFailsOnly(JsonFields goldens, String name) {
    OneDnnPolicy.Decision isa = OneDnnPolicy.apply();
    KernelSelfTest.Report r = KernelSelfTest.run(goldens, 0, isa);
    assertFalse(r.passed(), r.describe());
    for (KernelSelfTest.Check c : r.checks()) {
      assertEquals(!c.name().equals(name), c.passed(), r.describe());
    }
    String msg = new KernelSelfTestException(r).getMessage();
    assertTrue(msg.contains("FAIL " + name), msg);
    assertTrue(msg.contains(CpuInfo.current().describe()), msg);
    assertTrue(msg.contains(OneDnnPolicy.ENV), msg);
  }

  /**
   * On a CPU of {@link OneDnnPolicy#KNOWN_ISSUES}, libtorch with oneDNN on and uncapped must
   * still fail the self-test (in a child JVM, since oneDNN reads its cap once per process):
   * proof that the self-test sees the real fault, and a signal to drop the entry once a libtorch
   * fixes it.
   */
  @Test
  void withOneDnnOnAKnownBadCpuFailsTheSelfTest() throws IOException, InterruptedException {
    String text = child("on", 3);
    assertTrue(text.contains("FAIL lstm-h16"), text);
  }

  /**
   * On the same CPU, oneDNN off alone (no cap as a second line of defence) must pass: libtorch's
   * own kernels are right there, which is why the default switches oneDNN off.
   */
  @Test
  void withOneDnnOffAKnownBadCpuPassesTheSelfTest() throws IOException, InterruptedException {
    String text = child("off", 0);
    assertTrue(text.contains("oneDNN switched off in libtorch"), text);
    assertTrue(text.contains("no ISA cap"), text);
  }

  private static String child(String policy, int expectedExit)
      throws IOException, InterruptedException {
    CpuInfo cpu = CpuInfo.current();
    boolean known = OneDnnPolicy.KNOWN_ISSUES.stream().anyMatch(k -> k.matches(cpu));
    org.junit.jupiter.api.Assumptions.assumeTrue(known,
        "not a CPU with a known oneDNN problem: " + cpu.describe());
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(OneDnnPolicy.ENV) == null,
        OneDnnPolicy.ENV + " is set in this environment");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp",
        System.getProperty("java.class.path"), "-D" + OneDnnPolicy.PROPERTY + "=" + policy,
        "-Dai.djl.pytorch.num_threads=1", SelfTestMain.class.getName());
    // the parent may have set the cap in its own environment, which a child inherits
    pb.environment().remove(OneDnnPolicy.ENV);
    pb.environment().remove(OneDnnPolicy.LEGACY_ENV);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(expectedExit, p.exitValue(), "-D" + OneDnnPolicy.PROPERTY + "=" + policy
        + " on " + cpu.describe() + ": expected exit " + expectedExit + " (0: self-test passed; "
        + "3: it failed and the PyTorch engine refused too); child output:\n" + text);
    return text;
  }

  /**
   * Child JVM: runs the self-test; exit 0 passed, 4 other error, and on failure 3 if the
   * PyTorch inference engine then refuses too (with the same typed exception), else 5.
   */
  public static final class SelfTestMain {
    public static void main(String[] args) {
      try {
        System.out.println(KernelSelfTest.ensurePassed().describe());
        System.exit(0);
      } catch (KernelSelfTestException e) {
        System.out.println(e.getMessage());
        try {
          PtEngine.fromParams(new dev.ecg.models.nn.Flatten(), Path.of("never-read-0000.params"),
              new long[] {4});
          System.out.println("PtEngine did not refuse");
          System.exit(5);
        } catch (KernelSelfTestException again) {
          System.exit(again.report() == e.report() ? 3 : 5);
        }
      } catch (RuntimeException e) {
        e.printStackTrace(System.out);
        System.exit(4);
      }
    }
  }
}
