package dev.ecg.core.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** RFC 4180 cases, written from the RFC's grammar. */
class CsvTest {

  @Test
  void plainAndEmptyFields() {
    assertEquals(List.of("a", "b", "c"), Csv.parseLine("a,b,c"));
    assertEquals(List.of("", "", ""), Csv.parseLine(",,"));
    assertEquals(List.of(""), Csv.parseLine(""));
    assertEquals(List.of(" a ", "b"), Csv.parseLine(" a ,b"), "spaces are part of a field");
    assertEquals(List.of("a", ""), Csv.parseLine("a,"));
  }

  @Test
  void quotedFields() {
    assertEquals(List.of("Sinus node dysfunction, atrial and AV-conduction defects", "x"),
        Csv.parseLine("\"Sinus node dysfunction, atrial and AV-conduction defects\",x"));
    assertEquals(List.of("say \"hi\"", ""), Csv.parseLine("\"say \"\"hi\"\"\",\"\""));
    assertEquals(List.of("two\r\nlines", "z"), Csv.parseLine("\"two\r\nlines\",z"));
    assertEquals(List.of("{'NORM': 100.0, 'SR': 0.0}"),
        Csv.parseLine("\"{'NORM': 100.0, 'SR': 0.0}\""));
  }

  @Test
  void lineEndingsAndBom() {
    List<List<String>> rows = Csv.parse("\uFEFFh1,h2\r\n1,2\n3,\"4\r\n5\"\r\n\r\n6,7\r", "t");
    assertEquals(List.of(List.of("h1", "h2"), List.of("1", "2"), List.of("3", "4\r\n5"),
        List.of("6", "7")), rows);
    assertEquals(List.of("a", "b"), Csv.parseLine("a,b\r\n"));
  }

  @Test
  void malformedInputNamesSourceAndLine() {
    LabelFormatException e = assertThrows(LabelFormatException.class,
        () -> Csv.parse("a,b\nc,\"unterminated\n", "f.csv"));
    assertTrue(e.getMessage().contains("f.csv, line 2") && e.getMessage().contains("never closed"),
        e.getMessage());
    e = assertThrows(LabelFormatException.class, () -> Csv.parse("a,b\nx\"y,z", "g.csv"));
    assertTrue(e.getMessage().contains("g.csv, line 2: quote inside an unquoted field"),
        e.getMessage());
    e = assertThrows(LabelFormatException.class, () -> Csv.parseLine("\"ab\"c,d"));
    assertTrue(e.getMessage().contains("character 'c' after the closing quote"), e.getMessage());
    e = assertThrows(LabelFormatException.class, () -> Csv.parseLine("a\nb"));
    assertTrue(e.getMessage().contains("2 records"), e.getMessage());
    assertThrows(LabelFormatException.class, () -> Csv.parseLine(null));
  }

  @Provide
  Arbitrary<List<List<String>>> tables() {
    Arbitrary<String> field = Arbitraries.strings().withChars("ab ,\"\r\n'{}:.0").ofMaxLength(8);
    return field.list().ofMinSize(1).ofMaxSize(5).list().ofMinSize(1).ofMaxSize(5);
  }

  @Property(tries = 300)
  void quotedRoundTrip(@ForAll("tables") List<List<String>> table) {
    // Writer per RFC 4180 section 2: every field quoted, quotes doubled, records joined by CRLF.
    StringBuilder sb = new StringBuilder();
    for (List<String> row : table) {
      List<String> quoted = new ArrayList<>();
      for (String f : row) {
        quoted.add("\"" + f.replace("\"", "\"\"") + "\"");
      }
      sb.append(String.join(",", quoted)).append("\r\n");
    }
    assertEquals(table, Csv.parse(sb.toString(), "generated"));
  }
}
