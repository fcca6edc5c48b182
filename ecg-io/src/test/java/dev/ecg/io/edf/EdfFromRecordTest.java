package dev.ecg.io.edf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Record to EDF and back: samples within half a digital step, names, rate and annotations kept. */
class EdfFromRecordTest {
  @Property(tries = 60)
  void recordSurvivesEdf(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int channels,
      @ForAll @IntRange(min = 1, max = 5) int records) throws IOException {
    Random r = new Random(seed);
    double fs = new double[] {360, 300, 250, 500, 100, 128}[r.nextInt(6)];
    int spr = (int) fs / (1 + r.nextInt(2));
    int n = records * spr;
    double[][] x = new double[channels][n];
    List<String> names = new ArrayList<>();
    List<String> units = new ArrayList<>();
    for (int c = 0; c < channels; c++) {
      double scale = Math.pow(10, r.nextInt(7) - 3);
      double offset = (r.nextDouble() - 0.5) * 10 * scale;
      for (int i = 0; i < n; i++) {
        x[c][i] = offset + scale * r.nextGaussian();
      }
      names.add("ch " + c);
      units.add(c == 0 ? "mV" : "uV");
    }
    List<Annotation> anns = new ArrayList<>();
    int na = r.nextInt(5);
    for (int a = 0; a < na; a++) {
      anns.add(new Annotation(r.nextInt(n), new String[] {"N", "V", "\""}[a % 3], 0, 0, 0,
          a % 3 == 2 ? "note " + a : ""));
    }
    anns.sort((p, q) -> Long.compare(p.sample(), q.sample()));
    Record rec = new Record("r", fs, names, units, x, anns);
    EdfFile edf = EdfWriter.fromRecord(rec, spr, LocalDateTime.of(2001, 2, 3, 4, 5, 6));
    Path dir = Files.createTempDirectory("edfrec");
    Path f = dir.resolve("r.edf");
    try {
      EdfWriter.write(edf, f);
      EdfFile back = Edf.read(f);
      assertEquals(LocalDateTime.of(2001, 2, 3, 4, 5, 6), back.header().startDateTime());
      Record got = back.toRecord();
      assertEquals(fs, got.fs(), 1e-9 * fs);
      assertEquals(names, got.channelNames());
      assertEquals(units, got.units());
      for (int c = 0; c < channels; c++) {
        EdfSignal s = back.signals().get(c);
        double halfStep = 0.5 * s.scale() * (1 + 1e-9);
        assertTrue(s.physicalMin() <= min(x[c]) && s.physicalMax() >= max(x[c]));
        for (int i = 0; i < n; i++) {
          assertEquals(x[c][i], got.channel(c)[i], halfStep + 1e-12 * Math.abs(x[c][i]),
              "channel " + c + " sample " + i);
        }
      }
      assertEquals(anns.size(), got.annotations().size());
      for (int a = 0; a < anns.size(); a++) {
        Annotation want = anns.get(a);
        Annotation have = got.annotations().get(a);
        assertEquals(want.sample(), have.sample());
        String text = want.symbol().equals("\"") ? want.aux() : want.symbol();
        assertEquals(text, have.aux());
      }
    } finally {
      Files.deleteIfExists(f);
      Files.delete(dir);
    }
  }

  private static double min(double[] x) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : x) {
      m = Math.min(m, v);
    }
    return m;
  }

  private static double max(double[] x) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      m = Math.max(m, v);
    }
    return m;
  }

  @Test
  void rejectsWhatEdfCannotHold() {
    LocalDateTime t = LocalDateTime.of(2020, 1, 1, 0, 0);
    Record odd = new Record("o", 360, List.of("a"), List.of("mV"), new double[][] {{1, 2, 3}},
        List.of());
    assertThrows(EcgArgumentException.class, () -> EdfWriter.fromRecord(odd, 2, t));
    Record nan = new Record("n", 2, List.of("a"), List.of("mV"),
        new double[][] {{1, Double.NaN}}, List.of());
    assertThrows(EcgArgumentException.class, () -> EdfWriter.fromRecord(nan, 2, t));
    Record huge = new Record("h", 2, List.of("a"), List.of("mV"), new double[][] {{1, 1e12}},
        List.of());
    assertThrows(EcgArgumentException.class, () -> EdfWriter.fromRecord(huge, 2, t));
    Record thirds = new Record("t", 3, List.of("a"), List.of("mV"), new double[][] {{1}},
        List.of());
    assertThrows(EcgArgumentException.class, () -> EdfWriter.fromRecord(thirds, 1, t));
    Record ok = new Record("k", 2, List.of("a"), List.of("mV"), new double[][] {{1, 1}},
        List.of());
    assertThrows(EcgArgumentException.class,
        () -> EdfWriter.fromRecord(ok, 2, LocalDateTime.of(1970, 1, 1, 0, 0)));
  }
}
