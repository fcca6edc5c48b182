package dev.ecg.io.mat;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.EcgFormatException;
import dev.ecg.io.Record;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reader for MATLAB version 4 MAT-files (the "Level 1.0" format), as used by the PhysioNet/CinC
 * Challenge 2017 recordings and by WFDB's {@code .mat} signal files.
 *
 * <p>A v4 file is a sequence of matrices. Each starts with five 32-bit integers
 * {@code type, mrows, ncols, imagf, namlen}, then {@code namlen} bytes of NUL-terminated name,
 * then {@code mrows * ncols} real elements in column-major order, then as many imaginary elements
 * when {@code imagf} is 1. The type is the decimal code {@code MOPT}: {@code M} the machine
 * (0 little-endian IEEE, 1 big-endian IEEE; 2..4 VAX and Cray, not supported), {@code O} always 0,
 * {@code P} the element type ({@link MatType}) and {@code T} the matrix kind (0 full numeric; 1 text
 * and 2 sparse are not supported). Byte order is found from the type word itself. This layout is
 * described in The MathWorks' "MAT-File Format" manual (chapter "Level 4 MAT-Files").
 *
 * <p>Every size field is checked against the bytes the file can still supply before anything is
 * allocated, so a hostile header fails with an {@link EcgFormatException} rather than running out of
 * memory. MATLAB v5 and v7.3 files are recognised and rejected with an {@link
 * UnsupportedFormatException}.
 */
public final class MatV4 {
  /** Largest accepted name length, in bytes, including the terminating NUL. */
  static final int MAX_NAME_BYTES = 4096;
  private static final int HEADER_BYTES = 20;
  private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private MatV4() {}

