package dev.ecg.io.qrs;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.dsp.Butterworth;
import dev.ecg.io.dsp.Sos;
import dev.ecg.io.dsp.SosFilter;
import java.util.Arrays;

/**
 * A QRS detector that does not report beats inside ventricular flutter or fibrillation: a base
 * detector (by default {@link TwoAverageDetector}, M. Elgendi, PLoS ONE 8(9):e73557, 2013)
 * followed by a rhythm rule built on the "VF filter" of S. Kuo and R. Dillman ("Computer detection
 * of ventricular fibrillation", Computers in Cardiology 1978, pp. 347-349; as described by A.
 * Amann, R. Tratnig and K. Unterkofler, "Reliability of old and new ventricular fibrillation
 * detection algorithms for automated external defibrillators", BioMed Eng OnLine 4:60, 2005).
 *
 * <h2>Why</h2>
 *
 * Ventricular flutter and fibrillation are continuous, quasi-sinusoidal oscillations without
 * isoelectric segments; they contain no QRS complexes, reference annotators mark no beats there
 * (MIT-BIH labels flutter waves {@code !}, which are not beats), yet every amplitude-threshold
 * detector fires on each wave. This class removes those detections with a general rule that looks
 * only at the signal, not at any annotation.
 *
 * <h2>Rule</h2>
 *
 * <ol>
 *   <li>The signal (NaN runs bridged) is band-passed 1-30 Hz (zero-phase 2nd-order Butterworth;
 *       the upper edge is lowered to {@code 0.4 fs} at low rates), the preprocessing of the VF
 *       filter (drift suppression and high-frequency noise removal).
 *   <li>For every detection, the window of {@value #DEFAULT_WINDOW_SECONDS} s centred on it (cut at
 *       the record edges) is analysed. Its mean half period is
 *       {@code N = round(pi * sum|V_i| / sum|V_i - V_(i-1)|)} samples (exact for a sinusoid) and
 *       its <i>leakage</i> is {@code l = sum|V_i + V_(i-N)| / sum(|V_i| + |V_(i-N)|)}: the
 *       fraction of the signal that survives adding a copy of itself delayed by half a period. A
 *       sinusoid gives 0, a signal uncorrelated with its delayed copy about {@code 1/sqrt(2)}, a
 *       train of narrow QRS spikes on a flat baseline close to 1.
 *   <li>The window is taken as flutter/fibrillation, and the detection dropped, when
 *       {@code l < }{@value #DEFAULT_MAX_LEAKAGE} (for Gaussian signals this is a correlation below
 *       -0.5 between the signal and its half-period delayed copy, i.e. a strongly oscillating
 *       signal) <b>and</b> the oscillation period {@code 2N / fs} is at most
 *       {@value #DEFAULT_MAX_PERIOD_SECONDS} s (a rate of at least 150 per minute, the lower bound
 *       of ventricular flutter and fibrillation rates).
 * </ol>
 *
 * <p>The parameters (4 s, 0.5, 0.4 s) were fixed from the reasoning above before the detector was
 * scored; see {@code docs/qrs-detection.md} for the evaluation. A very fast monomorphic ventricular
 * tachycardia that looks sinusoidal (rate at least 150/min, no isoelectric line) is treated like
 * flutter and its beats are not reported; this is the documented price of the rule.
 *
 * <p>Run time is linear in the signal length: the filter is O(n) and each detection costs one
 * window, with detections at least a refractory period apart. Instances are immutable and
 * thread-safe when the base detector is.
 */
public final class VfAwareDetector implements QrsDetector {
  /** Default analysis window centred on each detection, in seconds. */
  public static final double DEFAULT_WINDOW_SECONDS = 4.0;
  /** Default leakage below which a window is an oscillation (flutter or fibrillation). */
  public static final double DEFAULT_MAX_LEAKAGE = 0.5;
  /** Default longest oscillation period of flutter/fibrillation, in seconds (150 per minute). */
  public static final double DEFAULT_MAX_PERIOD_SECONDS = 0.4;

  private final QrsDetector base;
  private final double windowSeconds;
  private final double maxLeakage;
  private final double maxPeriodSeconds;

  private VfAwareDetector(QrsDetector base, double windowSeconds, double maxLeakage,
      double maxPeriodSeconds) {
    this.base = base;
    this.windowSeconds = windowSeconds;
    this.maxLeakage = maxLeakage;
    this.maxPeriodSeconds = maxPeriodSeconds;
  }

  /**
   * @return the default detector: {@link TwoAverageDetector#create()} with the flutter rule at
   *     its default settings
   */
  public static VfAwareDetector create() {
    return wrap(TwoAverageDetector.create());
  }

  /**
   * @param base the detector whose detections are filtered
   * @return {@code base} followed by the flutter rule at its default settings
   * @throws EcgArgumentException if {@code base} is null
   */
  public static VfAwareDetector wrap(QrsDetector base) {
    if (base == null) {
      throw new EcgArgumentException("base detector is null");
    }
    return new VfAwareDetector(base, DEFAULT_WINDOW_SECONDS, DEFAULT_MAX_LEAKAGE,
        DEFAULT_MAX_PERIOD_SECONDS);
  }

