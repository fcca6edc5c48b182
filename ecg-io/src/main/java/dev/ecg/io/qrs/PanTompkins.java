package dev.ecg.io.qrs;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;

/**
 * The Pan-Tompkins QRS detector (J. Pan and W. J. Tompkins, "A real-time QRS detection algorithm",
 * IEEE Trans. Biomed. Eng. 32(3):230-236, 1985), working at any sampling rate, followed by an
 * R-peak correction step on the original signal.
 *
 * <h2>Pipeline</h2>
 *
 * <ol>
 *   <li><b>Invalid samples.</b> Runs of NaN are bridged by linear interpolation between the
 *       nearest valid samples (held constant at the edges); no detection is reported inside a NaN
 *       run. An all-NaN signal or an infinite sample is rejected.
 *   <li><b>Band-pass (about 5-15 Hz).</b> The paper's own filters, run at the native rate with
 *       every length scaled by {@code fs/200}: the low-pass is two cascaded moving averages of 30 ms
 *       (the paper's {@code (1 - z^-6)^2 / (1 - z^-1)^2} at 200 Hz), the high-pass subtracts a
 *       160 ms moving average (the paper's 32-sample all-pass minus low-pass). All averages are
 *       centred, so the filter has zero phase and the filtered peaks line up with the ECG; at the
 *       edges the averages shrink to the samples available. No resampling is done.
 *   <li><b>Derivative</b> (five-point, step {@code round(fs/200)} samples), <b>squaring</b> and
 *       <b>moving-window integration</b> over 150 ms (centred).
 *   <li><b>Candidates</b> are the peaks of the integrated signal that are the largest within
 *       half a refractory period on each side; each carries the largest absolute filtered value
 *       and the steepest derivative within the integration window around it.
 *   <li><b>Dual adaptive thresholds</b> on the integrated ({@code SPKI, NPKI}) and filtered
 *       ({@code SPKF, NPKF}) signals with the paper's updates ({@code 0.125/0.875}, threshold at
 *       {@code NPK + 0.25 (SPK - NPK)}), initialised over the first two seconds; both thresholds
 *       must be exceeded. When the last RR interval falls outside 92-116 % of the regular RR
 *       average the first thresholds are halved, as the paper does for irregular rhythms.
 *   <li><b>Refractory period</b> of 200 ms and <b>T-wave discrimination</b>: a candidate within
 *       360 ms of the previous QRS whose steepest slope is below half that of the previous QRS is
 *       taken as a T wave (noise).
 *   <li><b>Search-back</b>: when no QRS has been found for {@code 166 %} of the regular RR
 *       average, the largest noise candidate since the previous QRS that exceeds the second
 *       (halved) thresholds is taken as a QRS.
 *   <li><b>Peak correction</b>: each detection is moved to the sample of largest
 *       {@code |x - baseline|} on the (NaN-bridged) original signal within
 *       {@value #DEFAULT_CORRECTION_SECONDS} s on each side, where the baseline is the mean of the
 *       signal over 0.4 s around the detection; detections closer than the refractory period after
 *       correction are merged (the first is kept).
 * </ol>
 *
 * <p>Instances are immutable and thread-safe. The run time is linear in the signal length.
 */
public final class PanTompkins implements QrsDetector {
  /** Default half-width of the R-peak correction search, in seconds. */
  public static final double DEFAULT_CORRECTION_SECONDS = 0.06;

  private final double refractorySeconds;
  private final double tWaveSeconds;
  private final double integrationSeconds;
  private final double searchBackFactor;
  private final double correctionSeconds;
  private final boolean irregularHalving;
  private final double frac;
  static final double DECAY = 0.75;
  private final boolean decay;

  private PanTompkins(Builder b) {
    this.refractorySeconds = b.refractorySeconds;
    this.tWaveSeconds = b.tWaveSeconds;
    this.integrationSeconds = b.integrationSeconds;
    this.searchBackFactor = b.searchBackFactor;
    this.correctionSeconds = b.correctionSeconds;
    this.irregularHalving = b.irregularHalving;
    this.frac = b.frac;
    this.decay = b.decay;
  }

