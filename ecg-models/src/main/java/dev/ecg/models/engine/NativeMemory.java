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
 * practice) may keep up to about 144 MiB of freed memory instead of returning it. The settings
 * are process-wide and cannot be undone from here, so they are applied only by the libtorch
 * paths: {@code EcgTrainer} (unless {@code optNativeMemoryTuning(false)}) and the PyTorch
 * inference engine. ONNX Runtime has its own arena and is not affected.
 *
 * <p><b>Opting out.</b> The system property {@value #PROPERTY} = {@code default} leaves
 * glibc's settings alone everywhere ({@code -Decg.malloc=default}); the default value
 * {@code tuned} allows the tuning. On anything but Linux with glibc (macOS, Windows, Alpine's
 * musl) nothing is changed and {@link Status#applied()} is false with the reason.
 */
public final class NativeMemory {

  /** System property: {@code tuned} (default) or {@code default} (leave malloc alone). */
  public static final String PROPERTY = "ecg.malloc";
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
   * Applies the settings once per process (later calls return the first call's status). Never
   * throws: a failure is reported in the status and logged at WARN.
   *
   * @return what happened
   */
  public static synchronized Status tuneForTensors() {
    if (status == null) {
      status = tune(System.getProperty(PROPERTY, "tuned"), System.getProperty("os.name", ""),
          NativeMemory::systemLibc);
      if (status.applied()) {
        LOG.info("glibc malloc tuned for tensor work ({}); -D{}=default turns this off",
            status.detail(), PROPERTY);
      } else {
        LOG.debug("glibc malloc left as is: {}", status.detail());
      }
    }
    return status;
  }

  /** A libc lookup that may fail. */
  interface LibcSupplier {
    Libc get() throws Exception;
  }

  static Status tune(String mode, String osName, LibcSupplier libcSupplier) {
    String m = mode == null ? "tuned" : mode.trim().toLowerCase(Locale.ROOT);
    if (m.equals("default")) {
      return new Status(false, PROPERTY + "=default");
    }
    if (!m.equals("tuned")) {
      LOG.warn("ignoring -D{}={}: expected tuned or default", PROPERTY, mode);
      return new Status(false, PROPERTY + "=" + mode + " is neither tuned nor default");
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
