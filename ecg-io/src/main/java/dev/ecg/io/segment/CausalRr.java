package dev.ecg.io.segment;

/**
 * RR-interval features that need at most the next beat, computed one beat at a time: the
 * {@code causal} form of the {@code rr-features} pipeline step, shared by the batch step and the
 * live stream so both do the same arithmetic in the same order.
 *
 * <p>For beat {@code i} of peaks {@code r}, with {@code rr[k] = (r[k+1] - r[k]) / fs}:
 * {@code pre = rr[i-1]} (the first beat: its {@code post}); {@code post = rr[i]} (the last beat:
 * its {@code pre}); {@code avg} = mean of {@code rr[0 .. max(i,1) - 1]}, the intervals before
 * the beat (the first beat: its {@code post}); {@code local} = mean of the up to 10 intervals
 * ending there. A beat is final when the next peak arrives ({@link #add}) or at
 * {@link #finish()}.
 */
public final class CausalRr implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final double fs;
  private final double[] prefix = new double[11]; // prefix[k % 11] = sum of rr[0..k)
  private long count; // peaks added
  private long last = -1; // r[count - 1]
  private long beforeLast = -1; // r[count - 2]
  private boolean finished;

  /**
   * @param fs the peaks' sampling rate in Hz
   */
  public CausalRr(double fs) {
    Beats.checkRate(fs);
    this.fs = fs;
  }

  /**
   * Adds the next R peak.
   *
   * @param peak its position, after the previous one
   * @return {@code {pre, post, local, avg}} in seconds of the previous beat, now final; null for
   *     the first peak
   * @throws SegmentationException if the peak is not after the previous one
   */
  public double[] add(long peak) {
    if (finished) {
      throw new IllegalStateException("finished");
    }
    if (count > 0 && peak <= last) {
      throw new SegmentationException("R peaks must be strictly increasing: " + last + " then "
          + peak);
    }
    double[] out = null;
    if (count >= 1) {
      double rr = (peak - last) / fs; // rr[count - 1]
      prefix[(int) (count % 11)] = prefix[(int) ((count - 1) % 11)] + rr;
      long i = count - 1; // the beat at 'last' is now final
      double pre = i > 0 ? (last - beforeLast) / fs : rr;
      out = features(i, pre, rr);
    }
    beforeLast = last;
    last = peak;
    count++;
    return out;
  }

  /** @return the last beat's features (its post is its pre), or null with fewer than 2 peaks */
  public double[] finish() {
    boolean was = finished;
    finished = true;
    if (was || count < 2) {
      return null;
    }
    double pre = (last - beforeLast) / fs;
    return features(count - 1, pre, pre);
  }

  private double[] features(long i, double pre, double post) {
    long upto = Math.max(i, 1); // the intervals rr[0 .. upto - 1]
    double avg = p(upto) / upto;
    long lo = Math.max(0, upto - 10);
    double local = (p(upto) - p(lo)) / (upto - lo);
    return new double[] {pre, post, local, avg};
  }

  private double p(long k) {
    return prefix[(int) (k % 11)];
  }
}
