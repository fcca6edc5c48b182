package dev.ecg.io.wfdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.Annotation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Write and read back: records in formats 16 and 212, and MIT annotation lists. */
class WfdbRoundTripTest {
  private static Path dir;

  @BeforeContainer
  static void mk() throws IOException {
    dir = Files.createTempDirectory("wfdb-rt");
  }

  @AfterContainer
  static void rm() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  @Provide
  Arbitrary<int[][]> signals212() {
    return signals(-2048, 2047);
  }

  @Provide
  Arbitrary<int[][]> signals16() {
    return signals(-32768, 32767);
  }

  private static Arbitrary<int[][]> signals(int lo, int hi) {
    return Combinators.combine(Arbitraries.integers().between(1, 5),
        Arbitraries.integers().between(0, 300)).flatAs((nsig, n) ->
        Arbitraries.integers().between(lo, hi).array(int[].class).ofSize(n)
            .array(int[][].class).ofSize(nsig));
  }

  @Property(tries = 60)
  void format212RoundTrip(@ForAll("signals212") int[][] d) throws IOException {
    roundTrip(212, d);
  }

  @Property(tries = 60)
  void format16RoundTrip(@ForAll("signals16") int[][] d) throws IOException {
    roundTrip(16, d);
  }

  private static void roundTrip(int format, int[][] d) throws IOException {
    int nsig = d.length;
    double[] gain = new double[nsig];
    int[] base = new int[nsig];
    String[] units = new String[nsig];
    String[] names = new String[nsig];
    for (int s = 0; s < nsig; s++) {
      gain[s] = 100 + 17.5 * s;
      base[s] = s - 2;
      units[s] = s % 2 == 0 ? "mV" : "uV";
      names[s] = "lead " + s;
    }
    Path base0 = dir.resolve("rec" + format);
    WfdbHeader written = Wfdb.writeRecord(base0, 360, format, d, gain, base, units, names);
    WfdbRecord r = Wfdb.readRecord(base0); // checksums and initial values verified
    assertEquals(d[0].length, r.length());
    for (int s = 0; s < nsig; s++) {
      assertArrayEquals(d[s], r.digital()[s]);
      assertEquals(names[s], r.signals().get(s).description());
      assertEquals(gain[s], r.signals().get(s).gain());
      assertEquals(base[s], r.signals().get(s).baseline());
    }
    assertEquals(written, r.header());
    // independent checksum: 16-bit sum of the samples
    for (int s = 0; s < nsig; s++) {
      int sum = 0;
      for (int v : d[s]) {
        sum += v;
      }
      assertEquals(sum & 0xFFFF, r.header().signals().get(s).checksum() & 0xFFFF);
    }
    // file size is exactly what the format needs
    long bytes = Files.size(dir.resolve("rec" + format + ".dat"));
    long flat = (long) nsig * d[0].length;
    assertEquals(format == 16 ? 2 * flat : (3 * flat + 1) / 2, bytes);
    try (Stream<Path> s = Files.list(dir)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Provide
  Arbitrary<List<Annotation>> annotations() {
    Arbitrary<String> symbol = Arbitraries.integers().between(1, AnnotationCodes.ACMAX)
        .map(AnnotationCodes::symbol);
    Arbitrary<Long> gap = Arbitraries.oneOf(Arbitraries.longs().between(0, 1023),
        Arbitraries.longs().between(1024, 5_000_000_000L), Arbitraries.just(0L));
    Arbitrary<String> aux = Arbitraries.oneOf(Arbitraries.just(""),
        Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(255),
        Arbitraries.of("(AFIB", "(N", "(VT", "(B"));
    Arbitrary<Object[]> one = Combinators.combine(symbol, gap,
        Arbitraries.integers().between(-512, 511), Arbitraries.integers().between(0, 255),
        Arbitraries.integers().between(-512, 511), aux)
        .as((sy, g, sub, ch, num, ax) -> new Object[] {sy, g, sub, ch, num, ax});
    return one.list().ofMaxSize(200).map(items -> {
      List<Annotation> out = new ArrayList<>();
      long t = 0;
      for (Object[] o : items) {
        t += (Long) o[1];
        // a NOTE at sample 0 is header material (WfdbAnnotations), not an annotation
        String sym = t == 0 && o[0].equals("\"") ? "N" : (String) o[0];
        out.add(new Annotation(t, sym, (Integer) o[2], (Integer) o[3], (Integer) o[4],
            (String) o[5]));
      }
      return out;
    });
  }

  @Property(tries = 200)
  void annotationRoundTrip(@ForAll("annotations") List<Annotation> ann) throws IOException {
    Path base0 = dir.resolve("ann");
    Wfdb.writeAnnotation(base0, "tst", ann);
    assertEquals(ann, Wfdb.readAnnotation(base0, "tst"));
  }
}
