package dev.ecg.io.edf;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import dev.ecg.io.EcgFormatException;
import dev.ecg.io.Record;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The content of an EDF or EDF+ file: header, per-signal headers, the digital samples of every
 * signal (annotation signals included, as raw 16-bit words), the parsed EDF+ annotations and the
 * start time of every data record.
 *
 * <p>Signals may have different sampling rates ({@link #sampleRate(int)}); {@link #physical(int)}
 * gives any one signal at its own rate, and {@link #toRecord()} builds a {@link Record} when all
 * ordinary signals share one rate.
 */
public final class EdfFile {
  private final Path source;
  private final EdfHeader header;
  private final List<EdfSignal> signals;
  private final short[][] digital;
  private final List<EdfAnnotation> annotations;
  private final double[] recordOnsets;

  private EdfFile(Path source, EdfHeader header, List<EdfSignal> signals, short[][] digital,
      List<EdfAnnotation> annotations, double[] recordOnsets) {
    this.source = source;
    this.header = header;
    this.signals = signals;
    this.digital = digital;
    this.annotations = annotations;
    this.recordOnsets = recordOnsets;
  }

  /**
   * Builds a file from its parts, checking shapes and parsing the EDF+ annotation signals.
   *
   * @param header the fixed header
   * @param signals the per-signal headers
   * @param digital one array per signal, {@code dataRecords * samplesPerRecord} samples each;
   *     annotation signals hold the TAL bytes as little-endian 16-bit words (see {@link
   *     EdfWriter#annotationSamples})
   * @return the file
   * @throws EcgArgumentException when shapes disagree with the header
   * @throws EcgFormatException when an EDF+ annotation signal holds invalid TALs
   */
  public static EdfFile of(EdfHeader header, List<EdfSignal> signals, short[][] digital)
      throws EcgFormatException {
    return create(null, header, signals, digital);
  }

  static EdfFile create(Path source, EdfHeader header, List<EdfSignal> signals, short[][] digital)
      throws EcgFormatException {
    Objects.requireNonNull(header, "header");
    List<EdfSignal> sigs = List.copyOf(signals);
    Objects.requireNonNull(digital, "digital");
    if (sigs.isEmpty()) {
      throw new EcgArgumentException("an EDF file needs at least one signal");
    }
    if (digital.length != sigs.size()) {
      throw new EcgArgumentException(sigs.size() + " signals but " + digital.length
          + " sample arrays");
    }
    for (int s = 0; s < sigs.size(); s++) {
      long want = header.dataRecords() * sigs.get(s).samplesPerRecord();
      if (digital[s] == null || digital[s].length != want) {
        throw new EcgArgumentException("signal " + s + " (" + sigs.get(s).label() + ") needs "
            + want + " samples (" + header.dataRecords() + " records x "
            + sigs.get(s).samplesPerRecord() + "), got "
            + (digital[s] == null ? "null" : digital[s].length));
      }
    }
    int records = (int) header.dataRecords();
    double[] onsets = new double[records];
    for (int k = 0; k < records; k++) {
      onsets[k] = k * header.recordDuration();
    }
    List<EdfAnnotation> anns = new ArrayList<>();
    if (header.isEdfPlus()) {
      long headerBytes = 256L * (sigs.size() + 1);
      long recordBytes = 0;
      long[] offsetInRecord = new long[sigs.size()];
      for (int s = 0; s < sigs.size(); s++) {
        offsetInRecord[s] = recordBytes;
        recordBytes += 2L * sigs.get(s).samplesPerRecord();
      }
      boolean first = true;
      for (int s = 0; s < sigs.size(); s++) {
        if (!sigs.get(s).isAnnotations()) {
          continue;
        }
        int spr = sigs.get(s).samplesPerRecord();
        byte[] buf = new byte[2 * spr];
        for (int k = 0; k < records; k++) {
          for (int j = 0; j < spr; j++) {
            short v = digital[s][k * spr + j];
            buf[2 * j] = (byte) v;
            buf[2 * j + 1] = (byte) (v >> 8);
          }
          long base = headerBytes + k * recordBytes + offsetInRecord[s];
          List<Tal.Entry> tals = Tal.parse(buf, source, base);
          int from = 0;
          if (first) {
            if (tals.isEmpty() || tals.get(0).texts().isEmpty()
                || !tals.get(0).texts().get(0).isEmpty()) {
              throw new EcgFormatException(source, "byte", base, "data record " + k
                  + ": the first TAL of the first 'EDF Annotations' signal must be the"
                  + " timekeeping TAL (an onset followed by an empty text)");
            }
            onsets[k] = tals.get(0).onset();
            from = 1;
          }
          for (int t = from; t < tals.size(); t++) {
            Tal.Entry e = tals.get(t);
            List<String> texts = new ArrayList<>();
            for (String x : e.texts()) {
              if (!x.isEmpty()) {
                texts.add(x);
              }
            }
            if (!texts.isEmpty()) {
              anns.add(new EdfAnnotation(e.onset(), e.duration(), texts));
            }
          }
        }
        first = false;
      }
      if (first) {
        throw new EcgFormatException(source, "byte", 192,
            "EDF+ file has no 'EDF Annotations' signal");
      }
      double dur = header.recordDuration();
      for (int k = 1; k < records; k++) {
        double tol = 1e-6 + 1e-9 * Math.abs(onsets[k]);
        long base = headerBytes + k * recordBytes;
        if (header.isDiscontinuous()) {
          if (onsets[k] < onsets[k - 1] + dur - tol) {
            throw new EcgFormatException(source, "byte", base, "EDF+D data record " + k
                + " starts at " + onsets[k] + " s, before the previous record ends ("
                + (onsets[k - 1] + dur) + " s)");
          }
        } else if (Math.abs(onsets[k] - (onsets[0] + k * dur)) > tol) {
          throw new EcgFormatException(source, "byte", base, "EDF+C data record " + k
              + " starts at " + onsets[k] + " s, but a continuous file needs "
              + (onsets[0] + k * dur) + " s");
        }
      }
    }
    short[][] copy = new short[digital.length][];
    for (int s = 0; s < digital.length; s++) {
      copy[s] = digital[s].clone();
    }
    return new EdfFile(source, header, sigs, copy, List.copyOf(anns), onsets);
  }

  /** @return the file this was read from, or null when built in memory */
  public Path source() {
    return source;
  }

  /** @return the fixed header */
  public EdfHeader header() {
    return header;
  }

  /** @return the per-signal headers, annotation signals included */
  public List<EdfSignal> signals() {
    return signals;
  }

  /** @return number of signals, annotation signals included */
  public int signalCount() {
    return signals.size();
  }

  /**
   * @param label a signal label (compared after trimming)
   * @return the index of the first signal with that label, or -1
   */
  public int indexOf(String label) {
    for (int s = 0; s < signals.size(); s++) {
      if (signals.get(s).label().trim().equals(label.trim())) {
        return s;
      }
    }
    return -1;
  }

  /**
   * @param s signal index
   * @return whether signal {@code s} is an EDF+ annotation signal (never true in plain EDF)
   */
  public boolean isAnnotationSignal(int s) {
    return header.isEdfPlus() && signals.get(s).isAnnotations();
  }

  /**
   * @param s signal index
   * @return samples per second of signal {@code s}, or NaN when the record duration is 0
   */
  public double sampleRate(int s) {
    double d = header.recordDuration();
    return d > 0 ? signals.get(s).samplesPerRecord() / d : Double.NaN;
  }

  /**
   * @param s signal index
   * @return a copy of the digital samples of signal {@code s}
   */
  public short[] digital(int s) {
    return digital[s].clone();
  }

  /**
   * @param s signal index of an ordinary (non-annotation) signal
   * @return the physical samples of signal {@code s} at its own rate
   * @throws EcgArgumentException when {@code s} is an annotation signal
   */
  public double[] physical(int s) {
    if (isAnnotationSignal(s)) {
      throw new EcgArgumentException("signal " + s + " is an 'EDF Annotations' signal");
    }
    EdfSignal sig = signals.get(s);
    short[] d = digital[s];
    double[] out = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = sig.toPhysical(d[i]);
    }
    return out;
  }

  /** @return the EDF+ annotations with text, in file order (empty for plain EDF) */
  public List<EdfAnnotation> annotations() {
    return annotations;
  }

  /**
   * @return the start of each data record in seconds after the file start: from the timekeeping
   *     TALs for EDF+, else {@code k * recordDuration}
   */
  public double[] recordOnsets() {
    return recordOnsets.clone();
  }

  /** @return indices of the ordinary (non-annotation) signals */
  public int[] ordinarySignals() {
    int[] idx = new int[signals.size()];
    int n = 0;
    for (int s = 0; s < signals.size(); s++) {
      if (!isAnnotationSignal(s)) {
        idx[n++] = s;
      }
    }
    return Arrays.copyOf(idx, n);
  }

  /** @return whether all ordinary signals share one sampling rate, so {@link #toRecord()} works */
  public boolean hasUniformRate() {
    int[] idx = ordinarySignals();
    if (idx.length == 0 || !(header.recordDuration() > 0)) {
      return false;
    }
    for (int s : idx) {
      if (signals.get(s).samplesPerRecord() != signals.get(idx[0]).samplesPerRecord()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Converts all ordinary signals to a {@link Record}.
   *
   * @return the record
   * @throws EcgArgumentException when the ordinary signals have different rates, or the record
   *     duration is 0 so they have none (use {@link #toRecord(int...)} with a subset, or
   *     {@link #physical(int)})
   * @see #toRecord(int...)
   */
  public Record toRecord() {
    if (!hasUniformRate()) {
      throw new EcgArgumentException("signals of " + name() + " have different sampling rates"
          + " (or none); pick signals of one rate with toRecord(int...) or read each with"
          + " physical(int) and sampleRate(int)");
    }
    return toRecord(ordinarySignals());
  }

  /**
   * Converts the given ordinary signals, which must share one sampling rate, to a {@link Record}.
   * Each EDF+ annotation text becomes an {@link Annotation} with the WFDB note symbol {@code "}
   * and the text as aux string, at the sample its onset falls on. Data records are concatenated;
   * in EDF+D an onset that falls in a gap between records maps to the first sample of the next
   * record, one before the first record to sample 0 (or the negative offset it implies), and one
   * after the last to the sample it implies past the end.
   *
   * @param signalIndices ordinary signals of one rate, in the order wanted
   * @return the record
   * @throws EcgArgumentException when an index is out of range, an annotation signal, or the
   *     rates differ
   */
  public Record toRecord(int... signalIndices) {
    if (signalIndices.length == 0) {
      throw new EcgArgumentException("no signals selected");
    }
    int spr = -1;
    List<String> names = new ArrayList<>();
    List<String> units = new ArrayList<>();
    double[][] data = new double[signalIndices.length][];
    for (int k = 0; k < signalIndices.length; k++) {
      int s = signalIndices[k];
      if (s < 0 || s >= signals.size()) {
        throw new EcgArgumentException("signal index " + s + " out of range 0.."
            + (signals.size() - 1));
      }
      if (isAnnotationSignal(s)) {
        throw new EcgArgumentException("signal " + s + " is an 'EDF Annotations' signal");
      }
      EdfSignal sig = signals.get(s);
      if (spr >= 0 && sig.samplesPerRecord() != spr) {
        throw new EcgArgumentException("signal " + s + " has " + sig.samplesPerRecord()
            + " samples per record, others " + spr + "; a Record needs one rate");
      }
      spr = sig.samplesPerRecord();
      names.add(sig.label().trim());
      units.add(sig.physicalDimension().trim());
      data[k] = physical(s);
    }
    if (!(header.recordDuration() > 0)) {
      throw new EcgArgumentException("record duration is 0, no sampling rate");
    }
    double fs = spr / header.recordDuration();
    List<Annotation> anns = new ArrayList<>();
    for (EdfAnnotation a : annotations) {
      long sample = sampleOf(a.onset(), fs, spr);
      for (String t : a.texts()) {
        anns.add(new Annotation(sample, "\"", 0, 0, 0, t));
      }
    }
    anns.sort(Comparator.comparingLong(Annotation::sample));
    return new Record(name(), fs, names, units, data, anns);
  }

  private long sampleOf(double onset, double fs, int spr) {
    int k = Arrays.binarySearch(recordOnsets, onset);
    if (k < 0) {
      k = -k - 2; // last record starting before the onset
    }
    if (k < 0) {
      return Math.round((onset - (recordOnsets.length > 0 ? recordOnsets[0] : 0)) * fs);
    }
    long inRecord = Math.round((onset - recordOnsets[k]) * fs);
    if (inRecord >= spr && k + 1 < recordOnsets.length) {
      return (long) (k + 1) * spr;
    }
    return (long) k * spr + inRecord;
  }

  /** @return the file stem of the source, or {@code edf} when built in memory */
  public String name() {
    if (source == null || source.getFileName() == null) {
      return "edf";
    }
    String f = source.getFileName().toString();
    int dot = f.lastIndexOf('.');
    return dot > 0 ? f.substring(0, dot) : f;
  }
}
