package dev.ecg.io.segment;

import dev.ecg.core.EcgArgumentException;

/**
 * Thrown when a segmenter cannot work with its input: a window longer than the signal, a
 * non-positive sampling rate, an empty signal, mismatched array lengths or a bad setting. The
 * message names the offending value.
 */
public class SegmentationException extends EcgArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong, with the offending value
   */
  public SegmentationException(String message) {
    super(message);
  }
}
