package dev.ecg.io.wfdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import dev.ecg.io.EcgFormatException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Annotation files with WFDB's header block (time resolution, custom labels, the SKIP -1 /
 * code-0 terminator), files whose only header is a program's note at sample 0, and the unsigned
 * {@code chan}: files written byte by byte by {@code make_annotation_fixtures.py}.
 */
class WfdbAnnotationHeaderTest {

  @TempDir
  Path tmp;

  record Expected(Double fs, List<WfdbAnnotations.LabelDefinition> labels,
      List<Annotation> annotations) {}

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(WfdbAnnotationHeaderTest.class.getResource("/wfdb/ann/" + name).toURI());
  }

  static Expected expected(String name) throws IOException, URISyntaxException {
    List<String> lines = Files.readAllLines(fixture(name + ".expected.txt"),
        StandardCharsets.ISO_8859_1);
    Double fs = lines.get(0).equals("none") ? null : Double.parseDouble(lines.get(0));
    List<WfdbAnnotations.LabelDefinition> labels = new ArrayList<>();
    List<Annotation> ann = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      if (l.startsWith("def ")) {
        String[] p = l.split(" ", 4);
        labels.add(new WfdbAnnotations.LabelDefinition(Integer.parseInt(p[1]), p[2], p[3]));
      } else {
        String[] p = l.split("\\|", -1);
        ann.add(new Annotation(Long.parseLong(p[0]), p[1], Integer.parseInt(p[2]),
            Integer.parseInt(p[3]), Integer.parseInt(p[4]), p[5]));
      }
    }
    return new Expected(fs, labels, ann);
  }

  @ParameterizedTest
  @ValueSource(strings = {"header.atr", "fsonly.atr", "program.qrs"})
  void readsWhatWfdbReads(String name) throws Exception {
    Expected e = expected(name);
    WfdbAnnotations.AnnotationFile f = WfdbAnnotations.readFile(fixture(name));
    assertEquals(e.annotations(), f.annotations());
    assertEquals(e.fs(), f.timeResolution());
    assertEquals(e.labels(), List.copyOf(f.labels().values()));
    assertEquals(e.annotations(), WfdbAnnotations.read(fixture(name)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"header.atr", "fsonly.atr"})
  void headerRoundTripsThroughTheWriter(String name) throws Exception {
    Expected e = expected(name);
    Path out = tmp.resolve(name);
    WfdbAnnotations.write(out, e.annotations(), e.fs(), e.labels());
    WfdbAnnotations.AnnotationFile f = WfdbAnnotations.readFile(out);
    assertEquals(e.annotations(), f.annotations());
    assertEquals(e.fs(), f.timeResolution());
    assertEquals(e.labels(), List.copyOf(f.labels().values()));
    if (name.equals("fsonly.atr")) {
      // same layout as the independent file: header notes, SKIP -1, code 0, then the body
      assertEquals(Files.size(fixture(name)), Files.size(out));
    }
  }

  @org.junit.jupiter.api.Test
  void chanIsAnUnsignedByte() throws EcgFormatException {
    // N at 5, CHN 1023: WFDB_Annotation.chan is an unsigned char, so 255
    byte[] b = {5, 4, (byte) 0xFF, (byte) 0xFB, 0, 0};
    assertEquals(255, WfdbAnnotations.decode(b, null).get(0).chan());
    EcgArgumentException e = assertThrows(EcgArgumentException.class, () ->
        WfdbAnnotations.encode(List.of(new Annotation(1, "N", 0, 256, 0, ""))));
    assertTrue(e.getMessage().contains("chan 256"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void anAnnotationAtANegativeTimeIsRefusedWithItsOffset() {
    // SKIP -5, then N at interval 1: time -4
    byte[] b = {0, (byte) 0xEC, (byte) 0xFF, (byte) 0xFF, (byte) 0xFB, (byte) 0xFF, 1, 4, 0, 0};
    EcgFormatException e = assertThrows(EcgFormatException.class,
        () -> WfdbAnnotations.decode(b, Path.of("neg.atr")));
    assertTrue(e.getMessage().contains("negative time -4"), e.getMessage());
    assertTrue(e.getMessage().contains("neg.atr"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void withoutHeaderTheWriterIsUnchanged() throws EcgFormatException {
    List<Annotation> a = List.of(new Annotation(3, "N", 0, 0, 0, ""));
    assertEquals(List.of(3, 4, 0, 0).toString(), toList(WfdbAnnotations.encode(a)).toString());
    assertEquals(toList(WfdbAnnotations.encode(a)).toString(),
        toList(WfdbAnnotations.encode(a, null, List.of())).toString());
    WfdbAnnotations.AnnotationFile f =
        WfdbAnnotations.decodeFile(WfdbAnnotations.encode(a), null);
    assertNull(f.timeResolution());
    assertEquals(Map.of(), f.labels());
  }

  private static List<Integer> toList(byte[] b) {
    List<Integer> l = new ArrayList<>();
    for (byte x : b) {
      l.add(x & 0xFF);
    }
    return l;
  }
}
