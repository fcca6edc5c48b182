package dev.ecg.io.datasets;

import dev.ecg.io.EcgFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RFC 4180 reader: comma-separated fields, optional double quotes around a field,
 * {@code ""} for a quote inside a quoted field, quoted fields may hold commas and line breaks;
 * CRLF or LF record ends.
 */
final class Csv {
  private Csv() {}

  /**
   * @param text the whole file
   * @param file file name for error messages
   * @return the records (the header row included), each a list of fields
   * @throws EcgFormatException on an unterminated quote or text after a closing quote
   */
  static List<List<String>> parse(String text, Path file) throws EcgFormatException {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    int line = 1;
    int i = 0;
    int n = text.length();
    boolean any = false;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"' && f.length() == 0) {
        int startLine = line;
        i++;
        while (true) {
          if (i >= n) {
            throw new EcgFormatException(file, "line", startLine, "unterminated quoted field");
          }
          char q = text.charAt(i);
          if (q == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              f.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (q == '\n') {
            line++;
          }
          f.append(q);
          i++;
        }
        if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
          throw new EcgFormatException(file, "line", line, "text after a closing quote");
        }
        any = true;
        continue;
      }
      if (c == ',') {
        row.add(f.toString());
        f.setLength(0);
        any = true;
        i++;
      } else if (c == '\r' || c == '\n') {
        if (any || f.length() > 0) {
          row.add(f.toString());
          rows.add(row);
        }
        row = new ArrayList<>();
        f.setLength(0);
        any = false;
        i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
        line++;
      } else {
        f.append(c);
        any = true;
        i++;
      }
    }
    if (any || f.length() > 0) {
      row.add(f.toString());
      rows.add(row);
    }
    return rows;
  }
}
