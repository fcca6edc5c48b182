package dev.ecg.models.device;

import dev.ecg.core.EcgArgumentException;
import java.util.Locale;

/**
 * What device the caller asks for: {@link #AUTO} (a CUDA GPU when one is present and its natives
 * load, else the CPU), {@link #CPU}, or a specific GPU {@link #gpu(int)}. Immutable.
 */
public final class DeviceChoice {

  /** Kinds of choice. */
  public enum Kind {
    /** GPU 0 if usable, else CPU. */
    AUTO,
    /** Always the CPU. */
    CPU,
    /** A specific GPU; fail if it is not usable. */
    GPU
  }

  /** GPU 0 if usable, else CPU. */
  public static final DeviceChoice AUTO = new DeviceChoice(Kind.AUTO, -1);

  /** The CPU. */
  public static final DeviceChoice CPU = new DeviceChoice(Kind.CPU, -1);

  private final Kind kind;
  private final int gpuIndex;

  private DeviceChoice(Kind kind, int gpuIndex) {
    this.kind = kind;
    this.gpuIndex = gpuIndex;
  }

  /**
   * @param index GPU index, from 0
   * @return the choice of that GPU
   * @throws EcgArgumentException if {@code index < 0}
   */
  public static DeviceChoice gpu(int index) {
    if (index < 0) {
      throw new EcgArgumentException("GPU index must be >= 0, got " + index);
    }
    return new DeviceChoice(Kind.GPU, index);
  }

  /**
   * Parses {@code auto}, {@code cpu}, {@code gpu} (= gpu 0) or {@code gpu:N} / {@code gpuN} /
   * {@code cuda:N}, case-insensitively (for command lines).
   *
   * @param text the text
   * @return the choice
   * @throws EcgArgumentException for anything else
   */
  public static DeviceChoice parse(String text) {
    if (text == null) {
      throw new EcgArgumentException("device choice is null; use auto, cpu or gpu:N");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("auto")) {
      return AUTO;
    }
    if (t.equals("cpu")) {
      return CPU;
    }
    if (t.equals("gpu") || t.equals("cuda")) {
      return gpu(0);
    }
    String rest = t.startsWith("gpu") ? t.substring(3) : t.startsWith("cuda") ? t.substring(4) : null;
    if (rest != null) {
      if (rest.startsWith(":")) {
        rest = rest.substring(1);
      }
      try {
        return gpu(Integer.parseInt(rest));
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new EcgArgumentException("unknown device '" + text + "'; use auto, cpu or gpu:N");
  }

  /** @return the kind */
  public Kind kind() {
    return kind;
  }

  /** @return the GPU index for {@link Kind#GPU}, else -1 */
  public int gpuIndex() {
    return gpuIndex;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceChoice d && d.kind == kind && d.gpuIndex == gpuIndex;
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + gpuIndex;
  }

  @Override
  public String toString() {
    return kind == Kind.GPU ? "gpu:" + gpuIndex : kind.name().toLowerCase(Locale.ROOT);
  }
}
