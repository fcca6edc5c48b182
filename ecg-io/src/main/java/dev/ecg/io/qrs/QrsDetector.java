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

  /**
   * Detects the QRS complexes of one channel of a record.
   *
   * @param record the record
   * @param channel channel index
   * @return the sample indices of the detected R peaks, strictly increasing
   * @throws InvalidSignalException if the channel does not exist or its signal is unusable
   */
  default int[] detect(dev.ecg.io.Record record, int channel) {
    if (channel < 0 || channel >= record.channelCount()) {
      throw new InvalidSignalException("record " + record.name() + " has " + record.channelCount()
          + " channels, asked for channel " + channel);
    }
    return detect(record.channel(channel), record.fs());
  }
}
