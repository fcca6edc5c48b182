package dev.ecg.io.pipeline;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What flows through a preprocessing pipeline: the source record, the current sampling rate and
 * lead names, and a list of windows ({@code double[lead][sample]}) each with its reference sample
 * in the original record. Before a segmentation step the list holds one window, the whole
 * record; a segmentation step replaces it with one window per beat. Instances are immutable;
 * steps return new ones.
 */
public final class SignalWindows {

  private final Record source;
  private final double fs;
  private final List<String> leadNames;
  private final List<double[][]> windows;
  private final long[] samples;
  private final boolean segmented;

  /**
   * @param source the record the windows come from
   * @param fs current sampling rate in Hz
   * @param leadNames current lead names
   * @param windows windows, each {@code [lead][sample]}
   * @param samples reference sample of each window in the original record
   * @param segmented whether a segmentation step has run
   */
  public SignalWindows(Record source, double fs, List<String> leadNames, List<double[][]> windows,
      long[] samples, boolean segmented) {
    this.source = Objects.requireNonNull(source, "source");
    if (!(fs > 0)) {
      throw new EcgArgumentException("fs must be > 0, got " + fs);
    }
    if (windows.size() != samples.length) {
      throw new EcgArgumentException(windows.size() + " windows but " + samples.length
          + " reference samples");
    }
    this.fs = fs;
    this.leadNames = List.copyOf(leadNames);
    this.windows = List.copyOf(windows);
    this.samples = samples.clone();
    this.segmented = segmented;
  }

  /**
   * @param r a record
   * @return the unsegmented state: one window holding every channel of the record
   */
  public static SignalWindows of(Record r) {
    double[][] copy = new double[r.channelCount()][];
    for (int c = 0; c < copy.length; c++) {
      copy[c] = r.channel(c).clone();
    }
    List<double[][]> w = new ArrayList<>();
    w.add(copy);
    return new SignalWindows(r, r.fs(), r.channelNames(), w, new long[] {0}, false);
  }

  /** @return the original record */
  public Record source() {
    return source;
  }

  /** @return current sampling rate in Hz */
  public double fs() {
    return fs;
  }

  /** @return current lead names */
  public List<String> leadNames() {
    return leadNames;
  }

  /** @return the windows (arrays are live; steps must not modify them in place) */
  public List<double[][]> windows() {
    return windows;
  }

  /** @return reference sample of each window in the original record */
  public long[] samples() {
    return samples.clone();
  }

  /** @return whether a segmentation step has run */
  public boolean segmented() {
    return segmented;
  }

  /**
   * @param newWindows windows after a per-window transform (same count and references)
   * @return a state with the new windows
   */
  public SignalWindows withWindows(List<double[][]> newWindows) {
    return new SignalWindows(source, fs, leadNames, newWindows, samples, segmented);
  }
}
