package dev.ecg.io.edf;

import dev.ecg.core.EcgArgumentException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes {@link EdfFile}s in the EDF/EDF+ layout read by {@link Edf}. The file is written to a
 * temporary sibling and moved into place, so a failed write never leaves a partial file under the
 * target name.
 */
public final class EdfWriter {
  private EdfWriter() {}

  /**
   * Writes a file.
   *
   * @param edf the content
   * @param target where to write
   * @throws EcgArgumentException when a header field does not fit its width, holds non-ASCII
   *     characters, or a number cannot be written exactly in its 8-character field
   * @throws IOException when writing fails
   */
  public static void write(EdfFile edf, Path target) throws IOException {
    Objects.requireNonNull(edf, "edf");
    Objects.requireNonNull(target, "target");
    byte[] header = header(edf);
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        out.write(header);
        int n = edf.signalCount();
        short[][] d = new short[n][];
        for (int s = 0; s < n; s++) {
          d[s] = edf.digital(s);
        }
        long records = edf.header().dataRecords();
        for (long k = 0; k < records; k++) {
          for (int s = 0; s < n; s++) {
            int spr = edf.signals().get(s).samplesPerRecord();
            int off = (int) (k * spr);
            for (int j = 0; j < spr; j++) {
              short v = d[s][off + j];
              out.write(v & 0xff);
              out.write((v >> 8) & 0xff);
            }
          }
        }
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Encodes EDF+ annotations into the samples of an {@code EDF Annotations} signal: each data
   * record starts with its timekeeping TAL ({@code recordOnsets[k]}), followed by the annotations
   * whose onset falls in {@code [recordOnsets[k], recordOnsets[k+1])} (before the first record:
   * in the first; after the last: in the last).
   *
   * @param annotations the annotations, any order
   * @param recordOnsets the start of each data record in seconds, increasing
   * @param samplesPerRecord samples per record of the annotation signal (2 bytes each)
   * @return the signal's samples, {@code recordOnsets.length * samplesPerRecord} words
   * @throws EcgArgumentException when the annotations of one record do not fit
   */
  public static short[] annotationSamples(
      List<EdfAnnotation> annotations, double[] recordOnsets, int samplesPerRecord) {
    Objects.requireNonNull(annotations, "annotations");
    Objects.requireNonNull(recordOnsets, "recordOnsets");
    if (samplesPerRecord < 1) {
      throw new EcgArgumentException("samples per record must be >= 1");
    }
    int records = recordOnsets.length;
    List<List<EdfAnnotation>> per = new ArrayList<>();
    for (int k = 0; k < records; k++) {
      per.add(new ArrayList<>());
    }
    for (EdfAnnotation a : annotations) {
      int k = 0;
      while (k + 1 < records && recordOnsets[k + 1] <= a.onset()) {
        k++;
      }
      if (records == 0) {
        throw new EcgArgumentException("no data records to hold annotations");
      }
      per.get(k).add(a);
    }
    short[] out = new short[records * samplesPerRecord];
    for (int k = 0; k < records; k++) {
      byte[] b = Tal.encode(recordOnsets[k], per.get(k), 2 * samplesPerRecord);
      for (int j = 0; j < samplesPerRecord; j++) {
        out[k * samplesPerRecord + j] = (short) ((b[2 * j] & 0xff) | (b[2 * j + 1] << 8));
      }
    }
    return out;
  }

  static byte[] header(EdfFile edf) {
    EdfHeader h = edf.header();
    List<EdfSignal> sigs = edf.signals();
    int n = sigs.size();
    StringBuilder sb = new StringBuilder(256 * (n + 1));
    field(sb, h.version(), 8, "version");
    field(sb, h.patientId(), 80, "patient identification");
    field(sb, h.recordingId(), 80, "recording identification");
    field(sb, h.startDate(), 8, "start date");
    field(sb, h.startTime(), 8, "start time");
    field(sb, Long.toString(256L * (n + 1)), 8, "header bytes");
    field(sb, h.reserved(), 44, "reserved");
    field(sb, Long.toString(h.dataRecords()), 8, "number of data records");
    field(sb, number(h.recordDuration(), "record duration"), 8, "record duration");
    field(sb, Integer.toString(n), 4, "number of signals");
    for (EdfSignal s : sigs) {
      field(sb, s.label(), 16, "label");
    }
    for (EdfSignal s : sigs) {
      field(sb, s.transducer(), 80, "transducer");
    }
    for (EdfSignal s : sigs) {
      field(sb, s.physicalDimension(), 8, "physical dimension");
    }
    for (EdfSignal s : sigs) {
      field(sb, number(s.physicalMin(), "physical minimum"), 8, "physical minimum");
    }
    for (EdfSignal s : sigs) {
      field(sb, number(s.physicalMax(), "physical maximum"), 8, "physical maximum");
    }
    for (EdfSignal s : sigs) {
      field(sb, Integer.toString(s.digitalMin()), 8, "digital minimum");
    }
    for (EdfSignal s : sigs) {
      field(sb, Integer.toString(s.digitalMax()), 8, "digital maximum");
    }
    for (EdfSignal s : sigs) {
      field(sb, s.prefiltering(), 80, "prefiltering");
    }
    for (EdfSignal s : sigs) {
      field(sb, Integer.toString(s.samplesPerRecord()), 8, "samples per record");
    }
    for (EdfSignal s : sigs) {
      field(sb, s.reserved(), 32, "signal reserved");
    }
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * @param v a value
   * @param what field name for messages
   * @return the shortest plain decimal for {@code v} that parses back to exactly {@code v}
   * @throws EcgArgumentException when that needs more than 8 characters
   */
  static String number(double v, String what) {
    String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    if (s.length() > 8) {
      throw new EcgArgumentException(what + " " + v + " cannot be written exactly in the"
          + " 8-character EDF field ('" + s + "'); round it first");
    }
    return s;
  }

  private static void field(StringBuilder sb, String value, int width, String what) {
    if (value.length() > width) {
      throw new EcgArgumentException(what + " '" + value + "' is longer than " + width
          + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 32 || c > 126) {
        throw new EcgArgumentException(what + " '" + value
            + "' holds a character outside printable ASCII");
      }
    }
    sb.append(value);
    for (int i = value.length(); i < width; i++) {
      sb.append(' ');
    }
  }
}
