package dev.ecg.io.wfdb;

import dev.ecg.core.EcgArgumentException;
import java.util.HashMap;
import java.util.Map;

/**
 * The MIT annotation code table (WFDB {@code ecgcodes.h}, {@code annot(5)}): codes 1 to
 * {@value #ACMAX} and their mnemonics, plus the pseudo-codes used only inside MIT-format files.
 * Codes without a standard mnemonic (0, 15, 17, 42..49) are written {@code [n]}, as WFDB's
 * {@code annstr} does.
 */
public final class AnnotationCodes {
  /** Largest annotation code. */
  public static final int ACMAX = 49;
  /** Pseudo-code: the next 4 bytes hold a 32-bit sample interval. */
  public static final int SKIP = 59;
  /** Pseudo-code: sets the num field of this and later annotations. */
  public static final int NUM = 60;
  /** Pseudo-code: sets the subtype of the current annotation. */
  public static final int SUB = 61;
  /** Pseudo-code: sets the chan field of this and later annotations. */
  public static final int CHN = 62;
  /** Pseudo-code: an auxiliary string of the current annotation follows. */
  public static final int AUX = 63;

  private static final String[] SYMBOLS = new String[ACMAX + 1];
  private static final Map<String, Integer> CODES = new HashMap<>();

  static {
    String[] known = {
      null, "N", "L", "R", "a", "V", "F", "J", "A", "S", // 0..9
      "E", "j", "/", "Q", "~", null, "|", null, "s", "T", // 10..19
      "*", "D", "\"", "=", "p", "B", "^", "t", "+", "u", // 20..29
      "?", "!", "[", "]", "e", "n", "@", "x", "f", "(", // 30..39
      ")", "r" // 40..41
    };
    for (int c = 0; c <= ACMAX; c++) {
      String s = c < known.length && known[c] != null ? known[c] : "[" + c + "]";
      SYMBOLS[c] = s;
      CODES.put(s, c);
    }
  }

  private AnnotationCodes() {}

  /**
   * @param code annotation code 0..{@value #ACMAX}
   * @return its mnemonic
   * @throws IllegalArgumentException for codes outside 0..{@value #ACMAX}
   */
  public static String symbol(int code) {
    if (code < 0 || code > ACMAX) {
      throw new EcgArgumentException("annotation code " + code + " outside 0.." + ACMAX);
    }
    return SYMBOLS[code];
  }

  /**
   * @param symbol a mnemonic such as {@code N} or {@code [42]}
   * @return its code, or -1 when the symbol is unknown
   */
  public static int code(String symbol) {
    Integer c = CODES.get(symbol);
    return c == null ? -1 : c;
  }
}
