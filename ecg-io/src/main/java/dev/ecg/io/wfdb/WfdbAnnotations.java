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
 * <p><b>Header.</b> WFDB's writers may open a file with a definitions block: {@code NOTE}
 * annotations at sample 0 whose aux text is {@code ## time resolution: F} (the annotation
 * sampling frequency), a comment ({@code ## ...}), or a custom label definition
 * {@code "<code> <mnemonic> <description>"}; the block ends with a {@code SKIP} of -1 and a
 * code-0 ({@code NOTQRS}) annotation one sample later, which brings the time back to 0. The
 * reader returns that block as {@link AnnotationFile#timeResolution()} and
 * {@link AnnotationFile#labels()}, gives annotations of a defined code the defined mnemonic, and
 * returns neither the header notes nor code-0 annotations as annotations; as wfdb-python does, it
 * treats every {@code NOTE} at sample 0 as header (so a lone note such as {@code gqrs -r 100}
 * at sample 0 is not counted). {@code chan} is an unsigned byte, as in WFDB's
 * {@code WFDB_Annotation} (a 10-bit value keeps its low 8 bits).
 *
 * <p>The reader is otherwise strict: a file cut inside a word, a SKIP interval or an aux string,
 * a missing end marker, an undefined code or an annotation at a negative time (a SKIP may go below
 * 0 in between, as the header's does) raise an {@link EcgFormatException} naming the byte offset.
 */
public final class WfdbAnnotations {
  private WfdbAnnotations() {}

  /** Largest annotation file accepted (bytes). */
  public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

  /** Code of {@code NOTE} (a comment annotation, mnemonic {@code "}). */
  static final int NOTE = 22;
  private static final java.util.regex.Pattern TIME_RESOLUTION =
      java.util.regex.Pattern.compile("## time resolution: ([0-9]+(\\.[0-9]*)?)\\s*");
  private static final java.util.regex.Pattern DEFINITION =
      java.util.regex.Pattern.compile("([0-9]+)[ \\t]+(\\S+)(?:[ \\t]+(.*))?");

  /**
   * A custom annotation label from a file's header ({@code wrann}'s {@code custom_labels}).
   *
   * @param code MIT code 1..{@value AnnotationCodes#ACMAX}
   * @param symbol the mnemonic annotations of this code get
   * @param description its description ("" if none)
   */
  public record LabelDefinition(int code, String symbol, String description) {

    /** Checks the fields. */
    public LabelDefinition {
      if (code < 1 || code > AnnotationCodes.ACMAX) {
        throw new EcgArgumentException("label code " + code + " outside 1.."
            + AnnotationCodes.ACMAX);
      }
      if (symbol == null || symbol.isEmpty() || symbol.chars().anyMatch(Character::isWhitespace)) {
        throw new EcgArgumentException("label " + code + ": mnemonic must be non-empty without "
            + "white space, got '" + symbol + "'");
      }
      description = description == null ? "" : description;
    }
  }

  /**
   * What an annotation file holds.
   *
   * @param annotations the annotations, without header notes and code-0 annotations
   * @param timeResolution the header's annotation frequency in Hz, or null if none
   * @param labels the header's custom label definitions by code (empty if none)
   */
  public record AnnotationFile(List<Annotation> annotations, Double timeResolution,
      java.util.Map<Integer, LabelDefinition> labels) {

    /** Copies the collections. */
    public AnnotationFile {
      annotations = List.copyOf(annotations);
      labels = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels));
    }
  }

  /**
   * Reads an annotation file.
   *
   * @param file the annotation file, e.g. {@code mitdb/100.atr}
   * @return the annotations in file order
   * @throws EcgFormatException when the file is malformed or truncated
   * @throws IOException when it cannot be read
   */
  public static List<Annotation> read(Path file) throws IOException {
    return readFile(file).annotations();
  }

  /**
   * Reads an annotation file with its header (time resolution, custom labels).
   *
   * @param file the annotation file
   * @return annotations and header
   * @throws EcgFormatException when the file is malformed or truncated
   * @throws IOException when it cannot be read
   */
  public static AnnotationFile readFile(Path file) throws IOException {
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
    return decodeFile(b, file);
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
    return decodeFile(b, file).annotations();
  }

  /**
   * Decodes MIT-format annotation bytes with the header.
   *
   * @param b file content
   * @param file name used in error messages (may be null)
   * @return annotations and header
   * @throws EcgFormatException when the content is malformed or truncated
   */
  public static AnnotationFile decodeFile(byte[] b, Path file) throws EcgFormatException {
    // grows with the content: a file of zeros must not pre-allocate half its size
    List<Annotation> out = new ArrayList<>(Math.min(b.length / 2, 1 << 16));
    Double resolution = null;
    java.util.Map<Integer, LabelDefinition> labels = new java.util.TreeMap<>();
    int pAt = 0;
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
            chan = v & 0xFF; // WFDB_Annotation.chan is an unsigned char
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
        pending = false;
        if (pCode == NOTE && pSample == 0) {
          header(pAux, labels, file, pAt);
          if (pAux.startsWith("## time resolution:")) {
            java.util.regex.Matcher m = TIME_RESOLUTION.matcher(pAux);
            if (!m.matches() || !(Double.parseDouble(m.group(1)) > 0)) {
              throw new EcgFormatException(file, "byte", pAt, "bad time resolution '" + pAux
                  + "'");
            }
            resolution = Double.parseDouble(m.group(1));
          }
        } else if (pCode != 0) {
          if (pSample < 0) {
            throw new EcgFormatException(file, "byte", pAt, "annotation at negative time "
                + pSample);
          }
          LabelDefinition def = labels.get(pCode);
          String symbol = def != null ? def.symbol() : AnnotationCodes.symbol(pCode);
          out.add(new Annotation(pSample, symbol, pSub, chan, num, pAux));
        }
      }
      if (word == 0) {
        return new AnnotationFile(out, resolution, labels);
      }
      if (a == AnnotationCodes.SKIP) {
        if (pos + 4 > b.length) {
          throw new EcgFormatException(file, "byte", at, "SKIP interval cut by the end of the file");
        }
        int hi = (b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8);
        int lo = (b[pos + 2] & 0xFF) | ((b[pos + 3] & 0xFF) << 8);
        // a signed 32-bit interval; the time may dip below 0 (the header's SKIP of -1), but no
        // annotation may land there
        time += (hi << 16) | lo;
        pos += 4;
        continue;
      }
      if (a > AnnotationCodes.ACMAX) {
        throw new EcgFormatException(file, "byte", at, "undefined annotation code " + a);
      }
      time += v; // code 0 (NOTQRS) moves the time and takes modifiers, but is not returned
      pending = true;
      pAt = at;
      pSample = time;
      pCode = a;
      pSub = 0;
      pAux = "";
    }
  }

  /** Reads one header note: a label definition, or a comment / time resolution (ignored here). */
  private static void header(String aux, java.util.Map<Integer, LabelDefinition> labels,
      Path file, int at) throws EcgFormatException {
    if (aux.isEmpty() || aux.startsWith("#")) {
      return;
    }
    java.util.regex.Matcher m = DEFINITION.matcher(aux);
    if (!m.matches()) {
      return; // a plain note at sample 0 (for example the command that wrote the file)
    }
    int code;
    try {
      code = Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      return;
    }
    if (code < 1 || code > AnnotationCodes.ACMAX) {
      return; // WFDB ignores definitions outside the code range
    }
    try {
      labels.put(code, new LabelDefinition(code, m.group(2), m.group(3)));
    } catch (EcgArgumentException e) {
      throw new EcgFormatException(file, "byte", at, "bad label definition '" + aux + "': "
          + e.getMessage());
    }
  }

  /**
   * Writes annotations with a header block (WFDB {@code wrann} with a frequency and custom
   * labels), atomically.
   *
   * @param file target file
   * @param annotations annotations in non-decreasing sample order; their symbols may be the
   *     custom labels' mnemonics
   * @param timeResolution annotation frequency in Hz to record, or null
   * @param labels custom label definitions (may be empty)
   * @throws EcgArgumentException when an annotation or definition cannot be represented
   * @throws IOException when writing fails
   */
  public static void write(Path file, List<Annotation> annotations, Double timeResolution,
      List<LabelDefinition> labels) throws IOException {
    AtomicFiles.write(file, encode(annotations, timeResolution, labels));
  }

  /**
   * Encodes annotations with a header block (see the class comment); without a time resolution
   * and labels this is {@link #encode(List)}.
   *
   * @param annotations annotations in non-decreasing sample order
   * @param timeResolution annotation frequency in Hz to record, or null
   * @param labels custom label definitions (may be empty)
   * @return the file content
   * @throws EcgArgumentException when an annotation or definition cannot be represented
   */
  public static byte[] encode(List<Annotation> annotations, Double timeResolution,
      List<LabelDefinition> labels) {
    ByteArrayOutputStream o = new ByteArrayOutputStream(annotations.size() * 2 + 64);
    java.util.Map<String, Integer> custom = new java.util.HashMap<>();
    if (timeResolution != null || !labels.isEmpty()) {
      if (timeResolution != null) {
        if (!(timeResolution > 0) || timeResolution.isInfinite()) {
          throw new EcgArgumentException("time resolution must be positive and finite, got "
              + timeResolution);
        }
        double f = timeResolution;
        note(o, "## time resolution: " + (f == Math.rint(f) ? Long.toString((long) f)
            : Double.toString(f)));
      }
      if (!labels.isEmpty()) {
        note(o, "## annotation type definitions");
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (LabelDefinition d : labels) {
          if (!seen.add(d.code()) || custom.put(d.symbol(), d.code()) != null) {
            throw new EcgArgumentException("label code " + d.code() + " or mnemonic '"
                + d.symbol() + "' defined twice");
          }
          note(o, d.code() + " " + d.symbol() + (d.description().isEmpty() ? ""
              : " " + d.description()));
        }
        note(o, "## end of definitions");
      }
      // back to time 0: SKIP of -1, then a code-0 annotation 1 sample later
      word(o, AnnotationCodes.SKIP << 10);
      word(o, 0xFFFF);
      word(o, 0xFFFF);
      word(o, 1);
    }
    byte[] body = encode(annotations, custom);
    o.write(body, 0, body.length);
    return o.toByteArray();
  }

  /** A NOTE at the current time (0) with this aux text. */
  private static void note(ByteArrayOutputStream o, String aux) {
    byte[] ab = aux.getBytes(StandardCharsets.ISO_8859_1);
    if (ab.length > 255) {
      throw new EcgArgumentException("header note longer than 255 bytes: " + aux);
    }
    word(o, NOTE << 10);
    word(o, (AnnotationCodes.AUX << 10) | ab.length);
    o.write(ab, 0, ab.length);
    if ((ab.length & 1) != 0) {
      o.write(0);
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
    return encode(annotations, java.util.Map.of());
  }

  private static byte[] encode(List<Annotation> annotations,
      java.util.Map<String, Integer> custom) {
    ByteArrayOutputStream o = new ByteArrayOutputStream(annotations.size() * 2 + 2);
    long time = 0;
    int chan = 0;
    int num = 0;
    int idx = 0;
    for (Annotation an : annotations) {
      Integer defined = custom.get(an.symbol());
      int code = defined != null ? defined : AnnotationCodes.code(an.symbol());
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
      check(an.chan(), 0, 255, "chan", idx); // an unsigned char in WFDB
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
