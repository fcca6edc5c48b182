package dev.ecg.io.delineate;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;

/**
 * Per-beat ECG intervals derived from a {@link Delineation}, in milliseconds, with their medians.
 * NeuroKit2 has no function for these; the definitions are the usual clinical ones applied to the
 * delineated points:
 *
 * <ul>
 *   <li><b>PR</b> = QRS onset − P onset;
 *   <li><b>QRS</b> = QRS offset − QRS onset;
 *   <li><b>QT</b> = T offset − QRS onset;
 *   <li><b>RR</b> = this R peak − the previous R peak (the interval preceding the beat, so the
 *       first beat has none);
 *   <li><b>QTc</b>, with RR in seconds:
 *       <ul>
 *         <li>Bazett: {@code QT / sqrt(RR)} (H. C. Bazett, "An analysis of the time-relations of
 *             electrocardiograms", Heart 7:353-370, 1920);
 *         <li>Fridericia: {@code QT / cbrt(RR)} (L. S. Fridericia, "Die Systolendauer im
 *             Elektrokardiogramm bei normalen Menschen und bei Herzkranken", Acta Med. Scand.
 *             53:469-486, 1920);
 *         <li>Framingham: {@code QT + 154 ms * (1 - RR)} (A. Sagie et al., "An improved method for
 *             adjusting the QT interval for heart rate (the Framingham Heart Study)", Am. J.
 *             Cardiol. 70(7):797-801, 1992).
 *       </ul>
 * </ul>
 *
 * <p>A value is NaN where a point it needs is absent, or where the end point does not come after
 * the start point (NeuroKit2's dwt points are sometimes out of order, see
 * {@code docs/delineation.md}). Medians skip NaN and are NaN when no beat has the value.
 * Instances are immutable; accessors return copies.
 */
public final class BeatIntervals {
  /** Framingham correction slope, ms of QT per second of RR (Sagie et al. 1992). */
  public static final double FRAMINGHAM_SLOPE_MS = 154.0;

  private final double[] pr;
  private final double[] qrs;
  private final double[] qt;
  private final double[] rr;
  private final double[] bazett;
  private final double[] fridericia;
  private final double[] framingham;

  private BeatIntervals(double[] pr, double[] qrs, double[] qt, double[] rr) {
    this.pr = pr;
    this.qrs = qrs;
    this.qt = qt;
    this.rr = rr;
    int n = qt.length;
    bazett = new double[n];
    fridericia = new double[n];
    framingham = new double[n];
    for (int i = 0; i < n; i++) {
      double rrS = rr[i] / 1000.0;
      bazett[i] = qt[i] / Math.sqrt(rrS);
      fridericia[i] = qt[i] / Math.cbrt(rrS);
      framingham[i] = qt[i] + FRAMINGHAM_SLOPE_MS * (1.0 - rrS);
    }
  }

  /**
   * Computes the intervals of every beat.
   *
   * @param d the delineation
   * @return the intervals, one entry per beat of {@code d}
   * @throws EcgArgumentException if {@code d} is null
   */
  public static BeatIntervals of(Delineation d) {
    if (d == null) {
      throw new EcgArgumentException("delineation must not be null");
    }
    double fs = d.samplingRate();
    int[] r = d.rPeaks();
    int[] pOn = d.points(Wave.P_ONSET);
    int[] qrsOn = d.points(Wave.QRS_ONSET);
    int[] qrsOff = d.points(Wave.QRS_OFFSET);
    int[] tOff = d.points(Wave.T_OFFSET);
    int n = r.length;
    double[] pr = new double[n];
    double[] qrs = new double[n];
    double[] qt = new double[n];
    double[] rr = new double[n];
    for (int i = 0; i < n; i++) {
      pr[i] = span(pOn[i], qrsOn[i], fs);
      qrs[i] = span(qrsOn[i], qrsOff[i], fs);
      qt[i] = span(qrsOn[i], tOff[i], fs);
      rr[i] = i == 0 ? Double.NaN : span(r[i - 1], r[i], fs);
    }
    return new BeatIntervals(pr, qrs, qt, rr);
  }

  private static double span(int start, int end, double fs) {
    if (start == Delineation.ABSENT || end == Delineation.ABSENT || end <= start) {
      return Double.NaN;
    }
    return (end - start) / fs * 1000.0;
  }

  /** @return the number of beats */
  public int beats() {
    return qt.length;
  }

  /** @return PR interval of each beat in ms (P onset to QRS onset), NaN where undefined */
  public double[] prMs() {
    return pr.clone();
  }

  /** @return QRS duration of each beat in ms (QRS onset to offset), NaN where undefined */
  public double[] qrsMs() {
    return qrs.clone();
  }

  /** @return QT interval of each beat in ms (QRS onset to T offset), NaN where undefined */
  public double[] qtMs() {
    return qt.clone();
  }

  /** @return RR interval preceding each beat in ms, NaN for the first beat */
  public double[] rrMs() {
    return rr.clone();
  }

  /** @return Bazett-corrected QT of each beat in ms, {@code QT / sqrt(RR in s)} */
  public double[] qtcBazettMs() {
    return bazett.clone();
  }

  /** @return Fridericia-corrected QT of each beat in ms, {@code QT / cbrt(RR in s)} */
  public double[] qtcFridericiaMs() {
    return fridericia.clone();
  }

  /** @return Framingham-corrected QT of each beat in ms, {@code QT + 154 (1 - RR in s)} */
  public double[] qtcFraminghamMs() {
    return framingham.clone();
  }

  /** @return median PR in ms over the beats that have one, NaN if none */
  public double medianPrMs() {
    return median(pr);
  }

  /** @return median QRS duration in ms over the beats that have one, NaN if none */
  public double medianQrsMs() {
    return median(qrs);
  }

  /** @return median QT in ms over the beats that have one, NaN if none */
  public double medianQtMs() {
    return median(qt);
  }

  /** @return median RR in ms, NaN with fewer than two beats */
  public double medianRrMs() {
    return median(rr);
  }

  /** @return median of the per-beat Bazett QTc in ms, NaN if none */
  public double medianQtcBazettMs() {
    return median(bazett);
  }

  /** @return median of the per-beat Fridericia QTc in ms, NaN if none */
  public double medianQtcFridericiaMs() {
    return median(fridericia);
  }

  /** @return median of the per-beat Framingham QTc in ms, NaN if none */
  public double medianQtcFraminghamMs() {
    return median(framingham);
  }

  /**
   * @param values any values
   * @return the median of the finite values (the mean of the middle two for an even count), NaN
   *     when there are none
   */
  static double median(double[] values) {
    double[] f = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (f.length == 0) {
      return Double.NaN;
    }
    int m = f.length / 2;
    return f.length % 2 == 1 ? f[m] : (f[m - 1] + f[m]) / 2.0;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT,
        "BeatIntervals[%d beats, median PR %.1f ms, QRS %.1f ms, QT %.1f ms, QTc Bazett %.1f ms, "
            + "Fridericia %.1f ms, Framingham %.1f ms]",
        beats(), medianPrMs(), medianQrsMs(), medianQtMs(), medianQtcBazettMs(),
        medianQtcFridericiaMs(), medianQtcFraminghamMs());
  }
}
