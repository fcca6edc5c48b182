package dev.ecg.io.qrs;

/**
 * A QRS (heartbeat) detector for one ECG lead.
 *
 * <p>Implementations are stateless and thread-safe: every call to {@link #detect} starts from
 * scratch.
 */
public interface QrsDetector {
  /**
   * Detects the QRS complexes of one lead.
   *
   * @param x the samples of one lead in physical units (mV); {@link Double#NaN} marks invalid
   *     samples (see the implementation for how runs of NaN are treated)
   * @param fs the sampling rate in Hz
   * @return the sample indices of the detected R peaks, strictly increasing, each in
   *     {@code [0, x.length)}
   * @throws InvalidSignalException if {@code fs} is not finite and positive, {@code x} is empty or
   *     entirely NaN, or contains an infinite sample
   */
  int[] detect(double[] x, double fs);
}
