package dev.ecg.io.delineate;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.dsp.NanInputException;
import dev.ecg.io.dsp.SignalTooShortException;
import java.util.EnumMap;

/**
 * Wavelet-based delineation of P, QRS and T waves, reproducing NeuroKit2's
 * {@code ecg_delineate(cleaned, rpeaks, sampling_rate, method="dwt")}: for each R peak, the Q and
 * S peaks, the onset, peak and offset of the P and T waves, and the onset and offset of the QRS
 * complex.
 *
 * <p>The method is the wavelet delineator of J. P. Martínez, R. Almeida, S. Olmos, A. P. Rocha and
 * P. Laguna, "A wavelet-based ECG delineator: evaluation on standard databases", IEEE Trans.
 * Biomed. Eng. 51(4):570-581, 2004, in the simplified form NeuroKit2 implements (D. Makowski et
 * al., "NeuroKit2: A Python toolbox for neurophysiological signal processing", Behav. Res.
 * Methods 53:1689-1696, 2021). This class was written from the published method and from
 * NeuroKit2's observed behaviour, checked against its outputs; no NeuroKit2 code was used. On
 * MIT-BIH record 100 (first 60 s) it gives the same sample as NeuroKit2 for every point
 * ({@code DwtDelineatorGoldenTest}).
 *
 * <h2>Steps</h2>
 *
 * <ol>
 *   <li><b>Q and S</b>, at the input rate. Each beat is cut into an epoch from
 *       {@code -0.35 * 60/HR} to {@code +0.65 * 60/HR} seconds around its R peak, HR being the mean
 *       over the whole signal of the heart rate interpolated by a monotone cubic through the
 *       per-beat rates (NeuroKit2's {@code ecg_segment}). Q is the last local minimum in the part
 *       up to R, S the first local minimum in the part from R, each with a prominence of at least
 *       5 % of the range of its part. The epoch's time axis is NeuroKit2's evenly spaced one, so Q
 *       and S may sit one sample off the exact minimum, as NeuroKit2's do.
 *   <li><b>Resampling</b> to {@value #ANALYSIS_RATE_HZ} Hz by cubic-spline interpolation
 *       ({@link SplineZoom}, SciPy's {@code ndimage.zoom}), to {@code round(n * 2000 / fs)}
 *       samples. R and Q peaks are carried over as {@code int(i * 2000 / fs)}.
 *   <li><b>Transform</b>: the quadratic-spline à-trous transform ({@link QuadraticSplineWavelet}).
 *       The median heart rate {@code HRm} (from the per-beat rates at 2000 Hz) picks the levels:
 *       {@code a = int(log2((2000/250) / (HRm/60)))}, the P and boundary level is {@code 2 + a} and
 *       the T level {@code 3 + a} (NeuroKit2's row numbers; scale {@code 2^(level+1)}). Search
 *       durations {@code d} are scaled to {@code round(d * 60/HRm, 3)} seconds.
 *   <li><b>T peak</b>: in {@code [R + 65 ms, R + 2 * 0.25 s scaled)} on the T level, the extrema
 *       of {@code |W|} above {@code 0.25 * rms(W)} and above {@code 0.025 * max(W)} (with the first
 *       sample added when W starts positive) are paired; each positive extremum followed by a
 *       negative one brackets a zero crossing, a candidate peak. The candidate with the highest
 *       {@code ecg(t) - (t - (0.25 s scaled - 65 ms))} (t in seconds from the window start) wins.
 *   <li><b>P peak</b>: likewise in {@code [R - 2 * 0.2 s scaled, R - 65 ms)} on the P level with
 *       threshold {@code 0.02 * rms(W)} and score {@code ecg(t) - |t - 0.2 s scaled|}.
 *   <li><b>QRS onset</b>: between the P peak and the Q peak, on the boundary level, the last local
 *       minimum of W; the onset is the last earlier sample where {@code -W} is below half of
 *       {@code -W} at that minimum. <b>QRS offset</b>: between R and the T peak, the first local
 *       maximum of W; the offset is the first later sample where W falls below half of it.
 *   <li><b>P and T onsets</b>: in the {@code 0.3 s} (P) or {@code 0.6 s} (T) scaled before the
 *       peak, the last local maximum of W; the onset is the last earlier sample where W is below
 *       {@code 0.4} (P) or {@code 0.6} (T) times that maximum. <b>Offsets</b>: in the {@code 0.3 s}
 *       scaled after the peak, the first local minimum of W; the offset is the first later sample
 *       where {@code -W} is below {@code 0.4} times {@code -W} at that minimum.
 *   <li>Points are mapped back to the input rate as {@code int(i * fs / 2000)} (truncation).
 * </ol>
 *
 * <p>A point is {@link Delineation#ABSENT} where its search finds nothing, where a point it starts
 * from is absent, or where its search window is empty.
 *
 * <h2>Departures from NeuroKit2</h2>
 *
 * <ul>
 *   <li>A search window that would start before the first sample (P searches of a beat within
 *       about 0.4 s of the start) gives an absent point; NeuroKit2's Python slicing would wrap
 *       around to the end of the signal or give an empty window.
 *   <li>Epoch samples before the start of the signal are ignored (NeuroKit2 pads them); samples
 *       after the end are ignored in both.
 *   <li>Every list stays aligned with the R peaks; NeuroKit2 drops points at sample 0 from its
 *       lists.
 *   <li>A median heart rate whose levels fall outside the 9-level transform (below 7.5 bpm) is
 *       refused instead of indexing from the end.
 * </ul>
 *
 * <p>The input should be cleaned as NeuroKit2's {@code ecg_clean(method="neurokit")} does
 * ({@link dev.ecg.io.dsp.EcgCleaner.Preset#NEUROKIT_EXACT}) for the points to match NeuroKit2's.
 * Time and memory
 * are linear in the signal length; memory is about six doubles per sample at 2000 Hz, and inputs
 * longer than {@value #MAX_ANALYSIS_SAMPLES} samples at 2000 Hz (20 minutes) are refused: delineate
 * long records in pieces. Thread-safe (stateless).
 */
