package dev.ecg.io.mat;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ecg.io.EcgFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Randomly damaged valid files must either still parse or fail with an {@link EcgFormatException}:
 * never another exception type, never an out-of-memory error.
 */
public class MutationFuzzTest {
  /** A reader under test. */
  @FunctionalInterface
  public interface Reader {
    /**
     * @param file the file to read
     * @throws IOException as the reader does
     */
    void read(Path file) throws IOException;
  }

  /**
   * Mutates {@code original} with the given seed and feeds it to {@code reader}.
   *
   * @param original valid file content
   * @param seed mutation seed
   * @param reader the reader
   * @throws IOException when the temp file cannot be written
   */
  public static void check(byte[] original, long seed, Reader reader) throws IOException {
    Random r = new Random(seed);
    byte[] b = original.clone();
    int kind = r.nextInt(4);
    if (kind == 0) {
      b = Arrays.copyOf(b, r.nextInt(b.length + 1));
    } else if (kind == 1) {
      int n = 1 + r.nextInt(8);
      for (int i = 0; i < n && b.length > 0; i++) {
        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
      }
    } else if (kind == 2 && b.length >= 4) {
      // overwrite an aligned word with an extreme value, as a hostile size field would be
      int at = r.nextInt(b.length / 4) * 4;
      int v = new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0x7fff0000, 65535}[r.nextInt(5)];
      b[at] = (byte) v;
      b[at + 1] = (byte) (v >> 8);
      b[at + 2] = (byte) (v >> 16);
      b[at + 3] = (byte) (v >> 24);
    } else {
      int at = r.nextInt(b.length + 1);
      byte[] ins = new byte[1 + r.nextInt(16)];
      r.nextBytes(ins);
      byte[] c = new byte[b.length + ins.length];
      System.arraycopy(b, 0, c, 0, at);
      System.arraycopy(ins, 0, c, at, ins.length);
      System.arraycopy(b, at, c, at + ins.length, b.length - at);
      b = c;
    }
    Path f = Files.createTempFile("fuzz", ".bin");
    try {
      Files.write(f, b);
      try {
        reader.read(f);
      } catch (EcgFormatException expected) {
        // fine: a typed, positioned error
      } catch (IOException | RuntimeException | OutOfMemoryError e) {
        fail("seed " + seed + ": " + e, e);
      }
    } finally {
      Files.deleteIfExists(f);
    }
  }

  @Property(tries = 300)
  void damagedMatFiles(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int which)
      throws IOException {
    String name = new String[] {"multi.mat", "i16_2x5.mat", "be_i16_2x3.mat", "f64_2x3.mat"}[which];
    check(Files.readAllBytes(MatV4Test.resource(name)), seed, MatV4::read);
  }
}
