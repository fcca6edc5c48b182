package dev.ecg.io.physionet;

import dev.ecg.io.EcgFormatException;
import java.nio.file.Path;

/**
 * A downloaded file's SHA-256 differs from the one in the database's {@code SHA256SUMS.txt}. The
 * partial file has been deleted and nothing was written under the final name.
 */
public class ChecksumMismatchException extends EcgFormatException {
  private static final long serialVersionUID = 1L;

  private final String expected;
  private final String actual;

  /**
   * @param file the final path the file was meant for
   * @param size bytes received
   * @param expected the SHA-256 listed in the manifest (lower-case hex)
   * @param actual the SHA-256 of the bytes received (lower-case hex)
   */
  public ChecksumMismatchException(Path file, long size, String expected, String actual) {
    super(file, "byte", size, "SHA-256 mismatch after " + size + " bytes: expected " + expected
        + ", got " + actual + "; the download was discarded");
    this.expected = expected;
    this.actual = actual;
  }

  /** @return the SHA-256 listed in the manifest */
  public String expected() {
    return expected;
  }

  /** @return the SHA-256 of the bytes received */
  public String actual() {
    return actual;
  }
}
