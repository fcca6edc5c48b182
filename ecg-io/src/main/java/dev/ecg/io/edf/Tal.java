package dev.ecg.io.edf;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.EcgFormatException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parsing and encoding of EDF+ Time-stamped Annotations Lists (TALs): {@code +onset[0x15
 * duration]0x14[text0x14]...0x00}, as specified in section 2.2 of the EDF+ specification (Kemp and
 * Olivan 2003).
 */
final class Tal {
  static final Pattern ONSET = Pattern.compile("[+-]([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
  static final Pattern DURATION = Pattern.compile("[0-9]+(\\.[0-9]*)?|\\.[0-9]+");

  /**
   * Largest TAL onset or duration accepted, in seconds (about 31.7 years): any real recording is
   * shorter, and onsets times any sampling rate stay exact sample indices.
   */
  static final double MAX_SECONDS = 1e9;

  /** One parsed TAL: onset, duration (NaN when absent), texts (possibly empty strings). */
  record Entry(double onset, double duration, List<String> texts) {}

  private Tal() {}

  /**
   * @param bytes the annotation signal bytes of one data record
   * @param file the file, for messages
   * @param base file offset of {@code bytes[0]}, for messages
   * @return the TALs in order
   * @throws EcgFormatException on any violation of the TAL grammar
   */
  static List<Entry> parse(byte[] bytes, Path file, long base) throws EcgFormatException {
    List<Entry> out = new ArrayList<>();
    int i = 0;
    int n = bytes.length;
    while (i < n && bytes[i] != 0) {
      int start = i;
      while (i < n && bytes[i] != 0x14 && bytes[i] != 0x15 && bytes[i] != 0) {
        i++;
      }
      String onsetText = ascii(bytes, start, i);
      if (!ONSET.matcher(onsetText).matches()) {
        throw new EcgFormatException(file, "byte", base + start,
            "TAL onset '" + onsetText + "' is not a signed decimal number");
      }
      double duration = Double.NaN;
      if (i < n && bytes[i] == 0x15) {
        int ds = ++i;
        while (i < n && bytes[i] != 0x14 && bytes[i] != 0x15 && bytes[i] != 0) {
          i++;
        }
        String d = ascii(bytes, ds, i);
        if (!DURATION.matcher(d).matches()) {
          throw new EcgFormatException(file, "byte", base + ds,
              "TAL duration '" + d + "' is not an unsigned decimal number");
        }
        duration = Double.parseDouble(d);
        if (!(duration <= MAX_SECONDS)) {
          throw new EcgFormatException(file, "byte", base + ds, "TAL duration " + d
              + " s is beyond " + MAX_SECONDS + " s");
        }
      }
      if (i >= n || bytes[i] != 0x14) {
        throw new EcgFormatException(file, "byte", base + Math.min(i, n - 1),
            "TAL onset must be followed by 0x14 (or 0x15 and a duration)");
      }
      i++;
      List<String> texts = new ArrayList<>();
      while (true) {
        if (i >= n) {
          throw new EcgFormatException(file, "byte", base + n - 1, "unterminated TAL (no 0x00)");
        }
        if (bytes[i] == 0) {
          i++;
          break;
        }
        int ts = i;
        while (i < n && bytes[i] != 0x14 && bytes[i] != 0) {
          if (bytes[i] == 0x15) {
            throw new EcgFormatException(file, "byte", base + i, "0x15 inside a TAL text");
          }
          i++;
        }
        if (i >= n || bytes[i] != 0x14) {
          throw new EcgFormatException(file, "byte", base + Math.min(i, n - 1),
              "TAL text must end with 0x14");
        }
        texts.add(utf8(bytes, ts, i, file, base));
        i++;
      }
      double onset = Double.parseDouble(onsetText);
      if (!(Math.abs(onset) <= MAX_SECONDS)) {
        // 400 digits parse to Infinity and would land at sample 9.2e18
        throw new EcgFormatException(file, "byte", base + start, "TAL onset "
            + (onsetText.length() > 40 ? onsetText.substring(0, 40) + "..." : onsetText)
            + " s is beyond +-" + MAX_SECONDS + " s");
      }
      out.add(new Entry(onset, duration, texts));
    }
    for (int k = i; k < n; k++) {
      if (bytes[k] != 0) {
        throw new EcgFormatException(file, "byte", base + k,
            "non-zero byte after the TAL padding began");
      }
    }
    return out;
  }

  /**
   * Encodes the timekeeping TAL for a data record, then the given annotations.
   *
   * @param recordOnset the data record's start, seconds
   * @param annotations annotations to place in this record
   * @param bytes the annotation signal's size in bytes (2 * samples per record)
   * @return exactly {@code bytes} bytes, NUL padded
   * @throws EcgArgumentException when the TALs do not fit or a text holds control bytes
   */
  static byte[] encode(double recordOnset, List<EdfAnnotation> annotations, int bytes) {
    byte[] raw = raw(recordOnset, annotations);
    if (raw.length > bytes) {
      throw new EcgArgumentException("annotations need " + raw.length
          + " bytes in one data record, the annotation signal holds " + bytes);
    }
    byte[] out = new byte[bytes];
    System.arraycopy(raw, 0, out, 0, raw.length);
    return out;
  }

  /**
   * @param recordOnset the data record's start, seconds
   * @param annotations annotations to place in this record
   * @return the timekeeping TAL and the annotation TALs, unpadded
   */
  static byte[] raw(double recordOnset, List<EdfAnnotation> annotations) {
    StringBuilder sb = new StringBuilder();
    sb.append(signed(recordOnset)).append("\u0014\u0014\u0000");
    for (EdfAnnotation a : annotations) {
      sb.append(signed(a.onset()));
      if (a.hasDuration()) {
        if (!(a.duration() >= 0) || Double.isInfinite(a.duration())) {
          throw new EcgArgumentException("annotation duration must be >= 0, got " + a.duration());
        }
        sb.append('\u0015').append(plain(a.duration()));
      }
      sb.append('\u0014');
      for (String t : a.texts()) {
        for (int k = 0; k < t.length(); k++) {
          char c = t.charAt(k);
          if (c == 0 || c == 0x14 || c == 0x15) {
            throw new EcgArgumentException("annotation text contains control byte "
                + (int) c + ": " + t);
          }
        }
        sb.append(t).append('\u0014');
      }
      sb.append('\u0000');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String signed(double v) {
    if (!Double.isFinite(v)) {
      throw new EcgArgumentException("onset must be finite, got " + v);
    }
    String p = plain(Math.abs(v));
    return (v < 0 || (v == 0 && 1 / v < 0) ? "-" : "+") + p;
  }

  static String plain(double v) {
    String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    return s;
  }

  private static String ascii(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.US_ASCII);
  }

  private static String utf8(byte[] b, int from, int to, Path file, long base)
      throws EcgFormatException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      throw new EcgFormatException(file, "byte", base + from, "TAL text is not valid UTF-8", e);
    }
  }
}
