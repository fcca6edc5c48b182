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
 *
 * <p>A gate step (such as {@code quality-gate}) does not change the signal: it marks the
 * whole record or single windows as <em>rejected</em>, with a reason, so that a classifier can
 * abstain on them and report why. A record rejection survives every later step; window
 * rejections survive steps that keep the window count and are recomputed by a gate placed after
 * segmentation.
 */
public final class SignalWindows {

  private final Record source;
  private final double fs;
  private final List<String> leadNames;
  private final List<double[][]> windows;
  private final long[] samples;
  private final boolean segmented;
  private final String recordRejection;
  private final String[] windowRejections;

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
    this.recordRejection = null;
    this.windowRejections = new String[windows.size()];
  }

  private SignalWindows(SignalWindows base, String recordRejection, String[] windowRejections) {
    this.source = base.source;
    this.fs = base.fs;
    this.leadNames = base.leadNames;
    this.windows = base.windows;
    this.samples = base.samples;
    this.segmented = base.segmented;
    this.recordRejection = recordRejection;
    this.windowRejections = windowRejections;
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
   * @return a state with the new windows and the same rejections
   */
  public SignalWindows withWindows(List<double[][]> newWindows) {
    return new SignalWindows(new SignalWindows(source, fs, leadNames, newWindows, samples,
        segmented), recordRejection, windowRejections);
  }

  /**
   * @param reason why the whole record cannot be trusted (shown to the user)
   * @return a state with the same windows, the record marked as rejected (a second rejection
   *     is appended to the first)
   */
  public SignalWindows rejectRecord(String reason) {
    Objects.requireNonNull(reason, "reason");
    String r = recordRejection == null ? reason : recordRejection + "; " + reason;
    return new SignalWindows(this, r, windowRejections);
  }

  /**
   * @param reasons one entry per window: why it is rejected, or {@code null} to keep it; a
   *     window already rejected keeps its first reason with the new one appended
   * @return a state with the same windows and these rejections
   * @throws EcgArgumentException if the count does not match the windows
   */
  public SignalWindows rejectWindows(String[] reasons) {
    if (reasons.length != windows.size()) {
      throw new EcgArgumentException(reasons.length + " rejection entries for " + windows.size()
          + " windows");
    }
    String[] merged = windowRejections.clone();
    for (int i = 0; i < merged.length; i++) {
      if (reasons[i] != null) {
        merged[i] = merged[i] == null ? reasons[i] : merged[i] + "; " + reasons[i];
      }
    }
    return new SignalWindows(this, recordRejection, merged);
  }

  /** @return why the whole record was rejected, or {@code null} if it was not */
  public String recordRejection() {
    return recordRejection;
  }

  /**
   * @param i a window index
   * @return why window {@code i} (or the whole record) was rejected, or {@code null} if it is
   *     to be used
   */
  public String rejection(int i) {
    Objects.checkIndex(i, windows.size());
    if (recordRejection != null) {
      return windowRejections[i] == null ? recordRejection
          : recordRejection + "; " + windowRejections[i];
    }
    return windowRejections[i];
  }

  /**
   * Carries the rejections of the state a step started from into the state it returned, for
   * steps that do not handle rejections themselves.
   *
   * @param before the step's input
   * @param after the step's output
   * @return {@code after} with {@code before}'s record rejection, and its window rejections when
   *     the window count did not change
   */
  static SignalWindows carryRejections(SignalWindows before, SignalWindows after) {
    if (after == before) {
      return after;
    }
    String rec = after.recordRejection != null ? after.recordRejection : before.recordRejection;
    String[] win = after.windowRejections;
    boolean noneAfter = java.util.Arrays.stream(win).allMatch(Objects::isNull);
    if (noneAfter && before.windows.size() == after.windows.size()) {
      win = before.windowRejections;
    }
    if (rec == after.recordRejection && win == after.windowRejections) {
      return after;
    }
    return new SignalWindows(after, rec, win);
  }
}