  /**
   * Reads every matrix of a v4 MAT-file.
   *
   * @param file the file to read
   * @return the matrices in file order (unmodifiable)
   * @throws UnsupportedFormatException for v5/v7.3 files, text or sparse matrices, VAX/Cray data
   * @throws EcgFormatException when the file is truncated or a header field is invalid
   * @throws IOException when the file cannot be read
   */
  public static List<MatMatrix> read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size == 0) {
        throw new EcgFormatException(file, "byte", 0, "empty file, not a MAT-file");
      }
      rejectNewerFormats(file, ch, size);
      List<MatMatrix> out = new ArrayList<>();
      long pos = 0;
      while (pos < size) {
        if (size - pos < HEADER_BYTES) {
          throw new EcgFormatException(file, "byte", pos, "truncated matrix header: "
              + (size - pos) + " bytes left, a header needs " + HEADER_BYTES);
        }
        ByteBuffer head = readFully(file, ch, pos, HEADER_BYTES);
        MatMatrix m = readMatrix(file, ch, pos, size, head);
        out.add(m);
        pos += HEADER_BYTES + nameLength(head) + dataBytes(m);
      }
      return Collections.unmodifiableList(out);
    }
  }

  /**
   * Reads every matrix of a v4 MAT-file, keyed by name as {@code scipy.io.loadmat} returns them.
   *
   * @param file the file to read
   * @return name to matrix, in file order (a later matrix of the same name wins, as in MATLAB)
   * @throws UnsupportedFormatException for v5/v7.3 files, text or sparse matrices, VAX/Cray data
   * @throws EcgFormatException when the file is truncated or a header field is invalid
   * @throws IOException when the file cannot be read
   */
  public static Map<String, MatMatrix> readMap(Path file) throws IOException {
    Map<String, MatMatrix> m = new LinkedHashMap<>();
    for (MatMatrix x : read(file)) {
      m.remove(x.name());
      m.put(x.name(), x);
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * Reads the matrix with the given name.
   *
   * @param file the file to read
   * @param name the variable name, e.g. {@code val}
   * @return the matrix
   * @throws EcgFormatException when no matrix has that name, or the file is invalid
   * @throws IOException when the file cannot be read
   */
  public static MatMatrix read(Path file, String name) throws IOException {
    Objects.requireNonNull(name, "name");
    for (MatMatrix m : read(file)) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    throw new EcgFormatException(file, null, -1, "no matrix named '" + name + "'");
  }

  /**
   * Reads a MAT-file holding one signal matrix laid out as WFDB and the CinC 2017 Challenge do:
   * one row per channel, one column per sample, in digital units (adu). Physical values are
   * {@code digital / gain}; for int16 data the WFDB invalid-sample value -32768 becomes NaN.
   *
   * <p>The matrix named {@code val} is used when present, otherwise the file must hold exactly one
   * matrix. Channels are named {@code ch0}, {@code ch1}, ... and the record is named after the file
   * stem.
   *
   * @param file the file to read
   * @param fs sampling frequency in Hz (for CinC 2017: 300)
   * @param gain adu per physical unit (for CinC 2017: 1000 adu/mV)
   * @param unit the physical unit, e.g. {@code mV}
   * @return the record
   * @throws EcgArgumentException when fs or gain is not positive and finite, or unit is null
   * @throws EcgFormatException when the file is invalid or holds no single signal matrix
   * @throws IOException when the file cannot be read
   */
  public static Record readAsRecord(Path file, double fs, double gain, String unit)
      throws IOException {
    if (!(fs > 0) || Double.isInfinite(fs)) {
      throw new EcgArgumentException("fs must be positive and finite, got " + fs);
    }
    if (!(gain > 0) || Double.isInfinite(gain)) {
      throw new EcgArgumentException("gain must be positive and finite, got " + gain);
    }
    if (unit == null) {
      throw new EcgArgumentException("unit must not be null");
    }
    List<MatMatrix> all = read(file);
    MatMatrix m = null;
    for (MatMatrix x : all) {
      if (x.name().equals("val")) {
        m = x;
        break;
      }
    }
    if (m == null) {
      if (all.size() != 1) {
        throw new EcgFormatException(file, null, -1, "expected a matrix named 'val' or exactly one"
            + " matrix, found " + all.size());
      }
      m = all.get(0);
    }
    if (m.isComplex()) {
      throw new EcgFormatException(file, null, -1, "matrix '" + m.name()
          + "' is complex; a signal matrix must be real");
    }
    int channels = m.rows();
    int n = m.cols();
    if (channels < 1 || n < 1) {
      // rows x 0 would still allocate one array per row: 2^31 - 1 of them from an 86-byte file
      throw new EcgFormatException(file, null, -1, "matrix '" + m.name() + "' is " + channels
          + " x " + n + ": a signal matrix needs at least one channel and one sample");
    }
    double[][] signals = new double[channels][n];
    List<String> names = new ArrayList<>(channels);
    List<String> units = new ArrayList<>(channels);
    boolean int16 = m.type() == MatType.INT16;
    double[] data = m.real();
    for (int c = 0; c < channels; c++) {
      double[] s = signals[c];
      for (int i = 0; i < n; i++) {
        double d = data[i * channels + c];
        s[i] = int16 && d == Short.MIN_VALUE ? Double.NaN : d / gain;
      }
      names.add("ch" + c);
      units.add(unit);
    }
    String fileName = file.getFileName() == null ? "mat" : file.getFileName().toString();
    int dot = fileName.lastIndexOf('.');
    String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
    return new Record(stem, fs, names, units, signals, List.of());
  }

  private static void rejectNewerFormats(Path file, FileChannel ch, long size) throws IOException {
    int n = (int) Math.min(size, 128);
    ByteBuffer b = readFully(file, ch, 0, n);
    byte[] first = new byte[n];
    b.get(first);
    if (startsWith(first, HDF5_MAGIC)) {
      throw v7(file);
    }
    String text = new String(first, 0, Math.min(n, 116), StandardCharsets.ISO_8859_1);
    if (text.startsWith("MATLAB")) {
      if (text.startsWith("MATLAB 7.3")) {
        throw v7(file);
      }
      throw new UnsupportedFormatException(file, "byte", 0, "this is a MATLAB v5 (or v7) MAT-file"
          + " (header '" + text.substring(0, Math.min(text.length(), 19)).trim() + "');"
          + " MAT-file versions 5 and 7 are unsupported, only version 4: save with"
          + " save(..., '-v4') or scipy.io.savemat(..., format='4')");
    }
    if (size >= 520) {
      ByteBuffer h = readFully(file, ch, 512, 8);
      byte[] sig = new byte[8];
      h.get(sig);
      if (startsWith(sig, HDF5_MAGIC)) {
        throw v7(file);
      }
    }
  }

  private static UnsupportedFormatException v7(Path file) {
    return new UnsupportedFormatException(file, "byte", 0, "this is a MATLAB v7.3 (HDF5) MAT-file;"
        + " MAT-file versions 5 and 7 are unsupported, only version 4: save with save(..., '-v4')"
        + " or scipy.io.savemat(..., format='4')");
  }

  private static boolean startsWith(byte[] a, byte[] prefix) {
    if (a.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (a[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int nameLength(ByteBuffer head) {
    return head.getInt(16);
  }

  private static long dataBytes(MatMatrix m) {
    return (long) m.real().length * m.type().bytes() * (m.isComplex() ? 2 : 1);
  }

  private static MatMatrix readMatrix(
      Path file, FileChannel ch, long pos, long size, ByteBuffer head) throws IOException {
    head.order(ByteOrder.LITTLE_ENDIAN);
    int type = head.getInt(0);
    boolean bigEndian = false;
    if (type < 0 || type > 4999 || type / 1000 != 0) {
      head.order(ByteOrder.BIG_ENDIAN);
      int be = head.getInt(0);
      if (be >= 1000 && be <= 4999) {
        type = be;
        bigEndian = true;
      } else if (be >= 0 && be < 1000 && type > 4999) {
        // Big-endian bytes but M = 0: inconsistent, report the decoded value.
        throw new EcgFormatException(file, "byte", pos, "matrix type code " + be
            + " is stored big-endian but claims a little-endian machine (M = 0)");
      } else {
        throw new EcgFormatException(file, "byte", pos, "not a MATLAB v4 matrix header:"
            + " type word " + String.format("0x%08x", head.order(ByteOrder.BIG_ENDIAN).getInt(0))
            + " is no valid MOPT code in either byte order");
      }
    }
    int m = type / 1000;
    int o = (type / 100) % 10;
    int p = (type / 10) % 10;
    int t = type % 10;
    if (m >= 2) {
      throw new UnsupportedFormatException(file, "byte", pos, "matrix type code " + type
          + ": VAX/Cray number formats (M = " + m + ") are unsupported");
    }
    if (o != 0) {
      throw new EcgFormatException(file, "byte", pos, "matrix type code " + type
          + ": the O digit must be 0, got " + o);
    }
    MatType mt = MatType.ofCode(p);
    if (mt == null) {
      throw new EcgFormatException(file, "byte", pos, "matrix type code " + type
          + ": unknown precision digit P = " + p);
    }
    if (t == 1) {
      throw new UnsupportedFormatException(file, "byte", pos, "matrix type code " + type
          + ": text matrices are unsupported");
    }
    if (t == 2) {
      throw new UnsupportedFormatException(file, "byte", pos, "matrix type code " + type
          + ": sparse matrices are unsupported");
    }
    if (t != 0) {
      throw new EcgFormatException(file, "byte", pos, "matrix type code " + type
          + ": unknown matrix kind T = " + t);
    }
    int rows = head.getInt(4);
    int cols = head.getInt(8);
    int imagf = head.getInt(12);
    int namlen = head.getInt(16);
    if (rows < 0) {
      throw new EcgFormatException(file, "byte", pos + 4, "negative row count " + rows);
    }
    if (cols < 0) {
      throw new EcgFormatException(file, "byte", pos + 8, "negative column count " + cols);
    }
    if (imagf != 0 && imagf != 1) {
      throw new EcgFormatException(file, "byte", pos + 12, "imagf must be 0 or 1, got " + imagf);
    }
    if (namlen < 1 || namlen > MAX_NAME_BYTES) {
      throw new EcgFormatException(file, "byte", pos + 16, "name length " + namlen
          + " outside 1.." + MAX_NAME_BYTES);
    }
    long namePos = pos + HEADER_BYTES;
    if (size - namePos < namlen) {
      throw new EcgFormatException(file, "byte", namePos, "truncated: the name needs " + namlen
          + " bytes, " + (size - namePos) + " left");
    }
    ByteBuffer nb = readFully(file, ch, namePos, namlen);
    byte[] nameBytes = new byte[namlen];
    nb.get(nameBytes);
    if (nameBytes[namlen - 1] != 0) {
      throw new EcgFormatException(file, "byte", namePos + namlen - 1,
          "matrix name is not NUL-terminated");
    }
    int end = 0;
    while (end < namlen - 1 && nameBytes[end] != 0) {
      end++;
    }
    String name = new String(nameBytes, 0, end, StandardCharsets.ISO_8859_1);
    long dataPos = namePos + namlen;
    long count = (long) rows * cols; // < 2^62, no overflow
    long left = size - dataPos;
    long parts = imagf + 1L;
    // count * bytes * parts may overflow for hostile values: compare by division first.
    if (count > left / ((long) mt.bytes() * parts)) {
      throw new EcgFormatException(file, "byte", pos + 4, "matrix '" + name + "' claims " + rows
          + " x " + cols + (imagf == 1 ? " complex " : " ") + mt + " elements ("
          + countBytesText(count, mt.bytes() * parts)
          + "), but only " + left + " bytes follow the header");
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw new UnsupportedFormatException(file, "byte", pos + 4, "matrix '" + name + "' has "
          + count + " elements, more than a Java array can hold");
    }
    ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    double[] re = readElements(file, ch, dataPos, (int) count, mt, order);
    double[] im = null;
    if (imagf == 1) {
      im = readElements(file, ch, dataPos + count * mt.bytes(), (int) count, mt, order);
    }
    return new MatMatrix(name, rows, cols, re, im, mt, bigEndian);
  }

  private static String countBytesText(long count, long perElement) {
    // count <= 2^62 and perElement <= 16; report saturating at Long.MAX_VALUE.
    long bytes = count > Long.MAX_VALUE / perElement ? Long.MAX_VALUE : count * perElement;
    return bytes == Long.MAX_VALUE ? "more than 2^63 bytes" : bytes + " bytes";
  }

  private static double[] readElements(
      Path file, FileChannel ch, long pos, int count, MatType t, ByteOrder order)
      throws IOException {
    double[] out = new double[count];
    int chunkElems = Math.max(1, (1 << 16) / t.bytes());
    for (int start = 0; start < count; start += chunkElems) {
      int n = Math.min(chunkElems, count - start);
      ByteBuffer b = readFully(file, ch, pos + (long) start * t.bytes(), n * t.bytes());
      b.order(order);
      switch (t) {
        case DOUBLE:
          for (int i = 0; i < n; i++) {
            out[start + i] = b.getDouble();
          }
          break;
        case FLOAT:
          for (int i = 0; i < n; i++) {
            out[start + i] = b.getFloat();
          }
          break;
        case INT32:
          for (int i = 0; i < n; i++) {
            out[start + i] = b.getInt();
          }
          break;
        case INT16:
          for (int i = 0; i < n; i++) {
            out[start + i] = b.getShort();
          }
          break;
        case UINT16:
          for (int i = 0; i < n; i++) {
            out[start + i] = Short.toUnsignedInt(b.getShort());
          }
          break;
        case UINT8:
          for (int i = 0; i < n; i++) {
            out[start + i] = Byte.toUnsignedInt(b.get());
          }
          break;
        default:
          throw new AssertionError(t);
      }
    }
    return out;
  }

  private static ByteBuffer readFully(Path file, FileChannel ch, long pos, int n)
      throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    long p = pos;
    while (b.hasRemaining()) {
      int r = ch.read(b, p);
      if (r < 0) {
        throw new EcgFormatException(file, "byte", p, "unexpected end of file",
            new EOFException());
      }
      p += r;
    }
    b.flip();
    return b;
  }
}