  /**
   * @param seconds analysis window in seconds, in (1, 30]
   * @param leakage leakage threshold, in (0, 1]
   * @param periodSeconds longest flutter period in seconds, in (0, 2]
   * @return a copy with other rule settings
   * @throws EcgArgumentException if a value is out of range
   */
  public VfAwareDetector withRule(double seconds, double leakage, double periodSeconds) {
    return new VfAwareDetector(base, SignalChecks.inRange("windowSeconds", seconds, 1, 30),
        SignalChecks.inRange("maxLeakage", leakage, 0, 1),
        SignalChecks.inRange("maxPeriodSeconds", periodSeconds, 0, 2));
  }

  /** @return the base detector */
  public QrsDetector base() {
    return base;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The base detector's beats minus those inside ventricular flutter or fibrillation (see the
   * class description). When the signal is too short to band-pass (under about 1 s) the base
   * detector's beats are returned unchanged.
   */
  @Override
  public int[] detect(double[] x, double fs) {
    SignalChecks.checkRate(fs);
    SignalChecks.checkSignal(x, "signal");
    int[] beats = base.detect(x, fs);
    if (beats.length == 0) {
      return beats;
    }
    double[] v = bandPassed(x, fs);
    if (v == null) {
      return beats;
    }
    int[] out = new int[beats.length];
    int no = 0;
    for (int b : beats) {
      if (!oscillation(v, b, fs)) {
        out[no++] = b;
      }
    }
    return Arrays.copyOf(out, no);
  }

  /**
   * Whether the window centred on sample {@code centre} of a signal is flutter or fibrillation
   * by the rule of the class description.
   *
   * @param x the signal (NaN runs are bridged)
   * @param fs sampling rate in Hz
   * @param centre the centre sample of the analysis window
   * @return true for a flutter/fibrillation window; false when the signal is too short to filter
   * @throws InvalidSignalException if {@code fs} or {@code x} is unusable, or {@code centre} is
   *     outside the signal
   */
  public boolean isFlutter(double[] x, double fs, int centre) {
    SignalChecks.checkRate(fs);
    SignalChecks.checkSignal(x, "signal");
    if (centre < 0 || centre >= x.length) {
      throw new InvalidSignalException("centre " + centre + " outside the signal of " + x.length
          + " samples");
    }
    double[] v = bandPassed(x, fs);
    return v != null && oscillation(v, centre, fs);
  }

  /**
   * VF-filter leakage of {@code v[from, to)} (Kuo and Dillman 1978); NaN when the window is too
   * short or flat.
   *
   * @param v the (band-passed) signal
   * @param from first sample
   * @param to end sample (exclusive)
   * @param halfPeriod receives the half period {@code N} in samples at index 0 (may be null)
   * @return the leakage in [0, 1], or NaN
   */
  static double leakage(double[] v, int from, int to, int[] halfPeriod) {
    double sumAbs = 0;
    double sumDiff = 0;
    for (int i = from; i < to; i++) {
      sumAbs += Math.abs(v[i]);
      if (i > from) {
        sumDiff += Math.abs(v[i] - v[i - 1]);
      }
    }
    if (!(sumDiff > 0)) {
      return Double.NaN;
    }
    long nl = Math.round(Math.PI * sumAbs / sumDiff);
    int n = (int) Math.max(1, Math.min(nl, Integer.MAX_VALUE));
    if (halfPeriod != null) {
      halfPeriod[0] = n;
    }
    if (to - from <= 2 * n) {
      return Double.NaN;
    }
    double num = 0;
    double den = 0;
    for (int i = from + n; i < to; i++) {
      num += Math.abs(v[i] + v[i - n]);
      den += Math.abs(v[i]) + Math.abs(v[i - n]);
    }
    return den > 0 ? num / den : Double.NaN;
  }

  private boolean oscillation(double[] v, int centre, double fs) {
    int half = (int) Math.round(windowSeconds * fs / 2);
    int from = Math.max(0, centre - half);
    int to = Math.min(v.length, centre + half);
    if (to - from < Math.round(fs)) {
      return false; // under one second of signal: no rhythm decision
    }
    int[] n = new int[1];
    double l = leakage(v, from, to, n);
    return l < maxLeakage && 2.0 * n[0] / fs <= maxPeriodSeconds;
  }

  /** The VF filter's preprocessing; null when the signal is too short or the rate too low. */
  private static double[] bandPassed(double[] x, double fs) {
    double high = Math.min(30.0, 0.4 * fs);
    if (high <= 1.5) {
      return null;
    }
    Sos bp = Butterworth.bandpass(2, 1.0, high, fs);
    if (x.length <= SosFilter.defaultPadlen(bp)) {
      return null;
    }
    boolean[] invalid = new boolean[x.length];
    return SosFilter.filtfilt(bp, SignalChecks.bridgeNaN(x, invalid));
  }

  @Override
  public String toString() {
    return "VfAwareDetector[base=" + base + ", window=" + windowSeconds + "s, maxLeakage="
        + maxLeakage + ", maxPeriod=" + maxPeriodSeconds + "s]";
  }
}
