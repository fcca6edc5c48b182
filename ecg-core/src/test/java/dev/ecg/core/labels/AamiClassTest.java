package dev.ecg.core.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The AAMI EC57 mapping of MIT-BIH symbols (de Chazal et al. 2004, Table I). */
class AamiClassTest {

  @Test
  void beatSymbolsMapToTheirClass() {
    for (String s : List.of("N", "L", "R", "e", "j")) {
      assertEquals(Optional.of(AamiClass.N), AamiClass.fromMitSymbol(s), s);
    }
    for (String s : List.of("A", "a", "J", "S")) {
      assertEquals(Optional.of(AamiClass.S), AamiClass.fromMitSymbol(s), s);
    }
    for (String s : List.of("V", "E")) {
      assertEquals(Optional.of(AamiClass.V), AamiClass.fromMitSymbol(s), s);
    }
    assertEquals(Optional.of(AamiClass.F), AamiClass.fromMitSymbol("F"));
    for (String s : List.of("/", "f", "Q")) {
      assertEquals(Optional.of(AamiClass.Q), AamiClass.fromMitSymbol(s), s);
    }
  }

  @Test
  void symbolSetsPerClass() {
    assertEquals(Set.of("N", "L", "R", "e", "j"), AamiClass.N.mitSymbols());
    // WFDB's isqrs set (ecgcodes.h): the 15 mapped beats and B, r, n, ?; nothing else
    for (String s : List.of("N", "L", "R", "B", "A", "a", "J", "S", "V", "r", "F", "e", "j",
        "n", "E", "/", "f", "Q", "?")) {
      assertTrue(AamiClass.isQrs(s), s);
    }
    for (String s : List.of("+", "~", "|", "!", "x", "[", "]", "\"", "t", "p", "(", ")")) {
      assertFalse(AamiClass.isQrs(s), s);
    }
    assertFalse(AamiClass.isQrs(null));
    assertFalse(AamiClass.isBeat("B"));
    assertEquals(Set.of("A", "a", "J", "S"), AamiClass.S.mitSymbols());
    assertEquals(Set.of("V", "E"), AamiClass.V.mitSymbols());
    assertEquals(Set.of("F"), AamiClass.F.mitSymbols());
    assertEquals(Set.of("/", "f", "Q"), AamiClass.Q.mitSymbols());
    assertEquals(List.of("N", "S", "V", "F", "Q"), AamiClass.NAMES);
    for (AamiClass c : AamiClass.values()) {
      assertEquals(c.name(), AamiClass.NAMES.get(c.ordinal()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"-", "+", "~", "|", "\"", "x", "!", "[", "]", "(", ")", "p", "t", "u",
      "`", "'", "^", "=", "s", "T", "*", "D", "@", "", "n", "NN", "B", "r", " N"})
  void nonBeatSymbolsHaveNoClass(String symbol) {
    assertEquals(Optional.empty(), AamiClass.fromMitSymbol(symbol), "'" + symbol + "'");
    assertFalse(AamiClass.isBeat(symbol), "'" + symbol + "'");
  }

  @Test
  void nullIsNotABeat() {
    assertEquals(Optional.empty(), AamiClass.fromMitSymbol(null));
    assertFalse(AamiClass.isBeat(null));
    assertTrue(AamiClass.isBeat("N"));
  }

  @Test
  void cincCodes() {
    assertEquals(CincClass.AF, CincClass.fromCode("A"));
    assertEquals(CincClass.NOISY, CincClass.fromCode("~"));
    assertEquals("O", CincClass.OTHER.code());
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(
        dev.ecg.core.EcgArgumentException.class, () -> CincClass.fromCode("X"))
        .getMessage().contains("'X'"));
  }
}
