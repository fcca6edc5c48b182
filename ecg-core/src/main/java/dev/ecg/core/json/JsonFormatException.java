package dev.ecg.core.json;

import dev.ecg.core.EcgArgumentException;

/** Thrown by {@link JsonReader} for text that is not valid JSON; the message gives the offset. */
public class JsonFormatException extends EcgArgumentException {
  private static final long serialVersionUID = 1L;

  /** Character offset into the text where the problem was found. */
  private final int offset;

  /**
   * @param message what was wrong
   * @param offset character offset into the text
   */
  public JsonFormatException(String message, int offset) {
    super(message + " at offset " + offset);
    this.offset = offset;
  }

  /** @return character offset into the text where the problem was found */
  public int offset() {
    return offset;
  }
}
