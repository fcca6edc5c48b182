package dev.ecg.models.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tunes glibc's {@code malloc} for libtorch's allocation pattern: many short-lived tensors of a
 * few hundred KB to a few tens of MB per training step or batch.
 *
 * <p><b>Why.</b> libtorch takes every tensor from {@code malloc} and frees it when the tensor
 * dies. In a JVM the calling thread is not the process's main thread, so glibc serves it from a
 * per-thread arena, and with glibc's defaults (a 128 KiB mmap threshold that adapts upwards, a
 * trim threshold of twice that) the freed blocks keep going back to the kernel and coming back
 * as fresh zero-filled pages. Measured on the CI machine class (2 vCPU EPYC, libtorch 2.7.1, one
 * thread, batch 128, {@code dev.ecg.bench.TrainStepPhases}): 10,700-12,000 minor page faults per
 * KachueeResNet training step with glibc's defaults, 107-577 with the settings below, and the
 * median step went from 1,482-1,573 to 2,059-2,124 samples/s; in the JMH training benchmark,
 * where the defaults happen to settle better, the gain is 6-10 %. See
 * {@code docs/performance.md}, "Training step: where the time goes".
 *
 * <p><b>What.</b> {@link #tuneForTensors()} calls {@code mallopt} three times:
 * <ul>
 *   <li>{@code M_MMAP_THRESHOLD} = {@value #MMAP_THRESHOLD} bytes (32 MiB):
 *       blocks up to that size come from the heap, not from a fresh {@code mmap} each time;</li>
 *   <li>{@code M_TRIM_THRESHOLD} = {@value #TRIM_THRESHOLD} bytes (128 MiB): up to that much
 *       free memory at the top of a heap is kept rather than handed back to the kernel;</li>
 *   <li>{@code M_TOP_PAD} = {@value #TOP_PAD} bytes (16 MiB): a heap grows in larger steps.</li>
 * </ul>
 * The price is resident memory: each glibc arena (at most 8 per core, one per busy thread in
 * practice) may keep up to about 144 MiB of freed memory instead of returning it.
 *
 * <p><b>Opt-in.</b> The settings are process-wide and cannot be undone, so the library does not
 * apply them on its own. The system property {@value #PROPERTY} decides:
 * <ul>
 *   <li>not set (the default): nothing changes unless the application calls
 *       {@link #tuneForTensors()} itself; {@link #tuneIfEnabled()}, which {@code EcgTrainer} and
 *       the PyTorch inference engine call, does nothing;</li>
 *   <li>{@code -Decg.malloc.tune=true}: {@link #tuneIfEnabled()} tunes too, so training and
 *       PyTorch inference get the settings without code changes;</li>
 *   <li>{@code -Decg.malloc.tune=false}: nothing tunes, not even an explicit
 *       {@link #tuneForTensors()} (for an operator overruling an application).</li>
 * </ul>
 * Any other value is reported and changes nothing. ONNX Runtime has its own arena and is not
 * affected. On anything but Linux with glibc (macOS, Windows, Alpine's musl) nothing is changed
 * and {@link Status#applied()} is false with the reason.
 */
public final class NativeMemory {

  /**
   * System property: {@code true} lets {@link #tuneIfEnabled()} tune, {@code false} forbids all
   * tuning; unset, only an explicit {@link #tuneForTensors()} tunes.
   */
  public static final String PROPERTY = "ecg.malloc.tune";
  /** {@code M_MMAP_THRESHOLD} value: 32 MiB (larger tensors still get their own mapping). */
  public static final int MMAP_THRESHOLD = 32 << 20;
  /** {@code M_TRIM_THRESHOLD} value: 128 MiB. */
  public static final int TRIM_THRESHOLD = 128 << 20;
  /** {@code M_TOP_PAD} value: 16 MiB. */
  public static final int TOP_PAD = 16 << 20;

  // glibc malloc.h parameter numbers
  static final int M_TRIM_THRESHOLD = -1;
  static final int M_TOP_PAD = -2;
  static final int M_MMAP_THRESHOLD = -3;

  private static final Logger LOG = LoggerFactory.getLogger(NativeMemory.class);
  private static Status status;

  /**
   * Outcome of a tuning attempt.
   *
   * @param applied whether all three {@code mallopt} calls succeeded
   * @param detail what was done, or why nothing was
   */
  public record Status(boolean applied, String detail) {}

  /** The two C functions used, so tests can stand in for a libc. */
  interface Libc {
    /**
     * @return glibc's version string, or null if this C library is not glibc
     */
    String glibcVersion();

    /**
     * @param param a {@code M_*} parameter number
     * @param value its value
     * @return {@code mallopt}'s result: 1 on success, 0 on error
     */
    int mallopt(int param, int value);
  }

  private NativeMemory() {}

  /**
   * Applies the settings once per process (later calls return the first call's status), unless
   * {@code -D}{@value #PROPERTY}{@code =false} forbids it. For applications that want the
   * tuning; library code calls {@link #tuneIfEnabled()} instead. Never throws: a failure is
   * reported in the status and logged at WARN.
   *
   * @return what happened
   */
  public static synchronized Status tuneForTensors() {
    if (status == null) {
      status = tune(System.getProperty(PROPERTY), true, System.getProperty("os.name", ""),
          NativeMemory::systemLibc);
      if (status.applied()) {
        LOG.info("glibc malloc tuned for tensor work ({}); -D{}=false forbids this",
            status.detail(), PROPERTY);
      } else {
        LOG.debug("glibc malloc left as is: {}", status.detail());
      }
    }
    return status;
  }

  /**
   * Applies the settings as {@link #tuneForTensors()} does, but only when the process opted in
   * with {@code -D}{@value #PROPERTY}{@code =true}; otherwise changes nothing. This is what the
   * library's libtorch paths ({@code EcgTrainer}, the PyTorch inference engine) call, so that by
   * default using the SDK leaves the process's {@code malloc} alone.
   *
   * @return the tuning status when enabled; otherwise a status with {@code applied() == false}
   *     saying why (an earlier explicit {@link #tuneForTensors()} still holds)
   */
  public static Status tuneIfEnabled() {
    String value = System.getProperty(PROPERTY);
    if (enabled(value)) {
      return tuneForTensors();
    }
    return tune(value, false, System.getProperty("os.name", ""), () -> {
      throw new IllegalStateException("no C library is needed when tuning is off");
    });
  }

  static boolean enabled(String value) {
    return value != null && value.trim().equalsIgnoreCase("true");
  }

  /** A libc lookup that may fail. */
  interface LibcSupplier {
    Libc get() throws Exception;
  }

  /**
   * The decision and the {@code mallopt} calls, with the property value, the caller and the
   * system passed in so tests need not change the process.
   *
   * @param value the value of {@value #PROPERTY}, or null when unset
   * @param explicit whether the application asked ({@link #tuneForTensors()}) rather than the
   *     library ({@link #tuneIfEnabled()})
   * @param osName the {@code os.name} to check for Linux
   * @param libcSupplier the C library, looked up only when tuning goes ahead on Linux
   * @return what happened
   */
  static Status tune(String value, boolean explicit, String osName,
      LibcSupplier libcSupplier) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("false")) {
      return new Status(false, PROPERTY + "=false");
    }
    if (!v.isEmpty() && !v.equals("true")) {
      LOG.warn("ignoring -D{}={}: expected true or false; malloc is left alone", PROPERTY,
          value);
      return new Status(false, PROPERTY + "=" + value + " is neither true nor false");
    }
    if (v.isEmpty() && !explicit) {
      return new Status(false, "off by default; -D" + PROPERTY + "=true turns it on");
    }
    if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
      return new Status(false, "not Linux (" + osName + ")");
    }
    Libc libc;
    String version;
    try {
      libc = libcSupplier.get();
      version = libc.glibcVersion();
    } catch (Exception | LinkageError e) {
      return new Status(false, "C library not reachable: " + e);
    }
    if (version == null) {
      return new Status(false, "the C library is not glibc");
    }
    StringBuilder failed = new StringBuilder();
    int[][] settings = {{M_MMAP_THRESHOLD, MMAP_THRESHOLD}, {M_TRIM_THRESHOLD, TRIM_THRESHOLD},
        {M_TOP_PAD, TOP_PAD}};
    String[] names = {"M_MMAP_THRESHOLD", "M_TRIM_THRESHOLD", "M_TOP_PAD"};
    for (int i = 0; i < settings.length; i++) {
      if (libc.mallopt(settings[i][0], settings[i][1]) != 1) {
        failed.append(failed.length() == 0 ? "" : ", ").append(names[i]).append('=')
            .append(settings[i][1]);
      }
    }
    if (failed.length() > 0) {
      Status s = new Status(false, "glibc " + version + " refused mallopt " + failed);
      LOG.warn("{}", s.detail());
      return s;
    }
    return new Status(true, "glibc " + version + ": mmap threshold " + (MMAP_THRESHOLD >> 20)
        + " MiB, trim threshold " + (TRIM_THRESHOLD >> 20) + " MiB, top pad " + (TOP_PAD >> 20)
        + " MiB");
  }

  static Libc systemLibc() {
    NativeLibrary c = NativeLibrary.getInstance("c");
    Function mallopt = c.getFunction("mallopt");
    Function version;
    try {
      version = c.getFunction("gnu_get_libc_version");
    } catch (UnsatisfiedLinkError e) {
      version = null;
    }
    Function v = version;
    return new Libc() {
      @Override
      public String glibcVersion() {
        return v == null ? null : v.invokeString(new Object[0], false);
      }

      @Override
      public int mallopt(int param, int value) {
        return mallopt.invokeInt(new Object[] {param, value});
      }
    };
  }
}
