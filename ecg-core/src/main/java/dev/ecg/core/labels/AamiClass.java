package dev.ecg.core.labels;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The five heartbeat classes of ANSI/AAMI EC57, with the standard mapping from MIT-BIH annotation
 * symbols (Moody and Mark 2001; de Chazal et al. 2004).
 *
 * <table>
 *   <caption>MIT-BIH symbols per class</caption>
 *   <tr><th>class</th><th>meaning</th><th>MIT symbols</th></tr>
 *   <tr><td>N</td><td>normal and bundle branch block beats</td><td>N L R e j</td></tr>
 *   <tr><td>S</td><td>supraventricular ectopic beats (SVEB)</td><td>A a J S</td></tr>
 *   <tr><td>V</td><td>ventricular ectopic beats (VEB)</td><td>V E</td></tr>
 *   <tr><td>F</td><td>fusion of ventricular and normal</td><td>F</td></tr>
 *   <tr><td>Q</td><td>paced, fusion of paced and normal, unclassifiable</td><td>/ f Q</td></tr>
 * </table>
 *
 * <p>All other MIT symbols are non-beat annotations (rhythm changes {@code +}, noise {@code ~},
 * comments {@code "}, signal quality, and so on), for which {@link #fromMitSymbol} returns empty.
 */
public enum AamiClass {
  /** Normal, left/right bundle branch block, atrial and nodal escape. */
  N,
  /** Supraventricular ectopic beat. */
  S,
  /** Ventricular ectopic beat. */
  V,
  /** Fusion of ventricular and normal beat. */
  F,
  /** Paced, fusion of paced and normal, unclassifiable. */
  Q;

  private static final Map<String, AamiClass> BY_SYMBOL = Map.ofEntries(
      Map.entry("N", N), Map.entry("L", N), Map.entry("R", N), Map.entry("e", N), Map.entry("j", N),
      Map.entry("A", S), Map.entry("a", S), Map.entry("J", S), Map.entry("S", S),
      Map.entry("V", V), Map.entry("E", V),
      Map.entry("F", F),
      Map.entry("/", Q), Map.entry("f", Q), Map.entry("Q", Q));

  /** Class names in index order: N, S, V, F, Q. */
  public static final List<String> NAMES = List.of("N", "S", "V", "F", "Q");

  /**
   * @param symbol an MIT-BIH annotation mnemonic
   * @return the AAMI class of a beat annotation, or empty for a non-beat annotation
   */
  public static Optional<AamiClass> fromMitSymbol(String symbol) {
    return Optional.ofNullable(symbol == null ? null : BY_SYMBOL.get(symbol));
  }

  /**
   * @param symbol an MIT-BIH annotation mnemonic
   * @return whether the symbol marks a beat that maps to an AAMI class
   */
  public static boolean isBeat(String symbol) {
    return symbol != null && BY_SYMBOL.containsKey(symbol);
  }

  /**
   * Beat annotations that WFDB counts as QRS complexes ({@code isqrs}) but EC57's five classes
   * leave unmapped: {@code B} (bundle branch block, unspecified), {@code r} (R-on-T premature
   * ventricular contraction), {@code n} (supraventricular escape) and {@code ?} (beat not
   * classified during learning). They are absent from the MIT-BIH Arrhythmia Database.
   */
  private static final Set<String> UNMAPPED_BEATS = Set.of("B", "r", "n", "?");

  /**
   * Whether an annotation marks a heartbeat at all, as WFDB's {@code isqrs}: every symbol
   * {@link #isBeat} accepts plus the four beat codes EC57 does not map to a class. Use it where
   * only the beat's time matters (RR intervals, HRV, detector scoring on other databases).
   *
   * @param symbol an MIT-BIH annotation mnemonic
   * @return whether the symbol marks a QRS complex
   */
  public static boolean isQrs(String symbol) {
    return isBeat(symbol) || (symbol != null && UNMAPPED_BEATS.contains(symbol));
  }

  /** @return the MIT symbols that map to this class */
  public Set<String> mitSymbols() {
    java.util.TreeSet<String> s = new java.util.TreeSet<>();
    BY_SYMBOL.forEach((k, v) -> {
      if (v == this) {
        s.add(k);
      }
    });
    return java.util.Collections.unmodifiableSet(s);
  }
}
