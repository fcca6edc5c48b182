package dev.ecg.core.labels;

import dev.ecg.core.EcgArgumentException;
import java.util.List;

/**
 * The four rhythm classes of the PhysioNet/Computing in Cardiology Challenge 2017 (Clifford et
 * al. 2017), as written in its {@code REFERENCE.csv}.
 */
public enum CincClass {
  /** Normal sinus rhythm ({@code N}). */
  NORMAL("N"),
  /** Atrial fibrillation ({@code A}). */
  AF("A"),
  /** Other rhythm ({@code O}). */
  OTHER("O"),
  /** Too noisy to classify ({@code ~}). */
  NOISY("~");

  /** Class codes in index order: N, A, O, ~. */
  public static final List<String> NAMES = List.of("N", "A", "O", "~");

  private final String code;

  CincClass(String code) {
    this.code = code;
  }

  /** @return the code used in {@code REFERENCE.csv} */
  public String code() {
    return code;
  }

  /**
   * @param code one of N, A, O, ~
   * @return the class
   * @throws EcgArgumentException for any other code
   */
  public static CincClass fromCode(String code) {
    for (CincClass c : values()) {
      if (c.code.equals(code)) {
        return c;
      }
    }
    throw new EcgArgumentException("unknown CinC 2017 label '" + code + "', expected one of " + NAMES);
  }
}
