package dev.ecg.io.wfdb;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import dev.ecg.io.EcgFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry points named after wfdb-python: {@code rdrecord} is {@link #readRecord(Path)},
 * {@code rdsamp} is {@link #readSamples(Path)},
 * {@code rdheader} is {@link #readHeader(Path)}, {@code rdann} is
 * {@link #readAnnotation(Path, String)}, {@code wrsamp} is {@link #writeRecord}, {@code wrann} is
 * {@link #writeAnnotation}. A record is named by its path without extension, e.g.
 * {@code Path.of("data/mitdb/100")}.
 *
 * <p>All methods verify checksums with default options; use {@link WfdbReader#options()} for other
 * settings.
 */
public final class Wfdb {
  private static final WfdbReader DEFAULT = WfdbReader.create();

  private Wfdb() {}

  /**
   * Reads a whole record ({@code wfdb.rdrecord}).
   *
   * @param recordBase record path without extension
   * @return the record
   * @throws EcgFormatException for malformed, truncated or oversized input
   * @throws ChecksumException when a signal does not match its header checksum
   * @throws IOException when a file cannot be read
   */
  public static WfdbRecord readRecord(Path recordBase) throws IOException {
    return DEFAULT.read(recordBase);
  }

  /**
   * Reads frames {@code [from, to)} of a record ({@code rdrecord(sampfrom, sampto)}), reading only
   * the bytes of that range.
   *
   * @param recordBase record path without extension
   * @param from first frame
   * @param to end frame (exclusive), -1 for the end
   * @return the slice
   * @throws EcgArgumentException when the range lies outside the record
   * @throws EcgFormatException for malformed or truncated input
   * @throws IOException when a file cannot be read
   */
  public static WfdbRecord readRecord(Path recordBase, long from, long to) throws IOException {
    return DEFAULT.read(recordBase, from, to);
  }

  /**
   * Reads a whole record in physical units only ({@code wfdb.rdsamp}); faster than
   * {@code readRecord(path).toRecord()} because no digital copy is kept.
   *
   * @param recordBase record path without extension
   * @return the record in physical units (NaN = invalid), without annotations
   * @throws EcgFormatException for malformed, truncated or oversized input
   * @throws ChecksumException when a signal does not match its header checksum
   * @throws IOException when a file cannot be read
   */
  public static dev.ecg.io.Record readSamples(Path recordBase) throws IOException {
    return DEFAULT.readPhysical(recordBase);
  }

  /**
   * Reads a header ({@code wfdb.rdheader}).
   *
   * @param recordBase record path without extension
   * @return the header
   * @throws EcgFormatException when it is malformed or missing
   * @throws IOException when it cannot be read
   */
  public static WfdbHeader readHeader(Path recordBase) throws IOException {
    return DEFAULT.readHeader(recordBase);
  }

  /**
   * Reads an annotation file ({@code wfdb.rdann}).
   *
   * @param recordBase record path without extension
   * @param extension annotator name, e.g. {@code atr}
   * @return the annotations
   * @throws EcgFormatException when the file is malformed or truncated
   * @throws IOException when it cannot be read
   */
  public static List<Annotation> readAnnotation(Path recordBase, String extension)
      throws IOException {
    return WfdbAnnotations.read(recordBase.resolveSibling(recordBase.getFileName() + "."
        + extension));
  }

  /**
   * Writes an annotation file ({@code wfdb.wrann}).
   *
   * @param recordBase record path without extension
   * @param extension annotator name, e.g. {@code atr}
   * @param annotations annotations in sample order
   * @throws EcgArgumentException when an annotation cannot be represented
   * @throws IOException when writing fails
   */
  public static void writeAnnotation(Path recordBase, String extension,
      List<Annotation> annotations) throws IOException {
    WfdbAnnotations.write(recordBase.resolveSibling(recordBase.getFileName() + "." + extension),
        annotations);
  }

  /**
   * Writes a record in format 16 or 212 ({@code wfdb.wrsamp} with {@code d_signal}).
   *
   * @param recordBase record path without extension
   * @param fs sampling frequency
   * @param format 16 or 212
   * @param digital samples {@code [signal][sample]}
   * @param gain adu per unit per signal
   * @param baseline baseline per signal
   * @param units unit per signal
   * @param names lead name per signal
   * @return the header written
   * @throws EcgArgumentException when arguments are inconsistent or out of range
   * @throws IOException when writing fails
   */
  public static WfdbHeader writeRecord(Path recordBase, double fs, int format, int[][] digital,
      double[] gain, int[] baseline, String[] units, String[] names) throws IOException {
    return WfdbWriter.write(recordBase, fs, format, digital, gain, baseline, units, names,
        List.of());
  }

  /**
   * Rhythm intervals of an annotation list ({@code +} annotations with aux {@code (RHYTHM}).
   *
   * @param annotations annotations in sample order
   * @param recordLength record length in samples
   * @return the intervals
   */
  public static List<RhythmInterval> rhythms(List<Annotation> annotations, long recordLength) {
    return RhythmInterval.fromAnnotations(annotations, recordLength);
  }
}
