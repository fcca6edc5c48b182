package dev.ecg.io;

import java.util.Objects;

/**
 * One annotation, as in a WFDB annotation file: its sample index, the MIT mnemonic (for example
 * {@code N}, {@code V}, {@code +}), subtype, channel, num and the auxiliary string (for rhythm
 * changes, for example {@code (AFIB}).
 *
 * @param sample sample index in the record (frame number at the record's base rate)
 * @param symbol the MIT annotation mnemonic
 * @param subtype the subtype field (0 when absent)
 * @param chan the channel field (0 when absent)
 * @param num the num field (0 when absent)
 * @param aux the auxiliary string, or the empty string when absent (never null)
 */
public record Annotation(long sample, String symbol, int subtype, int chan, int num, String aux) {
  /** Validates the fields. */
  public Annotation {
    Objects.requireNonNull(symbol, "symbol");
    aux = aux == null ? "" : aux;
  }

  /**
   * @param sample sample index
   * @param symbol MIT mnemonic
   * @return an annotation with zero subtype, chan and num and no aux string
   */
  public static Annotation of(long sample, String symbol) {
    return new Annotation(sample, symbol, 0, 0, 0, "");
  }
}
