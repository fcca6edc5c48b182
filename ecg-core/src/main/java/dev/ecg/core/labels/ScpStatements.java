package dev.ecg.core.labels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SCP-ECG statement table of PTB-XL ({@code scp_statements.csv}; Wagner et al., Scientific
 * Data 7:154, 2020), and the mapping from a record's SCP codes to its diagnostic superclasses.
 *
 * <pre>{@code
 * ScpStatements scp = ScpStatements.read(ptbxl.resolve("scp_statements.csv"));
 * Map<String, Double> codes = ScpStatements.parseScpCodes("{'IMI': 100.0, 'SR': 0.0}");
 * Set<PtbxlSuperclass> y = scp.superclassesOf(codes);   // [MI]
 * }</pre>
 *
 * <p><b>Likelihood convention.</b> Each SCP code of a record carries a likelihood in percent (0,
 * 15, 35, 50, 80 or 100; 0 means "unknown" for many statements). {@link #superclassesOf(Map)}
 * follows the example code published with PTB-XL ({@code aggregate_diagnostic} in its
 * {@code example_physionet.py}): every diagnostic code counts, whatever its likelihood, including
 * 0. {@link #superclassesOf(Map, double)} instead keeps only codes whose likelihood is at least a
 * threshold, for stricter label sets.
 */
public final class ScpStatements {
  private final Map<String, ScpStatement> byCode;

  private ScpStatements(Map<String, ScpStatement> byCode) {
    this.byCode = Collections.unmodifiableMap(byCode);
  }

  /**
   * Reads {@code scp_statements.csv}. The first column holds the code (its header is empty); the
   * columns {@code description}, {@code diagnostic}, {@code form}, {@code rhythm}, {@code
   * diagnostic_class} and {@code diagnostic_subclass} are required and found by name, {@code
   * Statement Category} is optional; other columns are ignored.
   *
   * @param file the CSV file (UTF-8)
   * @return the statements
   * @throws IOException if the file cannot be read
   * @throws LabelFormatException if the file is not well-formed CSV, lacks a required column, has
   *     a row with a wrong number of fields, a duplicate or empty code, a flag other than empty,
   *     {@code 0}, {@code 1}, {@code 0.0} or {@code 1.0}, or an unknown diagnostic class
   */
  public static ScpStatements read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses the content of {@code scp_statements.csv}.
   *
   * @param csvText the CSV text
   * @param source a name used in error messages
   * @return the statements
   * @throws LabelFormatException as {@link #read(Path)}
   */
  public static ScpStatements parse(String csvText, String source) {
    List<List<String>> rows = Csv.parse(csvText, source);
    if (rows.isEmpty()) {
      throw new LabelFormatException(source + ": empty, expected a header row");
    }
    List<String> header = rows.get(0);
    int cDesc = column(header, "description", source);
    int cDiag = column(header, "diagnostic", source);
    int cForm = column(header, "form", source);
    int cRhythm = column(header, "rhythm", source);
    int cClass = column(header, "diagnostic_class", source);
    int cSub = column(header, "diagnostic_subclass", source);
    int cCat = header.indexOf("Statement Category");
    Map<String, ScpStatement> map = new LinkedHashMap<>();
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      String where = source + ", data row " + r;
      if (row.size() != header.size()) {
        throw new LabelFormatException(where + ": " + row.size() + " fields, header has "
            + header.size());
      }
      String code = row.get(0).trim();
      if (code.isEmpty()) {
        throw new LabelFormatException(where + ": empty SCP code");
      }
      boolean diagnostic = flag(row.get(cDiag), "diagnostic", where);
      String cls = row.get(cClass).trim();
      Optional<PtbxlSuperclass> superclass = Optional.empty();
      if (!cls.isEmpty()) {
        try {
          superclass = Optional.of(PtbxlSuperclass.valueOf(cls));
        } catch (IllegalArgumentException e) {
          throw new LabelFormatException(where + " (" + code + "): unknown diagnostic_class '"
              + cls + "', expected one of " + PtbxlSuperclass.NAMES);
        }
      }
      String sub = row.get(cSub).trim();
      String cat = cCat < 0 ? "" : row.get(cCat).trim();
      ScpStatement s = new ScpStatement(code, row.get(cDesc).trim(), diagnostic,
          flag(row.get(cForm), "form", where), flag(row.get(cRhythm), "rhythm", where),
          superclass, sub.isEmpty() ? Optional.empty() : Optional.of(sub),
          cat.isEmpty() ? Optional.empty() : Optional.of(cat));
      if (map.put(code, s) != null) {
        throw new LabelFormatException(where + ": duplicate SCP code '" + code + "'");
      }
    }
    return new ScpStatements(map);
  }

  /** @return all statements by code, in file order (unmodifiable) */
  public Map<String, ScpStatement> statements() {
    return byCode;
  }

  /**
   * @param code an SCP code
   * @return its statement, or empty if the table does not list it
   */
  public Optional<ScpStatement> get(String code) {
    return Optional.ofNullable(code == null ? null : byCode.get(code));
  }

  /** @return the number of statements */
  public int size() {
    return byCode.size();
  }

  /**
   * The diagnostic superclasses of a record, counting every diagnostic code whatever its
   * likelihood (the PTB-XL example-code convention). Codes that are not diagnostic, have no
   * diagnostic class, or are not in the table are ignored.
   *
   * @param scpCodes the record's SCP codes with likelihoods, as from {@link #parseScpCodes}
   * @return the superclasses, possibly empty (unmodifiable, in {@link PtbxlSuperclass} order)
   * @throws NullPointerException if {@code scpCodes} is null
   */
  public Set<PtbxlSuperclass> superclassesOf(Map<String, Double> scpCodes) {
    return superclassesOf(scpCodes, Double.NEGATIVE_INFINITY);
  }

  /**
   * The diagnostic superclasses of a record, counting only diagnostic codes whose likelihood is
   * at least {@code minLikelihood} (for example 100 for certain statements only).
   *
   * @param scpCodes the record's SCP codes with likelihoods
   * @param minLikelihood the smallest likelihood that counts; {@code Double.NEGATIVE_INFINITY}
   *     counts all
   * @return the superclasses, possibly empty (unmodifiable, in {@link PtbxlSuperclass} order)
   * @throws NullPointerException if {@code scpCodes} is null
   * @throws LabelFormatException if {@code minLikelihood} is NaN
   */
  public Set<PtbxlSuperclass> superclassesOf(Map<String, Double> scpCodes, double minLikelihood) {
    java.util.Objects.requireNonNull(scpCodes, "scpCodes");
    if (Double.isNaN(minLikelihood)) {
      throw new LabelFormatException("minLikelihood must not be NaN");
    }
    EnumSet<PtbxlSuperclass> out = EnumSet.noneOf(PtbxlSuperclass.class);
    for (Map.Entry<String, Double> e : scpCodes.entrySet()) {
      ScpStatement s = byCode.get(e.getKey());
      if (s == null || !s.diagnostic() || s.diagnosticClass().isEmpty()) {
        continue;
      }
      Double likelihood = e.getValue();
      if (likelihood != null && likelihood >= minLikelihood) {
        out.add(s.diagnosticClass().get());
      }
    }
    return Collections.unmodifiableSet(out);
  }

  private static final Pattern ENTRY = Pattern.compile(
      "\\s*(?:'([^'\\\\]*)'|\"([^\"\\\\]*)\")\\s*:\\s*"
          + "([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*");

  /**
   * Parses the {@code scp_codes} column of {@code ptbxl_database.csv}, a Python dictionary literal
   * such as {@code {'NORM': 100.0, 'SR': 0.0}}. Keys are quoted strings without escapes, values
   * decimal numbers; whitespace around tokens is allowed, and a trailing comma as in Python.
   *
   * @param text the dictionary literal
   * @return code to likelihood, in the order written (unmodifiable)
   * @throws LabelFormatException naming the text if it is not such a literal, a key is empty or
   *     repeated, or a value is not a finite number
   */
  public static Map<String, Double> parseScpCodes(String text) {
    if (text == null) {
      throw new LabelFormatException("scp_codes text must not be null");
    }
    String t = text.strip();
    if (t.length() < 2 || t.charAt(0) != '{' || t.charAt(t.length() - 1) != '}') {
      throw new LabelFormatException("scp_codes '" + text + "' is not a {...} dictionary literal");
    }
    String body = t.substring(1, t.length() - 1);
    Map<String, Double> out = new LinkedHashMap<>();
    if (body.isBlank()) {
      return Collections.unmodifiableMap(out);
    }
    Matcher m = ENTRY.matcher(body);
    int pos = 0;
    while (true) {
      m.region(pos, body.length());
      if (!m.lookingAt()) {
        throw new LabelFormatException("scp_codes '" + text + "': expected 'CODE': number at"
            + " character " + (text.indexOf('{') + 2 + pos) + " of the text");
      }
      String key = m.group(1) != null ? m.group(1) : m.group(2);
      if (key.isEmpty()) {
        throw new LabelFormatException("scp_codes '" + text + "': empty code");
      }
      double v = Double.parseDouble(m.group(3));
      if (!Double.isFinite(v)) {
        throw new LabelFormatException("scp_codes '" + text + "': likelihood of '" + key
            + "' is not finite");
      }
      if (out.put(key, v) != null) {
        throw new LabelFormatException("scp_codes '" + text + "': code '" + key + "' repeated");
      }
      pos = m.end();
      if (pos == body.length()) {
        break;
      }
      if (body.charAt(pos) != ',') {
        throw new LabelFormatException("scp_codes '" + text + "': expected ',' or '}' after '"
            + key + "'");
      }
      pos++;
      if (body.substring(pos).isBlank()) {
        break; // trailing comma
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static int column(List<String> header, String name, String source) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new LabelFormatException(source + ": missing column '" + name + "' in header "
          + header);
    }
    return i;
  }

  private static boolean flag(String value, String column, String where) {
    String v = value.trim();
    switch (v) {
      case "":
      case "0":
      case "0.0":
        return false;
      case "1":
      case "1.0":
        return true;
      default:
        throw new LabelFormatException(where + ": column '" + column + "' holds '" + value
            + "', expected empty, 0 or 1");
    }
  }
}