  /**
   * A streaming twin of this detector: push samples as they arrive and receive each R peak once
   * it is final; the peaks equal {@link #detect(double[], double)} on the whole signal.
   *
   * @param fs sampling rate in Hz
   * @return a new stream with this detector's settings
   */
  public PanTompkinsStream stream(double fs) {
    return new PanTompkinsStream(this, fs);
  }

  double frac() {
    return frac;
  }

  double searchBackFactor() {
    return searchBackFactor;
  }

  boolean irregularHalving() {
    return irregularHalving;
  }

  boolean decay() {
    return decay;
  }

  double integrationSeconds() {
    return integrationSeconds;
  }

  double refractorySeconds() {
    return refractorySeconds;
  }

  double tWaveSeconds() {
    return tWaveSeconds;
  }

  double correctionSeconds() {
    return correctionSeconds;
  }

  /** @return a builder with the paper's settings */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a detector with the default (paper) settings */
  public static PanTompkins create() {
    return builder().build();
  }

  /**
   * {@inheritDoc}
   *
   * <p>NaN samples are bridged (see the class description) and never reported as detections;
   * a signal shorter than one integration window yields no detections.
   */
  @Override
  public int[] detect(double[] x, double fs) {
    SignalChecks.checkRate(fs);
    SignalChecks.checkSignal(x, "signal");
    final int n = x.length;
    boolean[] invalid = new boolean[n];
    double[] s = SignalChecks.bridgeNaN(x, invalid);

    double[] f = bandPass(s, fs);
    int step = Math.max(1, (int) Math.round(fs / 200.0));
    double[] der = new double[n];
    double[] sq = new double[n];
    int inFrom = Math.min(n, 2 * step);
    int inTo = Math.max(inFrom, n - 2 * step);
    for (int i = 0; i < n; i++) {
      if (i == inFrom) {
        // interior: no index clamps, a loop the JIT vectorises (same arithmetic)
        for (; i < inTo; i++) {
          double dv = (2.0 * (f[i + step] - f[i - step]) + f[i + 2 * step] - f[i - 2 * step])
              / 8.0;
          der[i] = Math.abs(dv);
          sq[i] = dv * dv;
        }
        if (i >= n) {
          break;
        }
      }
      double dv = (2.0 * (f[clamp(i + step, n)] - f[clamp(i - step, n)])
          + f[clamp(i + 2 * step, n)] - f[clamp(i - 2 * step, n)]) / 8.0;
      der[i] = Math.abs(dv);
      sq[i] = dv * dv;
    }
    int win = Math.max(1, (int) Math.round(integrationSeconds * fs));
    double[] mwi = movingAverage(sq, win);
    int[] raw = decide(mwi, f, der, fs, win);
    return PeakCorrection.correct(raw, s, invalid, fs, correctionSeconds, refractorySeconds);
  }

  /**
   * The Pan-Tompkins band-pass at rate {@code fs}: low-pass as two centred 30 ms moving averages,
   * high-pass as the difference from a centred 160 ms moving average.
   *
   * @param s the signal (finite samples)
   * @param fs sampling rate in Hz
   * @return the band-passed signal, same length
   */
  static double[] bandPass(double[] s, double fs) {
    int m = Math.max(1, (int) Math.round(6.0 * fs / 200.0));
    int p = Math.max(1, (int) Math.round(32.0 * fs / 200.0));
    double[] lp = movingAverage(movingAverage(s, m), m);
    double[] hp = movingAverage(lp, p);
    for (int i = 0; i < lp.length; i++) {
      hp[i] = lp[i] - hp[i];
    }
    return hp;
  }

