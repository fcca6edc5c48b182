package dev.ecg.io.csv;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.EcgFormatException;
import dev.ecg.io.Record;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reader for generic signal CSV files: a header row naming the columns, then one row per sample
 * with one column per channel, and optionally a time or sample-index column.
 *
 * <p>By default the delimiter is detected from the header (comma, semicolon or tab); cell quotes
 * (double or single, as in {@code 'sample #','MLII','V5'}) are removed from names; a unit may
 * follow a channel name in parentheses or brackets ({@code II (mV)}, {@code ECG [uV]}). A time
 * column is recognised by its name ({@code time}, {@code t}, {@code timestamp}, {@code seconds},
 * with {@code (ms)} or {@code _ms} for milliseconds) and then gives the sampling rate, which must
 * be uniform; a sample-index column ({@code sample}, {@code sample #}, {@code index}) is dropped
 * and the rate must be given. Values are divided by {@link Options#gain(double) gain} to get
 * physical units.
 */
public final class CsvSignal {
  private static final Set<String> TIME_NAMES =
      Set.of("time", "t", "times", "timestamp", "elapsed time", "seconds", "sec", "s", "time_s",
          "time_sec", "time_ms", "ms", "elapsed_time");
  private static final Set<String> INDEX_NAMES =
      Set.of("sample", "sample #", "sample#", "samples", "index", "idx", "n", "sample_index");
  private static final Pattern UNIT = Pattern.compile("^(.*?)\\s*[(\\[]([^)\\]]*)[)\\]]\\s*$");
  private static final int MAX_COLUMNS = 4096;
  private static final int MAX_CELL = 256;

  private CsvSignal() {}

  /**
   * Options for {@link CsvSignal#read(Path, Options)}; immutable, each setter returns a copy.
   */
  public static final class Options {
    private final double fs;
    private final String timeColumn;
    private final boolean detectTime;
    private final char delimiter;
    private final String unit;
    private final double gain;
    private final boolean missingAsNaN;

    private Options(double fs, String timeColumn, boolean detectTime, char delimiter, String unit,
        double gain, boolean missingAsNaN) {
      this.fs = fs;
      this.timeColumn = timeColumn;
      this.detectTime = detectTime;
      this.delimiter = delimiter;
      this.unit = unit;
      this.gain = gain;
      this.missingAsNaN = missingAsNaN;
    }

    /** @return defaults: infer fs from a detected time column, detect the delimiter, unit mV */
    public static Options defaults() {
      return new Options(Double.NaN, null, true, '\0', "mV", 1.0, false);
    }

    /**
     * @param hz sampling frequency; when a time column exists too, it must agree within 1 %
     * @return a copy with the rate set
     * @throws EcgArgumentException when hz is not positive and finite
     */
    public Options fs(double hz) {
      if (!(hz > 0) || Double.isInfinite(hz)) {
        throw new EcgArgumentException("fs must be positive and finite, got " + hz);
      }
      return new Options(hz, timeColumn, detectTime, delimiter, unit, gain, missingAsNaN);
    }

    /**
     * @param name header name of the time column, in seconds
     * @return a copy that uses that column as time
     */
    public Options timeColumn(String name) {
      return new Options(fs, Objects.requireNonNull(name, "name"), true, delimiter, unit, gain,
          missingAsNaN);
    }

    /** @return a copy that treats every column as a channel (fs must then be given) */
    public Options noTimeColumn() {
      return new Options(fs, null, false, delimiter, unit, gain, missingAsNaN);
    }

    /**
     * @param c the delimiter character
     * @return a copy with a fixed delimiter
     * @throws EcgArgumentException for a quote, CR or LF
     */
    public Options delimiter(char c) {
      if (c == '"' || c == '\n' || c == '\r' || c == '\0') {
        throw new EcgArgumentException("invalid delimiter " + (int) c);
      }
      return new Options(fs, timeColumn, detectTime, c, unit, gain, missingAsNaN);
    }

    /**
     * @param u physical unit for channels whose header names none
     * @return a copy with that unit
     */
    public Options unit(String u) {
      return new Options(fs, timeColumn, detectTime, delimiter, Objects.requireNonNull(u, "unit"),
          gain, missingAsNaN);
    }

    /**
     * @param g file units per physical unit (e.g. 200 adu/mV); physical = value / g
     * @return a copy with that gain
     * @throws EcgArgumentException when g is zero or not finite
     */
    public Options gain(double g) {
      if (g == 0 || !Double.isFinite(g)) {
        throw new EcgArgumentException("gain must be finite and non-zero, got " + g);
      }
      return new Options(fs, timeColumn, detectTime, delimiter, unit, g, missingAsNaN);
    }

    /**
     * @param on whether empty and {@code NaN} cells become NaN (invalid sample) instead of an error
     * @return a copy with that setting
     */
    public Options missingAsNaN(boolean on) {
      return new Options(fs, timeColumn, detectTime, delimiter, unit, gain, on);
    }
  }

  /**
   * Reads with {@link Options#defaults()}.
   *
   * @param file the CSV file
   * @return the record
   * @throws EcgFormatException when the file is malformed, or has no time column to give fs
   * @throws IOException when the file cannot be read
   */
  public static Record read(Path file) throws IOException {
    return read(file, Options.defaults());
  }

  /**
   * Reads a signal CSV.
   *
   * @param file the CSV file
   * @param options reading options
   * @return the record, named after the file stem
   * @throws EcgFormatException when the file is malformed (message names line and column), the
   *     time column is not increasing and uniform, or no rate can be found
   * @throws IOException when the file cannot be read
   */
  public static Record read(Path file, Options options) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      // Read the header line raw to detect the delimiter.
      StringBuilder head = new StringBuilder();
      int c;
      try {
        while ((c = r.read()) >= 0 && c != '\n' && c != '\r') {
          if (head.length() >= MAX_CELL * 64) {
            throw new EcgFormatException(file, "line", 1, "header line too long");
          }
          head.append((char) c);
        }
        if (c == '\r') {
          r.mark(1);
          if (r.read() != '\n') {
            r.reset();
          }
        }
      } catch (CharacterCodingException e) {
        throw new EcgFormatException(file, "line", 1, "not valid UTF-8 text", e);
      }
      if (head.toString().isBlank()) {
        throw new EcgFormatException(file, "line", 1, "missing header row");
      }
      char delim = options.delimiter != '\0' ? options.delimiter : detect(head.toString());
      List<String> names = new ArrayList<>();
      new CsvLexer(new java.io.StringReader(head.toString()), file, delim, MAX_CELL, MAX_COLUMNS)
          .next(names);
      int cols = names.size();
      List<String> clean = new ArrayList<>();
      for (String n : names) {
        clean.add(unquote(n.trim()));
      }
      int timeCol = -1;
      boolean timeIsIndex = false;
      double timeScale = 1;
      if (options.timeColumn != null) {
        timeCol = clean.indexOf(options.timeColumn);
        if (timeCol < 0) {
          throw new EcgFormatException(file, "line", 1, "no column named '"
              + options.timeColumn + "' in header " + clean);
        }
      } else if (options.detectTime) {
        for (int k = 0; k < cols && timeCol < 0; k++) {
          String key = clean.get(k).toLowerCase(Locale.ROOT);
          Matcher m = UNIT.matcher(key);
          String base = m.matches() ? m.group(1).trim() : key;
          String u = m.matches() ? m.group(2).trim() : "";
          if (TIME_NAMES.contains(base)) {
            timeCol = k;
            timeScale = u.equals("ms") || base.endsWith("ms") ? 1e-3 : 1;
          } else if (INDEX_NAMES.contains(base)) {
            timeCol = k;
            timeIsIndex = true;
          }
        }
      }
      if (timeCol >= 0 && cols == 1) {
        throw new EcgFormatException(file, "line", 1, "the only column is a time column");
      }
      int channels = timeCol >= 0 ? cols - 1 : cols;
      double[][] data = new double[cols][1024];
      int n = 0;
      CsvLexer lex = new CsvLexer(r, file, delim, MAX_CELL, MAX_COLUMNS);
      lex.startAtLine(2);
      List<String> cells = new ArrayList<>();
      long blankLine = -1;
      while (lex.next(cells)) {
        long line = lex.rowLine();
        if (cells.size() == 1 && cells.get(0).isBlank()) {
          if (blankLine < 0) {
            blankLine = line;
          }
          continue;
        }
        if (blankLine >= 0) {
          throw new EcgFormatException(file, "line", blankLine, "blank line inside the data");
        }
        if (cells.size() != cols) {
          throw new EcgFormatException(file, "line", line, "row has " + cells.size()
              + " cells, the header has " + cols);
        }
        if (n == data[0].length) {
          for (int k = 0; k < cols; k++) {
            data[k] = Arrays.copyOf(data[k], n * 2);
          }
        }
        for (int k = 0; k < cols; k++) {
          String s = cells.get(k).trim();
          double v = CsvLexer.parseDecimal(s);
          if (Double.isNaN(v)) {
            boolean missing = s.isEmpty() || s.equalsIgnoreCase("nan");
            if (!(missing && options.missingAsNaN && k != timeCol)) {
              String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
              throw new EcgFormatException(file, "line", line, "column " + (k + 1) + " ("
                  + clean.get(k) + "): '" + shown + "' is not a finite number");
            }
          }
          data[k][n] = v;
        }
        n++;
      }
      double fs = options.fs;
      if (timeCol >= 0 && !timeIsIndex) {
        double inferred = inferFs(file, data[timeCol], n, timeScale);
        if (Double.isNaN(fs)) {
          fs = inferred;
        } else if (Math.abs(inferred - fs) > 0.01 * fs) {
          throw new EcgFormatException(file, "line", 2, "time column gives " + inferred
              + " Hz but fs " + fs + " Hz was given");
        }
      }
      if (Double.isNaN(fs)) {
        throw new EcgFormatException(file, "line", 1, "no time column to infer the sampling"
            + " rate from; give it with Options.fs(...)");
      }
      double[][] signals = new double[channels][];
      List<String> chNames = new ArrayList<>();
      List<String> units = new ArrayList<>();
      int out = 0;
      for (int k = 0; k < cols; k++) {
        if (k == timeCol) {
          continue;
        }
        double[] s = Arrays.copyOf(data[k], n);
        for (int i = 0; i < n; i++) {
          s[i] /= options.gain;
        }
        signals[out++] = s;
        Matcher m = UNIT.matcher(clean.get(k));
        if (m.matches() && !m.group(2).isBlank()) {
          chNames.add(m.group(1).trim());
          units.add(m.group(2).trim());
        } else {
          chNames.add(clean.get(k));
          units.add(options.unit);
        }
      }
      String fn = file.getFileName() == null ? "csv" : file.getFileName().toString();
      int dot = fn.lastIndexOf('.');
      return new Record(dot > 0 ? fn.substring(0, dot) : fn, fs, chNames, units, signals,
          List.of());
    }
  }

  private static double inferFs(Path file, double[] t, int n, double scale)
      throws EcgFormatException {
    if (n < 2) {
      throw new EcgFormatException(file, "line", 2, "need at least two rows to infer the"
          + " sampling rate from the time column");
    }
    double dt = (t[n - 1] - t[0]) / (n - 1);
    if (!(dt > 0)) {
      throw new EcgFormatException(file, "line", 2, "time column does not increase");
    }
    for (int i = 1; i < n; i++) {
      if (!(t[i] > t[i - 1])) {
        throw new EcgFormatException(file, "line", i + 2, "time " + t[i]
            + " does not increase (previous " + t[i - 1] + ")");
      }
    }
    double[] steps = new double[n - 1];
    for (int i = 1; i < n; i++) {
      steps[i - 1] = t[i] - t[i - 1];
    }
    Arrays.sort(steps);
    double median = steps[(n - 1) / 2];
    for (int i = 1; i < n; i++) {
      double step = t[i] - t[i - 1];
      if (Math.abs(step - median) > 0.5 * median + 1e-9 * Math.abs(t[i])) {
        throw new EcgFormatException(file, "line", i + 2, "time step " + step + " before "
            + t[i] + " is off the uniform step " + median + " (irregular sampling)");
      }
    }
    double fs = 1.0 / (dt * scale);
    if (!Double.isFinite(fs)) {
      // a subnormal step such as 1e-320 s overflows the reciprocal
      throw new EcgFormatException(file, "line", 2, "time step " + dt + " gives no finite "
          + "sampling rate");
    }
    return fs;
  }

  private static char detect(String header) {
    int commas = count(header, ',');
    int semis = count(header, ';');
    int tabs = count(header, '\t');
    if (tabs > commas && tabs >= semis) {
      return '\t';
    }
    if (semis > commas) {
      return ';';
    }
    return ',';
  }

  private static int count(String s, char c) {
    int k = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        k++;
      }
    }
    return k;
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && ((s.startsWith("'") && s.endsWith("'"))
        || (s.startsWith("\"") && s.endsWith("\"")))) {
      return s.substring(1, s.length() - 1).trim();
    }
    return s;
  }
}
