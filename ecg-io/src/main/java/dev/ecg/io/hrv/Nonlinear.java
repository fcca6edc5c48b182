package dev.ecg.io.hrv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The indices of {@code neurokit2.hrv_nonlinear} (package-private; see {@link Hrv#nonlinear}). */
final class Nonlinear {
  static final String[] MFDFA = {"Width", "Peak", "Mean", "Max", "Delta", "Asymmetry",
      "Fluctuation", "Increment"};
  static final List<String> COLUMNS;

  static {
    List<String> c = new ArrayList<>(List.of("HRV_SD1", "HRV_SD2", "HRV_SD1SD2", "HRV_S",
        "HRV_CSI", "HRV_CVI", "HRV_CSI_Modified", "HRV_PIP", "HRV_IALS", "HRV_PSS", "HRV_PAS",
        "HRV_GI", "HRV_SI", "HRV_AI", "HRV_PI", "HRV_C1d", "HRV_C1a", "HRV_SD1d", "HRV_SD1a",
        "HRV_C2d", "HRV_C2a", "HRV_SD2d", "HRV_SD2a", "HRV_Cd", "HRV_Ca", "HRV_SDNNd",
        "HRV_SDNNa", "HRV_DFA_alpha1"));
    for (String m : MFDFA) {
      c.add("HRV_MFDFA_alpha1_" + m);
    }
    c.add("HRV_DFA_alpha2");
    for (String m : MFDFA) {
      c.add("HRV_MFDFA_alpha2_" + m);
    }
    c.addAll(List.of("HRV_ApEn", "HRV_SampEn", "HRV_ShanEn", "HRV_FuzzyEn", "HRV_MSEn",
        "HRV_CMSEn", "HRV_RCMSEn", "HRV_CD", "HRV_HFD", "HRV_KFD", "HRV_LZC",
        "HRV_Symbolic_EqualProb4_0V", "HRV_Symbolic_EqualProb4_1V",
        "HRV_Symbolic_EqualProb4_2LV", "HRV_Symbolic_EqualProb4_2UV"));
    COLUMNS = List.copyOf(c);
  }

  private static final double SQRT2 = Math.sqrt(2);

  private Nonlinear() {}

  static Map<String, Double> compute(double[] rri) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String c : COLUMNS) {
      out.put(c, Double.NaN);
    }
    poincare(rri, out);
    fragmentation(rri, out);
    asymmetry(rri, out);
    dfa(rri, out);
    double r = 0.2 * Np.std(rri, 1);
    out.put("HRV_ApEn", Entropy.approximate(rri, 2, r));
    out.put("HRV_SampEn", Entropy.sample(rri, 2, r));
    out.put("HRV_ShanEn", Entropy.shannon(rri));
    out.put("HRV_FuzzyEn", Entropy.fuzzy(rri, 2, r));
    out.put("HRV_MSEn", Entropy.multiscale(rri, 2, r, Entropy.Multiscale.MSEN));
    out.put("HRV_CMSEn", Entropy.multiscale(rri, 2, r, Entropy.Multiscale.CMSEN));
    out.put("HRV_RCMSEn", Entropy.multiscale(rri, 2, r, Entropy.Multiscale.RCMSEN));
    out.put("HRV_CD", Fractal.correlationDimension(rri));
    out.put("HRV_HFD", Fractal.higuchi(rri, 10));
    out.put("HRV_KFD", Fractal.katz(rri));
    out.put("HRV_LZC", Fractal.lempelZiv(rri));
    double[] sym = Fractal.symbolicEqualProb4(rri);
    out.put("HRV_Symbolic_EqualProb4_0V", sym[0]);
    out.put("HRV_Symbolic_EqualProb4_1V", sym[1]);
    out.put("HRV_Symbolic_EqualProb4_2LV", sym[2]);
    out.put("HRV_Symbolic_EqualProb4_2UV", sym[3]);
    return out;
  }

  /** Poincaré plot: SD1, SD2 and the indices derived from them. */
  static void poincare(double[] rri, Map<String, Double> out) {
    int n = rri.length - 1;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = (rri[i] - rri[i + 1]) / SQRT2;
      b[i] = (rri[i] + rri[i + 1]) / SQRT2;
    }
    double sd1 = Np.std(a, 1);
    double sd2 = Np.std(b, 1);
    out.put("HRV_SD1", sd1);
    out.put("HRV_SD2", sd2);
    out.put("HRV_SD1SD2", sd1 / sd2);
    out.put("HRV_S", Math.PI * sd1 * sd2);
    double t = 4 * sd1;
    double l = 4 * sd2;
    out.put("HRV_CSI", l / t);
    out.put("HRV_CVI", Math.log10(l * t));
    out.put("HRV_CSI_Modified", l * l / t);
  }

  /** Heart rate asymmetry (Guzik, Porta, Piskorski) from the Poincaré plot. */
  static void asymmetry(double[] rri, Map<String, Double> out) {
    int n = rri.length - 1;
    double[] x = Arrays.copyOfRange(rri, 0, n);
    double[] y = Arrays.copyOfRange(rri, 1, n + 1);
    double cx = Np.mean(x);
    double cy = Np.mean(y);
    double[] dist = new double[n];
    double[] distL2 = new double[n];
    double[] theta = new double[n];
    double[] area = new double[n];
    int[] kind = new int[n]; // 1 decelerating, -1 accelerating, 0 equal
    for (int i = 0; i < n; i++) {
      double diff = y[i] - x[i];
      kind[i] = diff > 0 ? 1 : diff < 0 ? -1 : 0;
      distL2[i] = Math.abs((x[i] - cx) + (y[i] - cy)) / SQRT2;
      dist[i] = Math.abs(y[i] - x[i]) / SQRT2;
      theta[i] = Math.abs(Math.atan(1) - Math.atan(y[i] / x[i]));
      double r = Math.sqrt(x[i] * x[i] + y[i] * y[i]);
      area[i] = 1.0 / 2 * theta[i] * (r * r);
    }
    int nAcc = 0;
    int nEq = 0;
    for (int k : kind) {
      nAcc += k < 0 ? 1 : 0;
      nEq += k == 0 ? 1 : 0;
    }
    out.put("HRV_GI", Np.sum(select(dist, kind, 1)) / Np.sum(dist) * 100);
    out.put("HRV_SI", Np.sum(select(theta, kind, 1)) / Np.sum(theta) * 100);
    out.put("HRV_AI", Np.sum(select(area, kind, 1)) / Np.sum(area) * 100);
    out.put("HRV_PI", (double) nAcc / (n - nEq) * 100);
    double sd1d = Math.sqrt(Np.sum(squares(select(dist, kind, 1))) / (n - 1));
    double sd1a = Math.sqrt(Np.sum(squares(select(dist, kind, -1))) / (n - 1));
    double sd1i = Math.sqrt(sd1d * sd1d + sd1a * sd1a);
    out.put("HRV_C1d", sq(sd1d / sd1i));
    out.put("HRV_C1a", sq(sd1a / sd1i));
    out.put("HRV_SD1d", sd1d);
    out.put("HRV_SD1a", sd1a);
    double dec = Np.sum(squares(select(distL2, kind, 1))) / (n - 1);
    double acc = Np.sum(squares(select(distL2, kind, -1))) / (n - 1);
    double eq = Np.sum(squares(select(distL2, kind, 0))) / (n - 1);
    double sd2d = Math.sqrt(dec + 0.5 * eq);
    double sd2a = Math.sqrt(acc + 0.5 * eq);
    double sd2i = Math.sqrt(sd2d * sd2d + sd2a * sd2a);
    out.put("HRV_C2d", sq(sd2d / sd2i));
    out.put("HRV_C2a", sq(sd2a / sd2i));
    out.put("HRV_SD2d", sd2d);
    out.put("HRV_SD2a", sd2a);
    double sdnnd = Math.sqrt(0.5 * (sd1d * sd1d + sd2d * sd2d));
    double sdnna = Math.sqrt(0.5 * (sd1a * sd1a + sd2a * sd2a));
    double sdnn = Math.sqrt(sdnnd * sdnnd + sdnna * sdnna);
    out.put("HRV_Cd", sq(sdnnd / sdnn));
    out.put("HRV_Ca", sq(sdnna / sdnn));
    out.put("HRV_SDNNd", sdnnd);
    out.put("HRV_SDNNa", sdnna);
  }

  private static double sq(double v) {
    return v * v;
  }

  private static double[] select(double[] v, int[] kind, int which) {
    int c = 0;
    for (int k : kind) {
      c += k == which ? 1 : 0;
    }
    double[] s = new double[c];
    int j = 0;
    for (int i = 0; i < v.length; i++) {
      if (kind[i] == which) {
        s[j++] = v[i];
      }
    }
    return s;
  }

  private static double[] squares(double[] v) {
    double[] s = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      s[i] = v[i] * v[i];
    }
    return s;
  }

  /** Heart rate fragmentation (Costa et al. 2017): PIP, IALS, PSS, PAS. */
  static void fragmentation(double[] rri, Map<String, Double> out) {
    double[] dd = Np.diff(rri);
    int m = dd.length;
    List<Integer> crossings = new ArrayList<>();
    for (int k = 0; k + 1 < m; k++) {
      if (Math.signum(dd[k + 1]) != Math.signum(dd[k])) {
        crossings.add(k);
      }
    }
    out.put("HRV_PIP", (double) crossings.size() / rri.length);
    List<Integer> lengths = new ArrayList<>();
    lengths.addAll(runs(indices(dd, 1)));
    lengths.addAll(runs(indices(dd, -1)));
    double sumLen = 0;
    int shortRuns = 0;
    for (int l : lengths) {
      sumLen += l;
      shortRuns += l < 3 ? 1 : 0;
    }
    out.put("HRV_IALS", 1 / (sumLen / lengths.size()));
    out.put("HRV_PSS", (double) shortRuns / lengths.size());
    List<Integer> alt = runs(crossings);
    int longAlt = 0;
    for (int l : alt) {
      longAlt += l >= 4 ? 1 : 0;
    }
    out.put("HRV_PAS", (double) longAlt / alt.size());
  }

  private static List<Integer> indices(double[] dd, int sign) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < dd.length; i++) {
      if (sign > 0 ? dd[i] > 0 : dd[i] < 0) {
        idx.add(i);
      }
    }
    return idx;
  }

  /** Lengths of the runs of consecutive integers in an ascending list. */
  private static List<Integer> runs(List<Integer> idx) {
    List<Integer> lengths = new ArrayList<>();
    int len = 0;
    for (int i = 0; i < idx.size(); i++) {
      if (i > 0 && idx.get(i) == idx.get(i - 1) + 1) {
        len++;
      } else {
        if (len > 0) {
          lengths.add(len);
        }
        len = 1;
      }
    }
    if (len > 0) {
      lengths.add(len);
    }
    return lengths;
  }

  /** DFA alpha1 (scales 4..11) and alpha2 (12..beats/10) with their multifractal summaries. */
  static void dfa(double[] rri, Map<String, Double> out) {
    int[] shortScales = new int[8];
    for (int i = 0; i < 8; i++) {
      shortScales[i] = 4 + i;
    }
    dfaInto(rri, shortScales, "alpha1", out);
    double maxBeats = (rri.length + 1) / 10.0;
    if (maxBeats < 12 + 1) {
      return; // NeuroKit2 leaves the alpha2 columns out (here NaN)
    }
    int nLong = (int) (maxBeats - 12 + 1);
    double[] ls = Np.linspace(12, (int) maxBeats, nLong);
    int[] longScales = new int[ls.length];
    for (int i = 0; i < ls.length; i++) {
      longScales[i] = (int) ls[i];
    }
    dfaInto(rri, longScales, "alpha2", out);
  }

  private static void dfaInto(double[] rri, int[] scales, String name, Map<String, Double> out) {
    Fractal.Dfa d = Fractal.dfa(rri, scales);
    out.put("HRV_DFA_" + name, d.alpha());
    double[] m = d.multifractal();
    for (int i = 0; i < MFDFA.length; i++) {
      out.put("HRV_MFDFA_" + name + "_" + MFDFA[i], m[i]);
    }
  }
}
