package dev.ecg.io.dsp;

/** Minimal immutable complex number for filter design (package-private). */
final class Complex {
  static final Complex ZERO = new Complex(0, 0);
  static final Complex ONE = new Complex(1, 0);

  final double re;
  final double im;

  Complex(double re, double im) {
    this.re = re;
    this.im = im;
  }

  Complex plus(Complex o) {
    return new Complex(re + o.re, im + o.im);
  }

  Complex minus(Complex o) {
    return new Complex(re - o.re, im - o.im);
  }

  Complex times(Complex o) {
    return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
  }

  Complex times(double s) {
    return new Complex(re * s, im * s);
  }

  Complex div(double s) {
    return new Complex(re / s, im / s);
  }

  /** Smith's algorithm. */
  Complex div(Complex o) {
    double c = o.re, d = o.im;
    if (Math.abs(c) >= Math.abs(d)) {
      double r = d / c, den = c + d * r;
      return new Complex((re + im * r) / den, (im - re * r) / den);
    } else {
      double r = c / d, den = c * r + d;
      return new Complex((re * r + im) / den, (im * r - re) / den);
    }
  }

  Complex neg() {
    return new Complex(-re, -im);
  }

  Complex conj() {
    return new Complex(re, -im);
  }

  double abs() {
    return Math.hypot(re, im);
  }

  boolean isReal() {
    return im == 0;
  }

  /** Principal square root, imaginary part carrying the sign of {@code im}. */
  Complex sqrt() {
    if (re == 0 && im == 0) {
      return new Complex(0, im);
    }
    double t = Math.sqrt((Math.abs(re) + Math.hypot(re, im)) / 2);
    if (re >= 0) {
      return new Complex(t, im / (2 * t));
    }
    return new Complex(Math.abs(im) / (2 * t), Math.copySign(t, im));
  }

  @Override
  public String toString() {
    return re + (im < 0 ? "" : "+") + im + "j";
  }
}
