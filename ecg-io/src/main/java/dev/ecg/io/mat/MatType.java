package dev.ecg.io.mat;

/**
 * The element type of a MATLAB v4 matrix: the {@code P} digit of the {@code MOPT} type code.
 */
public enum MatType {
  /** P = 0: 64-bit IEEE floating point. */
  DOUBLE(0, 8),
  /** P = 1: 32-bit IEEE floating point. */
  FLOAT(1, 4),
  /** P = 2: 32-bit signed integer. */
  INT32(2, 4),
  /** P = 3: 16-bit signed integer. */
  INT16(3, 2),
  /** P = 4: 16-bit unsigned integer. */
  UINT16(4, 2),
  /** P = 5: 8-bit unsigned integer. */
  UINT8(5, 1);

  private final int code;
  private final int bytes;

  MatType(int code, int bytes) {
    this.code = code;
    this.bytes = bytes;
  }

  /** @return the {@code P} digit of the MOPT code */
  public int code() {
    return code;
  }

  /** @return bytes per element on disk */
  public int bytes() {
    return bytes;
  }

  /**
   * @param p the {@code P} digit
   * @return the matching type, or null when {@code p} is not 0..5
   */
  static MatType ofCode(int p) {
    for (MatType t : values()) {
      if (t.code == p) {
        return t;
      }
    }
    return null;
  }
}
