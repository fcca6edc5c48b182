package dev.ecg.io.edf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Writing an {@link EdfFile} and reading it back gives the same header, samples and TALs. */
class EdfRoundTripTest {
  private static final String PRINTABLE =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,:;-_+()[]%/";

  private static String text(Random r, int max) {
    int n = r.nextInt(max + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(PRINTABLE.charAt(r.nextInt(PRINTABLE.length())));
    }
    return sb.toString().trim();
  }

  @Property(tries = 60)
  void writeThenReadIsIdentity(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
      @ForAll @IntRange(min = 1, max = 4) int ns,
      @ForAll @IntRange(min = 0, max = 6) int records,
      @ForAll boolean plus) throws IOException {
    Random r = new Random(seed);
    double duration = new double[] {1, 0.5, 10, 0.25, 2.5}[r.nextInt(5)];
    List<EdfSignal> sigs = new ArrayList<>();
    List<short[]> data = new ArrayList<>();
    for (int s = 0; s < ns; s++) {
      int spr = 1 + r.nextInt(20);
      int dmin = -32768 + r.nextInt(1000);
      int dmax = dmin + 1 + r.nextInt(32767 - dmin);
      int imin = r.nextInt(200001) - 100000;
      double pmin = imin / 100.0;
      double pmax = (imin + 1 + r.nextInt(100000)) / 100.0;
      String label = text(r, 16);
      if (label.equals(EdfSignal.ANNOTATIONS_LABEL)) {
        label = "x";
      }
      sigs.add(new EdfSignal(label, text(r, 80), text(r, 8), pmin, pmax, dmin, dmax,
          text(r, 80), spr, text(r, 32)));
      short[] d = new short[records * spr];
      for (int i = 0; i < d.length; i++) {
        d[i] = (short) r.nextInt(65536);
      }
      data.add(d);
    }
    List<EdfAnnotation> anns = new ArrayList<>();
    if (plus) {
      double[] onsets = new double[records];
      for (int k = 0; k < records; k++) {
        onsets[k] = k * duration;
      }
      int na = records == 0 ? 0 : r.nextInt(4);
      for (int a = 0; a < na; a++) {
        double onset = r.nextInt(records * 8) * duration / 8;
        double dur = r.nextBoolean() ? Double.NaN : r.nextInt(100) / 16.0;
        List<String> texts = new ArrayList<>();
        int nt = 1 + r.nextInt(2);
        for (int t = 0; t < nt; t++) {
          String x = text(r, 12);
          texts.add(x.isEmpty() ? "é" : x + "µ");
        }
        anns.add(new EdfAnnotation(onset, dur, texts));
      }
      anns.sort(Comparator.comparingDouble(EdfAnnotation::onset));
      int annSpr = 120;
      sigs.add(new EdfSignal(EdfSignal.ANNOTATIONS_LABEL, "", "", -1, 1, -32768, 32767, "",
          annSpr, ""));
      data.add(EdfWriter.annotationSamples(anns, onsets, annSpr));
    }
    EdfHeader h = new EdfHeader("0", text(r, 80), text(r, 80), "0" + (1 + r.nextInt(9)) + ".12.99",
        "23.59.0" + r.nextInt(10), plus ? "EDF+C" : text(r, 3), records, duration);
    EdfFile written = EdfFile.of(h, sigs, data.toArray(new short[0][]));
    Path dir = Files.createTempDirectory("edfprop");
    try {
      Path f = dir.resolve("rt.edf");
      EdfWriter.write(written, f);
      assertEquals(256L * (sigs.size() + 1) + 2L * records
          * sigs.stream().mapToInt(EdfSignal::samplesPerRecord).sum(), Files.size(f));
      EdfFile back = Edf.read(f);
      assertEquals(h, back.header());
      assertEquals(sigs, back.signals());
      for (int s = 0; s < sigs.size(); s++) {
        assertArrayEquals(data.get(s), back.digital(s));
      }
      assertEquals(anns, back.annotations());
      assertEquals(written.annotations(), back.annotations());
    } finally {
      try (var st = Files.list(dir)) {
        for (Path p : (Iterable<Path>) st::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}