public final class DwtDelineator {
  /** Rate at which the transform is computed, in Hz (NeuroKit2's {@code analysis_sampling_rate}). */
  public static final double ANALYSIS_RATE_HZ = 2000.0;
  /** Lowest input sampling rate accepted, in Hz. */
  public static final double MIN_SAMPLING_RATE_HZ = 50.0;
  /** Highest input sampling rate accepted, in Hz (the analysis rate). */
  public static final double MAX_SAMPLING_RATE_HZ = ANALYSIS_RATE_HZ;
  /** Longest signal accepted, counted in samples at the analysis rate (20 minutes). */
  public static final int MAX_ANALYSIS_SAMPLES = 2_400_000;

  private static final int ABSENT = Delineation.ABSENT;
  private static final int LEVELS = 9;
  private static final double QRS_WIDTH_S = 0.13;
  private static final double P_TO_R_S = 0.2;
  private static final double R_TO_T_S = 0.25;
  private static final int P_LEVEL = 2;
  private static final int T_LEVEL = 3;
  private static final int BOUND_LEVEL = 2;
  private static final double T_EPSILON = 0.25;
  private static final double P_EPSILON = 0.02;
  private static final double PEAK_FLOOR = 0.025;
  private static final double QRS_WEIGHT = 0.5;
  private static final double EPOCH_PRE = 0.35;
  private static final double QS_PROMINENCE = 0.05;

  private DwtDelineator() {}

  /** Default chunk length of {@link #delineateLong}, in seconds. */
  public static final double DEFAULT_CHUNK_SECONDS = 300.0;

  /** Context kept on each side of a chunk's first and last R peak, in seconds. */
  static final double CHUNK_MARGIN_SECONDS = 2.0;

