package dev.ecg.io.physionet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.io.EcgFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class Sha256SumsTest {
  @Test
  void parsesSha256sumLayouts() throws EcgFormatException {
    String h1 = "8d8a5349fb16638ebbf649f1779d12e96d91b736b2aafe59db43719ae583d471";
    String h2 = "B2EA3C250E56E48F4B7B90697832B8ECD1AFA1E0BB31F2DCFEA4ED6E1075A639";
    Sha256Sums s = Sha256Sums.parse(h1 + " 100.atr\r\n" + h2 + "  *records100/00000/00001_lr.dat\n\n",
        null);
    assertEquals(2, s.entries().size());
    assertEquals(h1, s.entries().get("100.atr"));
    assertEquals(h2.toLowerCase(), s.entries().get("records100/00000/00001_lr.dat"));
    EcgFormatException dup = assertThrows(EcgFormatException.class,
        () -> Sha256Sums.parse(h1 + " a\n" + h1 + " a\n", null));
    assertEquals(2, dup.position());
  }

  @Test
  void knownDigest() {
    // FIPS 180-2 example: SHA-256("abc")
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Sha256Sums.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
  }

  @Property(tries = 300)
  void randomTextFailsOnlyWithFormatException(@ForAll long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    String alphabet = "0123456789abcdef ./\\*\n\r\t..x-_";
    int n = r.nextInt(200);
    for (int i = 0; i < n; i++) {
      sb.append(r.nextInt(10) == 0 ? "0".repeat(64) : String.valueOf(
          alphabet.charAt(r.nextInt(alphabet.length()))));
    }
    try {
      Sha256Sums.parse(sb.toString(), null);
    } catch (EcgFormatException expected) {
      // typed, positioned error
    }
  }
}