  private int[] decide(double[] mwi, double[] f, double[] der, double fs, int win) {
    final int n = mwi.length;
    final int refractory = Math.max(1, (int) Math.round(refractorySeconds * fs));
    final int tWave = (int) Math.round(tWaveSeconds * fs);
    final int half = Math.max(1, refractory / 2);
    final int hw = win / 2;

    // candidate peaks of the integrated signal
    int[] cand = new int[16];
    int nc = 0;
    for (int i = 1; i < n - 1; i++) {
      if (mwi[i] > mwi[i - 1] && mwi[i] >= mwi[i + 1]) {
        boolean largest = true;
        int lo = Math.max(0, i - half);
        int hi = Math.min(n - 1, i + half);
        for (int j = lo; j <= hi && largest; j++) {
          if (mwi[j] > mwi[i] || (mwi[j] == mwi[i] && j < i)) {
            largest = false;
          }
        }
        if (largest) {
          if (nc == cand.length) {
            cand = Arrays.copyOf(cand, nc * 2);
          }
          cand[nc++] = i;
        }
      }
    }
    double[] peakI = new double[nc];
    double[] peakF = new double[nc];
    double[] slope = new double[nc];
    for (int c = 0; c < nc; c++) {
      int i = cand[c];
      peakI[c] = mwi[i];
      int lo = Math.max(0, i - hw);
      int hi = Math.min(n - 1, i + hw);
      double fm = 0;
      double sm = 0;
      for (int j = lo; j <= hi; j++) {
        double a = Math.abs(f[j]);
        if (a > fm) {
          fm = a;
        }
        if (der[j] > sm) {
          sm = der[j];
        }
      }
      peakF[c] = fm;
      slope[c] = sm;
    }

    // learning phase: first two seconds
    int learn = Math.min(n, (int) Math.round(2.0 * fs));
    double maxI = 0;
    double sumI = 0;
    double maxF = 0;
    double sumF = 0;
    for (int i = 0; i < learn; i++) {
      maxI = Math.max(maxI, mwi[i]);
      sumI += mwi[i];
      maxF = Math.max(maxF, Math.abs(f[i]));
      sumF += Math.abs(f[i]);
    }
    double spki = maxI / 3.0;
    double npki = sumI / learn / 2.0;
    double spkf = maxF / 3.0;
    double npkf = sumF / learn / 2.0;

    int[] qrs = new int[Math.max(4, nc)];
    int nq = 0;
    int lastIdx = -1; // index into cand of the last QRS
    double lastSlope = 0;
    RrAverages rrs = new RrAverages(fs);
    // noise candidates since the last QRS (indices into cand), for search-back
    int[] noise = new int[Math.max(4, nc)];
    int nn = 0;
    boolean decayed = false; // levels lowered once since the last QRS

    for (int c = 0; c <= nc; c++) {
      int pos = c < nc ? cand[c] : n + refractory; // sentinel: final search-back
      // search-back
      while (lastIdx >= 0 && pos - cand[lastIdx] > searchBackFactor * rrs.regularAverage()) {
        double thrI2 = 0.5 * (npki + frac * (spki - npki));
        double thrF2 = 0.5 * (npkf + frac * (spkf - npkf));
        int best = -1;
        for (int k = 0; k < nn; k++) {
          int q = noise[k];
          if (cand[q] - cand[lastIdx] >= refractory && peakI[q] > thrI2 && peakF[q] > thrF2
              && (best < 0 || peakI[q] > peakI[best])) {
            best = q;
          }
        }
        if (best < 0) {
          if (decay && !decayed) {
            // nothing above the second thresholds: lower the signal levels and look again
            spki = DECAY * spki + (1 - DECAY) * npki;
            spkf = DECAY * spkf + (1 - DECAY) * npkf;
            decayed = true;
            continue;
          }
          break;
        }
        spki = 0.25 * peakI[best] + 0.75 * spki;
        spkf = 0.25 * peakF[best] + 0.75 * spkf;
        double rr = cand[best] - cand[lastIdx];
        qrs[nq++] = cand[best];
        decayed = false;
        lastIdx = best;
        lastSlope = slope[best];
        // drop noise candidates at or before the new QRS
        int keep = 0;
        for (int k = 0; k < nn; k++) {
          if (noise[k] > best) {
            noise[keep++] = noise[k];
          }
        }
        nn = keep;
        rrs.add(rr, false);
      }
      if (c == nc) {
        break;
      }
      if (lastIdx >= 0 && pos - cand[lastIdx] < refractory) {
        continue;
      }
      double thrI1 = npki + frac * (spki - npki);
      double thrF1 = npkf + frac * (spkf - npkf);
      if (rrs.irregular() && irregularHalving) {
        thrI1 *= 0.5;
        thrF1 *= 0.5;
      }
      boolean isQrs = peakI[c] > thrI1 && peakF[c] > thrF1;
      if (isQrs && lastIdx >= 0 && pos - cand[lastIdx] < tWave && slope[c] < 0.5 * lastSlope) {
        isQrs = false; // T wave
      }
      if (isQrs) {
        spki = 0.125 * peakI[c] + 0.875 * spki;
        spkf = 0.125 * peakF[c] + 0.875 * spkf;
        if (lastIdx >= 0) {
          rrs.add(pos - cand[lastIdx], true);
        }
        qrs[nq++] = pos;
        decayed = false;
        lastIdx = c;
        lastSlope = slope[c];
        nn = 0;
      } else {
        npki = 0.125 * peakI[c] + 0.875 * npki;
        npkf = 0.125 * peakF[c] + 0.875 * npkf;
        noise[nn++] = c;
      }
    }
    int[] out = Arrays.copyOf(qrs, nq);
    Arrays.sort(out);
    return out;
  }