  /**
   * Delineates a signal of any length by cutting it into chunks of about {@code chunkSeconds},
   * each holding whole beats plus {@value #CHUNK_MARGIN_SECONDS} s of context on both sides, and
   * delineating each with {@link #delineate}. Points are identical to one {@code delineate} call
   * when the signal fits one chunk; otherwise the heart-rate adaptation of the transform (its
   * median heart rate and search windows) follows each chunk instead of the whole record, which
   * suits long recordings whose rate changes. Time and memory grow linearly with the length.
   *
   * @param cleaned the cleaned signal, finite values, at least one second long
   * @param rPeaks R-peak sample indices, strictly increasing, at least two
   * @param fs sampling rate in Hz, as for {@link #delineate}
   * @param chunkSeconds target chunk length, 10 s to 1200 s
   * @return the points of every beat, aligned with {@code rPeaks}; a chunk holding a single beat
   *     is joined to its neighbour, and a beat alone in the whole record gets absent points
   * @throws EcgArgumentException for the reasons {@link #delineate} gives, or a chunk length
   *     out of range
   */
  public static Delineation delineateLong(double[] cleaned, int[] rPeaks, double fs,
      double chunkSeconds) {
    if (!(chunkSeconds >= 10 && chunkSeconds <= 1200)) {
      throw new EcgArgumentException("chunk length must be 10 to 1200 s, got " + chunkSeconds);
    }
    if (cleaned == null || rPeaks == null) {
      throw new EcgArgumentException("signal and R peaks must not be null");
    }
    if (!(fs >= MIN_SAMPLING_RATE_HZ && fs <= MAX_SAMPLING_RATE_HZ)) {
      throw new EcgArgumentException("sampling rate must be " + MIN_SAMPLING_RATE_HZ + " to "
          + MAX_SAMPLING_RATE_HZ + " Hz, got " + fs);
    }
    if (cleaned.length <= chunkSeconds * fs) {
      return delineate(cleaned, rPeaks, fs);
    }
    int margin = (int) Math.ceil(CHUNK_MARGIN_SECONDS * fs);
    int span = (int) Math.floor(chunkSeconds * fs) - 2 * margin;
    // group consecutive beats whose first-to-last distance fits the span
    java.util.List<int[]> groups = new java.util.ArrayList<>();
    int start = 0;
    for (int i = 1; i <= rPeaks.length; i++) {
      if (i == rPeaks.length || (long) rPeaks[i] - rPeaks[start] > span) {
        groups.add(new int[] {start, i});
        start = i;
      }
    }
    // a single-beat group cannot be delineated alone: join it to a neighbour
    for (int g = 0; g < groups.size(); g++) {
      int[] gr = groups.get(g);
      if (gr[1] - gr[0] < 2 && groups.size() > 1) {
        if (g > 0) {
          groups.get(g - 1)[1] = gr[1];
        } else {
          groups.get(1)[0] = gr[0];
        }
        groups.remove(g);
        g--;
      }
    }
    EnumMap<Wave, int[]> out = new EnumMap<>(Wave.class);
    for (Wave w : Wave.values()) {
      int[] a = new int[rPeaks.length];
      java.util.Arrays.fill(a, Delineation.ABSENT);
      out.put(w, a);
    }
    for (int[] gr : groups) {
      if (gr[1] - gr[0] < 2) {
        continue;
      }
      int from = Math.max(0, rPeaks[gr[0]] - margin);
      int to = Math.min(cleaned.length, rPeaks[gr[1] - 1] + margin + 1);
      int[] local = new int[gr[1] - gr[0]];
      for (int i = 0; i < local.length; i++) {
        local[i] = rPeaks[gr[0] + i] - from;
      }
      double[] piece = java.util.Arrays.copyOfRange(cleaned, from, to);
      // at least the margin on one side, so never shorter than the one second delineate needs
      Delineation d = delineate(piece, local, fs);
      for (Wave w : Wave.values()) {
        int[] src = d.points(w);
        int[] dst = out.get(w);
        for (int i = 0; i < src.length; i++) {
          dst[gr[0] + i] = src[i] == Delineation.ABSENT ? Delineation.ABSENT : src[i] + from;
        }
      }
    }
    return Delineation.of(fs, rPeaks, out);
  }

