package dev.ecg.io.wfdb;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.EcgFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A parsed WFDB header ({@code .hea} file, WFDB {@code header(5)} manual page).
 *
 * <p>The record line reads
 * {@code name[/segments] nsig [fs[/counterfreq[(basecounter)]] [nsamples [basetime [basedate]]]]}.
 * A single-segment header is followed by {@code nsig} signal lines ({@link SignalSpec}); a
 * multi-segment header by one {@link Segment} line per segment. Lines starting with {@code #} are
 * comments and are kept (without the {@code #} and the blanks after it). LF and CRLF line ends are
 * both accepted.
 *
 * @param recordName record name
 * @param segmentCount number of segments, 0 for a single-segment record
 * @param signalCount number of signals
 * @param fs sampling frequency in frames per second
 * @param counterFrequency counter frequency (0 when absent)
 * @param baseCounter base counter value (0 when absent)
 * @param sampleCount samples per signal (frames), or -1 when the header does not say
 * @param baseTime base time as written ({@code hh:mm:ss[.sss]}), or empty
 * @param baseDate base date as written ({@code dd/mm/yyyy}), or empty
 * @param signals signal specifications (empty for multi-segment headers)
 * @param segments segment lines (empty for single-segment headers)
 * @param comments comment lines, in order
 */
public record WfdbHeader(
    String recordName,
    int segmentCount,
    int signalCount,
    double fs,
    double counterFrequency,
    double baseCounter,
    long sampleCount,
    String baseTime,
    String baseDate,
    List<SignalSpec> signals,
    List<Segment> segments,
    List<String> comments) {

  /** Sampling frequency WFDB assumes when the header gives none. */
  public static final double DEFAULT_FS = 250.0;

  /** Largest number of signals or segments accepted by the parser. */
  public static final int MAX_SIGNALS = 100_000;

  /**
   * One segment line of a multi-segment header.
   *
   * @param name segment record name, or {@code ~} for a null (gap) segment
   * @param sampleCount length of the segment in frames
   */
  public record Segment(String name, long sampleCount) {
    /** Checks the fields. */
    public Segment {
      Objects.requireNonNull(name, "name");
      if (sampleCount < 0) {
        throw new EcgArgumentException("segment sample count must be >= 0");
      }
    }

    /** @return whether this is a null segment ({@code ~}) that reads as invalid samples */
    public boolean isNull() {
      return "~".equals(name);
    }
  }

  /** Checks the fields. */
  public WfdbHeader {
    Objects.requireNonNull(recordName, "recordName");
    baseTime = baseTime == null ? "" : baseTime;
    baseDate = baseDate == null ? "" : baseDate;
    signals = List.copyOf(signals);
    segments = List.copyOf(segments);
    comments = List.copyOf(comments);
    if (!(fs > 0) || Double.isInfinite(fs)) {
      throw new EcgArgumentException("fs must be > 0, got " + fs);
    }
    if (segmentCount == 0 && signals.size() != signalCount) {
      throw new EcgArgumentException(signalCount + " signals declared, " + signals.size()
          + " given");
    }
    if (segmentCount > 0 && segments.size() != segmentCount) {
      throw new EcgArgumentException(segmentCount + " segments declared, " + segments.size()
          + " given");
    }
  }

  /** @return whether this is a multi-segment header */
  public boolean isMultiSegment() {
    return segmentCount > 0;
  }

  /**
   * @param n new sample count
   * @param newSignals new signal lines
   * @return a copy with another sample count and signal list
   */
  public WfdbHeader withSignals(long n, List<SignalSpec> newSignals) {
    return new WfdbHeader(recordName, 0, newSignals.size(), fs, counterFrequency, baseCounter, n,
        baseTime, baseDate, newSignals, List.of(), comments);
  }

  /**
   * Reads and parses a header file.
   *
   * @param file the {@code .hea} file
   * @return the header
   * @throws EcgFormatException when the header is malformed (the message names the line)
   * @throws IOException when the file cannot be read
   */
  public static WfdbHeader read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > 64L << 20) {
      throw new EcgFormatException(file, "byte", 0, "header file of " + size
          + " bytes is too large (limit 64 MiB)");
    }
    return parse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), file);
  }

  /**
   * Parses header text.
   *
   * @param text the content of a {@code .hea} file
   * @param file the file name used in error messages (may be null)
   * @return the header
   * @throws EcgFormatException when the header is malformed (the message names the line)
   */
  public static WfdbHeader parse(String text, Path file) throws EcgFormatException {
    // Only non-blank lines are kept, with their line numbers: a header padded with millions of
    // blank lines must not become millions of strings (a 64 MiB file of newlines would need
    // gigabytes as String[]).
    List<String> kept = new ArrayList<>();
    List<Integer> keptNo = new ArrayList<>();
    int lineNo0 = 1;
    int start = 0;
    int len = text.length();
    while (start <= len) {
      int end = start;
      while (end < len && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      boolean blank = true;
      for (int c = start; c < end && blank; c++) {
        blank = Character.isWhitespace(text.charAt(c));
      }
      if (!blank) {
        kept.add(text.substring(start, end));
        keptNo.add(lineNo0);
      }
      if (end >= len) {
        break;
      }
      start = end + (text.charAt(end) == '\r' && end + 1 < len && text.charAt(end + 1) == '\n'
          ? 2 : 1);
      lineNo0++;
    }
    String[] lines = kept.toArray(new String[0]);
    int[] numbers = keptNo.stream().mapToInt(Integer::intValue).toArray();
    int lastLine = lineNo0;
    List<String> comments = new ArrayList<>();
    int i = 0;
    String recordLine = null;
    int recordLineNo = 0;
    for (; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty()) {
        continue;
      }
      if (l.startsWith("#")) {
        comments.add(stripComment(l));
        continue;
      }
      recordLine = l;
      recordLineNo = numbers[i];
      i++;
      break;
    }
    if (recordLine == null) {
      throw new EcgFormatException(file, "line", 1, "no record line in header");
    }
    String[] f = recordLine.split("\\s+");
    if (f.length < 2) {
      throw new EcgFormatException(file, "line", recordLineNo,
          "record line needs at least a name and a signal count: '" + recordLine + "'");
    }
    String name = f[0];
    int segCount = 0;
    int slash = name.indexOf('/');
    if (slash >= 0) {
      segCount = parseInt(name.substring(slash + 1), file, recordLineNo, "segment count");
      name = name.substring(0, slash);
      if (segCount < 1 || segCount > MAX_SIGNALS) {
        throw new EcgFormatException(file, "line", recordLineNo, "segment count " + segCount
            + " outside 1.." + MAX_SIGNALS);
      }
    }
    checkName(name, file, recordLineNo, "record name");
    int nsig = parseInt(f[1], file, recordLineNo, "signal count");
    if (nsig < 0 || nsig > MAX_SIGNALS) {
      throw new EcgFormatException(file, "line", recordLineNo, "signal count " + nsig
          + " outside 0.." + MAX_SIGNALS);
    }
    double fs = DEFAULT_FS;
    double counterFreq = 0;
    double baseCounter = 0;
    if (f.length > 2) {
      String fsField = f[2];
      int p = fsField.indexOf('/');
      String fsText = p >= 0 ? fsField.substring(0, p) : fsField;
      fs = parseDouble(fsText, file, recordLineNo, "sampling frequency");
      if (p >= 0) {
        String cf = fsField.substring(p + 1);
        int q = cf.indexOf('(');
        if (q >= 0) {
          if (!cf.endsWith(")")) {
            throw new EcgFormatException(file, "line", recordLineNo,
                "unclosed base counter in '" + fsField + "'");
          }
          baseCounter = parseDouble(cf.substring(q + 1, cf.length() - 1), file, recordLineNo,
              "base counter");
          cf = cf.substring(0, q);
        }
        counterFreq = parseDouble(cf, file, recordLineNo, "counter frequency");
      }
      if (!(fs > 0) || Double.isInfinite(fs)) {
        throw new EcgFormatException(file, "line", recordLineNo,
            "sampling frequency must be > 0, got '" + fsText + "'");
      }
    }
    long nsamp = -1;
    if (f.length > 3) {
      nsamp = parseLong(f[3], file, recordLineNo, "sample count");
      if (nsamp < 0) {
        throw new EcgFormatException(file, "line", recordLineNo, "negative sample count " + nsamp);
      }
    }
    String baseTime = f.length > 4 ? f[4] : "";
    String baseDate = f.length > 5 ? f[5] : "";
    if (f.length > 6) {
      throw new EcgFormatException(file, "line", recordLineNo,
          "too many fields on record line: '" + recordLine + "'");
    }

    List<SignalSpec> signals = new ArrayList<>();
    List<Segment> segments = new ArrayList<>();
    int wanted = segCount > 0 ? segCount : nsig;
    for (; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty()) {
        continue;
      }
      if (l.startsWith("#")) {
        comments.add(stripComment(l));
        continue;
      }
      int lineNo = numbers[i];
      int have = segCount > 0 ? segments.size() : signals.size();
      if (have == wanted) {
        throw new EcgFormatException(file, "line", lineNo, "more than the " + wanted + " declared "
            + (segCount > 0 ? "segment" : "signal") + " lines");
      }
      if (segCount > 0) {
        String[] s = l.split("\\s+");
        if (s.length != 2) {
          throw new EcgFormatException(file, "line", lineNo,
              "segment line needs a name and a sample count: '" + l + "'");
        }
        long n = parseLong(s[1], file, lineNo, "segment sample count");
        if (n < 0) {
          throw new EcgFormatException(file, "line", lineNo, "negative segment length " + n);
        }
        checkName(s[0], file, lineNo, "segment name");
        segments.add(new Segment(s[0], n));
      } else {
        signals.add(parseSignal(l, file, lineNo));
      }
    }
    int have = segCount > 0 ? segments.size() : signals.size();
    if (have != wanted) {
      throw new EcgFormatException(file, "line", lastLine, "header declares " + wanted + " "
          + (segCount > 0 ? "segment" : "signal") + " lines but has " + have);
    }
    return new WfdbHeader(name, segCount, nsig, fs, counterFreq, baseCounter, nsamp, baseTime,
        baseDate, signals, segments, comments);
  }

  private static String stripComment(String l) {
    return l.substring(1).strip();
  }

  private static SignalSpec parseSignal(String line, Path file, int lineNo)
      throws EcgFormatException {
    // the description (last field) may contain blanks: split at most 9 fields
    String[] f = line.split("\\s+", 9);
    if (f.length < 2) {
      throw new EcgFormatException(file, "line", lineNo,
          "signal line needs at least a file name and a format: '" + line + "'");
    }
    String fileName = f[0];
    checkName(fileName, file, lineNo, "signal file name");
    String fmt = f[1];
    long offset = 0;
    int skew = 0;
    int spf = 1;
    int plus = fmt.indexOf('+');
    if (plus >= 0) {
      offset = parseLong(fmt.substring(plus + 1), file, lineNo, "byte offset");
      fmt = fmt.substring(0, plus);
    }
    int colon = fmt.indexOf(':');
    if (colon >= 0) {
      skew = parseInt(fmt.substring(colon + 1), file, lineNo, "skew");
      fmt = fmt.substring(0, colon);
    }
    int x = fmt.indexOf('x');
    if (x >= 0) {
      spf = parseInt(fmt.substring(x + 1), file, lineNo, "samples per frame");
      fmt = fmt.substring(0, x);
    }
    int format = parseInt(fmt, file, lineNo, "format");
    if (!WfdbFormat.isSupported(format)) {
      throw new EcgFormatException(file, "line", lineNo, "unsupported signal format " + format
          + " (supported: 0 8 16 24 32 61 80 160 212 310 311)");
    }
    if (offset < 0 || skew < 0 || spf < 1 || spf > 1_000_000) {
      throw new EcgFormatException(file, "line", lineNo,
          "invalid byte offset, skew or samples per frame in '" + f[1] + "'");
    }
    int count = 1;
    double gain = 0;
    int baseline = 0;
    boolean haveBaseline = false;
    String units = "mV";
    if (f.length > 2) {
      count = 2;
      String g = f[2];
      int u = g.indexOf('/');
      if (u >= 0) {
        units = g.substring(u + 1);
        g = g.substring(0, u);
      }
      int b = g.indexOf('(');
      if (b >= 0) {
        if (!g.endsWith(")")) {
          throw new EcgFormatException(file, "line", lineNo, "unclosed baseline in '" + f[2] + "'");
        }
        baseline = parseInt(g.substring(b + 1, g.length() - 1), file, lineNo, "baseline");
        haveBaseline = true;
        g = g.substring(0, b);
      }
      gain = parseDouble(g, file, lineNo, "gain");
      if (!(gain >= 0) || Double.isInfinite(gain)) {
        throw new EcgFormatException(file, "line", lineNo, "gain must be >= 0, got '" + g + "'");
      }
    }
    int adcRes = WfdbFormat.defaultResolution(format);
    if (f.length > 3) {
      count = 3;
      adcRes = parseInt(f[3], file, lineNo, "ADC resolution");
      if (adcRes == 0) {
        adcRes = WfdbFormat.defaultResolution(format);
      }
    }
    int adcZero = 0;
    if (f.length > 4) {
      count = 4;
      adcZero = parseInt(f[4], file, lineNo, "ADC zero");
    }
    if (!haveBaseline) {
      baseline = adcZero;
    }
    int init = 0;
    if (f.length > 5) {
      count = 5;
      init = parseInt(f[5], file, lineNo, "initial value");
    }
    int checksum = 0;
    if (f.length > 6) {
      count = 6;
      checksum = parseInt(f[6], file, lineNo, "checksum");
    }
    int block = 0;
    if (f.length > 7) {
      count = 7;
      block = parseInt(f[7], file, lineNo, "block size");
      if (block < 0) {
        throw new EcgFormatException(file, "line", lineNo, "negative block size " + block);
      }
    }
    String desc = "";
    if (f.length > 8) {
      count = 8;
      desc = f[8].strip();
    }
    return new SignalSpec(fileName, format, spf, skew, offset, gain, baseline, units, adcRes,
        adcZero, init, checksum, block, desc, count);
  }

  /**
   * Refuses a record, segment or signal file name that cannot name a file beside the header: one
   * holding a control character (NUL included), an absolute path, or a {@code ..} component, so a
   * hostile header can neither crash path resolution nor point the reader outside its folder.
   */
  private static void checkName(String name, Path file, int line, String what)
      throws EcgFormatException {
    for (int k = 0; k < name.length(); k++) {
      char c = name.charAt(k);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        throw new EcgFormatException(file, "line", line, what + " contains character U+"
            + String.format("%04X", (int) c));
      }
    }
    if (name.startsWith("/") || name.equals("..") || name.startsWith("../")
        || name.contains("/../") || name.endsWith("/..")) {
      throw new EcgFormatException(file, "line", line, what + " '" + name
          + "' points outside the header's folder");
    }
  }

  private static int parseInt(String s, Path file, int line, String what)
      throws EcgFormatException {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new EcgFormatException(file, "line", line, "bad " + what + " '" + s + "'", e);
    }
  }

  private static long parseLong(String s, Path file, int line, String what)
      throws EcgFormatException {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new EcgFormatException(file, "line", line, "bad " + what + " '" + s + "'", e);
    }
  }

  private static double parseDouble(String s, Path file, int line, String what)
      throws EcgFormatException {
    try {
      double d = Double.parseDouble(s);
      if (Double.isNaN(d) || Double.isInfinite(d) || s.endsWith("d") || s.endsWith("f")
          || s.endsWith("D") || s.endsWith("F")) {
        throw new NumberFormatException(s);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new EcgFormatException(file, "line", line, "bad " + what + " '" + s + "'", e);
    }
  }

  /**
   * Formats this header as {@code .hea} text with LF line ends. Numbers are written so that
   * {@link #parse} gives back an equal header.
   *
   * @return the header text
   */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(recordName);
    if (segmentCount > 0) {
      sb.append('/').append(segmentCount);
    }
    sb.append(' ').append(signalCount).append(' ').append(num(fs));
    if (counterFrequency != 0 || baseCounter != 0) {
      sb.append('/').append(num(counterFrequency));
      if (baseCounter != 0) {
        sb.append('(').append(num(baseCounter)).append(')');
      }
    }
    if (sampleCount >= 0) {
      sb.append(' ').append(sampleCount);
      if (!baseTime.isEmpty()) {
        sb.append(' ').append(baseTime);
        if (!baseDate.isEmpty()) {
          sb.append(' ').append(baseDate);
        }
      }
    }
    sb.append('\n');
    for (Segment s : segments) {
      sb.append(s.name()).append(' ').append(s.sampleCount()).append('\n');
    }
    for (SignalSpec s : signals) {
      sb.append(s.fileName()).append(' ').append(s.format());
      if (s.samplesPerFrame() != 1) {
        sb.append('x').append(s.samplesPerFrame());
      }
      if (s.skew() != 0) {
        sb.append(':').append(s.skew());
      }
      if (s.byteOffset() != 0) {
        sb.append('+').append(s.byteOffset());
      }
      int c = s.fieldCount();
      if (c >= 2) {
        sb.append(' ').append(num(s.gain())).append('(').append(s.baseline()).append(")/")
            .append(s.units());
      }
      if (c >= 3) {
        sb.append(' ').append(s.adcResolution());
      }
      if (c >= 4) {
        sb.append(' ').append(s.adcZero());
      }
      if (c >= 5) {
        sb.append(' ').append(s.initialValue());
      }
      if (c >= 6) {
        sb.append(' ').append(s.checksum());
      }
      if (c >= 7) {
        sb.append(' ').append(s.blockSize());
      }
      if (c >= 8 && !s.description().isEmpty()) {
        sb.append(' ').append(s.description());
      }
      sb.append('\n');
    }
    for (String cm : comments) {
      sb.append("# ").append(cm).append('\n');
    }
    return sb.toString();
  }

  private static String num(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return String.format(Locale.ROOT, "%s", Double.toString(d));
  }
}
