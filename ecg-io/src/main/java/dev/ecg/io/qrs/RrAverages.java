package dev.ecg.io.qrs;

/**
 * Pan-Tompkins's two RR averages: {@code RR AVERAGE1} over the last 8 intervals and
 * {@code RR AVERAGE2} over the last 8 "regular" ones (92-116 % of the current regular average),
 * with the irregular-rhythm flag. Shared by {@link PanTompkins} and {@link PanTompkinsStream}, so
 * the batch and streaming detectors keep their averages with the same arithmetic.
 */
final class RrAverages implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] recent = new double[8];
  private final double[] regular = new double[8];
  private int nRecent;
  private int nRegular;
  private int irregularRun;
  private double avg1;
  private double avg2;
  private boolean irregular;

  /**
   * @param fs sampling rate: both averages start at one second (60 bpm) until learned
   */
  RrAverages(double fs) {
    this.avg1 = fs;
    this.avg2 = fs;
  }

  /** @return the regular RR average, in samples */
  double regularAverage() {
    return avg2;
  }

  /** @return whether the last interval fell outside 92-116 % of the regular average */
  boolean irregular() {
    return irregular;
  }

  /**
   * Adds the interval before a new QRS. After eight irregular intervals in a row the regular
   * average takes the recent one, as the paper does when the rhythm changes.
   *
   * @param rr the interval in samples
   * @param firstIsRegular take it as regular when no regular interval has been seen yet (a QRS
   *     found directly; one found by search-back must pass the 92-116 % test)
   */
  void add(double rr, boolean firstIsRegular) {
    recent[nRecent % 8] = rr;
    nRecent++;
    avg1 = mean(recent, Math.min(nRecent, 8));
    if ((firstIsRegular && nRegular == 0) || (rr >= 0.92 * avg2 && rr <= 1.16 * avg2)) {
      regular[nRegular % 8] = rr;
      nRegular++;
      avg2 = mean(regular, Math.min(nRegular, 8));
      irregular = false;
      irregularRun = 0;
    } else {
      irregular = true;
      if (++irregularRun >= 8) {
        avg2 = avg1;
        irregularRun = 0;
      }
    }
  }

  private static double mean(double[] a, int k) {
    double s = 0;
    for (int i = 0; i < k; i++) {
      s += a[i];
    }
    return s / k;
  }
}
