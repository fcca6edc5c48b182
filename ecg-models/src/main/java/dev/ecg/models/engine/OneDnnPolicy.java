package dev.ecg.models.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how libtorch may use oneDNN, its CPU kernel library, on processors where oneDNN's
 * kernels are known to compute wrong results: cap oneDNN's instruction set, or switch oneDNN off
 * inside libtorch so that libtorch's own kernels run (what {@code torch.backends.mkldnn.enabled =
 * False} does in Python).
 *
 * <p><b>Why.</b> libtorch 2.7.1 (DJL 0.36.0) ships oneDNN 3.7.1. On AMD Zen 5 (CPU family 26,
 * seen as a 2-vCPU "AMD EPYC" model 2 virtual machine) oneDNN's kernels were wrong at every level
 * above SSE4.1, for some shapes and not others ({@link KernelSelfTest}):
 * <ul>
 *   <li>AVX-512 (no cap): Conv1d backward-data wrong with 1, 3 or 8 input channels, LSTM output
 *       wrong with 8 input features (17 % off, every run); NaN when training a small CNN;</li>
 *   <li>{@code AVX2} and {@code AVX}: Conv1d forward wrong or NaN with 12 input channels
 *       (a 12-lead ECG), backward-data wrong with 3;</li>
 *   <li>{@code SSE41}: every check right;</li>
 *   <li>oneDNN switched off, no cap (libtorch's own AVX-512 kernels): every check right.</li>
 * </ul>
 * Wrong values change from run to run at 2 threads, as reads of memory a kernel never wrote
 * would. That machine's CPUID reports no cache topology (leaves 0x8000001D and 4 all zero, so
 * Linux shows no {@code /sys/devices/system/cpu/cpu0/cache}), from which oneDNN sizes its
 * blocking; this is the likely cause, not a proven one, so the list below names the CPU family.
 * ONNX Runtime has its own kernels and is right there. See {@code docs/platforms.md}.
 *
 * <p><b>How.</b> Two levers, applied at two moments:
 * <ol>
 *   <li>{@link #apply()}, before libtorch's first operation, sets the environment variable
 *       {@value #ENV} in this process with the C library's {@code setenv} (through JNA, which DJL
 *       already brings); oneDNN reads it once, at its first use. The library calls it from the
 *       PyTorch inference engine, the trainer, ONNX export, parameter loading and the
 *       constructors of our architectures and blocks. It never loads libtorch.</li>
 *   <li>{@link #applyToLibtorch()}, once libtorch is loaded, switches oneDNN off through
 *       libtorch's {@code at::Context::setUserEnabledMkldnn(false)} (a flag libtorch reads at
 *       every convolution and LSTM call), and NNPACK with it (libtorch's next choice for
 *       convolutions, which logs a warning at every call on CPUs it does not support), so that
 *       ATen's own kernels run. The kernel self-test and the forward passes of our blocks call
 *       it.</li>
 * </ol>
 * Code that uses DJL's PyTorch engine on its own, before any of ours, should call both first.
 * These are the only process-wide settings the library makes by default, because without them
 * results are wrong, not slower.
 *
 * <p><b>Who decides</b>, first match wins:
 * <ol>
 *   <li>{@value #ENV} (or oneDNN's older name {@value #LEGACY_ENV}) already in the environment:
 *       oneDNN runs exactly as the user set it, and stays on;</li>
 *   <li>the system property {@value #PROPERTY}: {@code on} (oneDNN on, no cap), {@code off}
 *       (oneDNN off, no cap), an ISA name such as {@code AVX2} (that cap), or {@code auto};</li>
 *   <li>{@code auto} (the default): the action of the first {@link KnownIssue} this CPU
 *       matches, else oneDNN on with no cap.</li>
 * </ol>
 * Whatever the decision, {@link KernelSelfTest} then checks libtorch's results against
 * independent goldens, so a CPU missing from the list is caught rather than trusted.
 */
public final class OneDnnPolicy {

  /** The environment variable oneDNN reads. */
  public static final String ENV = "ONEDNN_MAX_CPU_ISA";
  /** The name oneDNN 1.x/2.x read, still honoured by oneDNN 3. */
  public static final String LEGACY_ENV = "DNNL_MAX_CPU_ISA";
  /** System property: {@code auto} (default), {@code on}, {@code off} or a oneDNN ISA name. */
  public static final String PROPERTY = "ecg.onednn";
  /**
   * The cap set, as a second line of defence, where oneDNN is switched off for a known issue:
   * SSE4.1, the only level at which every self-test check was right with oneDNN on.
   */
  public static final String SAFE_CAP = "SSE41";

  /** The values oneDNN 3.7 accepts for {@value #ENV}, from narrowest to widest. */
  public static final List<String> ISA_NAMES = List.of("SSE41", "AVX", "AVX2", "AVX2_VNNI",
      "AVX2_VNNI_2", "AVX512_CORE", "AVX512_CORE_VNNI", "AVX512_CORE_BF16", "AVX10_1_512",
      "AVX512_CORE_FP16", "AVX10_1_512_AMX", "AVX512_CORE_AMX", "AVX10_1_512_AMX_FP16",
      "AVX512_CORE_AMX_FP16", "DEFAULT", "ALL");

  /**
   * A processor on which oneDNN's kernels in libtorch were measured to be wrong.
   *
   * @param vendor {@code vendor_id}
   * @param family {@code cpu family}
   * @param cap the {@value #ENV} value to set (null: none)
   * @param oneDnnOff whether to switch oneDNN off inside libtorch
   * @param reason what was measured, for the log and the docs
   */
  public record KnownIssue(String vendor, int family, String cap, boolean oneDnnOff,
      String reason) {

    boolean matches(CpuInfo cpu) {
      return cpu.isX86_64() && cpu.vendor().equals(vendor) && cpu.family() == family;
    }
  }

  /** The CPUs handled by default, with the measurement that put them here. */
  public static final List<KnownIssue> KNOWN_ISSUES = List.of(new KnownIssue("AuthenticAMD", 26,
      SAFE_CAP, true, "AMD Zen 5 (family 26): libtorch 2.7.1's oneDNN 3.7.1 kernels above SSE4.1 "
          + "gave wrong Conv1d and LSTM results and NaN training (measured on EPYC family 26 "
          + "model 2, 2026-12); libtorch's own kernels, and oneDNN at SSE41, give the reference "
          + "results"));

  /**
   * What was decided.
   *
   * @param cap the value oneDNN sees in {@value #ENV} (null: no cap)
   * @param oneDnnOff whether libtorch is told not to use oneDNN
   * @param source {@code environment}, {@code property}, {@code known-issue} or {@code default}
   * @param reason why, in words
   * @param setHere whether this class sets {@value #ENV} in the process environment
   */
  public record Decision(String cap, boolean oneDnnOff, String source, String reason,
      boolean setHere) {

    /** @return a one-line summary for logs and exception messages */
    public String describe() {
      String what = oneDnnOff ? "oneDNN off in libtorch" : "oneDNN on";
      what += cap == null ? ", no ISA cap" : ", " + ENV + "=" + cap;
      return what + " (" + source + ": " + reason + ")";
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(OneDnnPolicy.class);
  private static Decision applied;
  private static volatile boolean libtorchDone;
  private static String libtorchStatus = "not applied yet";

  private OneDnnPolicy() {}

  /**
   * Decides and, where needed, sets {@value #ENV} in this process. Runs once; later calls return
   * the first decision. Call it before libtorch is first used. Does not load libtorch.
   *
   * @return the decision
   * @throws EngineException if {@value #PROPERTY} holds something it does not understand, or the
   *     cap cannot be set in the process environment
   */
  public static synchronized Decision apply() {
    if (applied != null) {
      return applied;
    }
    Decision d = decide(System.getenv(), System.getProperty(PROPERTY), CpuInfo.current());
    if (d.setHere()) {
      if (libtorchAlreadyMapped()) {
        LOG.warn("libtorch was loaded before {} could be set; if oneDNN has already run, the "
            + "cap has no effect (the kernel self-test will tell)", ENV);
      }
      String error = setenv(ENV, d.cap());
      if (error != null) {
        throw new EngineException("cannot set " + ENV + "=" + d.cap() + " for this process ("
            + error + "); set it in the environment before starting the JVM");
      }
    }
    if (d.source().equals("known-issue") || d.source().equals("property")) {
      LOG.info("{}; set {} yourself or -D{}=on to override", d.describe(), ENV, PROPERTY);
    } else {
      LOG.debug("{}", d.describe());
    }
    applied = d;
    return d;
  }

  /**
   * Applies the part of the decision that needs libtorch loaded: switching oneDNN off. Cheap
   * after the first call. Never loads libtorch and never throws: call it where libtorch is
   * known to be loaded (the self-test does so right after loading it).
   *
   * @return what was done, for reports
   */
  public static String applyToLibtorch() {
    if (libtorchDone) {
      return libtorchStatus;
    }
    synchronized (OneDnnPolicy.class) {
      if (!libtorchDone) {
        Decision d = apply();
        if (!d.oneDnnOff()) {
          libtorchStatus = "oneDNN left on";
        } else {
          String error = setUserEnabledMkldnn(false);
          if (error == null) {
            // Without oneDNN, libtorch asks NNPACK next for every convolution; where NNPACK does
            // not support the CPU it logs "Could not initialize NNPACK" at each call (16,000
            // lines in one test run). Switching it off too leaves ATen's own kernels.
            String nnpack = setContextFlag("NNPACK", false);
            if (nnpack != null) {
              LOG.debug("NNPACK left on: {}", nnpack);
            }
            libtorchStatus = "oneDNN switched off in libtorch";
            LOG.info("{}: libtorch's own CPU kernels run instead", libtorchStatus);
          } else {
            libtorchStatus = "could not switch oneDNN off (" + error + ")";
            LOG.warn("{}; {}", libtorchStatus, d.cap() == null ? "no cap is set either"
                : "oneDNN stays capped at " + d.cap());
          }
        }
        libtorchDone = true;
      }
      return libtorchStatus;
    }
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
   * @throws EngineException if the property is not {@code auto}, {@code on}, {@code off} or an
   *     ISA name
   */
  static Decision decide(Map<String, String> env, String property, CpuInfo cpu) {
    for (String name : new String[] {ENV, LEGACY_ENV}) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        return new Decision(v.trim(), false, "environment", name + " set by the user", false);
      }
    }
    String p = property == null ? "auto" : property.trim();
    String tag = "-D" + PROPERTY + "=" + p;
    switch (p.toLowerCase(Locale.ROOT)) {
      case "on":
        return new Decision(null, false, "property", tag, false);
      case "off":
        return new Decision(null, true, "property", tag, false);
      case "auto":
        for (KnownIssue k : KNOWN_ISSUES) {
          if (k.matches(cpu)) {
            return new Decision(k.cap(), k.oneDnnOff(), "known-issue", k.reason(),
                k.cap() != null);
          }
        }
        return new Decision(null, false, "default", "no known oneDNN problem on "
            + cpu.vendor() + " family " + cpu.family(), false);
      default:
        String isa = p.toUpperCase(Locale.ROOT);
        if (!ISA_NAMES.contains(isa)) {
          throw new EngineException(tag + " is not auto, on, off or a oneDNN ISA name "
              + ISA_NAMES);
        }
        return new Decision(isa, false, "property", tag, true);
    }
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

  /**
   * Calls libtorch's {@code at::globalContext().setUserEnabledMkldnn(on)} through its exported
   * C++ symbols (Itanium ABI: Linux and macOS) and reads the flag back.
   *
   * @return null on success, else why not
   */
  static String setUserEnabledMkldnn(boolean on) {
    return setContextFlag("Mkldnn", on);
  }

  /**
   * Calls {@code at::globalContext().setUserEnabled<name>(on)} and reads the flag back.
   *
   * @param name {@code Mkldnn} or {@code NNPACK}
   * @param on the value
   * @return null on success, else why not
   */
  private static String setContextFlag(String name, boolean on) {
    try {
      NativeLibrary lib = libtorchCpu();
      if (lib == null) {
        return "libtorch_cpu is not loaded";
      }
      String set = "setUserEnabled" + name;
      lib.getFunction("_ZN2at7Context" + set.length() + set + "Eb")
          .invokeVoid(new Object[] {globalContext(lib), (byte) (on ? 1 : 0)});
      boolean now = contextFlag(lib, name);
      return now == on ? null : "the flag reads " + now + " after setting it";
    } catch (RuntimeException | LinkageError e) {
      return e.toString();
    }
  }

  /** @return whether libtorch's oneDNN flag is on, or null if it cannot be read */
  public static Boolean libtorchUsesOneDnn() {
    try {
      NativeLibrary lib = libtorchCpu();
      return lib == null ? null : contextFlag(lib, "Mkldnn");
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** {@code at::globalContext().userEnabled<name>()}, through its Itanium-mangled symbol. */
  private static boolean contextFlag(NativeLibrary lib, String name) {
    String get = "userEnabled" + name;
    return (lib.getFunction("_ZNK2at7Context" + get.length() + get + "Ev")
        .invokeInt(new Object[] {globalContext(lib)}) & 0xff) != 0;
  }

  private static Pointer globalContext(NativeLibrary lib) {
    return lib.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
  }

  /**
   * A handle on the libtorch_cpu already mapped into this process. Opened with
   * {@code RTLD_LAZY | RTLD_NOLOAD} and without {@code RTLD_GLOBAL}: JNA's default flags
   * ({@code RTLD_LAZY | RTLD_GLOBAL}) would promote libtorch's symbols into the global namespace,
   * and a native library loaded afterwards (XGBoost4J's, in the tree tests) then binds to
   * libtorch's copies of shared symbols and aborts ({@code munmap_chunk(): invalid pointer}).
   */
  private static NativeLibrary libtorchCpu() {
    String path = mappedLibtorch();
    if (path == null) {
      return null;
    }
    int flags = com.sun.jna.Platform.isLinux() ? RTLD_LAZY | RTLD_NOLOAD_LINUX : RTLD_LAZY;
    return NativeLibrary.getInstance(path,
        Map.of(com.sun.jna.Library.OPTION_OPEN_FLAGS, flags));
  }

  private static final int RTLD_LAZY = 0x1;
  private static final int RTLD_NOLOAD_LINUX = 0x4;

  /** @return the path of the loaded {@code libtorch_cpu}, or null */
  private static String mappedLibtorch() {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return null;
    }
    try (var lines = Files.lines(maps)) {
      return lines.filter(l -> l.contains("libtorch_cpu.") && l.indexOf('/') >= 0)
          .map(l -> l.substring(l.indexOf('/')).trim()).findFirst().orElse(null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean libtorchAlreadyMapped() {
    return mappedLibtorch() != null;
  }
}
