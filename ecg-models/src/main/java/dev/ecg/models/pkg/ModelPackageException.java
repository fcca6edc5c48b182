package dev.ecg.models.pkg;

import java.io.IOException;

/**
 * A model package could not be read, verified or written: a missing or malformed
 * {@code ecg-model.json}, an unsupported schema version, a weight file whose SHA-256 differs from
 * the manifest, or a zip archive that tries to escape its folder or expand beyond the caps.
 * The message always names the package and the offending file.
 */
public class ModelPackageException extends IOException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong, naming the package and file
   */
  public ModelPackageException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, naming the package and file
   * @param cause the underlying failure
   */
  public ModelPackageException(String message, Throwable cause) {
    super(message, cause);
  }
}
