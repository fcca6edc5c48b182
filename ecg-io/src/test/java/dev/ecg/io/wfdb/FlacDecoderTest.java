package dev.ecg.io.wfdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.EcgFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and damaged FLAC signal files: every failure is an {@link EcgFormatException} naming
 * the file, within bounded memory; the valid files themselves are decoded in
 * {@code WfdbFixtureTest} against the values the independent encoders were given.
 */
class FlacDecoderTest {

  @TempDir
  Path tmp;

  static Path fixture(String name) throws Exception {
    return Path.of(FlacDecoderTest.class.getResource("/wfdb/" + name).toURI());
  }

  @Test
  void everyTruncationIsATypedError() throws Exception {
    byte[] b = Files.readAllBytes(fixture("flac516.flac"));
    Path f = Path.of("cut.flac");
    int typed = 0;
    for (int n = 0; n < b.length; n += 61) {
      byte[] cut = Arrays.copyOf(b, n);
      EcgFormatException e = assertThrows(EcgFormatException.class,
          () -> FlacDecoder.decode(cut, f, 1 << 24, 1 << 24), "cut at " + n);
      assertTrue(e.getMessage().contains("cut.flac"), e.getMessage());
      typed++;
    }
    assertTrue(typed > 100);
  }

  /** One flipped bit anywhere in the audio frames is caught (CRC-8 / CRC-16 or a bad field). */
  @Test
  void everyFlippedBitInAFrameIsCaught() throws Exception {
    byte[] b = Files.readAllBytes(fixture("flac516lpc.flac"));
    int framesStart = 4;
    boolean last = false;
    while (!last) { // walk the metadata blocks (the encoder adds padding and tags)
      last = (b[framesStart] & 0x80) != 0;
      int len = ((b[framesStart + 1] & 0xff) << 16) | ((b[framesStart + 2] & 0xff) << 8)
          | (b[framesStart + 3] & 0xff);
      framesStart += 4 + len;
    }
    SplittableRandom rng = new SplittableRandom(7);
    for (int t = 0; t < 400; t++) {
      byte[] m = b.clone();
      int at = framesStart + rng.nextInt(m.length - framesStart);
      m[at] ^= (byte) (1 << rng.nextInt(8));
      assertThrows(EcgFormatException.class, () -> FlacDecoder.decode(m, null, 1 << 24, 1 << 24),
          "flip at byte " + at);
    }
  }

  @Test
  void aHugeDeclaredLengthIsRefusedBeforeAllocation() throws Exception {
    byte[] b = Files.readAllBytes(fixture("flac516sf.flac"));
    // STREAMINFO total samples (36 bits at bytes 8+13 .. 8+17): 2^35
    b[8 + 13] = (byte) ((b[8 + 13] & 0xF0) | 0x08);
    EcgFormatException e = assertThrows(EcgFormatException.class,
        () -> FlacDecoder.decode(b, Path.of("big.flac"), 1 << 28, Long.MAX_VALUE));
    assertTrue(e.getMessage().contains("more than the limit"), e.getMessage());
    // asked for fewer samples than the stream holds, it stops there
    byte[] ok = Files.readAllBytes(fixture("flac516sf.flac"));
    assertEquals(100, FlacDecoder.decode(ok, null, 1 << 28, 100).length());
  }

  @Test
  void notFlacAndWrongLayoutsAreNamed() throws Exception {
    EcgFormatException e = assertThrows(EcgFormatException.class,
        () -> FlacDecoder.decode(new byte[] {'R', 'I', 'F', 'F', 0, 0}, Path.of("x.flac"), 100,
            100));
    assertTrue(e.getMessage().contains("fLaC"), e.getMessage());
    // a 16-bit FLAC stream under a 24-bit format, and under a header with one signal too many
    for (String f : new String[] {"flac516sf.flac", "flac516sf.hea"}) {
      Files.copy(fixture(f), tmp.resolve(f));
    }
    String hea = Files.readString(tmp.resolve("flac516sf.hea"));
    Files.writeString(tmp.resolve("flac516sf.hea"), hea.replace(" 516 ", " 524 "));
    EcgFormatException bits = assertThrows(EcgFormatException.class,
        () -> Wfdb.readRecord(tmp.resolve("flac516sf")));
    assertTrue(bits.getMessage().contains("16-bit samples for format 524"), bits.getMessage());
    String[] lines = hea.split("\n");
    String twoSignals = lines[0].replaceFirst(" 1 ", " 2 ") + "\n" + lines[1] + "\n"
        + lines[1].replace("ch0", "ch1") + "\n";
    Files.writeString(tmp.resolve("flac516sf.hea"), twoSignals);
    EcgFormatException ch = assertThrows(EcgFormatException.class,
        () -> Wfdb.readRecord(tmp.resolve("flac516sf")));
    assertTrue(ch.getMessage().contains("1 channels, the header puts 2 signals"),
        ch.getMessage());
  }

  @Test
  void theWriterRefusesFlacFormats() {
    // reading only: the writer names the formats it can write
    assertThrows(dev.ecg.core.EcgArgumentException.class, () -> WfdbWriter.write(
        tmp.resolve("w"), 250, 516, new int[][] {{1, 2}}, new double[] {200},
        new int[] {0}, new String[] {"mV"}, new String[] {"a"}, java.util.List.of()));
  }
}
