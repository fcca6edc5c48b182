package dev.ecg.io.edf;

import dev.ecg.core.EcgArgumentException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import dev.ecg.io.Annotation;
import dev.ecg.io.EcgFormatException;
import dev.ecg.io.Record;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Locale;
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
    List<List<EdfAnnotation>> per = group(annotations, recordOnsets);
    short[] out = new short[records * samplesPerRecord];
    for (int k = 0; k < records; k++) {
      byte[] b = Tal.encode(recordOnsets[k], per.get(k), 2 * samplesPerRecord);
      for (int j = 0; j < samplesPerRecord; j++) {
        out[k * samplesPerRecord + j] = (short) ((b[2 * j] & 0xff) | (b[2 * j + 1] << 8));
      }
    }
    return out;
  }

  private static List<List<EdfAnnotation>> group(
      List<EdfAnnotation> annotations, double[] recordOnsets) {
    int records = recordOnsets.length;
    List<List<EdfAnnotation>> per = new ArrayList<>();
    for (int k = 0; k < records; k++) {
      per.add(new ArrayList<>());
    }
    for (EdfAnnotation a : annotations) {
      if (records == 0) {
        throw new EcgArgumentException("no data records to hold annotations");
      }
      int k = Arrays.binarySearch(recordOnsets, a.onset());
      k = k >= 0 ? k : Math.max(0, -k - 2);
      per.get(k).add(a);
    }
    return per;
  }

  /**
   * Builds a 16-bit EDF (or, when the record has annotations, EDF+C) file from a record, ready
   * for {@link #write}. Each channel's physical range is its minimum and maximum, widened outward
   * to the nearest values that fit the 8-character header fields; samples are quantised to
   * -32768..32767 over that range, so a sample read back differs by at most half a digital step.
   * Annotations become TALs in an {@code EDF Annotations} signal: onset {@code sample / fs}, text
   * the aux string for note annotations ({@code "}), else the symbol followed by the aux string.
   *
   * @param record the record; its length must be a multiple of {@code samplesPerRecord}
   * @param samplesPerRecord samples per data record, e.g. {@code fs} for 1-second records
   * @param start start date and time, year 1985..2084
   * @return the file
   * @throws EcgArgumentException when the length is no multiple of samplesPerRecord, the record
   *     duration or a physical bound cannot be written in 8 characters, a sample is NaN or
   *     infinite, or the year is outside 1985..2084
   */
  public static EdfFile fromRecord(Record record, int samplesPerRecord, LocalDateTime start) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(start, "start");
    if (samplesPerRecord < 1) {
      throw new EcgArgumentException("samplesPerRecord must be >= 1, got " + samplesPerRecord);
    }
    if (record.channelCount() == 0) {
      throw new EcgArgumentException("record " + record.name() + " has no channels");
    }
    if (record.length() % samplesPerRecord != 0) {
      throw new EcgArgumentException("record " + record.name() + " has " + record.length()
          + " samples, not a multiple of " + samplesPerRecord + " samples per data record;"
          + " trim it or choose another record size");
    }
    if (start.getYear() < 1985 || start.getYear() > 2084) {
      throw new EcgArgumentException("EDF dates cover 1985..2084, got " + start.getYear());
    }
    double duration = Double.parseDouble(number(samplesPerRecord / record.fs(),
        "record duration"));
    if (Math.abs(duration * record.fs() - samplesPerRecord) > 1e-9 * samplesPerRecord) {
      throw new EcgArgumentException("record duration " + samplesPerRecord + " / " + record.fs()
          + " s cannot be written exactly in 8 characters");
    }
    int records = record.length() / samplesPerRecord;
    List<EdfSignal> sigs = new ArrayList<>();
    List<short[]> data = new ArrayList<>();
    for (int c = 0; c < record.channelCount(); c++) {
      double[] x = record.channel(c);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < x.length; i++) {
        if (!Double.isFinite(x[i])) {
          throw new EcgArgumentException("record " + record.name() + " channel " + c
              + " sample " + i + " is " + x[i] + "; EDF has no invalid-sample value");
        }
        lo = Math.min(lo, x[i]);
        hi = Math.max(hi, x[i]);
      }
      if (x.length == 0) {
        lo = -1;
        hi = 1;
      }
      double pmin = bound(lo, RoundingMode.FLOOR, record.name(), c);
      double pmax = bound(hi, RoundingMode.CEILING, record.name(), c);
      if (pmin == pmax) {
        pmax = bound(pmin + 1, RoundingMode.CEILING, record.name(), c);
      }
      EdfSignal sig = new EdfSignal(record.channelNames().get(c), "", record.units().get(c),
          pmin, pmax, Short.MIN_VALUE, Short.MAX_VALUE, "", samplesPerRecord, "");
      double perStep = ((double) Short.MAX_VALUE - Short.MIN_VALUE) / (pmax - pmin);
      short[] d = new short[x.length];
      for (int i = 0; i < x.length; i++) {
        long v = Math.round(Short.MIN_VALUE + (x[i] - pmin) * perStep);
        d[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
      }
      sigs.add(sig);
      data.add(d);
    }
    boolean plus = !record.annotations().isEmpty();
    if (plus) {
      double[] onsets = new double[records];
      for (int k = 0; k < records; k++) {
        onsets[k] = k * duration;
      }
      List<EdfAnnotation> anns = new ArrayList<>();
      for (Annotation a : record.annotations()) {
        String text = a.symbol().equals("\"") ? a.aux()
            : a.aux().isEmpty() ? a.symbol() : a.symbol() + " " + a.aux();
        if (text.isEmpty()) {
          text = a.symbol();
        }
        anns.add(new EdfAnnotation(a.sample() / record.fs(), Double.NaN, List.of(text)));
      }
      int need = 2;
      List<List<EdfAnnotation>> per = group(anns, onsets);
      for (int k = 0; k < records; k++) {
        need = Math.max(need, Tal.raw(onsets[k], per.get(k)).length);
      }
      int spr = (need + 1) / 2;
      sigs.add(new EdfSignal(EdfSignal.ANNOTATIONS_LABEL, "", "", -1, 1, Short.MIN_VALUE,
          Short.MAX_VALUE, "", spr, ""));
      data.add(annotationSamples(anns, onsets, spr));
    }
    String date = String.format("%02d.%02d.%02d", start.getDayOfMonth(), start.getMonthValue(),
        start.getYear() % 100);
    String time = String.format("%02d.%02d.%02d", start.getHour(), start.getMinute(),
        start.getSecond());
    String startdate = String.format(Locale.ROOT, "Startdate %02d-%s-%04d", start.getDayOfMonth(),
        start.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT),
        start.getYear());
    EdfHeader h = new EdfHeader("0", "X X X X", startdate + " X X X", date, time,
        plus ? "EDF+C" : "", records, duration);
    try {
      return EdfFile.of(h, sigs, data.toArray(new short[0][]));
    } catch (EcgFormatException e) {
      throw new IllegalStateException("encoded annotations did not parse back", e);
    }
  }

  private static double bound(double v, RoundingMode mode, String name, int c) {
    for (int scale = 6; scale >= 0; scale--) {
      BigDecimal b = new BigDecimal(v).setScale(scale, mode).stripTrailingZeros();
      String s = b.toPlainString();
      if (s.length() <= 8) {
        return Double.parseDouble(s);
      }
    }
    throw new EcgArgumentException("record " + name + " channel " + c + ": value " + v
        + " is too large for an 8-character EDF physical bound");
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
