package dev.ecg.io.csv;

import dev.ecg.io.EcgFormatException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.List;

/**
 * Splits character input into rows of cells, tracking line numbers. Cells may be quoted with
 * double quotes ({@code ""} escapes a quote inside). Lines end with LF, CRLF or CR. Cell length
 * and cell count are bounded so a hostile file cannot exhaust memory through one huge line.
 */
final class CsvLexer {
  private final Reader in;
  private final Path file;
  private final char delimiter;
  private final int maxCell;
  private final int maxCells;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int len;
  private long line = 1;
  private long rowLine;
  private boolean eof;
  private final StringBuilder cell = new StringBuilder();

  CsvLexer(Reader in, Path file, char delimiter, int maxCell, int maxCells) {
    this.in = in;
    this.file = file;
    this.delimiter = delimiter;
    this.maxCell = maxCell;
    this.maxCells = maxCells;
  }

  /**
   * @param first the line number of the next character read (for input that starts mid-file)
   */
  void startAtLine(long first) {
    line = first;
  }

  /** @return the line number (1-based) where the last row returned started */
  long rowLine() {
    return rowLine;
  }

  private int read() throws IOException {
    if (pos == len) {
      if (eof) {
        return -1;
      }
      try {
        len = in.read(buf, 0, buf.length);
      } catch (CharacterCodingException e) {
        throw new EcgFormatException(file, "line", line, "not valid UTF-8 text", e);
      }
      pos = 0;
      if (len <= 0) {
        len = 0;
        eof = true;
        return -1;
      }
    }
    return buf[pos++];
  }

  private int peek() throws IOException {
    int c = read();
    if (c >= 0) {
      pos--;
    }
    return c;
  }

  /**
   * Reads the next row.
   *
   * @param cells receives the cells (cleared first)
   * @return false at end of input (no row read)
   * @throws EcgFormatException on an unterminated quote, an overlong cell or too many cells
   * @throws IOException when reading fails
   */
  boolean next(List<String> cells) throws IOException {
    cells.clear();
    int c = read();
    if (c < 0) {
      return false;
    }
    rowLine = line;
    cell.setLength(0);
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (quoted) {
        if (c < 0) {
          throw new EcgFormatException(file, "line", rowLine, "unterminated quoted cell");
        }
        if (c == '"') {
          if (peek() == '"') {
            read();
            append('"');
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          append((char) c);
        }
      } else if (c < 0 || c == '\n' || c == '\r') {
        add(cells);
        if (c == '\r' && peek() == '\n') {
          read();
        }
        if (c >= 0) {
          line++;
        }
        return true;
      } else if (c == delimiter) {
        add(cells);
        wasQuoted = false;
      } else if (c == '"' && cell.toString().isBlank() && !wasQuoted) {
        cell.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else {
        append((char) c);
      }
      c = read();
    }
  }

  private void append(char c) throws EcgFormatException {
    if (cell.length() >= maxCell) {
      throw new EcgFormatException(file, "line", line, "cell longer than " + maxCell
          + " characters");
    }
    cell.append(c);
  }

  private void add(List<String> cells) throws EcgFormatException {
    if (cells.size() >= maxCells) {
      throw new EcgFormatException(file, "line", rowLine, "more than " + maxCells + " cells");
    }
    cells.add(cell.toString());
    cell.setLength(0);
  }

  /**
   * Parses a finite decimal number, rejecting what Java accepts but CSV numbers are not (hex
   * floats, {@code f}/{@code d} suffixes, {@code NaN}, {@code Infinity}).
   *
   * @param s the cell text, trimmed
   * @return the value, or NaN when {@code s} is not a plain finite decimal number
   */
  static double parseDecimal(String s) {
    if (!isPlainDecimal(s)) {
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(s);
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * @param s a trimmed cell
   * @return whether {@code s} is non-empty and holds only digits, signs, '.', 'e' and 'E' (a
   *     necessary condition for a plain decimal; the parser decides the rest)
   */
  static boolean isPlainDecimal(String s) {
    int n = s.length();
    if (n == 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e'
          || ch == 'E')) {
        return false;
      }
    }
    return true;
  }
}