  private static int clamp(int i, int n) {
    return i < 0 ? 0 : (i >= n ? n - 1 : i);
  }

  /**
   * Centred moving average of width {@code w}: sample {@code i} is the mean of
   * {@code x[i - (w-1)/2 .. i + w/2]}, shrunk to the samples that exist at the edges.
   */
  static double[] movingAverage(double[] x, int w) {
    final int n = x.length;
    double[] y = new double[n];
    final int left = (w - 1) / 2;
    final int right = w / 2;
    if (n <= left + right + 1) {
      double[] prefix = prefix(x);
      for (int i = 0; i < n; i++) {
        edge(prefix, y, i, left, right, n);
      }
      return y;
    }
    // Two running sums replay the prefix sums prefix[i + right + 1] and prefix[i - left]: the
    // same additions in the same order, so the values are bit-identical to a prefix array's,
    // without the array; the two chains overlap in the CPU. Numerators first, then one
    // vectorisable division pass.
    double hi = 0; // prefix[k] for k = 0 .. right
    for (int k = 0; k <= right; k++) {
      hi += x[k];
    }
    // i = 0 .. left - 1 (and the edges' shrinking window): prefix[lo] is prefix[0] = 0
    int i = 0;
    for (; i < left; i++) {
      y[i] = hi / (i + right + 1);
      hi += x[i + right + 1];
    }
    double lo = 0;
    final int last = n - right - 1; // the last i whose window is whole
    for (; i <= last; i++) {
      y[i] = hi - lo;
      lo += x[i - left];
      if (i + right + 1 < n) {
        hi += x[i + right + 1];
      }
    }
    final double dw = w;
    for (int k = left; k <= last; k++) {
      y[k] /= dw;
    }
    // right edge: the window shrinks to the samples that exist; hi is prefix[n]
    for (; i < n; i++) {
      y[i] = (hi - lo) / (n - (i - left));
      lo += x[i - left];
    }
    return y;
  }

  private static double[] prefix(double[] x) {
    double[] prefix = new double[x.length + 1];
    for (int i = 0; i < x.length; i++) {
      prefix[i + 1] = prefix[i] + x[i];
    }
    return prefix;
  }

  private static void edge(double[] prefix, double[] y, int i, int left, int right, int n) {
    int lo = Math.max(0, i - left);
    int hi = Math.min(n, i + right + 1);
    y[i] = (prefix[hi] - prefix[lo]) / (hi - lo);
  }

