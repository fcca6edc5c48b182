package dev.ecg.models.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processor this JVM runs on, as the kernel reports it in {@code /proc/cpuinfo} (Linux), or
 * only the architecture elsewhere. Used to decide the oneDNN instruction-set cap
 * ({@link OneDnnPolicy}) and quoted in every kernel self-test failure ({@link KernelSelfTest}), so
 * that a wrong result can always be tied to a CPU model and its flags.
 *
 * @param arch {@code os.arch} ({@code amd64}, {@code aarch64}, ...)
 * @param vendor {@code vendor_id} ({@code AuthenticAMD}, {@code GenuineIntel}), or "" if unknown
 * @param family {@code cpu family} (AMD Zen 5 is 26), or -1 if unknown
 * @param model {@code model}, or -1 if unknown
 * @param modelName {@code model name}, or "" if unknown
 * @param flags the {@code flags} line, as a sorted set; empty if unknown
 * @param cacheTopology whether Linux lists the caches ({@code /sys/devices/system/cpu/cpu0/cache}),
 *     which it reads from the CPUID cache leaves oneDNN also uses: {@code reported},
 *     {@code not reported}, or {@code unknown}
 */
public record CpuInfo(String arch, String vendor, int family, int model, String modelName,
    Set<String> flags, String cacheTopology) {

  /** The flags that decide which oneDNN kernels run, in the order they are reported. */
  public static final List<String> ISA_FLAGS = List.of("avx", "avx2", "fma", "avx_vnni",
      "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_vnni", "avx512_bf16",
      "avx512_fp16", "avx512_vp2intersect", "amx_tile", "amx_bf16", "amx_int8");

  private static volatile CpuInfo current;

  /** Copies {@code flags} into an unmodifiable sorted set. */
  public CpuInfo {
    flags = Collections.unmodifiableSet(new TreeSet<>(flags));
  }

  /**
   * @return this machine's processor; read once per process, never throws (unknown fields are
   *     empty or -1 where {@code /proc/cpuinfo} is missing or unreadable)
   */
  public static CpuInfo current() {
    CpuInfo c = current;
    if (c == null) {
      String arch = System.getProperty("os.arch", "");
      String text = "";
      try {
        Path p = Path.of("/proc/cpuinfo");
        if (Files.isReadable(p)) {
          // The first processor's block is enough; a 2-core VM reports about 3 KB per core.
          byte[] head = new byte[64 << 10];
          int n;
          try (var in = Files.newInputStream(p)) {
            n = in.readNBytes(head, 0, head.length);
          }
          text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        }
      } catch (IOException | RuntimeException e) {
        text = "";
      }
      String cache = "unknown";
      if (Files.isDirectory(Path.of("/sys/devices/system/cpu/cpu0"))) {
        cache = Files.isDirectory(Path.of("/sys/devices/system/cpu/cpu0/cache/index0"))
            ? "reported" : "not reported";
      }
      CpuInfo p = parse(text, arch);
      c = new CpuInfo(p.arch(), p.vendor(), p.family(), p.model(), p.modelName(), p.flags(),
          cache);
      current = c;
    }
    return c;
  }

  /**
   * Parses the first processor block of a {@code /proc/cpuinfo} text.
   *
   * @param procCpuinfo the file's text (may be empty)
   * @param arch {@code os.arch}
   * @return what was found ({@link #cacheTopology()} {@code unknown})
   */
  public static CpuInfo parse(String procCpuinfo, String arch) {
    String vendor = "";
    String modelName = "";
    int family = -1;
    int model = -1;
    Set<String> flags = new TreeSet<>();
    for (String line : procCpuinfo.split("\n")) {
      if (line.isBlank()) {
        if (!vendor.isEmpty() || !flags.isEmpty()) {
          break; // end of the first processor's block
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      switch (key) {
        case "vendor_id" -> vendor = value;
        case "cpu family" -> family = parseInt(value);
        case "model" -> model = parseInt(value);
        case "model name" -> modelName = value;
        case "flags" -> {
          for (String f : value.split("\\s+")) {
            if (!f.isEmpty()) {
              flags.add(f.toLowerCase(Locale.ROOT));
            }
          }
        }
        default -> { }
      }
    }
    return new CpuInfo(arch == null ? "" : arch, vendor, family, model, modelName, flags,
        "unknown");
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** @return whether this is an x86-64 processor */
  public boolean isX86_64() {
    String a = arch.toLowerCase(Locale.ROOT);
    return a.equals("amd64") || a.equals("x86_64");
  }

  /** @return the {@link #ISA_FLAGS} this CPU has, space separated ("none" if none) */
  public String isaFlags() {
    StringBuilder sb = new StringBuilder();
    for (String f : ISA_FLAGS) {
      if (flags.contains(f)) {
        sb.append(sb.length() == 0 ? "" : " ").append(f);
      }
    }
    return sb.length() == 0 ? "none" : sb.toString();
  }

  /**
   * @return one line naming the processor, e.g. {@code AuthenticAMD family 26 model 2 "AMD
   *     EPYC" (amd64), ISA flags: avx avx2 ... avx512_bf16, cache topology: not reported}
   */
  public String describe() {
    if (vendor.isEmpty() && family < 0) {
      return arch + " (no /proc/cpuinfo)";
    }
    return vendor + " family " + family + " model " + model + " \"" + modelName + "\" (" + arch
        + "), ISA flags: " + isaFlags() + ", cache topology: " + cacheTopology;
  }
}