  /**
   * Delineates every beat of a cleaned single-lead ECG.
   *
   * @param cleaned the cleaned signal (for NeuroKit2's points, the output of
   *     {@code ecg_clean(method="neurokit")}), finite values, at least one second long
   * @param rPeaks R-peak sample indices into {@code cleaned}, strictly increasing, at least two
   * @param fs sampling rate in Hz, {@value #MIN_SAMPLING_RATE_HZ} to
   *     {@value #MAX_SAMPLING_RATE_HZ}
   * @return the points of every beat, aligned with {@code rPeaks}, indices at {@code fs}
   * @throws EcgArgumentException if an argument is null, {@code fs} is out of range, there are
   *     fewer than two R peaks, a peak is outside the signal or out of order, the signal is longer
   *     than the limit, or the median heart rate is outside what the transform covers
   * @throws SignalTooShortException if the signal is shorter than one second
   * @throws NanInputException if the signal holds a NaN or an infinity
   */
  public static Delineation delineate(double[] cleaned, int[] rPeaks, double fs) {
    int n = checkArguments(cleaned, rPeaks, fs);
    int beats = rPeaks.length;
    EnumMap<Wave, int[]> out = new EnumMap<>(Wave.class);

    int[][] qs = qsPeaks(cleaned, rPeaks, fs);
    out.put(Wave.Q_PEAK, qs[0]);
    out.put(Wave.S_PEAK, qs[1]);

    int len = (int) Math.rint(n * ANALYSIS_RATE_HZ / fs);
    double[] x = len == n ? cleaned.clone() : SplineZoom.zoom(cleaned, len);
    int[] r = toRate(rPeaks, fs, ANALYSIS_RATE_HZ);
    int[] q = toRate(qs[0], fs, ANALYSIS_RATE_HZ);

    double hrm = HeartRate.medianRate(r, ANALYSIS_RATE_HZ);
    int a = truncatedLog2((ANALYSIS_RATE_HZ / 250.0) / (hrm / 60.0));
    if (P_LEVEL + a < 0 || T_LEVEL + a >= LEVELS) {
      throw new EcgArgumentException(String.format(java.util.Locale.ROOT,
          "median heart rate %.3g bpm is outside the range the %d-level wavelet transform covers "
              + "(about 7.5 to 3840 bpm); check the R peaks and the sampling rate", hrm, LEVELS));
    }
    int boundLevel = BOUND_LEVEL + a;
    double[][] w = QuadraticSplineWavelet.details(x, new int[] {P_LEVEL + a, T_LEVEL + a});
    double[] pw = w[0];
    double[] tw = w[1];
    double[] bw = boundLevel == P_LEVEL + a ? pw : tw;

    double scale = 60.0 / hrm;
    double p2r = round3(P_TO_R_S * scale);
    double rt = round3(R_TO_T_S * scale);
    int[] tPeaks = tPeaks(x, r, tw, rt);
    int[] pPeaks = pPeaks(x, r, pw, p2r);
    int[][] qrs = qrsBounds(r, q, pPeaks, tPeaks, bw);
    int[][] pBounds = waveBounds(pPeaks, bw, round3(0.3 * scale), round3(0.3 * scale), 0.4, 0.4);
    int[][] tBounds = waveBounds(tPeaks, bw, round3(0.6 * scale), round3(0.3 * scale), 0.6, 0.4);

    out.put(Wave.P_ONSET, toRate(pBounds[0], ANALYSIS_RATE_HZ, fs));
    out.put(Wave.P_PEAK, toRate(pPeaks, ANALYSIS_RATE_HZ, fs));
    out.put(Wave.P_OFFSET, toRate(pBounds[1], ANALYSIS_RATE_HZ, fs));
    out.put(Wave.QRS_ONSET, toRate(qrs[0], ANALYSIS_RATE_HZ, fs));
    out.put(Wave.QRS_OFFSET, toRate(qrs[1], ANALYSIS_RATE_HZ, fs));
    out.put(Wave.T_ONSET, toRate(tBounds[0], ANALYSIS_RATE_HZ, fs));
    out.put(Wave.T_PEAK, toRate(tPeaks, ANALYSIS_RATE_HZ, fs));
    out.put(Wave.T_OFFSET, toRate(tBounds[1], ANALYSIS_RATE_HZ, fs));
    assert out.values().stream().allMatch(p -> p.length == beats);
    return Delineation.of(fs, rPeaks, out);
  }

