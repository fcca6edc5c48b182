package dev.ecg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonReader;
import dev.ecg.io.wfdb.WfdbWriter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Records#read} on the committed fixtures of every format, compared with the values their
 * generator scripts wrote (src/test/python: struct-packed WFDB and EDF, scipy-written MAT files,
 * hand-written CSV), and its errors.
 */
class RecordsTest {

  @TempDir Path tmp;

  static Path resource(String name) {
    try {
      return Path.of(RecordsTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String name) throws IOException {
    return (Map<String, Object>) JsonReader.parse(
        Files.readString(resource(name), StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object o) {
    return (Map<String, Object>) o;
  }

  static double[] doubles(Object list) {
    return ((List<?>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
  }

  /** Rows of a fixture's {@code NAME.physical.txt}, 'nan' for an invalid sample. */
  static double[][] physicalTxt(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank())
        .map(l -> java.util.Arrays.stream(l.strip().split(" "))
            .mapToDouble(v -> v.equals("nan") ? Double.NaN : Double.parseDouble(v)).toArray())
        .toArray(double[][]::new);
  }

  @Test
  void wfdbByRecordPathHeaderOrSignalFile() throws IOException {
    Path dir = resource("wfdb/f16.hea").getParent();
    double[][] want = physicalTxt(dir.resolve("f16.physical.txt"));
    // the extension is matched ignoring case: f16.HEA names record f16
    for (Path p : List.of(dir.resolve("f16"), dir.resolve("f16.hea"), dir.resolve("f16.dat"),
        dir.resolve("f16.HEA"))) {
      Record r = Records.read(p);
      assertEquals("f16", r.name(), p.toString());
      assertEquals(360.0, r.fs(), 0.0);
      assertEquals(List.of("sig0", "sig1"), r.channelNames());
      assertEquals(want.length, r.channelCount());
      for (int c = 0; c < want.length; c++) {
        assertArrayEquals(want[c], r.channel(c), 1e-9, p + " channel " + c);
      }
    }
  }

  @Test
  void wfdbWithAnnotations() throws IOException {
    // first 1000 frames of MIT-BIH 100: the header's initial values 995 and 1011 adu at gain 200
    // and baseline 1024 are -0.145 and -0.065 mV; the reference annotations start with the
    // rhythm mark at sample 18 and beats at 77, 370, 662 and 946
    Path hea = resource("fuzz/100s.hea");
    Record r = Records.read(hea, Records.Options.defaults().annotations("atr"));
    assertEquals(List.of("MLII", "V5"), r.channelNames());
    assertEquals(1000, r.length());
    assertEquals(-0.145, r.channel(0)[0], 1e-12);
    assertEquals(-0.065, r.channel(1)[0], 1e-12);
    List<Annotation> first = r.annotations().subList(0, 5);
    assertEquals(List.of(18L, 77L, 370L, 662L, 946L),
        first.stream().map(Annotation::sample).toList());
    assertEquals(List.of("+", "N", "N", "N", "N"),
        first.stream().map(Annotation::symbol).toList());
    assertTrue(Records.read(hea).annotations().isEmpty());

    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> Records.read(hea, Records.Options.defaults().annotations("qrs")));
    assertTrue(e.getFile().endsWith("100s.qrs"), e.getFile());
  }

  @Test
  void cincMatThroughItsHeader() throws IOException {
    Map<String, Object> want = obj(json("mat/cinc2017_expected.json").get("A00001"));
    Path mat = resource("fuzz/A00001.mat");
    Record viaMat = Records.read(mat);
    Record viaHea = Records.read(mat.resolveSibling("A00001.hea"));
    for (Record r : List.of(viaMat, viaHea)) {
      assertEquals(300.0, r.fs(), 0.0);
      assertEquals(1, r.channelCount());
      assertEquals(List.of("ECG"), r.channelNames());
      assertEquals(((Number) want.get("cols")).intValue(), r.length());
      double[] x = r.channel(0);
      // header gain 1000 adu/mV, baseline 0
      double[] first = doubles(want.get("first"));
      for (int i = 0; i < first.length; i++) {
        assertEquals(first[i] / 1000, x[i], 1e-12, "sample " + i);
      }
      double[] last = doubles(want.get("last"));
      for (int i = 0; i < last.length; i++) {
        assertEquals(last[i] / 1000, x[x.length - last.length + i], 1e-12);
      }
      double sum = 0;
      for (double v : x) {
        sum += v * 1000;
      }
      assertEquals(((Number) want.get("sum")).doubleValue(), sum, 1e-6);
    }
  }

  @Test
  void bareMatNeedsTheRateAndUsesTheGain() throws IOException {
    // scipy wrote i16_2x5.mat's 'val' (2 x 5 int16), listed column by column
    Map<String, Object> val = obj(obj(json("mat/synthetic_expected.json").get("i16_2x5.mat"))
        .get("val"));
    double[] colMajor = doubles(val.get("real"));
    Path src = resource("mat/i16_2x5.mat");
    Path mat = Files.copy(src, tmp.resolve("i16_2x5.mat"));

    EcgFormatException e = assertThrows(EcgFormatException.class, () -> Records.read(mat));
    assertEquals(mat, e.file());
    assertTrue(e.getMessage().contains("i16_2x5.mat") && e.getMessage().contains("sampling rate"),
        e.getMessage());

    Record r = Records.read(mat, Records.Options.defaults().fs(250).gain(200));
    assertEquals(250.0, r.fs(), 0.0);
    assertEquals(List.of("mV", "mV"), r.units());
    assertEquals(2, r.channelCount());
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < 5; i++) {
        assertEquals(colMajor[i * 2 + c] / 200, r.channel(c)[i], 1e-12, c + "," + i);
      }
    }
    // without a gain the values are taken as mV
    assertEquals(colMajor[0], Records.read(mat, Records.Options.defaults().fs(250))
        .channel(0)[0], 0.0);
  }

  @Test
  void edfEveryOrdinarySignal() throws IOException {
    Map<String, Object> want = obj(json("edf/edf_expected.json").get("plain.edf"));
    List<?> sigs = (List<?>) want.get("signals");
    Record r = Records.read(resource("edf/plain.edf"));
    assertEquals("plain", r.name());
    assertEquals(10.0, r.fs(), 0.0); // 10 samples per 1 s data record
    assertEquals(sigs.size(), r.channelCount());
    for (int s = 0; s < sigs.size(); s++) {
      Map<String, Object> es = obj(sigs.get(s));
      assertEquals(es.get("label"), r.channelNames().get(s));
      assertEquals(es.get("dimension"), r.units().get(s));
      assertArrayEquals(doubles(es.get("physical")), r.channel(s), 1e-12, "signal " + s);
    }
  }

  @Test
  void edfOfMixedRatesIsAFormatError() {
    Path mixed = resource("edf/plus_c_mixed.edf");
    EcgFormatException e = assertThrows(EcgFormatException.class, () -> Records.read(mixed));
    assertTrue(e.getMessage().contains("plus_c_mixed.edf"), e.getMessage());
  }

  @Test
  void csvWithTimeColumnOrGivenRate() throws IOException {
    Map<String, Object> want = json("csv/csv_expected.json");
    Map<String, Object> timed = obj(want.get("signal_time.csv"));
    Record r = Records.read(resource("csv/signal_time.csv"));
    // the time column is rounded to 1 us, so the inferred rate is 360 Hz to within 0.01 Hz
    assertEquals(((Number) timed.get("fs")).doubleValue(), r.fs(), 0.01);
    assertEquals(timed.get("names"), r.channelNames());
    List<?> sig = (List<?>) timed.get("signals");
    for (int c = 0; c < sig.size(); c++) {
      assertArrayEquals(doubles(sig.get(c)), r.channel(c), 1e-12);
    }

    Path indexed = resource("csv/signal_index.csv");
    EcgFormatException e = assertThrows(EcgFormatException.class, () -> Records.read(indexed));
    assertTrue(e.getMessage().contains("signal_index.csv"), e.getMessage());
    Record ri = Records.read(indexed, Records.Options.defaults().fs(360));
    assertEquals(360.0, ri.fs(), 0.0);
    List<?> isig = (List<?>) obj(want.get("signal_index.csv")).get("signals");
    assertArrayEquals(doubles(isig.get(1)), ri.channel(1), 0.0);

    // .txt and .tsv are read as CSV too (delimiter detected from the header)
    Path tsv = Files.writeString(tmp.resolve("two.tsv"), "time\tII\n0\t0.5\n0.004\t-0.25\n");
    Record t = Records.read(tsv);
    assertEquals(250.0, t.fs(), 1e-9);
    assertArrayEquals(new double[] {0.5, -0.25}, t.channel(0), 0.0);
    Path txt = Files.writeString(tmp.resolve("one.TXT"), "II\n1.5\n2\n");
    assertArrayEquals(new double[] {1.5, 2.0},
        Records.read(txt, Records.Options.defaults().fs(100)).channel(0), 0.0);
  }

  @Test
  void recordNameWithADotIsFoundByItsHeader() throws IOException {
    double[][] x = {{0.125, -0.5, 1.0, 0.0, 0.25}};
    Record rec = new Record("v1.2", 250, List.of("II"), List.of("mV"), x, List.of());
    WfdbWriter.writePhysical(tmp.resolve("v1.2"), rec, 16, 1000);
    Record back = Records.read(tmp.resolve("v1.2"));
    assertArrayEquals(x[0], back.channel(0), 0.0);
    assertEquals(250.0, back.fs(), 0.0);
  }

  @Test
  void formatOfTheExtension() {
    assertEquals(Optional.of(Records.Format.WFDB), Records.formatOf(Path.of("mitdb", "100")));
    assertEquals(Optional.of(Records.Format.WFDB), Records.formatOf(Path.of("100.hea")));
    assertEquals(Optional.of(Records.Format.WFDB), Records.formatOf(Path.of("100.dat")));
    assertEquals(Optional.of(Records.Format.MAT), Records.formatOf(Path.of("A00001.MAT")));
    assertEquals(Optional.of(Records.Format.EDF), Records.formatOf(Path.of("s.edf")));
    assertEquals(Optional.of(Records.Format.CSV), Records.formatOf(Path.of("s.tsv")));
    assertEquals(Optional.empty(), Records.formatOf(Path.of("table.xlsx")));
  }

  @Test
  void missingFilesAreNamed() {
    for (String name : List.of("nope.edf", "nope.csv", "nope.mat")) {
      NoSuchFileException e = assertThrows(NoSuchFileException.class,
          () -> Records.read(tmp.resolve(name)));
      assertEquals(tmp.resolve(name).toString(), e.getFile());
    }
    NoSuchFileException wfdb = assertThrows(NoSuchFileException.class,
        () -> Records.read(tmp.resolve("rec42")));
    assertEquals(tmp.resolve("rec42.hea").toString(), wfdb.getFile());
    NoSuchFileException dat = assertThrows(NoSuchFileException.class,
        () -> Records.read(tmp.resolve("rec42.dat")));
    assertEquals(tmp.resolve("rec42.hea").toString(), dat.getFile());
  }

  @Test
  void unsupportedExtensionIsNamed() throws IOException {
    Path xlsx = Files.writeString(tmp.resolve("table.xlsx"), "x");
    EcgFormatException e = assertThrows(EcgFormatException.class, () -> Records.read(xlsx));
    assertEquals(xlsx, e.file());
    assertTrue(e.getMessage().contains("table.xlsx") && e.getMessage().contains("'.xlsx'"),
        e.getMessage());
  }

  @Test
  void annotationsOnlyForWfdbAndOptionsChecked() throws IOException {
    Path edf = resource("edf/plain.edf");
    EcgArgumentException e = assertThrows(EcgArgumentException.class,
        () -> Records.read(edf, Records.Options.defaults().annotations("atr")));
    assertTrue(e.getMessage().contains("plain.edf"), e.getMessage());
    assertThrows(EcgArgumentException.class, () -> Records.Options.defaults().fs(0));
    assertThrows(EcgArgumentException.class, () -> Records.Options.defaults().fs(Double.NaN));
    assertThrows(EcgArgumentException.class, () -> Records.Options.defaults().gain(-1));
    assertThrows(EcgArgumentException.class,
        () -> Records.Options.defaults().annotations("../atr"));
    Path dir = Files.createDirectory(tmp.resolve("folder.edf"));
    EcgFormatException notFile = assertThrows(EcgFormatException.class, () -> Records.read(dir));
    assertEquals(dir, notFile.file());
  }
}
