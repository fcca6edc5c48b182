package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;

/**
 * An IIR filter as a cascade of second-order sections, in SciPy's layout: each row holds
 * {@code b0 b1 b2 a0 a1 a2} with {@code a0 == 1}, and the transfer function is the product of
 * {@code (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2)} over the rows.
 *
 * <p>Immutable: the coefficients are copied in and out. Rows whose {@code a0} is not 1 are
 * normalised (divided by {@code a0}) at construction; {@code a0 == 0} is rejected.
 */
public final class Sos {
  private final double[][] sections;

  private Sos(double[][] sections) {
    this.sections = sections;
  }

  /**
   * Builds a cascade from coefficient rows.
   *
   * @param sections {@code n >= 1} rows of 6 coefficients {@code b0 b1 b2 a0 a1 a2}
   * @return the cascade (a normalised copy)
   * @throws EcgArgumentException if there are no rows, a row does not have 6 entries, a
   *     coefficient is not finite, or {@code a0 == 0}
   */
  public static Sos of(double[][] sections) {
    Checks.notNull(sections, "sos");
    if (sections.length == 0) {
      throw new EcgArgumentException("sos must have at least one section");
    }
    double[][] c = new double[sections.length][];
    for (int i = 0; i < sections.length; i++) {
      double[] r = sections[i];
      if (r == null || r.length != 6) {
        throw new EcgArgumentException("sos section " + i + " must have 6 coefficients, got "
            + (r == null ? "null" : r.length));
      }
      Checks.finite(r, "sos section " + i);
      if (r[3] == 0) {
        throw new EcgArgumentException("sos section " + i + " has a0 == 0");
      }
      double a0 = r[3];
      c[i] = new double[6];
      for (int j = 0; j < 6; j++) {
        c[i][j] = a0 == 1.0 ? r[j] : r[j] / a0;
      }
    }
    return new Sos(c);
  }

  /**
   * A single section from a second-order (or shorter) transfer function {@code b/a}, as
   * returned by {@link Notch#design}. Shorter arrays are padded with trailing zeros.
   *
   * @param b numerator, 1 to 3 coefficients
   * @param a denominator, 1 to 3 coefficients, {@code a[0] != 0}
   * @return the one-section cascade
   * @throws EcgArgumentException if an array is empty, longer than 3 or not finite
   */
  public static Sos ofTransferFunction(double[] b, double[] a) {
    Checks.notNull(b, "b");
    Checks.notNull(a, "a");
    if (b.length < 1 || b.length > 3 || a.length < 1 || a.length > 3) {
      throw new EcgArgumentException("b and a must have 1 to 3 coefficients, got " + b.length
          + " and " + a.length);
    }
    double[] r = new double[6];
    System.arraycopy(b, 0, r, 0, b.length);
    System.arraycopy(a, 0, r, 3, a.length);
    return of(new double[][] {r});
  }

  /** Package-private access without copying; callers must not modify. */
  double[][] raw() {
    return sections;
  }

  /**
   * @return the number of second-order sections
   */
  public int numSections() {
    return sections.length;
  }

  /**
   * @param section row index
   * @param coefficient column 0..5 ({@code b0 b1 b2 a0 a1 a2})
   * @return one coefficient
   */
  public double get(int section, int coefficient) {
    return sections[section][coefficient];
  }

  /**
   * @return a copy of the coefficients, {@code double[numSections][6]}
   */
  public double[][] toArray() {
    double[][] c = new double[sections.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = sections[i].clone();
    }
    return c;
  }

  /**
   * Magnitude of the frequency response at one frequency.
   *
   * @param f frequency in Hz
   * @param fs sampling frequency in Hz
   * @return {@code |H(exp(j 2 pi f / fs))|}
   */
  public double magnitudeAt(double f, double fs) {
    double w = 2 * Math.PI * f / fs;
    double c1 = Math.cos(w), s1 = -Math.sin(w), c2 = Math.cos(2 * w), s2 = -Math.sin(2 * w);
    double mag = 1;
    for (double[] r : sections) {
      double nr = r[0] + r[1] * c1 + r[2] * c2, ni = r[1] * s1 + r[2] * s2;
      double dr = r[3] + r[4] * c1 + r[5] * c2, di = r[4] * s1 + r[5] * s2;
      mag *= Math.sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
    }
    return mag;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sos && Arrays.deepEquals(sections, ((Sos) o).sections);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(sections);
  }

  @Override
  public String toString() {
    return "Sos" + Arrays.deepToString(sections);
  }
}
