package dev.ecg.io.mat;

import dev.ecg.io.EcgFormatException;
import java.nio.file.Path;

/**
 * A file is well formed as far as it was read, but uses a format variant or a feature this SDK does
 * not read (for example a MATLAB v5 or v7.3 MAT-file, a text or sparse matrix, or VAX floating
 * point).
 */
public class UnsupportedFormatException extends EcgFormatException {
  private static final long serialVersionUID = 1L;

  /**
   * @param file the file being read (may be null for in-memory input)
   * @param positionKind "byte", "line" or similar
   * @param position the position of the unsupported feature, or -1 when unknown
   * @param message what is unsupported, and what to do instead
   */
  public UnsupportedFormatException(Path file, String positionKind, long position, String message) {
    super(file, positionKind, position, message);
  }
}
