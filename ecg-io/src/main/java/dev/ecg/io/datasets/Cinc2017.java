package dev.ecg.io.datasets;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.labels.CincClass;
import dev.ecg.io.EcgFormatException;
import dev.ecg.io.Record;
import dev.ecg.io.wfdb.SignalSpec;
import dev.ecg.io.wfdb.WfdbHeader;
import dev.ecg.io.wfdb.WfdbReader;
import dev.ecg.io.wfdb.WfdbRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PhysioNet/Computing in Cardiology Challenge 2017 training set (Clifford et al. 2017):
 * single-lead AliveCor records at 300 Hz with rhythm labels in {@code REFERENCE.csv}.
 *
 * <p>Each header names a MATLAB v4 file with format {@code 16+24}: 16-bit samples starting at byte
 * 24 of the {@code .mat} file (after its 20-byte matrix header and the 4-byte variable name). The
 * WFDB reader reads the samples directly. The checksum field of every Challenge header is a
 * placeholder 0 (it matches none of the 7,248 records here) and the initial value differs from the
 * first sample in 486 of them, so this loader checks neither; it verifies instead the MAT v4
 * matrix header: type code 30 (little-endian int16), one
 * row, as many columns as the WFDB header has samples, no imaginary part, and a 4-byte name, so
 * that the samples start at byte 24.
 */
public final class Cinc2017 {
  private static final WfdbReader READER =
      WfdbReader.options().verifyChecksums(false).verifyInitialValues(false).reader();

  private final Path root;
  private final Map<String, CincClass> labels;

  private static void checkMatPrelude(Path mat, SignalSpec s, long samples) throws IOException {
    if (s.format() != 16 || s.byteOffset() != 24) {
      throw new EcgFormatException(mat, null, -1, "CinC 2017: expected format 16+24, got "
          + s.format() + "+" + s.byteOffset());
    }
    byte[] head = new byte[20];
    try (FileChannel ch = FileChannel.open(mat, StandardOpenOption.READ)) {
      ByteBuffer bb = ByteBuffer.wrap(head);
      while (bb.hasRemaining()) {
        if (ch.read(bb) < 0) {
          throw new EcgFormatException(mat, "byte", bb.position(), "MAT v4 header cut short");
        }
      }
    }
    ByteBuffer le = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    int type = le.getInt(0);
    int rows = le.getInt(4);
    int cols = le.getInt(8);
    int imag = le.getInt(12);
    int namlen = le.getInt(16);
    long n = (long) rows * cols;
    if (type != 30 || imag != 0 || namlen != 4 || n != samples || Math.min(rows, cols) != 1) {
      throw new EcgFormatException(mat, "byte", 0, "MAT v4 header (type " + type + ", " + rows
          + "x" + cols + ", imagf " + imag + ", name length " + namlen
          + ") does not describe the " + samples + " int16 samples at byte 24 of the WFDB header");
    }
  }

  /**
   * @param root the {@code training} folder holding {@code REFERENCE.csv} and the records
   * @throws EcgFormatException when the folder or {@code REFERENCE.csv} is missing or malformed
   * @throws IOException when {@code REFERENCE.csv} cannot be read
   */
  public Cinc2017(Path root) throws IOException {
    this.root = Datasets.requireDir(root, "CinC 2017");
    Path ref = Datasets.requireFile(root.resolve("REFERENCE.csv"), "CinC 2017");
    Map<String, CincClass> m = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(ref, StandardCharsets.ISO_8859_1);
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty()) {
        continue;
      }
      String[] f = l.split(",");
      if (f.length != 2) {
        throw new EcgFormatException(ref, "line", i + 1, "expected 'record,label', got '" + l
            + "'");
      }
      try {
        m.put(f[0].strip(), CincClass.fromCode(f[1].strip()));
      } catch (EcgArgumentException e) {
        throw new EcgFormatException(ref, "line", i + 1, e.getMessage(), e);
      }
    }
    this.labels = Collections.unmodifiableMap(m);
  }

  /** @return the folder */
  public Path root() {
    return root;
  }

  /** @return record ids in {@code REFERENCE.csv} order */
  public List<String> records() {
    return List.copyOf(labels.keySet());
  }

  /** @return every record's label, in file order */
  public Map<String, CincClass> labels() {
    return labels;
  }

  /**
   * @param id record id, e.g. {@code A00001}
   * @return its label
   * @throws EcgArgumentException when the id is not in {@code REFERENCE.csv}
   */
  public CincClass label(String id) {
    CincClass c = labels.get(id);
    if (c == null) {
      throw new EcgArgumentException("CinC 2017: no record '" + id + "' in REFERENCE.csv");
    }
    return c;
  }

  /**
   * @param id record id
   * @return the WFDB record (MAT v4 header verified against the WFDB header)
   * @throws EcgArgumentException when the id is not in {@code REFERENCE.csv}
   * @throws IOException when the files are missing or invalid
   */
  public WfdbRecord readRecord(String id) throws IOException {
    label(id);
    Datasets.requireFile(root.resolve(id + ".hea"), "CinC 2017");
    WfdbRecord r = READER.read(root.resolve(id));
    for (SignalSpec s : r.header().signals()) {
      checkMatPrelude(root.resolve(s.fileName()), s, r.length());
    }
    return r;
  }

  /**
   * @param id record id
   * @return the record in mV, without annotations
   * @throws IOException when the files are missing or invalid
   */
  public Record load(String id) throws IOException {
    label(id);
    Datasets.requireFile(root.resolve(id + ".hea"), "CinC 2017");
    WfdbHeader h = READER.readHeader(root.resolve(id));
    for (SignalSpec s : h.signals()) {
      checkMatPrelude(root.resolve(s.fileName()), s, h.sampleCount());
    }
    return READER.readPhysical(root.resolve(id));
  }
}
