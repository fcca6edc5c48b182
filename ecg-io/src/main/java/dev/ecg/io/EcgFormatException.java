package dev.ecg.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file could not be read because its content is invalid, truncated or unsupported. The message
 * names the file and the position (byte offset or line) where the problem was found.
 */
public class EcgFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long position;
  private final String positionKind;

  /**
   * @param file the file being read (may be null for in-memory input)
   * @param positionKind "byte", "line", "sample" or similar
   * @param position the position of the problem, or -1 when unknown
   * @param message what was wrong
   */
  public EcgFormatException(Path file, String positionKind, long position, String message) {
    this(file, positionKind, position, message, null);
  }

  /**
   * @param file the file being read (may be null for in-memory input)
   * @param positionKind "byte", "line", "sample" or similar
   * @param position the position of the problem, or -1 when unknown
   * @param message what was wrong
   * @param cause the underlying cause
   */
  public EcgFormatException(
      Path file, String positionKind, long position, String message, Throwable cause) {
    super(format(file, positionKind, position, message), cause);
    this.file = file;
    this.position = position;
    this.positionKind = positionKind;
  }

  private static String format(Path file, String kind, long pos, String message) {
    StringBuilder sb = new StringBuilder();
    sb.append(file == null ? "<input>" : file.toString());
    if (pos >= 0 && kind != null) {
      sb.append(" (").append(kind).append(' ').append(pos).append(')');
    }
    return sb.append(": ").append(message).toString();
  }

  /** @return the file being read, or null for in-memory input */
  public Path file() {
    return file;
  }

  /** @return the byte offset, line number or sample index of the problem, or -1 */
  public long position() {
    return position;
  }

  /** @return what {@link #position()} counts: "byte", "line", "sample", ... */
  public String positionKind() {
    return positionKind;
  }
}
