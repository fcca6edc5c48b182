package dev.ecg.io.segment;

import java.util.List;

/**
 * RR-interval features per beat, as used by inter-patient heartbeat classifiers (P. de Chazal,
 * M. O'Dwyer and R. B. Reilly, "Automatic classification of heartbeats using ECG morphology and
 * heartbeat interval features", IEEE Trans. Biomed. Eng. 51(7):1196-1206, 2004).
 *
 * <p>For beat {@code i} with R peaks {@code r}:
 *
 * <ul>
 *   <li>{@code pre} = {@code (r[i] - r[i-1]) / fs}; for the first beat, its {@code post};
 *   <li>{@code post} = {@code (r[i+1] - r[i]) / fs}; for the last beat, its {@code pre};
 *   <li>{@code local} = mean of the up to 10 RR intervals centred on the beat (the 5 before and
 *       the 5 after it, fewer at the record edges);
 *   <li>{@code average} = mean RR interval of the whole record.
 * </ul>
 *
 * All in seconds; the normalised versions divide {@code pre}, {@code post} and {@code local} by
 * {@code average}, which removes the patient's own heart rate. A record with a single beat has no
 * RR interval and gets NaN everywhere. Immutable.
 */
public final class RrFeatures {
  /** Column names of {@link #matrix()}. */
  public static final List<String> COLUMNS = List.of("pre_rr_s", "post_rr_s", "local_rr_s",
      "average_rr_s", "pre_rr_norm", "post_rr_norm", "local_rr_norm");

  private final double[] pre;
  private final double[] post;
  private final double[] local;
  private final double average;

  private RrFeatures(double[] pre, double[] post, double[] local, double average) {
    this.pre = pre;
    this.post = post;
    this.local = local;
    this.average = average;
  }

  /**
   * Computes the features.
   *
   * @param rPeaks R-peak positions in samples, strictly increasing
   * @param fs sampling rate in Hz
   * @return the features, one row per peak
   * @throws SegmentationException if {@code fs} is not positive or the peaks are not strictly
   *     increasing
   */
  public static RrFeatures compute(long[] rPeaks, double fs) {
    Beats.checkRate(fs);
    final int n = rPeaks.length;
    for (int i = 1; i < n; i++) {
      if (rPeaks[i] <= rPeaks[i - 1]) {
        throw new SegmentationException("R peaks must be strictly increasing, index " + i + ": "
            + rPeaks[i - 1] + " then " + rPeaks[i]);
      }
    }
    double[] rr = new double[Math.max(0, n - 1)]; // rr[k] = r[k+1] - r[k]
    double sum = 0;
    for (int k = 0; k + 1 < n; k++) {
      rr[k] = (rPeaks[k + 1] - rPeaks[k]) / fs;
      sum += rr[k];
    }
    double avg = rr.length == 0 ? Double.NaN : sum / rr.length;
    double[] pre = new double[n];
    double[] post = new double[n];
    double[] local = new double[n];
    double[] prefix = new double[rr.length + 1];
    for (int k = 0; k < rr.length; k++) {
      prefix[k + 1] = prefix[k] + rr[k];
    }
    for (int i = 0; i < n; i++) {
      if (rr.length == 0) {
        pre[i] = post[i] = local[i] = Double.NaN;
        continue;
      }
      double p = i > 0 ? rr[i - 1] : Double.NaN;
      double q = i < rr.length ? rr[i] : Double.NaN;
      pre[i] = Double.isNaN(p) ? q : p;
      post[i] = Double.isNaN(q) ? p : q;
      // RR intervals i-5 .. i+4 (the 5 ending at or before beat i and the 5 starting at it)
      int lo = Math.max(0, i - 5);
      int hi = Math.min(rr.length, i + 5);
      local[i] = (prefix[hi] - prefix[lo]) / (hi - lo);
    }
    return new RrFeatures(pre, post, local, avg);
  }

  /** @return number of beats */
  public int size() {
    return pre.length;
  }

  /** @return previous RR per beat, seconds (a copy) */
  public double[] pre() {
    return pre.clone();
  }

  /** @return next RR per beat, seconds (a copy) */
  public double[] post() {
    return post.clone();
  }

  /** @return local mean RR per beat, seconds (a copy) */
  public double[] local() {
    return local.clone();
  }

  /** @return mean RR of the record, seconds */
  public double average() {
    return average;
  }

  /**
   * @return one row per beat with the columns {@link #COLUMNS}
   */
  public float[][] matrix() {
    float[][] m = new float[pre.length][COLUMNS.size()];
    for (int i = 0; i < pre.length; i++) {
      m[i][0] = (float) pre[i];
      m[i][1] = (float) post[i];
      m[i][2] = (float) local[i];
      m[i][3] = (float) average;
      m[i][4] = (float) (pre[i] / average);
      m[i][5] = (float) (post[i] / average);
      m[i][6] = (float) (local[i] / average);
    }
    return m;
  }
}
