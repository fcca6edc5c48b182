package dev.ecg.models.pkg;

import dev.ecg.core.EcgArgumentException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One weight file of a model package with its format and SHA-256.
 *
 * @param file the file name inside the package (a plain name: no folders)
 * @param format what the file holds
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 */
public record WeightFile(String file, Format format, String sha256) {

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** What a weight file holds. */
  public enum Format {
    /** DJL {@code .params} parameters of the architecture named in the manifest. */
    DJL,
    /** An ONNX model (opset 17 when exported by this library). */
    ONNX,
    /** A TorchScript module saved by PyTorch ({@code torch.jit.save}). */
    TORCHSCRIPT,
    /**
     * The int8 twin of the {@link #ONNX} graph ({@code model.int8.onnx}, written by
     * {@link dev.ecg.models.onnx.Int8Quantizer}); loaded only when asked for with
     * {@code EcgClassifier.Precision.INT8}.
     */
    ONNX_INT8
  }

  /**
   * Checks that the name is a plain file name and the hash is 64 hex digits.
   *
   * @param file see the record description
   * @param format see the record description
   * @param sha256 see the record description
   */
  public WeightFile {
    Objects.requireNonNull(format, "format");
    checkName(file);
    if (sha256 == null || !HEX64.matcher(sha256).matches()) {
      throw new EcgArgumentException("weight file " + file
          + ": sha256 must be 64 lower-case hex digits, got " + sha256);
    }
  }

  /**
   * @param name a file name proposed for a package entry
   * @return the name
   * @throws IllegalArgumentException if it is not a plain, safe file name
   */
  static String checkName(String name) {
    if (name == null || !SAFE_NAME.matcher(name).matches() || name.contains("..")) {
      throw new EcgArgumentException("package file name must be a plain name of letters, "
          + "digits, '.', '_' and '-' (no folders), got " + name);
    }
    return name;
  }
}
