package dev.ecg.io.pipeline;

/**
 * What a pipeline knows, before any record is seen, about the signal at one point: its sampling
 * rate, number of leads and samples per window, each possibly {@linkplain #UNKNOWN unknown}
 * (a record's own rate and lead count are known only when it arrives), and whether it has been cut
 * into windows.
 *
 * @param fs sampling rate in Hz, or NaN when unknown
 * @param leads leads per window, or {@link #UNKNOWN}
 * @param length samples per lead and window, or {@link #UNKNOWN} (a whole record)
 * @param segmented whether a segmentation step has run
 */
public record Shape(double fs, int leads, int length, boolean segmented) {

  /** Marks an unknown lead count or length. */
  public static final int UNKNOWN = -1;

  /** @return the shape of a record not yet seen: everything unknown, not segmented */
  public static Shape anyRecord() {
    return new Shape(Double.NaN, UNKNOWN, UNKNOWN, false);
  }

  /**
   * @param fs a record's sampling rate
   * @param leads its lead count
   * @return the shape of such a record, length unknown
   */
  public static Shape record(double fs, int leads) {
    return new Shape(fs, leads, UNKNOWN, false);
  }
}
