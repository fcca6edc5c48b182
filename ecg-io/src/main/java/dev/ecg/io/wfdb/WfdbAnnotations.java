package dev.ecg.io.wfdb;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import dev.ecg.io.EcgFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes annotation files in MIT format (WFDB {@code annot(5)}), whatever their
 * extension ({@code atr}, {@code qrs}, ...).
 *
 * <p>Each annotation is a little-endian 16-bit word: the upper 6 bits hold the code A, the lower
 * 10 bits a value I. For A in 1..{@value AnnotationCodes#ACMAX}, I is the sample distance from the
 * previous annotation. Pseudo-codes: {@code SKIP} (59) is followed by a 32-bit interval (high
 * 16-bit word first, each word little-endian) added to the time; {@code NUM} (60), {@code SUB} (61)
 * and {@code CHN} (62) follow an annotation and set its num, subtype and chan (num and chan carry
 * over to later annotations); {@code AUX} (63) is followed by I bytes of auxiliary text, padded to
 * an even length. A zero word ends the file.
 *
 * <p>The reader is strict: a file cut inside a word, a SKIP interval or an aux string, a missing
 * end marker, an undefined code or a negative time raise an {@link EcgFormatException} naming the
 * byte offset.
 */
public final class WfdbAnnotations {
  private WfdbAnnotations() {}

  /** Largest annotation file accepted (bytes). */
  public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

  /**
   * Reads an annotation file.
   *
   * @param file the annotation file, e.g. {@code mitdb/100.atr}
   * @return the annotations in file order
   * @throws EcgFormatException when the file is malformed or truncated
   * @throws IOException when it cannot be read
   */
  public static List<Annotation> read(Path file) throws IOException {
    byte[] b;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new EcgFormatException(file, "byte", 0, "annotation file too large: " + size);
      }
      b = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new EcgFormatException(file, null, -1, "annotation file not found", e);
    }
    return decode(b, file);
  }

  /**
   * Decodes MIT-format annotation bytes.
   *
   * @param b file content
   * @param file name used in error messages (may be null)
   * @return the annotations
   * @throws EcgFormatException when the content is malformed or truncated
   */
  public static List<Annotation> decode(byte[] b, Path file) throws EcgFormatException {
    List<Annotation> out = new ArrayList<>(b.length / 2);
    long time = 0;
    int chan = 0;
    int num = 0;
    int pos = 0;
    // the annotation being assembled
    boolean pending = false;
    long pSample = 0;
    int pCode = 0;
    int pSub = 0;
    String pAux = "";
    while (true) {
      if (pos + 2 > b.length) {
        throw new EcgFormatException(file, "byte", pos, pos == b.length
            ? "annotation file ends without the end-of-file marker (truncated?)"
            : "annotation file cut inside a 16-bit word");
      }
      int word = (b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8);
      int a = word >>> 10;
      int v = word & 0x3FF;
      int at = pos;
      pos += 2;
      if (a >= AnnotationCodes.SUB) {
        if (!pending) {
          throw new EcgFormatException(file, "byte", at, "modifier code " + a
              + " before any annotation");
        }
        switch (a) {
          case AnnotationCodes.SUB:
            pSub = (v << 22) >> 22;
            break;
          case AnnotationCodes.CHN:
            chan = v;
            break;
          default: // AUX
            int padded = v + (v & 1);
            if (pos + padded > b.length) {
              throw new EcgFormatException(file, "byte", at, "aux string of " + v
                  + " bytes runs past the end of the file");
            }
            int n = v;
            while (n > 0 && b[pos + n - 1] == 0) {
              n--;
            }
            pAux = new String(b, pos, n, StandardCharsets.ISO_8859_1);
            pos += padded;
            break;
        }
        continue;
      }
      if (a == AnnotationCodes.NUM) {
        if (!pending) {
          throw new EcgFormatException(file, "byte", at, "NUM before any annotation");
        }
        num = (v << 22) >> 22;
        continue;
      }
      // any other word finishes the pending annotation
      if (pending) {
        out.add(new Annotation(pSample, AnnotationCodes.symbol(pCode), pSub, chan, num, pAux));
        pending = false;
      }
      if (word == 0) {
        return out;
      }
      if (a == AnnotationCodes.SKIP) {
        if (pos + 4 > b.length) {
          throw new EcgFormatException(file, "byte", at, "SKIP interval cut by the end of the file");
        }
        int hi = (b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8);
        int lo = (b[pos + 2] & 0xFF) | ((b[pos + 3] & 0xFF) << 8);
        time += (hi << 16) | lo;
        pos += 4;
        if (time < 0) {
          throw new EcgFormatException(file, "byte", at, "SKIP makes the time negative");
        }
        continue;
      }
      if (a == 0 || a > AnnotationCodes.ACMAX) {
        throw new EcgFormatException(file, "byte", at, "undefined annotation code " + a);
      }
      time += v;
      pending = true;
      pSample = time;
      pCode = a;
      pSub = 0;
      pAux = "";
    }
  }

  /**
   * Writes annotations in MIT format (atomically: temporary file, then rename).
   *
   * @param file target file
   * @param annotations annotations in non-decreasing sample order
   * @throws EcgArgumentException when an annotation cannot be represented (unknown symbol, sample
   *     order, field range, aux longer than 255 bytes or not ISO-8859-1)
   * @throws IOException when writing fails
   */
  public static void write(Path file, List<Annotation> annotations) throws IOException {
    AtomicFiles.write(file, encode(annotations));
  }

  /**
   * Encodes annotations in MIT format.
   *
   * @param annotations annotations in non-decreasing sample order
   * @return the file content
   * @throws EcgArgumentException when an annotation cannot be represented
   */
  public static byte[] encode(List<Annotation> annotations) {
    ByteArrayOutputStream o = new ByteArrayOutputStream(annotations.size() * 2 + 2);
    long time = 0;
    int chan = 0;
    int num = 0;
    int idx = 0;
    for (Annotation an : annotations) {
      int code = AnnotationCodes.code(an.symbol());
      if (code < 1 || code > AnnotationCodes.ACMAX) {
        throw new EcgArgumentException("annotation " + idx + ": symbol '" + an.symbol()
            + "' has no MIT code 1.." + AnnotationCodes.ACMAX);
      }
      long delta = an.sample() - time;
      if (an.sample() < 0 || delta < 0) {
        throw new EcgArgumentException("annotation " + idx + ": sample " + an.sample()
            + " is negative or before the previous annotation at " + time);
      }
      check(an.subtype(), -512, 511, "subtype", idx);
      check(an.num(), -512, 511, "num", idx);
      check(an.chan(), 0, 1023, "chan", idx);
      while (delta > 1023) {
        long step = Math.min(delta, Integer.MAX_VALUE);
        word(o, AnnotationCodes.SKIP << 10);
        word(o, (int) (step >>> 16) & 0xFFFF);
        word(o, (int) step & 0xFFFF);
        delta -= step;
      }
      word(o, (code << 10) | (int) delta);
      time = an.sample();
      if (an.num() != num) {
        word(o, (AnnotationCodes.NUM << 10) | (an.num() & 0x3FF));
        num = an.num();
      }
      if (an.subtype() != 0) {
        word(o, (AnnotationCodes.SUB << 10) | (an.subtype() & 0x3FF));
      }
      if (an.chan() != chan) {
        word(o, (AnnotationCodes.CHN << 10) | an.chan());
        chan = an.chan();
      }
      if (!an.aux().isEmpty()) {
        String aux = an.aux();
        if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(aux) || aux.length() > 255
            || aux.indexOf('\0') >= 0) {
          throw new EcgArgumentException("annotation " + idx
              + ": aux must be at most 255 ISO-8859-1 characters without NUL");
        }
        byte[] ab = aux.getBytes(StandardCharsets.ISO_8859_1);
        word(o, (AnnotationCodes.AUX << 10) | ab.length);
        o.write(ab, 0, ab.length);
        if ((ab.length & 1) != 0) {
          o.write(0);
        }
      }
      idx++;
    }
    word(o, 0);
    return o.toByteArray();
  }

  private static void check(int v, int lo, int hi, String what, int idx) {
    if (v < lo || v > hi) {
      throw new EcgArgumentException("annotation " + idx + ": " + what + " " + v + " outside "
          + lo + ".." + hi);
    }
  }

  private static void word(ByteArrayOutputStream o, int w) {
    o.write(w & 0xFF);
    o.write((w >>> 8) & 0xFF);
  }
}
