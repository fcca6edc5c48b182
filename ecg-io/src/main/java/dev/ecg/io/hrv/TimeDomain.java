package dev.ecg.io.hrv;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The time-domain indices of {@code neurokit2.hrv_time} (package-private; see {@link Hrv#time}). */
final class TimeDomain {
  /** Column names in NeuroKit2's order. */
  static final List<String> COLUMNS = List.of("HRV_MeanNN", "HRV_SDNN", "HRV_SDANN1",
      "HRV_SDNNI1", "HRV_SDANN2", "HRV_SDNNI2", "HRV_SDANN5", "HRV_SDNNI5", "HRV_RMSSD",
      "HRV_SDSD", "HRV_CVNN", "HRV_CVSD", "HRV_MedianNN", "HRV_MadNN", "HRV_MCVNN", "HRV_IQRNN",
      "HRV_SDRMSSD", "HRV_Prc20NN", "HRV_Prc80NN", "HRV_pNN50", "HRV_pNN20", "HRV_MinNN",
      "HRV_MaxNN", "HRV_HTI", "HRV_TINN");

  /** Histogram bin width of HTI and TINN in ms: 1/128 s. */
  static final double BIN_MS = 1000.0 / 128;
  /** Largest squared error TINN accepts (NeuroKit2's starting value {@code 2**14}). */
  static final double TINN_MAX_ERROR = 16384;

  private TimeDomain() {}

  static Map<String, Double> compute(double[] rri) {
    Map<String, Double> out = new LinkedHashMap<>();
    double[] dd = Np.diff(rri);
    double meanNN = Np.mean(rri);
    double sdnn = Np.std(rri, 1);
    double[] sq = new double[dd.length];
    for (int i = 0; i < dd.length; i++) {
      sq[i] = dd[i] * dd[i];
    }
    double rmssd = Math.sqrt(Np.mean(sq));
    double sdsd = Np.std(dd, 1);
    double[] sorted = Np.sorted(rri);
    double median = Np.median(rri);
    double[] absDev = new double[rri.length];
    for (int i = 0; i < rri.length; i++) {
      absDev[i] = Math.abs(rri[i] - median);
    }
    double mad = 1.4826 * Np.median(absDev);

    out.put("HRV_MeanNN", meanNN);
    out.put("HRV_SDNN", sdnn);
    for (int w : new int[] {1, 2, 5}) {
      double[] s = sdannSdnni(rri, w);
      out.put("HRV_SDANN" + w, s[0]);
      out.put("HRV_SDNNI" + w, s[1]);
    }
    out.put("HRV_RMSSD", rmssd);
    out.put("HRV_SDSD", sdsd);
    out.put("HRV_CVNN", sdnn / meanNN);
    out.put("HRV_CVSD", rmssd / meanNN);
    out.put("HRV_MedianNN", median);
    out.put("HRV_MadNN", mad);
    out.put("HRV_MCVNN", mad / median);
    out.put("HRV_IQRNN", Np.percentileSorted(sorted, 75) - Np.percentileSorted(sorted, 25));
    out.put("HRV_SDRMSSD", sdnn / rmssd);
    out.put("HRV_Prc20NN", Np.percentileSorted(sorted, 20));
    out.put("HRV_Prc80NN", Np.percentileSorted(sorted, 80));
    out.put("HRV_pNN50", pnn(dd, 50));
    out.put("HRV_pNN20", pnn(dd, 20));
    out.put("HRV_MinNN", sorted[0]);
    out.put("HRV_MaxNN", sorted[sorted.length - 1]);
    double[] edges = edges(sorted[sorted.length - 1]);
    long[] counts = histogram(sorted, edges);
    long maxCount = Arrays.stream(counts).max().orElse(0);
    out.put("HRV_HTI", rri.length / (double) maxCount);
    out.put("HRV_TINN", tinn(sorted[0], sorted[sorted.length - 1], edges, counts));
    return out;
  }

  /** Share (percent) of successive differences above {@code limit} ms, over the number of intervals. */
  private static double pnn(double[] dd, double limit) {
    int c = 0;
    for (double d : dd) {
      if (Math.abs(d) > limit) {
        c++;
      }
    }
    return (double) c / (dd.length + 1) * 100;
  }

  /**
   * SDANN and SDNNI over windows of {@code minutes}: NaN for both when fewer than 3 windows
   * (half-to-even rounding of the duration over the window) fit.
   */
  static double[] sdannSdnni(double[] rri, int minutes) {
    int n = rri.length;
    double window = minutes * 60 * 1000.0;
    double[] t = new double[n];
    double acc = 0;
    for (int i = 0; i < n; i++) {
      acc += rri[i] / 1000;
      t[i] = acc;
    }
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = (t[i] - t[0]) * 1000 + rri[0];
    }
    double nWin = Math.rint(c[n - 1] / window);
    if (!(nWin >= 3)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    int windows = (int) nWin;
    double[] means = new double[windows];
    double[] sds = new double[windows];
    for (int k = 0; k < windows; k++) {
      double start = k * window;
      double end = start + window;
      int s = 0;
      while (s < n && !(c[s] >= start)) {
        s++;
      }
      int e = n - 1;
      while (e >= 0 && !(c[e] < end)) {
        e--;
      }
      means[k] = Np.mean(rri, s, Math.max(s, e));
      sds[k] = Np.std(rri, s, Math.max(s, e), 1);
    }
    double[] m = Np.dropNaN(means);
    double[] sd = Np.dropNaN(sds);
    return new double[] {Np.std(m, 1), Np.mean(sd)};
  }

  /** Bin edges {@code 0, b, 2b, ...} below {@code max + b}, as {@code numpy.arange}. */
  static double[] edges(double max) {
    double stop = max + BIN_MS;
    int len = (int) Math.ceil(stop / BIN_MS);
    double[] e = new double[Math.max(0, len)];
    for (int i = 0; i < e.length; i++) {
      e[i] = i * BIN_MS;
    }
    return e;
  }

  /** {@code numpy.histogram} counts for explicit edges: left-closed bins, the last one closed. */
  static long[] histogram(double[] sorted, double[] edges) {
    int bins = edges.length - 1;
    long[] counts = new long[Math.max(0, bins)];
    for (double v : sorted) {
      if (v < edges[0] || v > edges[bins]) {
        continue;
      }
      int b = (int) Math.max(0, Math.min(bins - 1, Math.floor(v / BIN_MS)));
      // v / BIN_MS may round across an edge: step to the bin with edges[b] <= v < edges[b+1]
      while (b > 0 && v < edges[b]) {
        b--;
      }
      while (b < bins - 1 && v >= edges[b + 1]) {
        b++;
      }
      counts[Math.min(b, bins - 1)]++;
    }
    return counts;
  }

  /**
   * TINN as NeuroKit2 computes it: X is the left edge of the modal bin and Y its count; the left
   * foot N is the first bin edge above the shortest interval; the right foot M runs over the
   * edges X + b, X + 2b, ... below the longest interval. For each M the triangle is the line from
   * (N, 0) to (X, Y) on the edges N..X and from (X, Y) to (M, 0) on the edges X..M, and its squared
   * error against the counts of the bins starting at those edges is compared; the first M with the
   * least error below 16384 wins and TINN = M - N, or 0 when no triangle qualifies. NeuroKit2's
   * outer loop over N never gets past the first N, because the inner loop over M is not restarted;
   * this is reproduced. Bin edges are exact multiples of 7.8125 ms, so the edge lookups are exact.
   */
  static double tinn(double min, double max, double[] edges, long[] counts) {
    int xIdx = 0;
    for (int i = 1; i < counts.length; i++) {
      if (counts[i] > counts[xIdx]) {
        xIdx = i;
      }
    }
    double x = edges[xIdx];
    double y = counts[xIdx];
    int nIdx = -1;
    for (int i = 0; i < edges.length; i++) {
      if (edges[i] - min > 0) {
        nIdx = i;
        break;
      }
    }
    if (nIdx < 0) {
      return Double.NaN;
    }
    double n = edges[nIdx];
    if (!(n < x)) {
      return 0.0;
    }
    double upSlope = y / (x - n);
    double upIntercept = -upSlope * n;
    double minError = TINN_MAX_ERROR;
    double bestN = 0;
    double bestM = 0;
    for (int mIdx = xIdx + 1; edges[mIdx] < max; mIdx++) {
      double m = edges[mIdx];
      double downSlope = -y / (m - x);
      double downIntercept = -downSlope * m;
      double[] err = new double[mIdx - nIdx + 1];
      for (int i = nIdx; i <= mIdx; i++) {
        double q = i < xIdx ? upSlope * edges[i] + upIntercept
            : downSlope * edges[i] + downIntercept;
        double d = counts[i] - q;
        err[i - nIdx] = d * d;
      }
      double error = Np.sum(err);
      if (error < minError) {
        bestN = n;
        bestM = m;
        minError = error;
      }
    }
    return bestM - bestN;
  }
}
