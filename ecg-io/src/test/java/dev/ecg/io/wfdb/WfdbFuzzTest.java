package dev.ecg.io.wfdb;

import dev.ecg.io.EcgFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Mutated headers, signal files and annotation files must either read or fail with an
 * {@link EcgFormatException}: never an unchecked exception or an out-of-memory error.
 */
class WfdbFuzzTest {
  private static Path dir;
  private static byte[] atr;

  @BeforeContainer
  static void setup() throws IOException {
    dir = Files.createTempDirectory("wfdb-fuzz");
    atr = WfdbAnnotations.encode(List.of(
        new dev.ecg.io.Annotation(3, "N", 0, 0, 0, ""),
        new dev.ecg.io.Annotation(3000, "+", 0, 1, 0, "(AFIB"),
        new dev.ecg.io.Annotation(3001, "V", 2, 1, -4, ""),
        new dev.ecg.io.Annotation(5_000_000_000L, "N", 0, 0, 0, "x")));
  }

  @AfterContainer
  static void cleanup() throws IOException {
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  @Provide
  Arbitrary<String> fixture() {
    return Arbitraries.of("f8", "f212odd", "f310b", "f311c", "spfskew", "twofiles", "f24", "mf",
        "mv");
  }

  @Property(tries = 500)
  void mutatedHeaderFailsTyped(@ForAll("fixture") String name,
      @ForAll("positions") List<Integer> pos, @ForAll("chars") List<Character> chars)
      throws IOException {
    Path src = WfdbFixtureTest.dir();
    String text = Files.readString(src.resolve(name + ".hea"), StandardCharsets.ISO_8859_1);
    StringBuilder sb = new StringBuilder(text);
    for (int i = 0; i < Math.min(pos.size(), chars.size()); i++) {
      int p = pos.get(i) % sb.length();
      sb.setCharAt(p, chars.get(i));
    }
    Path base = dir.resolve("h");
    Files.writeString(dir.resolve("h.hea"), sb.toString(), StandardCharsets.ISO_8859_1);
    try (var files = Files.list(src)) {
      for (Path f : files.toList()) {
        String fn = f.getFileName().toString();
        if (fn.equals(name + ".dat") || fn.startsWith(name + "_")) {
          Files.copy(f, dir.resolve(fn), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    try {
      WfdbReader.options().maxSamples(1 << 20).reader().read(base);
    } catch (EcgFormatException expected) {
      // typed failure is fine
    }
  }

  @Provide
  Arbitrary<List<Integer>> positions() {
    return Arbitraries.integers().between(0, 10_000).list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<Character>> chars() {
    return Arbitraries.of('0', '1', '9', '-', '+', 'x', ':', '/', '(', ')', ' ', '\n', '#', '~',
        'e', '.', 'a').list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 300)
  void mutatedAnnotationBytesFailTyped(@ForAll("positions") List<Integer> pos,
      @ForAll("bytes") List<Byte> vals, @ForAll("cut") int cut) {
    byte[] b = atr.clone();
    for (int i = 0; i < Math.min(pos.size(), vals.size()); i++) {
      b[pos.get(i) % b.length] = vals.get(i);
    }
    byte[] c = java.util.Arrays.copyOf(b, Math.max(0, b.length - cut));
    try {
      WfdbAnnotations.decode(c, null);
    } catch (EcgFormatException expected) {
      // typed failure is fine
    }
  }

  @Provide
  Arbitrary<List<Byte>> bytes() {
    return Arbitraries.bytes().list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<Integer> cut() {
    return Arbitraries.integers().between(0, 5);
  }

  @Property(tries = 100)
  void mutatedSignalFileFailsTyped(@ForAll("fixture") String name,
      @ForAll("positions") List<Integer> pos, @ForAll("bytes") List<Byte> vals,
      @ForAll("cut") int cut) throws IOException {
    Path src = WfdbFixtureTest.dir();
    if (!Files.exists(src.resolve(name + ".dat"))) {
      return;
    }
    Files.copy(src.resolve(name + ".hea"), dir.resolve(name + ".hea"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    byte[] b = Files.readAllBytes(src.resolve(name + ".dat"));
    for (int i = 0; i < Math.min(pos.size(), vals.size()); i++) {
      b[pos.get(i) % b.length] = vals.get(i);
    }
    Files.write(dir.resolve(name + ".dat"), java.util.Arrays.copyOf(b, b.length - cut));
    try {
      Wfdb.readRecord(dir.resolve(name));
    } catch (EcgFormatException expected) {
      // typed failure (checksum, truncation) is fine
    }
  }
}