  private static int checkArguments(double[] cleaned, int[] rPeaks, double fs) {
    if (cleaned == null) {
      throw new EcgArgumentException("signal must not be null");
    }
    if (rPeaks == null) {
      throw new EcgArgumentException("R peaks must not be null");
    }
    if (!(fs >= MIN_SAMPLING_RATE_HZ && fs <= MAX_SAMPLING_RATE_HZ)) {
      throw new EcgArgumentException("sampling rate must be within " + MIN_SAMPLING_RATE_HZ + ".."
          + MAX_SAMPLING_RATE_HZ + " Hz, got " + fs + "; resample the signal first");
    }
    int n = cleaned.length;
    int minLength = (int) Math.ceil(fs);
    if (n < minLength) {
      throw new SignalTooShortException("dwt delineation (one second)", n, minLength);
    }
    double analysis = n * ANALYSIS_RATE_HZ / fs;
    if (analysis > MAX_ANALYSIS_SAMPLES) {
      throw new EcgArgumentException(String.format(java.util.Locale.ROOT,
          "signal of %d samples (%.1f s) needs %.0f samples at %.0f Hz, more than %d; delineate it "
              + "in pieces of at most %.0f s", n, n / fs, analysis, ANALYSIS_RATE_HZ,
          MAX_ANALYSIS_SAMPLES, MAX_ANALYSIS_SAMPLES / ANALYSIS_RATE_HZ));
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(cleaned[i])) {
        throw new NanInputException("signal", i, cleaned[i]);
      }
    }
    if (rPeaks.length < 2) {
      throw new EcgArgumentException("dwt delineation needs at least 2 R peaks (the heart rate "
          + "sets the search windows), got " + rPeaks.length);
    }
    for (int i = 0; i < rPeaks.length; i++) {
      if (rPeaks[i] < 0 || rPeaks[i] >= n) {
        throw new EcgArgumentException("R peak " + i + " at sample " + rPeaks[i]
            + " is outside the signal of " + n + " samples");
      }
      if (i > 0 && rPeaks[i] <= rPeaks[i - 1]) {
        throw new EcgArgumentException("R peaks must be strictly increasing; peak " + i + " ("
            + rPeaks[i] + ") follows " + rPeaks[i - 1] + "; sort them and drop duplicates");
      }
    }
    return n;
  }

  // ---------------------------------------------------------------- Q and S at the input rate

  private static int[][] qsPeaks(double[] x, int[] rPeaks, double fs) {
    int n = x.length;
    double hr = HeartRate.meanInterpolatedRate(rPeaks, fs, n);
    double window = 60.0 / hr;
    double start = -(EPOCH_PRE * window);
    double end = (1 - EPOCH_PRE) * window;
    int buffer = (int) ((end - start) * fs);
    int[] qOut = new int[rPeaks.length];
    int[] sOut = new int[rPeaks.length];
    for (int b = 0; b < rPeaks.length; b++) {
      int rp = rPeaks[b];
      int onset = rp + buffer;
      int i0 = (int) (onset + start * fs);
      int i1 = (int) (onset + end * fs);
      int m = Math.max(0, i1 - i0);
      double[] epoch = new double[m];
      for (int k = 0; k < m; k++) {
        int idx = i0 + k - buffer;
        epoch[k] = idx >= 0 && idx < n ? x[idx] : Double.NaN;
      }
      // NeuroKit2's epoch time axis: numpy.linspace(start, end, m)
      double step = m > 1 ? (end - start) / (m - 1) : 0.0;
      int firstPositive = -1;
      int firstNonNegative = -1;
      for (int k = 0; k < m; k++) {
        double t = k == m - 1 && m > 1 ? end : k * step + start;
        if (firstNonNegative < 0 && t >= 0) {
          firstNonNegative = k;
        }
        if (t > 0) {
          firstPositive = k;
          break;
        }
      }
      qOut[b] = ABSENT;
      sOut[b] = ABSENT;
      if (firstPositive < 0) {
        continue;
      }
      double[] left = java.util.Arrays.copyOfRange(epoch, 0, firstPositive);
      int[] qc = PeakSearch.prominentMaxima(PeakSearch.negate(left), QS_PROMINENCE * range(left));
      if (qc.length > 0) {
        qOut[b] = inside(rp - (firstPositive - qc[qc.length - 1]), n);
      }
      double[] right = java.util.Arrays.copyOfRange(epoch, firstNonNegative, m);
      int[] sc = PeakSearch.prominentMaxima(PeakSearch.negate(right),
          QS_PROMINENCE * range(right));
      if (sc.length > 0) {
        sOut[b] = inside(rp + sc[0], n);
      }
    }
    return new int[][] {qOut, sOut};
  }

  /** max - min ignoring NaN; NaN when every value is NaN. */
  private static double range(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double d : v) {
      if (!Double.isNaN(d)) {
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
      }
    }
    return lo > hi ? Double.NaN : hi - lo;
  }

  private static int inside(int i, int n) {
    return i >= 0 && i < n ? i : ABSENT;
  }

  // ---------------------------------------------------------------- peaks at the analysis rate

  private static int[] tPeaks(double[] x, int[] r, double[] w, double rt) {
    int bound = (int) (0.5 * QRS_WIDTH_S * ANALYSIS_RATE_HZ);
    int[] out = new int[r.length];
    for (int b = 0; b < r.length; b++) {
      int s0 = r[b] + bound;
      int s1 = r[b] + 2 * (int) (rt * ANALYSIS_RATE_HZ);
      double target = rt - 0.5 * QRS_WIDTH_S;
      out[b] = wavePeak(x, w, s0, s1, T_EPSILON, z -> -(z / ANALYSIS_RATE_HZ - target));
    }
    return out;
  }

  private static int[] pPeaks(double[] x, int[] r, double[] w, double p2r) {
    int bound = (int) (0.5 * QRS_WIDTH_S * ANALYSIS_RATE_HZ);
    int[] out = new int[r.length];
    for (int b = 0; b < r.length; b++) {
      int s0 = r[b] - 2 * (int) (p2r * ANALYSIS_RATE_HZ);
      int s1 = r[b] - bound;
      out[b] = s0 < 0 ? ABSENT
          : wavePeak(x, w, s0, s1, P_EPSILON, z -> -Math.abs(z / ANALYSIS_RATE_HZ - p2r));
    }
    return out;
  }

  /** Penalty added to the signal value of a candidate at offset {@code z} in its window. */
  private interface Penalty {
    double at(int z);
  }

  /**
   * The zero crossing of W between a positive and the next negative extremum, in
   * {@code [s0, s1)}, with the best score; ABSENT when there is none.
   */
  private static int wavePeak(double[] x, double[] w, int s0, int s1, double epsilon,
      Penalty penalty) {
    int e = Math.min(s1, w.length);
    if (s0 >= e) {
      return ABSENT;
    }
    int m = e - s0;
    double[] abs = new double[m];
    double sumSq = 0.0;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < m; k++) {
      double v = w[s0 + k];
      abs[k] = Math.abs(v);
      sumSq += v * v;
      max = Math.max(max, v);
    }
    double height = epsilon * Math.sqrt(sumSq / m);
    int[] found = PeakSearch.localMaximaAtLeast(abs, height);
    int[] ext = new int[found.length + 1];
    int count = 0;
    if (w[s0] > 0) {
      ext[count++] = 0;
    }
    for (int k : found) {
      if (abs[k] > PEAK_FLOOR * max) {
        ext[count++] = k;
      }
    }
    int best = ABSENT;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c + 1 < count; c++) {
      int lo = ext[c];
      int hi = ext[c + 1];
      if (w[s0 + lo] > 0 && w[s0 + hi] < 0) {
        int z = lo;
        while (Math.signum(w[s0 + z]) == Math.signum(w[s0 + z + 1])) {
          z++;
        }
        double score = x[s0 + z] + penalty.at(z);
        if (best == ABSENT || score > bestScore) {
          best = z;
          bestScore = score;
        }
      }
    }
    return best == ABSENT ? ABSENT : best + s0;
  }

  // ---------------------------------------------------------------- onsets and offsets

  private static int[][] qrsBounds(int[] r, int[] q, int[] pPeaks, int[] tPeaks, double[] w) {
    int[] on = new int[r.length];
    int[] off = new int[r.length];
    for (int b = 0; b < r.length; b++) {
      on[b] = ABSENT;
      if (pPeaks[b] != ABSENT && q[b] != ABSENT) {
        double[] neg = PeakSearch.negate(slice(w, pPeaks[b], q[b]));
        int[] mins = PeakSearch.localMaxima(neg);
        if (mins.length > 0) {
          int last = mins[mins.length - 1];
          on[b] = lastBelow(neg, last, QRS_WEIGHT * neg[last], pPeaks[b]);
        }
      }
      off[b] = ABSENT;
      if (tPeaks[b] != ABSENT) {
        double[] seg = slice(w, r[b], tPeaks[b]);
        int[] maxs = PeakSearch.localMaxima(seg);
        if (maxs.length > 0) {
          int first = maxs[0];
          off[b] = firstBelow(seg, first, QRS_WEIGHT * seg[first], r[b]);
        }
      }
    }
    return new int[][] {on, off};
  }

  private static int[][] waveBounds(int[] peaks, double[] w, double onsetS, double offsetS,
      double onsetWeight, double offsetWeight) {
    int[] on = new int[peaks.length];
    int[] off = new int[peaks.length];
    for (int b = 0; b < peaks.length; b++) {
      on[b] = ABSENT;
      off[b] = ABSENT;
      int p = peaks[b];
      if (p == ABSENT) {
        continue;
      }
      int s0 = p - (int) (onsetS * ANALYSIS_RATE_HZ);
      if (s0 >= 0) {
        double[] seg = slice(w, s0, p);
        int[] maxs = PeakSearch.localMaxima(seg);
        if (maxs.length > 0) {
          int last = maxs[maxs.length - 1];
          on[b] = lastBelow(seg, last, onsetWeight * seg[last], s0);
        }
      }
      double[] neg = PeakSearch.negate(slice(w, p, p + (int) (offsetS * ANALYSIS_RATE_HZ)));
      int[] mins = PeakSearch.localMaxima(neg);
      if (mins.length > 0) {
        int first = mins[0];
        off[b] = firstBelow(neg, first, offsetWeight * neg[first], p);
      }
    }
    return new int[][] {on, off};
  }

  /** Last {@code k < end} with {@code v[k] < threshold}, plus {@code origin}; ABSENT if none. */
  private static int lastBelow(double[] v, int end, double threshold, int origin) {
    for (int k = end - 1; k >= 0; k--) {
      if (v[k] < threshold) {
        return k + origin;
      }
    }
    return ABSENT;
  }

  /** First {@code k >= from} with {@code v[k] < threshold}, plus {@code origin}; ABSENT if none. */
  private static int firstBelow(double[] v, int from, double threshold, int origin) {
    for (int k = from; k < v.length; k++) {
      if (v[k] < threshold) {
        return k + origin;
      }
    }
    return ABSENT;
  }

  /** {@code a[from:to]} with Python's clamping for {@code from >= 0}. */
  private static double[] slice(double[] a, int from, int to) {
    int e = Math.min(to, a.length);
    return from >= e ? new double[0] : java.util.Arrays.copyOfRange(a, from, e);
  }

  // ---------------------------------------------------------------- small numerics

  /** Indices carried from rate {@code from} to rate {@code to} as {@code int(i * to / from)}. */
  static int[] toRate(int[] idx, double from, double to) {
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = idx[i] == ABSENT ? ABSENT : (int) (idx[i] * to / from);
    }
    return out;
  }

  /** {@code numpy.round(v, 3)}: scale, round half to even, unscale. */
  static double round3(double v) {
    return Math.rint(v * 1000.0) / 1000.0;
  }

  /** {@code int(numpy.log2(v))} for positive finite v, exactly: log2 truncated toward zero. */
  static int truncatedLog2(double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new EcgArgumentException("heart-rate scale factor must be finite and positive, got "
          + v);
    }
    int e = Math.getExponent(v);
    if (e < Double.MIN_EXPONENT) {
      e = Math.getExponent(v * 0x1p60) - 60; // subnormal
    }
    if (e >= 0) {
      return e; // floor(log2 v) == trunc for v >= 1
    }
    boolean power = v == Math.scalb(1.0, e);
    return power ? e : e + 1; // ceil(log2 v) == trunc for v < 1
  }
}
