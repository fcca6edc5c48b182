package dev.ecg.io.dsp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Zeros, poles and gain of a digital filter and their conversion to second-order sections
 * (package-private). The pairing follows the "nearest" strategy that SciPy's {@code zpk2sos}
 * uses for digital filters, so that designs reproduce {@code scipy.signal.butter(...,
 * output='sos')} section by section: poles closest to the unit circle are taken first and placed
 * last in the cascade, each paired with the nearest remaining zeros.
 */
final class Zpk {
  private static final double TOL = 100 * Math.ulp(1.0);

  final List<Complex> z;
  final List<Complex> p;
  final double k;

  Zpk(List<Complex> z, List<Complex> p, double k) {
    this.z = z;
    this.p = p;
    this.k = k;
  }

  /**
   * Splits roots into conjugate-pair representatives (positive imaginary part, pairs averaged)
   * followed by the real roots (imaginary part exactly 0), each group sorted by real part then
   * by magnitude of imaginary part, with a relative realness tolerance of 100 ulp(1).
   */
  static List<Complex> cplxreal(List<Complex> roots) {
    List<Complex> s = new ArrayList<>(roots);
    s.sort(Comparator.<Complex>comparingDouble(c -> c.re).thenComparingDouble(c -> Math.abs(c.im)));
    List<Complex> reals = new ArrayList<>();
    List<Complex> pos = new ArrayList<>();
    List<Complex> neg = new ArrayList<>();
    for (Complex c : s) {
      if (Math.abs(c.im) <= TOL * c.abs()) {
        reals.add(new Complex(c.re, 0));
      } else if (c.im > 0) {
        pos.add(c);
      } else {
        neg.add(c);
      }
    }
    if (pos.size() != neg.size()) {
      throw new IllegalStateException("complex root without conjugate");
    }
    // within runs of (nearly) equal real part, order by |imag|
    int n = pos.size();
    int start = 0;
    while (start < n) {
      int stop = start + 1;
      while (stop < n && pos.get(stop).re - pos.get(stop - 1).re <= TOL * pos.get(stop - 1).abs()) {
        stop++;
      }
      if (stop - start > 1) {
        pos.subList(start, stop).sort(Comparator.comparingDouble(c -> Math.abs(c.im)));
        neg.subList(start, stop).sort(Comparator.comparingDouble(c -> Math.abs(c.im)));
      }
      start = stop;
    }
    List<Complex> out = new ArrayList<>(roots.size());
    for (int i = 0; i < n; i++) {
      Complex a = pos.get(i), b = neg.get(i).conj();
      if (a.minus(b).abs() > TOL * b.abs()) {
        throw new IllegalStateException("complex root without conjugate");
      }
      out.add(a.plus(b).div(2));
    }
    out.addAll(reals);
    return out;
  }

  private static int idxWorst(List<Complex> p, boolean realOnly) {
    int best = -1;
    double bd = Double.POSITIVE_INFINITY;
    for (int i = 0; i < p.size(); i++) {
      Complex c = p.get(i);
      if (realOnly && !c.isReal()) {
        continue;
      }
      double d = Math.abs(1 - c.abs());
      if (d < bd) {
        bd = d;
        best = i;
      }
    }
    return best;
  }

  /** 0 any, 1 real only, 2 complex only. */
  private static int nearest(List<Complex> from, Complex to, int which) {
    int best = -1;
    double bd = Double.POSITIVE_INFINITY;
    for (int i = 0; i < from.size(); i++) {
      Complex c = from.get(i);
      if ((which == 1 && !c.isReal()) || (which == 2 && c.isReal())) {
        continue;
      }
      double d = c.minus(to).abs();
      if (d < bd) {
        bd = d;
        best = i;
      }
    }
    if (best < 0) {
      throw new IllegalStateException("no matching root to pair with " + to);
    }
    return best;
  }

  private static int countReal(List<Complex> l) {
    int c = 0;
    for (Complex x : l) {
      if (x.isReal()) {
        c++;
      }
    }
    return c;
  }

  /** Monic polynomial (highest power first) of up to two roots, real part. */
  private static double[] poly(Complex... roots) {
    if (roots.length == 0) {
      return new double[] {1};
    }
    if (roots.length == 1) {
      return new double[] {1, -roots[0].re};
    }
    Complex s = roots[0].neg().plus(roots[1].neg());
    Complex prod = roots[0].neg().times(roots[1].neg());
    return new double[] {1, s.re, prod.re};
  }

  private static double[] section(Complex[] zs, Complex[] ps) {
    double[] b = poly(zs);
    double[] a = poly(ps);
    double[] r = new double[6];
    System.arraycopy(b, 0, r, 3 - b.length, b.length);
    System.arraycopy(a, 0, r, 6 - a.length, a.length);
    return r;
  }

  /** Second-order sections with the "nearest" pairing of a digital filter. */
  double[][] toSos() {
    List<Complex> zz = new ArrayList<>(z);
    List<Complex> pp = new ArrayList<>(p);
    if (zz.isEmpty() && pp.isEmpty()) {
      return new double[][] {{k, 0, 0, 1, 0, 0}};
    }
    while (pp.size() < zz.size()) {
      pp.add(Complex.ZERO);
    }
    while (zz.size() < pp.size()) {
      zz.add(Complex.ZERO);
    }
    int nSections = (pp.size() + 1) / 2;
    if (pp.size() % 2 == 1) {
      pp.add(Complex.ZERO);
      zz.add(Complex.ZERO);
    }
    zz = cplxreal(zz);
    pp = cplxreal(pp);
    double[][] sos = new double[nSections][];
    for (int si = nSections - 1; si >= 0; si--) {
      Complex p1 = pp.remove(idxWorst(pp, false));
      int realP = countReal(pp);
      if (p1.isReal() && realP == 0) {
        Complex z1 = zz.remove(nearest(zz, p1, 1));
        sos[si] = section(new Complex[] {z1, Complex.ZERO}, new Complex[] {p1, Complex.ZERO});
      } else if (pp.size() + 1 == zz.size() && !p1.isReal() && realP == 1
          && countReal(zz) == 1) {
        Complex z1 = zz.remove(nearest(zz, p1, 2));
        sos[si] = section(new Complex[] {z1, z1.conj()}, new Complex[] {p1, p1.conj()});
      } else {
        Complex p2;
        if (p1.isReal()) {
          p2 = pp.remove(idxWorst(pp, true));
        } else {
          p2 = p1.conj();
        }
        if (!zz.isEmpty()) {
          Complex z1 = zz.remove(nearest(zz, p1, 0));
          if (!z1.isReal()) {
            sos[si] = section(new Complex[] {z1, z1.conj()}, new Complex[] {p1, p2});
          } else if (!zz.isEmpty()) {
            Complex z2 = zz.remove(nearest(zz, p1, 1));
            sos[si] = section(new Complex[] {z1, z2}, new Complex[] {p1, p2});
          } else {
            sos[si] = section(new Complex[] {z1}, new Complex[] {p1, p2});
          }
        } else {
          sos[si] = section(new Complex[0], new Complex[] {p1, p2});
        }
      }
    }
    for (int j = 0; j < 3; j++) {
      sos[0][j] *= k;
    }
    return sos;
  }
}
