package dev.ecg.models.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OneDnnPolicyTest {

  /** The first processor block of the Zen 5 machine the problem was found on (abridged). */
  static final String ZEN5 = """
      processor\t: 0
      vendor_id\t: AuthenticAMD
      cpu family\t: 26
      model\t\t: 2
      model name\t: AMD EPYC
      flags\t\t: fpu sse sse2 avx fma avx2 avx512f avx512dq avx512bw avx512vl avx_vnni \
      avx512_bf16 avx512_vnni avx512_vp2intersect

      processor\t: 1
      vendor_id\t: SomethingElse
      """;

  static final String ZEN4 = """
      vendor_id\t: AuthenticAMD
      cpu family\t: 25
      model\t\t: 17
      model name\t: AMD EPYC 9R14
      flags\t\t: avx avx2 avx512f avx512_bf16 avx512_vnni
      """;

  static final String SAPPHIRE_RAPIDS = """
      vendor_id\t: GenuineIntel
      cpu family\t: 6
      model\t\t: 143
      model name\t: Intel(R) Xeon(R) Platinum 8488C
      flags\t\t: avx avx2 avx512f avx512_bf16 avx512_fp16 amx_tile amx_bf16
      """;

  static final String ZEN5_NO_AVX512 = """
      vendor_id\t: AuthenticAMD
      cpu family\t: 26
      model\t\t: 68
      flags\t\t: avx avx2 fma
      """;

  @Test
  void parsesTheFirstProcessorBlock() {
    CpuInfo c = CpuInfo.parse(ZEN5, "amd64");
    assertEquals("AuthenticAMD", c.vendor());
    assertEquals(26, c.family());
    assertEquals(2, c.model());
    assertEquals("AMD EPYC", c.modelName());
    assertTrue(c.flags().contains("avx512_vp2intersect"));
    assertEquals("avx avx2 fma avx_vnni avx512f avx512bw avx512vl avx512dq avx512_vnni "
        + "avx512_bf16 avx512_vp2intersect", c.isaFlags());
    assertTrue(c.describe().contains("family 26 model 2"), c.describe());
    CpuInfo none = CpuInfo.parse("", "aarch64");
    assertEquals(-1, none.family());
    assertEquals("none", none.isaFlags());
    assertFalse(none.isX86_64());
  }

  @Test
  void zen5RunsWithoutOneDnnAndCapsItAtSse41() {
    for (String text : new String[] {ZEN5, ZEN5_NO_AVX512}) {
      OneDnnPolicy.Decision d = OneDnnPolicy.decide(Map.of(), null, CpuInfo.parse(text, "amd64"));
      assertTrue(d.oneDnnOff());
      assertEquals("SSE41", d.cap());
      assertEquals("known-issue", d.source());
      assertTrue(d.setHere());
    }
  }

  @Test
  void otherCpusAreLeftUncapped() {
    for (String text : new String[] {ZEN4, SAPPHIRE_RAPIDS}) {
      OneDnnPolicy.Decision d = OneDnnPolicy.decide(Map.of(), "auto", CpuInfo.parse(text, "amd64"));
      assertNull(d.cap(), text);
      assertFalse(d.oneDnnOff(), text);
      assertFalse(d.setHere());
    }
    // an ARM machine reporting an AMD-looking block is still not x86-64
    assertNull(OneDnnPolicy.decide(Map.of(), null, CpuInfo.parse(ZEN5, "aarch64")).cap());
  }

  @Test
  void theUsersEnvironmentAlwaysWins() {
    CpuInfo zen5 = CpuInfo.parse(ZEN5, "amd64");
    OneDnnPolicy.Decision d = OneDnnPolicy.decide(Map.of("ONEDNN_MAX_CPU_ISA", "AVX512_CORE"),
        "AVX2", zen5);
    assertEquals("AVX512_CORE", d.cap());
    assertFalse(d.oneDnnOff());
    assertEquals("environment", d.source());
    assertFalse(d.setHere());
    assertEquals("AVX2", OneDnnPolicy.decide(Map.of("DNNL_MAX_CPU_ISA", "AVX2"), null, zen5).cap());
  }

  @Test
  void thePropertyOverridesTheListAndIsValidated() {
    CpuInfo zen5 = CpuInfo.parse(ZEN5, "amd64");
    OneDnnPolicy.Decision on = OneDnnPolicy.decide(Map.of(), "on", zen5);
    assertNull(on.cap());
    assertFalse(on.oneDnnOff());
    assertFalse(on.setHere());
    OneDnnPolicy.Decision off = OneDnnPolicy.decide(Map.of(), "OFF", zen5);
    assertNull(off.cap());
    assertTrue(off.oneDnnOff());
    OneDnnPolicy.Decision avx2 = OneDnnPolicy.decide(Map.of(), "avx2", zen5);
    assertEquals("AVX2", avx2.cap());
    assertTrue(avx2.setHere());
    EngineException e = assertThrows(EngineException.class,
        () -> OneDnnPolicy.decide(Map.of(), "AVX3", zen5));
    assertTrue(e.getMessage().contains("ecg.onednn=AVX3"), e.getMessage());
  }

  @Test
  void libtorchRunsAsTheDecisionSays() {
    OneDnnPolicy.Decision d = OneDnnPolicy.apply();
    ai.djl.engine.Engine.getEngine("PyTorch");
    String status = OneDnnPolicy.applyToLibtorch();
    // read back from libtorch itself (at::globalContext().userEnabledMkldnn())
    Boolean uses = OneDnnPolicy.libtorchUsesOneDnn();
    org.junit.jupiter.api.Assumptions.assumeTrue(uses != null,
        "libtorch's flags cannot be read on this platform (no /proc/self/maps)");
    assertEquals(!d.oneDnnOff(), uses, status);
  }

  @Test
  void thisProcessHasADecisionBeforeAnyTestReachesLibtorch() {
    // OneDnnCapSession applies it when the JUnit session opens
    OneDnnPolicy.Decision d = OneDnnPolicy.current();
    assertTrue(d != null, "OneDnnPolicy.apply() did not run at session start");
    assertEquals(d, OneDnnPolicy.apply());
  }
}
