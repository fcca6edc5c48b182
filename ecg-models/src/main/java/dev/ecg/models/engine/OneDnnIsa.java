package dev.ecg.models.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the instruction set of oneDNN, the CPU kernel library inside libtorch, on processors where
 * its wider kernels are known to compute wrong results.
 *
 * <p><b>Why.</b> libtorch 2.7.1 (DJL 0.36.0) ships oneDNN 3.7.1. On AMD Zen 5 (CPU family 26,
 * seen as a 2-vCPU "AMD EPYC" model 2 virtual machine) its kernels were wrong at every level above
 * SSE4.1, for some shapes and not others, measured by {@link KernelSelfTest}:
 * <ul>
 *   <li>AVX-512 (no cap): Conv1d backward-data wrong with 1, 3 or 8 input channels, LSTM output
 *       wrong with 8 input features (17 % off, every run); NaN when training a small CNN;</li>
 *   <li>{@code AVX2} and {@code AVX}: Conv1d forward wrong or NaN with 12 input channels
 *       (a 12-lead ECG), backward-data wrong with 3;</li>
 *   <li>{@code SSE41}: every check right, every run, at 1 and 2 threads.</li>
 * </ul>
 * Wrong results change from run to run at 2 threads, as reads of memory a kernel never wrote
 * would. That machine's CPUID reports no cache topology (leaf 0x8000001D and leaf 4 are all
 * zero, and Linux shows no {@code /sys/devices/system/cpu/cpu0/cache}), from which oneDNN sizes
 * its blocking; this is the likely cause, but not a proven one, so the list below names the CPU
 * family. ONNX Runtime, which has its own kernels, is right on the same machine. See
 * {@code docs/platforms.md}.
 *
 * <p><b>How.</b> oneDNN reads the environment variable {@value #ENV} once, the first time it
 * asks which kernels to use. {@link #apply()} runs before the library's first use of libtorch
 * (the PyTorch inference engine, the trainer, ONNX export, parameter loading, and the
 * constructors of our architectures and blocks) and, where the cap is wanted, sets the variable
 * in this process with the C library's {@code setenv} (through JNA, which DJL already brings).
 * Code that uses DJL's PyTorch engine on its own, before any of ours, should call
 * {@link #apply()} first (or set {@value #ENV} in the environment). This is the one process-wide
 * setting the library makes by default, because without it results are wrong, not slower.
 *
 * <p><b>Who decides</b>, first match wins:
 * <ol>
 *   <li>{@value #ENV} (or oneDNN's older name {@value #LEGACY_ENV}) already in the environment:
 *       left exactly as the user set it;</li>
 *   <li>the system property {@value #PROPERTY}: {@code none} (no cap), an ISA name such as
 *       {@code AVX2} (that cap), or {@code auto} (the default);</li>
 *   <li>{@code auto}: the cap of the first {@link KnownIssue} this CPU matches, else none.</li>
 * </ol>
 * Whatever the decision, {@link KernelSelfTest} then checks libtorch's results against
 * independent goldens, so a CPU missing from the list is caught rather than trusted.
 */
public final class OneDnnIsa {

  /** The environment variable oneDNN reads. */
  public static final String ENV = "ONEDNN_MAX_CPU_ISA";
  /** The name oneDNN 1.x/2.x read, still honoured by oneDNN 3. */
  public static final String LEGACY_ENV = "DNNL_MAX_CPU_ISA";
  /** System property: {@code auto} (default), {@code none}, or a oneDNN ISA name. */
  public static final String PROPERTY = "ecg.onednn.isa";
  /**
   * The cap used for the known bad CPUs: SSE4.1, the only level at which every self-test check
   * was right on the machine where the problem was found (AVX, AVX2, AVX2_VNNI_2 and the AVX-512
   * levels all failed some).
   */
  public static final String SAFE_CAP = "SSE41";

  /** The values oneDNN 3.7 accepts for {@value #ENV}, from narrowest to widest. */
  public static final List<String> ISA_NAMES = List.of("SSE41", "AVX", "AVX2", "AVX2_VNNI",
      "AVX2_VNNI_2", "AVX512_CORE", "AVX512_CORE_VNNI", "AVX512_CORE_BF16", "AVX10_1_512",
      "AVX512_CORE_FP16", "AVX10_1_512_AMX", "AVX512_CORE_AMX", "AVX10_1_512_AMX_FP16",
      "AVX512_CORE_AMX_FP16", "DEFAULT", "ALL");

  /**
   * A processor on which libtorch's oneDNN kernels were measured to be wrong.
   *
   * @param vendor {@code vendor_id}
   * @param family {@code cpu family}
   * @param cap the {@value #ENV} value that gives correct results
   * @param reason what was measured, for the log and the docs
   */
  public record KnownIssue(String vendor, int family, String cap, String reason) {

    boolean matches(CpuInfo cpu) {
      return cpu.isX86_64() && cpu.vendor().equals(vendor) && cpu.family() == family;
    }
  }

  /** The CPUs capped by default, with the measurement that put them here. */
  public static final List<KnownIssue> KNOWN_ISSUES = List.of(new KnownIssue("AuthenticAMD", 26,
      SAFE_CAP, "AMD Zen 5 (family 26): libtorch 2.7.1 / oneDNN 3.7.1 kernels above SSE4.1 gave "
          + "wrong Conv1d and LSTM results and NaN training (measured on EPYC family 26 model 2, "
          + "2026-12); " + SAFE_CAP + " gives the reference results"));

  /**
   * What was decided.
   *
   * @param cap the value oneDNN will see ({@code null}: no cap, oneDNN picks the widest kernels)
   * @param source {@code environment}, {@code property}, {@code known-issue} or {@code default}
   * @param reason why, in words
   * @param setHere whether this class set the variable in the process environment
   */
  public record Decision(String cap, String source, String reason, boolean setHere) {

    /** @return a one-line summary for logs and exception messages */
    public String describe() {
      return (cap == null ? "no oneDNN ISA cap" : ENV + "=" + cap) + " (" + source + ": "
          + reason + ")";
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(OneDnnIsa.class);
  private static Decision applied;

  private OneDnnIsa() {}

  /**
   * Decides the cap and, where needed, sets {@value #ENV} in this process. Runs once; later
   * calls return the first decision. Call it before libtorch is first used.
   *
   * @return the decision
   * @throws EngineException if {@value #PROPERTY} holds something that is not a oneDNN ISA name,
   *     or the cap cannot be set in the process environment
   */
  public static synchronized Decision apply() {
    if (applied != null) {
      return applied;
    }
    Decision d = decide(System.getenv(), System.getProperty(PROPERTY), CpuInfo.current());
    if (d.setHere()) {
      if (libtorchAlreadyMapped()) {
        LOG.warn("libtorch was loaded before the oneDNN ISA cap could be set; if oneDNN has "
            + "already run, {} has no effect (the kernel self-test will tell)", d.describe());
      }
      String error = setenv(ENV, d.cap());
      if (error != null) {
        throw new EngineException("cannot set " + ENV + "=" + d.cap() + " for this process ("
            + error + "); set it in the environment before starting the JVM");
      }
      LOG.info("oneDNN capped for this CPU: {}; set {} yourself or -D{}=none to override",
          d.describe(), ENV, PROPERTY);
    } else {
      LOG.debug("{}", d.describe());
    }
    applied = d;
    return d;
  }

  /** @return the decision {@link #apply()} made, or null if it has not run */
  public static synchronized Decision current() {
    return applied;
  }

  /**
   * The decision, without side effects.
   *
   * @param env the process environment
   * @param property the value of {@value #PROPERTY}, or null
   * @param cpu the processor
   * @return the decision
   * @throws EngineException if the property is not {@code auto}, {@code none} or an ISA name
   */
  static Decision decide(Map<String, String> env, String property, CpuInfo cpu) {
    for (String name : new String[] {ENV, LEGACY_ENV}) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        return new Decision(v.trim(), "environment", name + " set by the user", false);
      }
    }
    String p = property == null ? "auto" : property.trim();
    if (p.equalsIgnoreCase("none")) {
      return new Decision(null, "property", "-D" + PROPERTY + "=none", false);
    }
    if (!p.equalsIgnoreCase("auto")) {
      String isa = p.toUpperCase(Locale.ROOT);
      if (!ISA_NAMES.contains(isa)) {
        throw new EngineException("-D" + PROPERTY + "=" + property + " is not auto, none or a "
            + "oneDNN ISA name " + ISA_NAMES);
      }
      return new Decision(isa, "property", "-D" + PROPERTY + "=" + property, true);
    }
    for (KnownIssue k : KNOWN_ISSUES) {
      if (k.matches(cpu)) {
        return new Decision(k.cap(), "known-issue", k.reason(), true);
      }
    }
    return new Decision(null, "default", "no known oneDNN problem on " + cpu.vendor()
        + " family " + cpu.family(), false);
  }

  /** @return null on success, else why not */
  private static String setenv(String name, String value) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (!(os.startsWith("linux") || os.startsWith("mac"))) {
      return "no POSIX setenv on " + os;
    }
    try {
      Function f = NativeLibrary.getInstance("c").getFunction("setenv");
      int rc = f.invokeInt(new Object[] {name, value, 0});
      return rc == 0 ? null : "setenv returned " + rc;
    } catch (RuntimeException | LinkageError e) {
      return e.toString();
    }
  }

  private static boolean libtorchAlreadyMapped() {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return false;
    }
    try (var lines = Files.lines(maps)) {
      return lines.anyMatch(l -> l.contains("libtorch_cpu"));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
