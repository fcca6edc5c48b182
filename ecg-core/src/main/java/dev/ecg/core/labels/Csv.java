package dev.ecg.core.labels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, strict reader for comma-separated values as defined by RFC 4180.
 *
 * <p>Fields are separated by commas and records by CRLF, LF or a lone CR. A field may be enclosed
 * in double quotes, and then may contain commas, line breaks and doubled quotes ({@code ""}
 * stands for one {@code "}). Stricter than most readers, it rejects a quote inside an unquoted
 * field, any character between a closing quote and the next separator, and an unterminated
 * quoted field, with a {@link LabelFormatException} that names the source and line. Lines that
 * are completely empty are skipped, and a leading UTF-8 byte order mark is ignored. Fields are
 * returned verbatim (no trimming).
 */
public final class Csv {
  private Csv() {}

  /**
   * Parses one record held in a single string (which may itself contain quoted line breaks).
   *
   * @param line the record text, without or with a trailing line break
   * @return its fields in order; an empty string gives one empty field
   * @throws LabelFormatException if the text is not one well-formed record
   */
  public static List<String> parseLine(String line) {
    if (line == null) {
      throw new LabelFormatException("CSV line must not be null");
    }
    List<List<String>> records = parse(line, "line '" + abbreviate(line) + "'");
    if (records.isEmpty()) {
      return List.of("");
    }
    if (records.size() > 1) {
      throw new LabelFormatException("CSV line '" + abbreviate(line) + "' holds "
          + records.size() + " records, expected one");
    }
    return records.get(0);
  }

  /**
   * Reads a whole UTF-8 CSV file.
   *
   * @param file the file
   * @return its records (the header, if any, is the first)
   * @throws IOException if the file cannot be read
   * @throws LabelFormatException if the content breaks RFC 4180
   */
  public static List<List<String>> read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses CSV text holding any number of records.
   *
   * @param text the CSV text
   * @param source a name for the text used in error messages, such as its file name
   * @return the records, each a list of fields
   * @throws LabelFormatException if the text breaks RFC 4180
   */
  public static List<List<String>> parse(String text, String source) {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int n = text.length();
    int line = 1;
    boolean recordHasContent = false; // false while the current record is still an empty line
    while (i < n) {
      char ch = text.charAt(i);
      if (ch == '"') {
        if (field.length() > 0) {
          throw new LabelFormatException(source + ", line " + line
              + ": quote inside an unquoted field (field " + (fields.size() + 1) + ")", line);
        }
        int startLine = line;
        i++;
        while (true) {
          if (i >= n) {
            throw new LabelFormatException(source + ", line " + startLine
                + ": quoted field " + (fields.size() + 1) + " is never closed", startLine);
          }
          char q = text.charAt(i);
          if (q == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (q == '\n' || (q == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
            line++;
          }
          field.append(q);
          i++;
        }
        recordHasContent = true;
        if (i < n) {
          char after = text.charAt(i);
          if (after != ',' && after != '\r' && after != '\n') {
            throw new LabelFormatException(source + ", line " + line + ": character '" + after
                + "' after the closing quote of field " + (fields.size() + 1), line);
          }
        }
        // Mark the field as quoted-but-complete by leaving the loop at the separator.
        continue;
      }
      if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
        recordHasContent = true;
        i++;
        continue;
      }
      if (ch == '\r' || ch == '\n') {
        if (recordHasContent || field.length() > 0) {
          fields.add(field.toString());
          records.add(List.copyOf(fields));
        }
        fields.clear();
        field.setLength(0);
        recordHasContent = false;
        i += (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
        line++;
        continue;
      }
      field.append(ch);
      recordHasContent = true;
      i++;
    }
    if (recordHasContent || field.length() > 0) {
      fields.add(field.toString());
      records.add(List.copyOf(fields));
    }
    return records;
  }

  private static String abbreviate(String s) {
    String t = s.replace("\r", "\\r").replace("\n", "\\n");
    return t.length() <= 80 ? t : t.substring(0, 77) + "...";
  }
}
