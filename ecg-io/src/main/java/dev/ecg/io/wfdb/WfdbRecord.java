package dev.ecg.io.wfdb;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Signals read from a WFDB record (the Java twin of wfdb-python's {@code wfdb.Record}).
 *
 * <p>{@link #digital()} holds the stored integer samples ({@code d_signal}), {@link #physical()}
 * the values in physical units ({@code p_signal}) with invalid samples as NaN. Signal {@code s}
 * holds {@code length() * samplesPerFrame(s)} samples: a signal with several samples per frame is
 * exposed at its own rate; {@link #toRecord()} averages such signals down to the frame rate.
 *
 * <p>For a multi-segment record, {@link #signals()} describes the layout, and digital values that
 * are missing (null segments, signals absent from a segment) are {@link #INVALID_DIGITAL}.
 */
public final class WfdbRecord {
  /** Digital value of an invalid sample in multi-segment and format 0 (null) signals. */
  public static final int INVALID_DIGITAL = Integer.MIN_VALUE;

  private final WfdbHeader header;
  private final List<SignalSpec> signals;
  private final long start;
  private final long length;
  private final int[][] digital;
  private double[][] physical;
  private List<String> warnings = List.of();

  /**
   * @param header the header the record came from
   * @param signals one spec per column of {@code digital} (the header's signals, or the layout)
   * @param start first frame read
   * @param length frames read
   * @param digital stored samples per signal
   * @param physical physical samples per signal, or null to compute them from {@code digital}
   */
  public WfdbRecord(WfdbHeader header, List<SignalSpec> signals, long start, long length,
      int[][] digital, double[][] physical) {
    this.header = Objects.requireNonNull(header, "header");
    this.signals = List.copyOf(signals);
    this.start = start;
    this.length = length;
    this.digital = Objects.requireNonNull(digital, "digital");
    this.physical = physical;
    if (digital.length != this.signals.size()) {
      throw new EcgArgumentException(digital.length + " digital signals for "
          + this.signals.size() + " specs");
    }
  }

  /**
   * @return what the reader found wrong but read anyway (checksum or initial-value mismatches
   *     under the default, non-strict options), one message per problem naming the file and
   *     signal; empty when none
   */
  public List<String> warnings() {
    return warnings;
  }

  /** Sets the reader's warnings (package-private: only readers add them). */
  WfdbRecord withWarnings(List<String> w) {
    this.warnings = List.copyOf(w);
    return this;
  }

  /** @return the header */
  public WfdbHeader header() {
    return header;
  }

  /** @return the record name */
  public String name() {
    return header.recordName();
  }

  /** @return the sampling frequency (frames per second) */
  public double fs() {
    return header.fs();
  }

  /** @return the specification of each signal */
  public List<SignalSpec> signals() {
    return signals;
  }

  /** @return the number of signals */
  public int signalCount() {
    return signals.size();
  }

  /** @return the first frame of this read (0 for a whole record) */
  public long start() {
    return start;
  }

  /** @return the number of frames read */
  public long length() {
    return length;
  }

  /**
   * @param s signal index
   * @return samples per frame of that signal
   */
  public int samplesPerFrame(int s) {
    return signals.get(s).samplesPerFrame();
  }

  /** @return the stored samples, {@code [signal][sample]} (live arrays, not copies) */
  public int[][] digital() {
    return digital;
  }

  /**
   * @return physical samples {@code [signal][sample]}, NaN where invalid (live arrays, computed
   *     once on first use)
   */
  public synchronized double[][] physical() {
    if (physical == null) {
      double[][] p = new double[digital.length][];
      for (int s = 0; s < digital.length; s++) {
        p[s] = toPhysical(signals.get(s), digital[s]);
      }
      physical = p;
    }
    return physical;
  }

  static double[] toPhysical(SignalSpec spec, int[] d) {
    double[] p = new double[d.length];
    new PhysicalConverter(spec, d.length).convert(d, 0, d.length, p, 0);
    return p;
  }

  /** @return signal descriptions (lead names); empty descriptions become {@code sig<i>} */
  public List<String> signalNames() {
    List<String> names = new ArrayList<>();
    for (int s = 0; s < signals.size(); s++) {
      String d = signals.get(s).description();
      names.add(d.isEmpty() ? "sig" + s : d);
    }
    return names;
  }

  /** @return the record as a {@link Record} without annotations */
  public Record toRecord() {
    return toRecord(List.of());
  }

  /**
   * Converts to the SDK's common {@link Record}. Signals with several samples per frame are
   * averaged over each frame (NaN when any sample of the frame is invalid).
   *
   * @param annotations annotations to attach
   * @return the record
   */
  public Record toRecord(List<Annotation> annotations) {
    double[][] p = physical();
    double[][] frames = new double[p.length][];
    List<String> units = new ArrayList<>();
    for (int s = 0; s < p.length; s++) {
      int k = samplesPerFrame(s);
      units.add(signals.get(s).units());
      if (k == 1) {
        frames[s] = p[s];
      } else {
        double[] f = new double[(int) length];
        for (int i = 0; i < f.length; i++) {
          double sum = 0;
          for (int j = 0; j < k; j++) {
            sum += p[s][i * k + j];
          }
          f[i] = sum / k;
        }
        frames[s] = f;
      }
    }
    return new Record(name(), fs(), signalNames(), units, frames, annotations);
  }
}
