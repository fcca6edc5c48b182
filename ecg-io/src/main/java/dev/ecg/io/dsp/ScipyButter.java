package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * Digital Butterworth high-pass design in second-order sections that repeats the floating-point
 * steps of {@code scipy.signal.butter(order, fc, btype="highpass", output="sos", fs=fs)}: the
 * analog prototype poles {@code -exp(i pi m / (2N))}, the low-pass to high-pass transform
 * {@code wo / p}, the bilinear transform with SciPy's internal {@code fs = 2} and pre-warping
 * {@code 4 tan(pi Wn / 2)}, and the "nearest" pole-zero pairing of {@code zpk2sos} (poles closest
 * to the unit circle go to the last section, the gain to the first). Complex arithmetic follows
 * NumPy's formulas (Smith's division). For the order-5, 0.5 Hz, 360 Hz design of NeuroKit2's
 * {@code ecg_clean} every coefficient equals SciPy's bit for bit; {@link Butterworth} designs the
 * same filter to within a few units in the last place.
 */
final class ScipyButter {
  private ScipyButter() {}

  /**
   * @param order filter order, 1 to 20
   * @param cutoff -3 dB frequency in Hz, {@code 0 < cutoff < fs/2}
   * @param fs sampling frequency in Hz
   * @return the cascade, {@code (order + 1) / 2} sections
   */
  static Sos highpass(int order, double cutoff, double fs) {
    Checks.fs(fs);
    Checks.cutoff(cutoff, fs, "cutoff");
    if (order < 1 || order > 20) {
      throw new EcgArgumentException("order must be in 1..20, got " + order);
    }
    final int n = order;
    double wn = cutoff / (fs / 2);
    double warped = 2 * 2.0 * Math.tan(Math.PI * wn / 2.0);
    // analog prototype poles -exp(1j*pi*m/(2N)), m = -N+1, -N+3, ..., N-1
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      int m = -n + 1 + 2 * i;
      double re = 0.0 * m - Math.PI * 0.0;
      double im = 0.0 * 0.0 + Math.PI * m;
      double[] q = div(new double[] {re, im}, new double[] {2 * n, 0});
      double e = Math.exp(q[0]);
      double c = q[1] == 0 ? 1.0 : Math.cos(q[1]);
      double s = q[1] == 0 ? q[1] : Math.sin(q[1]);
      p[i] = new double[] {-(e * c), -(e * s)};
    }
    // lp2hp_zpk: p -> wo / p, k -> real(1 / prod(-p)), N zeros at the origin
    double[] prod = {1, 0};
    for (double[] pi : p) {
      prod = mul(prod, new double[] {-pi[0], -pi[1]});
    }
    double khp = 1.0 * div(new double[] {1.0, 0}, prod)[0];
    // bilinear_zpk with fs = 2 (fs2 = 4): zeros at the origin map to z = 1
    double[][] pz = new double[n][];
    double[] den = {1, 0};
    for (int i = 0; i < n; i++) {
      double[] ph = div(new double[] {warped, 0}, p[i]);
      double[] minus = {4.0 - ph[0], 0.0 - ph[1]};
      pz[i] = div(new double[] {4.0 + ph[0], 0.0 + ph[1]}, minus);
      den = mul(den, minus);
    }
    double num = 1;
    for (int i = 0; i < n; i++) {
      num *= 4.0;
    }
    double k = khp * div(new double[] {num, 0}, den)[0];
    return pairNearest(pz, n, k);
  }

  /** zpk2sos(pairing="nearest") for n real zeros at z = 1 and the given poles. */
  private static Sos pairNearest(double[][] poles, int nZerosAtOne, double k) {
    List<double[]> p = new ArrayList<>();
    List<double[]> z = new ArrayList<>();
    for (double[] q : poles) {
      p.add(q.clone());
    }
    for (int i = 0; i < nZerosAtOne; i++) {
      z.add(new double[] {1.0, 0.0});
    }
    int nSections = (Math.max(p.size(), z.size()) + 1) / 2;
    if (p.size() % 2 == 1) {
      p.add(new double[] {0.0, 0.0});
      z.add(new double[] {0.0, 0.0});
    }
    p = cplxreal(p);
    z = cplxreal(z);
    double[][] sos = new double[nSections][6];
    for (int si = nSections - 1; si >= 0; si--) {
      int i1 = idxWorst(p, null);
      double[] p1 = p.remove(i1);
      boolean p1Real = p1[1] == 0;
      if (p1Real && countReal(p) == 0) {
        double[] z1 = z.remove(nearest(z, p1, 1));
        sos[si] = section(new double[][] {z1, {0, 0}}, new double[][] {p1, {0, 0}});
      } else if (p.size() + 1 == z.size() && !p1Real && countReal(p) == 1 && countReal(z) == 1) {
        double[] z1 = z.remove(nearest(z, p1, 2));
        sos[si] = section(new double[][] {z1, conj(z1)}, new double[][] {p1, conj(p1)});
      } else {
        double[] p2;
        if (p1Real) {
          p2 = p.remove(idxWorst(p, Boolean.TRUE));
        } else {
          p2 = conj(p1);
        }
        if (!z.isEmpty()) {
          double[] z1 = z.remove(nearest(z, p1, 0));
          if (z1[1] != 0) {
            sos[si] = section(new double[][] {z1, conj(z1)}, new double[][] {p1, p2});
          } else if (!z.isEmpty()) {
            double[] z2 = z.remove(nearest(z, p1, 1));
            sos[si] = section(new double[][] {z1, z2}, new double[][] {p1, p2});
          } else {
            sos[si] = section(new double[][] {z1}, new double[][] {p1, p2});
          }
        } else {
          sos[si] = section(new double[][] {}, new double[][] {p1, p2});
        }
      }
    }
    for (int j = 0; j < 3; j++) {
      sos[0][j] *= k;
    }
    return Sos.of(sos);
  }

  /** Complex pairs (positive imaginary part, sorted) first, then the real values, sorted. */
  private static List<double[]> cplxreal(List<double[]> v) {
    double tol = 100 * Math.ulp(1.0);
    List<double[]> reals = new ArrayList<>();
    List<double[]> pos = new ArrayList<>();
    List<double[]> neg = new ArrayList<>();
    for (double[] q : v) {
      if (Math.abs(q[1]) <= tol * Math.hypot(q[0], q[1])) {
        reals.add(new double[] {q[0], 0.0});
      } else if (q[1] > 0) {
        pos.add(q);
      } else {
        neg.add(q);
      }
    }
    java.util.Comparator<double[]> byReal = (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0])
        : Double.compare(Math.abs(a[1]), Math.abs(b[1]));
    reals.sort(byReal);
    pos.sort(byReal);
    neg.sort(byReal);
    if (pos.size() != neg.size()) {
      throw new IllegalStateException("unpaired complex root");
    }
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < pos.size(); i++) {
      double[] a = pos.get(i), b = neg.get(i);
      out.add(new double[] {(a[0] + b[0]) * 0.5, (a[1] + -b[1]) * 0.5});
    }
    out.addAll(reals);
    return out;
  }

  private static int countReal(List<double[]> v) {
    int c = 0;
    for (double[] q : v) {
      if (q[1] == 0) {
        c++;
      }
    }
    return c;
  }

  /** argmin |1 - |p|| (first occurrence), optionally among real entries only. */
  private static int idxWorst(List<double[]> p, Boolean realOnly) {
    int best = -1;
    double bestV = Double.POSITIVE_INFINITY;
    for (int i = 0; i < p.size(); i++) {
      double[] q = p.get(i);
      if (realOnly != null && q[1] != 0) {
        continue;
      }
      double v = Math.abs(1 - Math.hypot(q[0], q[1]));
      if (v < bestV) {
        bestV = v;
        best = i;
      }
    }
    return best;
  }

  /** Nearest entry to {@code to}: which 0 = any, 1 = real only, 2 = complex only (stable order). */
  private static int nearest(List<double[]> from, double[] to, int which) {
    int best = -1;
    double bestD = Double.POSITIVE_INFINITY;
    for (int i = 0; i < from.size(); i++) {
      double[] q = from.get(i);
      boolean real = q[1] == 0;
      if ((which == 1 && !real) || (which == 2 && real)) {
        continue;
      }
      double d = Math.hypot(q[0] - to[0], q[1] - to[1]);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  private static double[] conj(double[] a) {
    return new double[] {a[0], -a[1]};
  }

  /** One section from up to two zeros and two poles: {@code poly(z)}, {@code poly(p)}. */
  private static double[] section(double[][] z, double[][] p) {
    double[] b = polyReal(z);
    double[] a = polyReal(p);
    double[] s = new double[6];
    System.arraycopy(b, 0, s, 3 - b.length, b.length);
    System.arraycopy(a, 0, s, 6 - a.length, a.length);
    return s;
  }

  /** numpy.poly for up to two roots that are real or a conjugate pair; real coefficients. */
  private static double[] polyReal(double[][] roots) {
    double[][] c = {{1, 0}};
    for (double[] r : roots) {
      double[][] f = {{1, 0}, {-r[0], -r[1]}};
      double[][] out = new double[c.length + 1][];
      for (int kk = 0; kk < out.length; kk++) {
        double[] acc = {0, 0};
        for (int i = 0; i < c.length; i++) {
          int j = kk - i;
          if (j >= 0 && j < 2) {
            double[] t = mul(c[i], f[j]);
            acc = new double[] {acc[0] + t[0], acc[1] + t[1]};
          }
        }
        out[kk] = acc;
      }
      c = out;
    }
    double[] re = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      re[i] = c[i][0];
    }
    return re;
  }

  private static double[] mul(double[] a, double[] b) {
    return new double[] {a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]};
  }

  /** NumPy's complex division (Smith's algorithm with a reciprocal scale). */
  private static double[] div(double[] a, double[] b) {
    double ar = a[0], ai = a[1], br = b[0], bi = b[1];
    if (Math.abs(br) >= Math.abs(bi)) {
      double rat = bi / br;
      double scl = 1.0 / (br + bi * rat);
      return new double[] {(ar + ai * rat) * scl, (ai - ar * rat) * scl};
    }
    double rat = br / bi;
    double scl = 1.0 / (bi + br * rat);
    return new double[] {(ar * rat + ai) * scl, (ai * rat - ar) * scl};
  }
}
