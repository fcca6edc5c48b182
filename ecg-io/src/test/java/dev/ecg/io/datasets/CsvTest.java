package dev.ecg.io.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecg.io.EcgFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 examples (section 2) for the CSV splitter. */
class CsvTest {
  @Test
  void quotedFieldsCommasQuotesAndLineBreaks() throws EcgFormatException {
    String text = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,,\"two\nlines\"\n";
    assertEquals(List.of(List.of("a", "b", "c"), List.of("1", "x, y", "say \"hi\""),
        List.of("2", "", "two\nlines")), Csv.parse(text, null));
  }

  @Test
  void lastLineWithoutBreakAndEmptyTrailingField() throws EcgFormatException {
    assertEquals(List.of(List.of("a", ""), List.of("b", "c")), Csv.parse("a,\nb,c", null));
  }

  @Test
  void unterminatedQuote() {
    EcgFormatException e = assertThrows(EcgFormatException.class,
        () -> Csv.parse("a,b\n1,\"open\n2,3\n", null));
    assertEquals(2, e.position());
  }
}
