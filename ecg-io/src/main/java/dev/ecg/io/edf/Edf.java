package dev.ecg.io.edf;

import dev.ecg.io.EcgFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reader for EDF and EDF+ files with 16-bit samples.
 *
 * <p>The layout follows Kemp B, Vaerklinke A, Roessen M, Clarenbach R, "A simple format for
 * exchange of digitized polygraphic recordings", Electroencephalogr Clin Neurophysiol 82:391-393
 * (1992), and for EDF+ (continuous {@code EDF+C} and discontinuous {@code EDF+D} files with
 * {@code EDF Annotations} signals) Kemp B, Olivan J, "European data format 'plus' (EDF+)", Clin
 * Neurophysiol 114:1755-1761 (2003).
 *
 * <p>Validation is strict: header characters must not be control characters (bytes above 0x7e,
 * outside the specification's printable ASCII, are read as ISO-8859-1 and logged), numeric
 * fields must parse, ranges must be non-empty, the header size must be {@code 256 * (ns + 1)}, and the file
 * length must equal the header plus the data records it announces. Each error names the file and
 * the byte offset of the offending field or sample. Sizes are checked against the file length
 * before anything is allocated. BDF (24-bit) files are rejected.
 */
public final class Edf {
  /** Most signals accepted in one file. */
  static final int MAX_SIGNALS = 100_000;
  /**
   * Largest physical minimum or maximum accepted, in absolute value: 1e100, far beyond any
   * recorded quantity, and far enough below the double range that the scaling stays finite.
   */
  static final double MAX_PHYSICAL = 1e100;
  private static final Pattern INT = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DEC =
      Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern DATE = Pattern.compile("([0-9]{2})\\.([0-9]{2})\\.([0-9]{2})");

  private Edf() {}

  /**
   * Reads a whole EDF or EDF+ file.
   *
   * @param file the file
   * @return its content
   * @throws EcgFormatException when the file is not valid EDF/EDF+ (message names the byte offset)
   * @throws IOException when the file cannot be read
   */
  public static EdfFile read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 256) {
        throw new EcgFormatException(file, "byte", size,
            "truncated: an EDF header needs at least 256 bytes, the file has " + size);
      }
      byte[] fixed = read(file, ch, 0, 256);
      if ((fixed[0] & 0xff) == 0xff) {
        throw new EcgFormatException(file, "byte", 0,
            "this looks like a BDF (24-bit BioSemi) file; only 16-bit EDF and EDF+ are supported");
      }
      checkAscii(file, fixed, 0);
      String version = text(fixed, 0, 8);
      if (!version.trim().equals("0")) {
        throw new EcgFormatException(file, "byte", 0,
            "version field must be '0' for EDF/EDF+, got '" + version.trim() + "'");
      }
      String patient = text(fixed, 8, 80);
      String recording = text(fixed, 88, 80);
      String startDate = text(fixed, 168, 8).trim();
      String startTime = text(fixed, 176, 8).trim();
      checkDateTime(file, startDate, startTime);
      long headerBytes = parseInt(file, fixed, 184, 8, "number of header bytes");
      String reserved = text(fixed, 192, 44);
      long records = parseInt(file, fixed, 236, 8, "number of data records");
      double duration = parseDec(file, fixed, 244, 8, "duration of a data record");
      long ns = parseInt(file, fixed, 252, 4, "number of signals");
      if (ns < 1 || ns > MAX_SIGNALS) {
        throw new EcgFormatException(file, "byte", 252, "number of signals " + ns
            + " outside 1.." + MAX_SIGNALS);
      }
      if (headerBytes != 256 * (ns + 1)) {
        throw new EcgFormatException(file, "byte", 184, "header size " + headerBytes
            + " does not match 256 * (1 + " + ns + " signals) = " + 256 * (ns + 1));
      }
      if (headerBytes > size) {
        throw new EcgFormatException(file, "byte", size, "truncated: the header of " + ns
            + " signals needs " + headerBytes + " bytes, the file has " + size);
      }
      if (duration < 0) {
        throw new EcgFormatException(file, "byte", 244, "negative record duration " + duration);
      }
      int n = (int) ns;
      byte[] sh = read(file, ch, 256, 256 * n);
      checkAscii(file, sh, 256);
      List<EdfSignal> signals = new ArrayList<>(n);
      long recordBytes = 0;
      for (int s = 0; s < n; s++) {
        int label = 16 * s;
        int transducer = 16 * n + 80 * s;
        int dimension = 96 * n + 8 * s;
        int physMin = 104 * n + 8 * s;
        int physMax = 112 * n + 8 * s;
        int digMin = 120 * n + 8 * s;
        int digMax = 128 * n + 8 * s;
        int prefilter = 136 * n + 80 * s;
        int spr = 216 * n + 8 * s;
        int res = 224 * n + 32 * s;
        double pmin = parseDec(file, sh, physMin, 8, "physical minimum", 256);
        double pmax = parseDec(file, sh, physMax, 8, "physical maximum", 256);
        long dmin = parseInt(file, sh, digMin, 8, "digital minimum", 256);
        long dmax = parseInt(file, sh, digMax, 8, "digital maximum", 256);
        long nspr = parseInt(file, sh, spr, 8, "samples per data record", 256);
        String lab = text(sh, label, 16);
        if (pmin == pmax) {
          throw new EcgFormatException(file, "byte", 256 + physMax, "signal " + s + " ("
              + lab.trim() + "): physical minimum equals physical maximum (" + pmin + ")");
        }
        if (!Double.isFinite(pmin) || !Double.isFinite(pmax) || !Double.isFinite(pmax - pmin)
            || Math.abs(pmin) > MAX_PHYSICAL || Math.abs(pmax) > MAX_PHYSICAL) {
          // +-1e308 parse, but their difference is infinite and every sample would be NaN
          throw new EcgFormatException(file, "byte", 256 + physMin, "signal " + s + " ("
              + lab.trim() + "): physical range [" + pmin + ", " + pmax + "] is outside +-"
              + MAX_PHYSICAL + "; no sample could be scaled");
        }
        if (dmin < Short.MIN_VALUE || dmin > Short.MAX_VALUE) {
          throw new EcgFormatException(file, "byte", 256 + digMin, "signal " + s
              + ": digital minimum " + dmin + " outside the 16-bit range");
        }
        if (dmax < Short.MIN_VALUE || dmax > Short.MAX_VALUE) {
          throw new EcgFormatException(file, "byte", 256 + digMax, "signal " + s
              + ": digital maximum " + dmax + " outside the 16-bit range");
        }
        if (dmin >= dmax) {
          throw new EcgFormatException(file, "byte", 256 + digMax, "signal " + s
              + ": digital maximum " + dmax + " must exceed the digital minimum " + dmin);
        }
        if (nspr < 1 || nspr > Integer.MAX_VALUE / 2) {
          throw new EcgFormatException(file, "byte", 256 + spr, "signal " + s
              + ": samples per data record " + nspr + " must be >= 1");
        }
        recordBytes += 2 * nspr;
        signals.add(new EdfSignal(lab.trim(), text(sh, transducer, 80).trim(),
            text(sh, dimension, 8).trim(), pmin, pmax, (int) dmin, (int) dmax,
            text(sh, prefilter, 80).trim(), (int) nspr, text(sh, res, 32).trim()));
      }
      long dataBytes = size - headerBytes;
      if (records == -1) {
        if (dataBytes % recordBytes != 0) {
          throw new EcgFormatException(file, "byte", 236, "number of data records is -1 and the "
              + dataBytes + " data bytes are no whole number of " + recordBytes + "-byte records");
        }
        records = dataBytes / recordBytes;
      } else if (records < 0) {
        throw new EcgFormatException(file, "byte", 236, "negative number of data records "
            + records);
      }
      long whole = dataBytes / recordBytes;
      if (records > whole) {
        throw new EcgFormatException(file, "byte", size, "truncated: header announces "
            + records + " data records of " + recordBytes + " bytes, the file holds " + whole
            + " whole records" + (dataBytes % recordBytes != 0 ? " and part of another" : ""));
      }
      if (records < whole || dataBytes % recordBytes != 0) {
        throw new EcgFormatException(file, "byte", headerBytes + records * recordBytes,
            (dataBytes - records * recordBytes) + " bytes after the last of " + records
            + " data records");
      }
      if (recordBytes > Integer.MAX_VALUE - 8) {
        throw new EcgFormatException(file, "byte", 256, "one data record has " + recordBytes
            + " bytes, too large to read");
      }
      short[][] digital = new short[n][];
      for (int s = 0; s < n; s++) {
        long total = records * signals.get(s).samplesPerRecord();
        if (total > Integer.MAX_VALUE - 8) {
          throw new EcgFormatException(file, "byte", 236, "signal " + s + " would hold " + total
              + " samples, more than a Java array can");
        }
        digital[s] = new short[(int) total];
      }
      ByteBuffer buf = ByteBuffer.allocate((int) recordBytes).order(ByteOrder.LITTLE_ENDIAN);
      for (long k = 0; k < records; k++) {
        buf.clear();
        long p = headerBytes + k * recordBytes;
        while (buf.hasRemaining()) {
          int r = ch.read(buf, p);
          if (r < 0) {
            throw new EcgFormatException(file, "byte", p, "unexpected end of file",
                new EOFException());
          }
          p += r;
        }
        buf.flip();
        for (int s = 0; s < n; s++) {
          int spr = signals.get(s).samplesPerRecord();
          short[] d = digital[s];
          int off = (int) (k * spr);
          for (int j = 0; j < spr; j++) {
            d[off + j] = buf.getShort();
          }
        }
      }
      EdfHeader header = new EdfHeader(version.trim(), patient.trim(), recording.trim(),
          startDate, startTime, reserved.trim(), records, duration);
      return EdfFile.create(file, header, signals, digital);
    }
  }

  private static void checkDateTime(Path file, String date, String time)
      throws EcgFormatException {
    var m = DATE.matcher(date);
    if (!m.matches() || !inRange(m.group(1), 1, 31) || !inRange(m.group(2), 1, 12)) {
      throw new EcgFormatException(file, "byte", 168, "start date '" + date
          + "' is not dd.mm.yy");
    }
    var t = DATE.matcher(time);
    if (!t.matches() || !inRange(t.group(1), 0, 23) || !inRange(t.group(2), 0, 59)
        || !inRange(t.group(3), 0, 59)) {
      throw new EcgFormatException(file, "byte", 176, "start time '" + time
          + "' is not hh.mm.ss");
    }
  }

  private static boolean inRange(String two, int lo, int hi) {
    int v = Integer.parseInt(two);
    return v >= lo && v <= hi;
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Edf.class);

  /**
   * Refuses control characters; bytes 0x80..0xff (outside the specification's printable ASCII,
   * but common in unit fields, such as a degree sign) are read as ISO-8859-1 and reported at WARN
   * with their offset, as other EDF readers accept them.
   */
  private static void checkAscii(Path file, byte[] b, long base) throws EcgFormatException {
    int nonAscii = 0;
    long first = -1;
    for (int i = 0; i < b.length; i++) {
      int c = b[i] & 0xff;
      if (c < 32 || c == 127) {
        throw new EcgFormatException(file, "byte", base + i, String.format(
            "header byte 0x%02x is a control character (EDF headers allow printable "
            + "characters only)", c));
      }
      if (c > 127) {
        if (nonAscii++ == 0) {
          first = base + i;
        }
      }
    }
    if (nonAscii > 0) {
      LOG.warn("{}: {} header byte(s) outside printable ASCII, the first at byte {} (0x{}); "
          + "read as ISO-8859-1", file, nonAscii, first,
          String.format("%02x", b[(int) (first - base)] & 0xff));
    }
  }

  private static String text(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.ISO_8859_1);
  }

  private static long parseInt(Path file, byte[] b, int off, int len, String what)
      throws EcgFormatException {
    return parseInt(file, b, off, len, what, 0);
  }

  private static long parseInt(Path file, byte[] b, int off, int len, String what, long base)
      throws EcgFormatException {
    String s = text(b, off, len).trim();
    if (!INT.matcher(s).matches() || s.length() > 18) {
      throw new EcgFormatException(file, "byte", base + off, what + " '" + s
          + "' is not an integer");
    }
    return Long.parseLong(s);
  }

  private static double parseDec(Path file, byte[] b, int off, int len, String what)
      throws EcgFormatException {
    return parseDec(file, b, off, len, what, 0);
  }

  private static double parseDec(Path file, byte[] b, int off, int len, String what, long base)
      throws EcgFormatException {
    String s = text(b, off, len).trim();
    if (!DEC.matcher(s).matches()) {
      throw new EcgFormatException(file, "byte", base + off, what + " '" + s
          + "' is not a decimal number");
    }
    double v = Double.parseDouble(s);
    if (!Double.isFinite(v)) {
      throw new EcgFormatException(file, "byte", base + off, what + " '" + s
          + "' is not finite");
    }
    return v;
  }

  private static byte[] read(Path file, FileChannel ch, long pos, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    long p = pos;
    while (b.hasRemaining()) {
      int r = ch.read(b, p);
      if (r < 0) {
        throw new EcgFormatException(file, "byte", p, "unexpected end of file");
      }
      p += r;
    }
    return b.array();
  }
}
