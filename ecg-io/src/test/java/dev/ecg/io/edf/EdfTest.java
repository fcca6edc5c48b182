package dev.ecg.io.edf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import dev.ecg.io.EcgFormatException;
import dev.ecg.io.Record;
import dev.ecg.io.mat.TestJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files and values come from src/test/python/make_edf_fixtures.py, which packs EDF/EDF+
 * straight from the specification with struct (no EDF library).
 */
class EdfTest {
  @TempDir Path tmp;
  static Map<String, Object> expected;

  static Path resource(String name) {
    try {
      return Path.of(EdfTest.class.getResource("/edf/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  static void load() throws IOException {
    expected = TestJson.obj(TestJson.parse(resource("edf_expected.json")));
  }

  @Test
  void goldenFilesDecode() throws IOException {
    assertEquals(3, expected.size());
    for (Map.Entry<String, Object> en : expected.entrySet()) {
      Path f = resource(en.getKey());
      Map<String, Object> e = TestJson.obj(en.getValue());
      assertEquals(((Number) e.get("size")).longValue(), Files.size(f));
      EdfFile edf = Edf.read(f);
      String w = en.getKey();
      EdfHeader h = edf.header();
      assertEquals(e.get("patient"), h.patientId(), w);
      assertEquals(e.get("recording"), h.recordingId(), w);
      assertEquals(e.get("startdate"), h.startDate(), w);
      assertEquals(e.get("starttime"), h.startTime(), w);
      assertEquals(e.get("reserved"), h.reserved(), w);
      assertEquals(((Number) e.get("records")).longValue(), h.dataRecords(), w);
      assertEquals(((Number) e.get("duration")).doubleValue(), h.recordDuration(), 0.0, w);
      List<?> sigs = (List<?>) e.get("signals");
      assertEquals(sigs.size(), edf.signalCount(), w);
      for (int s = 0; s < sigs.size(); s++) {
        Map<String, Object> es = TestJson.obj(sigs.get(s));
        EdfSignal sig = edf.signals().get(s);
        String ws = w + " signal " + s;
        assertEquals(es.get("label"), sig.label(), ws);
        assertEquals(es.get("transducer"), sig.transducer(), ws);
        assertEquals(es.get("dimension"), sig.physicalDimension(), ws);
        assertEquals(es.get("prefilter"), sig.prefiltering(), ws);
        assertEquals(((Number) es.get("physmin")).doubleValue(), sig.physicalMin(), 0.0, ws);
        assertEquals(((Number) es.get("physmax")).doubleValue(), sig.physicalMax(), 0.0, ws);
        assertEquals(((Number) es.get("digmin")).intValue(), sig.digitalMin(), ws);
        assertEquals(((Number) es.get("digmax")).intValue(), sig.digitalMax(), ws);
        assertEquals(((Number) es.get("spr")).intValue(), sig.samplesPerRecord(), ws);
        if (es.containsKey("digital")) {
          double[] dig = TestJson.doubles(es.get("digital"));
          short[] got = edf.digital(s);
          assertEquals(dig.length, got.length, ws);
          for (int i = 0; i < dig.length; i++) {
            assertEquals((int) dig[i], got[i], ws + " sample " + i);
          }
          assertArrayEquals(TestJson.doubles(es.get("physical")), edf.physical(s), 1e-12, ws);
        } else {
          assertTrue(edf.isAnnotationSignal(s), ws);
        }
      }
      List<?> anns = (List<?>) e.get("annotations");
      assertEquals(anns.size(), edf.annotations().size(), w);
      for (int a = 0; a < anns.size(); a++) {
        Map<String, Object> ea = TestJson.obj(anns.get(a));
        EdfAnnotation got = edf.annotations().get(a);
        assertEquals(((Number) ea.get("onset")).doubleValue(), got.onset(), 0.0, w);
        if (ea.get("duration") == null) {
          assertFalse(got.hasDuration(), w);
        } else {
          assertEquals(((Number) ea.get("duration")).doubleValue(), got.duration(), 0.0, w);
        }
        assertEquals(ea.get("texts"), got.texts(), w);
      }
      assertArrayEquals(TestJson.doubles(e.get("onsets")), edf.recordOnsets(), 0.0, w);
    }
  }

  @Test
  void plainEdfToRecord() throws IOException {
    EdfFile edf = Edf.read(resource("plain.edf"));
    assertFalse(edf.header().isEdfPlus());
    assertTrue(edf.hasUniformRate());
    assertEquals(10.0, edf.sampleRate(0), 0.0);
    Record r = edf.toRecord();
    assertEquals("plain", r.name());
    assertEquals(10.0, r.fs(), 0.0);
    assertEquals(List.of("ECG I", "Resp"), r.channelNames());
    assertEquals(List.of("mV", "%"), r.units());
    // spec scaling by hand: digital -32768 -> -3.2768 mV, 32767 -> 3.2767 mV
    assertEquals(-3.2768, r.channel(0)[0], 1e-12);
    assertEquals(3.2767, r.channel(0)[1], 1e-12);
    assertEquals(LocalDateTime.of(2026, 11, 23, 12, 34, 56), edf.header().startDateTime());
  }

  @Test
  void mixedRatesGiveResampleFreeAccess() throws IOException {
    EdfFile edf = Edf.read(resource("plus_c_mixed.edf"));
    assertTrue(edf.header().isEdfPlus());
    assertFalse(edf.hasUniformRate());
    assertEquals(16.0, edf.sampleRate(0), 0.0);
    assertEquals(8.0, edf.sampleRate(1), 0.0);
    assertArrayEquals(new int[] {0, 1}, edf.ordinarySignals());
    assertThrows(EcgArgumentException.class, edf::toRecord);
    assertThrows(EcgArgumentException.class, () -> edf.toRecord(0, 1));
    assertThrows(EcgArgumentException.class, () -> edf.physical(2));
    Record ecg = edf.toRecord(0);
    assertEquals(16.0, ecg.fs(), 0.0);
    assertEquals(32, ecg.length());
    // annotation at 0.75 s -> sample 12 at 16 Hz, two texts -> two annotations
    List<Annotation> at12 = ecg.annotations().stream().filter(a -> a.sample() == 12).toList();
    assertEquals(List.of("Beat N", "second text"), at12.stream().map(Annotation::aux).toList());
    assertEquals("\"", at12.get(0).symbol());
    assertEquals(edf.indexOf("SpO2"), 1);
  }

  @Test
  void discontinuousAnnotationsMapToConcatenatedSamples() throws IOException {
    EdfFile edf = Edf.read(resource("plus_d.edf"));
    assertTrue(edf.header().isDiscontinuous());
    Record r = edf.toRecord();
    List<?> want = (List<?>) TestJson.obj(expected.get("plus_d.edf")).get("annotation_samples");
    assertEquals(want.size(), r.annotations().size());
    for (int i = 0; i < want.size(); i++) {
      assertEquals(((Number) want.get(i)).longValue(), r.annotations().get(i).sample());
    }
  }

  private byte[] plain() throws IOException {
    return Files.readAllBytes(resource("plain.edf"));
  }

  private EcgFormatException fails(byte[] content) throws IOException {
    Path f = tmp.resolve("bad.edf");
    Files.write(f, content);
    EcgFormatException e = assertThrows(EcgFormatException.class, () -> Edf.read(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    return e;
  }

  private static void put(byte[] b, int off, int width, String value) {
    byte[] v = String.format("%-" + width + "s", value).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(v, 0, b, off, width);
  }

  @Test
  void truncationAtEveryLengthFails() throws IOException {
    byte[] full = plain();
    for (int cut = 0; cut < full.length; cut += 7) {
      EcgFormatException e = fails(Arrays.copyOf(full, cut));
      assertEquals("byte", e.positionKind());
    }
    byte[] longer = Arrays.copyOf(full, full.length + 3);
    assertEquals(full.length, fails(longer).position());
  }

  @Test
  void wrongMagicAndBdf() throws IOException {
    byte[] b = plain();
    put(b, 0, 8, "1");
    assertEquals(0, fails(b).position());
    byte[] bdf = plain();
    bdf[0] = (byte) 0xff;
    assertTrue(fails(bdf).getMessage().contains("BDF"));
    byte[] ctl = plain();
    ctl[100] = 7;
    assertEquals(100, fails(ctl).position());
  }

  @Test
  void hostileAndInvalidFieldsNamedByOffset() throws IOException {
    byte[] b = plain();
    put(b, 252, 4, "9999");
    assertEquals(184, fails(b).position()); // header size no longer matches
    b = plain();
    put(b, 252, 4, "9999");
    put(b, 184, 8, Integer.toString(256 * 10000));
    fails(b); // header longer than the file: no 2.5 MB allocation, just an error
    b = plain();
    put(b, 252, 4, "0");
    assertEquals(252, fails(b).position());
    b = plain();
    put(b, 236, 8, "99999999");
    assertTrue(fails(b).getMessage().contains("truncated"));
    b = plain();
    put(b, 236, 8, "x");
    assertEquals(236, fails(b).position());
    b = plain();
    put(b, 244, 8, "-1");
    assertEquals(244, fails(b).position());
    b = plain();
    put(b, 168, 8, "32.13.99");
    assertEquals(168, fails(b).position());
    b = plain();
    put(b, 176, 8, "25.00.00");
    assertEquals(176, fails(b).position());
    // per-signal fields of a 2-signal file: samples per record of signal 0 at 256 + 216 * 2
    b = plain();
    put(b, 256 + 216 * 2, 8, "99999999");
    fails(b);
    b = plain();
    put(b, 256 + 216 * 2, 8, "0");
    assertEquals(256 + 216 * 2, fails(b).position());
    b = plain();
    put(b, 256 + 120 * 2 + 8, 8, "40000"); // digital min of signal 1
    assertEquals(256 + 120 * 2 + 8, fails(b).position());
    b = plain();
    put(b, 256 + 128 * 2, 8, "-32768"); // digital max == min for signal 0
    assertEquals(256 + 128 * 2, fails(b).position());
    b = plain();
    put(b, 256 + 112 * 2, 8, "-3.2768"); // physical max == min
    assertEquals(256 + 112 * 2, fails(b).position());
    b = plain();
    put(b, 256 + 104 * 2, 8, "NaN");
    assertEquals(256 + 104 * 2, fails(b).position());
  }

  @Test
  void badTalsNamedByOffset() throws IOException {
    byte[] b = Files.readAllBytes(resource("plus_d.edf"));
    // first record's annotation bytes start after the 4 ECG samples of record 0
    int headerBytes = 256 * 3;
    int annStart = headerBytes + 8;
    assertEquals('+', b[annStart]);
    byte[] c = b.clone();
    c[annStart] = 'x';
    assertEquals(annStart, fails(c).position());
    c = b.clone();
    c[annStart + 1] = 'a';
    assertEquals(annStart, fails(c).position());
    c = b.clone();
    Arrays.fill(c, annStart, annStart + 32, (byte) '1'); // no terminator at all
    c[annStart] = '+';
    fails(c);
    c = b.clone();
    c[annStart + 10] = 5; // garbage inside the padding
    assertEquals(annStart + 10, fails(c).position());
    c = b.clone();
    c[annStart + 3] = 'Z'; // empty timekeeping text replaced: not a timekeeping TAL anymore
    c[annStart + 4] = 0x14;
    c[annStart + 5] = 0;
    fails(c);
  }

  @Test
  void edfPlusWithoutAnnotationSignalFails() throws IOException {
    byte[] b = plain();
    put(b, 192, 44, "EDF+C");
    assertEquals(192, fails(b).position());
  }

  @Test
  void continuousFileWithGapFails() throws IOException {
    byte[] b = Files.readAllBytes(resource("plus_d.edf"));
    put(b, 192, 44, "EDF+C");
    assertTrue(fails(b).getMessage().contains("EDF+C"));
  }

  /**
   * A degree sign (0xb0, ISO-8859-1) in a unit field, as some recorders write for temperature
   * channels: outside the specification's printable ASCII, read as Latin-1 (and logged), with the
   * samples unchanged; control characters are still refused with their offset.
   */
  @Test
  void latin1UnitIsReadAndControlCharactersAreRefused() throws IOException {
    byte[] b = Files.readAllBytes(resource("plain.edf"));
    EdfFile ref = Edf.read(resource("plain.edf"));
    int n = ref.signals().size();
    int dimension = 256 + 96 * n; // first signal's physical dimension field
    put(b, dimension, 8, "xC");
    b[dimension] = (byte) 0xb0;
    Path f = tmp.resolve("degree.edf");
    Files.write(f, b);
    EdfFile edf = Edf.read(f);
    assertEquals("\u00b0C", edf.signals().get(0).physicalDimension());
    for (int s = 0; s < n; s++) {
      assertArrayEquals(ref.digital(s), edf.digital(s), "signal " + s);
    }
    b[dimension] = 0x07; // BEL
    Files.write(f, b);
    EcgFormatException e = assertThrows(EcgFormatException.class, () -> Edf.read(f));
    assertTrue(e.getMessage().contains("control character"), e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(dimension)), e.getMessage());
  }

  /** A physical range of +-1e308 parses but cannot scale a sample: refused, not all NaN. */
  @Test
  void anUnscalablePhysicalRangeIsRefused() throws IOException {
    byte[] b = Files.readAllBytes(resource("plain.edf"));
    int n = Edf.read(resource("plain.edf")).signals().size();
    put(b, 256 + 104 * n, 8, "-1e308");
    put(b, 256 + 112 * n, 8, "1e308");
    EcgFormatException e = fails(b);
    assertTrue(e.getMessage().contains("physical range"), e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(256 + 104 * n)), e.getMessage());
  }

  /** A TAL onset of 400 digits parses to Infinity: refused with its offset, not sample 9.2e18. */
  @Test
  void aTalOnsetBeyondAnyRecordingIsRefused() throws IOException {
    String huge = "+" + "9".repeat(400);
    byte[] tal = (huge + "\u0014\u0014\u0000").getBytes(StandardCharsets.US_ASCII);
    EcgFormatException e = assertThrows(EcgFormatException.class,
        () -> Tal.parse(tal, Path.of("t.edf"), 1000));
    assertTrue(e.getMessage().contains("beyond"), e.getMessage());
    assertTrue(e.getMessage().contains("t.edf"), e.getMessage());
  }
}