  @Override
  public String toString() {
    return "PanTompkins[refractory=" + refractorySeconds + "s, tWave=" + tWaveSeconds
        + "s, integration=" + integrationSeconds + "s, searchBack=" + searchBackFactor
        + ", correction=" + correctionSeconds + "s, irregularHalving=" + irregularHalving
        + ", thresholdFraction=" + frac + ", decay=" + decay + "]";
  }

  /** Builder for {@link PanTompkins}; every setting is optional and defaults to the paper's. */
  public static final class Builder {
    private double refractorySeconds = 0.200;
    private double tWaveSeconds = 0.360;
    private double integrationSeconds = 0.150;
    private double searchBackFactor = 1.66;
    private double correctionSeconds = DEFAULT_CORRECTION_SECONDS;
    private boolean irregularHalving = true;
    private double frac = 0.25;
    private boolean decay = true;

    private Builder() {}

    /**
     * @param seconds refractory period after a QRS (default 0.2 s)
     * @return this builder
     * @throws EcgArgumentException if not in (0, 1]
     */
    public Builder optRefractorySeconds(double seconds) {
      this.refractorySeconds = SignalChecks.inRange("refractorySeconds", seconds, 0, 1);
      return this;
    }

    /**
     * @param seconds interval after a QRS in which a low-slope candidate is a T wave (default 0.36 s)
     * @return this builder
     * @throws EcgArgumentException if not in (0, 1]
     */
    public Builder optTWaveSeconds(double seconds) {
      this.tWaveSeconds = SignalChecks.inRange("tWaveSeconds", seconds, 0, 1);
      return this;
    }

    /**
     * @param seconds moving-window integration width (default 0.15 s)
     * @return this builder
     * @throws EcgArgumentException if not in (0, 1]
     */
    public Builder optIntegrationSeconds(double seconds) {
      this.integrationSeconds = SignalChecks.inRange("integrationSeconds", seconds, 0, 1);
      return this;
    }

    /**
     * @param factor search back when no QRS was seen for this multiple of the RR average
     *     (default 1.66)
     * @return this builder
     * @throws EcgArgumentException if not in (1, 5]
     */
    public Builder optSearchBackFactor(double factor) {
      this.searchBackFactor = SignalChecks.inRange("searchBackFactor", factor, 1, 5);
      return this;
    }

    /**
     * @param seconds half-width of the R-peak correction search on the original signal (default
     *     {@value PanTompkins#DEFAULT_CORRECTION_SECONDS} s)
     * @return this builder
     * @throws EcgArgumentException if not in (0, 0.2]
     */
    public Builder optCorrectionSeconds(double seconds) {
      this.correctionSeconds = SignalChecks.inRange("correctionSeconds", seconds, 0, 0.2);
      return this;
    }

    /**
     * @param on whether to halve the first thresholds after an irregular RR interval (default
     *     true, as in the paper)
     * @return this builder
     */
    public Builder optIrregularHalving(boolean on) {
      this.irregularHalving = on;
      return this;
    }

    /**
     * @param fraction position of the first threshold between the noise and signal levels,
     *     {@code THR1 = NPK + fraction (SPK - NPK)} (default 0.25, as in the paper)
     * @return this builder
     * @throws EcgArgumentException if not in (0, 1]
     */
    public Builder optThresholdFraction(double fraction) {
      this.frac = SignalChecks.inRange("thresholdFraction", fraction, 0, 1);
      return this;
    }

    /**
     * @param on whether a search-back that finds nothing lowers the signal levels once per missing
     *     beat ({@code SPK <- 0.75 SPK + 0.25 NPK}) and looks again (default true; an addition to
     *     the paper that recovers small beats after a run of large ectopic ones)
     * @return this builder
     */
    public Builder optThresholdDecay(boolean on) {
      this.decay = on;
      return this;
    }

    /** @return the detector */
    public PanTompkins build() {
      return new PanTompkins(this);
    }
  }
}
