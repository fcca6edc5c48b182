package dev.ecg.core.labels;

import dev.ecg.core.EcgArgumentException;

/**
 * Thrown when label metadata text is malformed: a CSV record that breaks RFC 4180, a row of
 * {@code scp_statements.csv} with an unusable value, or an {@code scp_codes} dictionary literal of
 * {@code ptbxl_database.csv} that does not parse. The message names the source (file name or the
 * text itself) and the line or character position.
 */
public class LabelFormatException extends EcgArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was malformed, and where
   */
  public LabelFormatException(String message) {
    this(message, -1);
  }

  /**
   * @param message what was malformed, and where
   * @param line the 1-based line of the problem, or -1 when it has no line
   */
  public LabelFormatException(String message, long line) {
    super(message);
    this.line = line;
  }

  private final long line;

  /** @return the 1-based line of the problem, or -1 when unknown */
  public long line() {
    return line;
  }
}
