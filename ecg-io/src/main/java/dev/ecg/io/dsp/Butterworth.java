package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * Digital Butterworth filter design returning second-order sections, equivalent to
 * {@code scipy.signal.butter(order, Wn, btype, fs=fs, output='sos')}.
 *
 * <p>Method (Butterworth 1930; bilinear transform as in Oppenheim and Schafer, Discrete-Time
 * Signal Processing, 3rd ed., section 7.2): the analog prototype has its {@code order} poles at
 * {@code -exp(j pi m / (2 order))}, {@code m = -order+1, -order+3, ..., order-1}, and no zeros.
 * The band edges are prewarped ({@code w = 2 fs' tan(pi f / fs)} with {@code fs' = 2} on the
 * normalised axis), the prototype is mapped to the band by the usual low-pass to
 * low/high/band-pass/band-stop substitutions on zeros, poles and gain, then to the z-plane by the
 * bilinear transform. Poles and zeros are finally grouped into sections with the same "nearest"
 * pairing and ordering SciPy uses, so the coefficients agree with SciPy, not just the response.
 * A band-pass or band-stop design of order {@code N} has order {@code 2N} ({@code N} sections).
 *
 * <p>Filter with {@link SosFilter#sosfilt} (causal) or {@link SosFilter#filtfilt} (zero
 * phase).
 */
public final class Butterworth {
  private Butterworth() {}

  /** Kind of band. */
  public enum BandType {
    /** Pass below the cutoff. */
    LOWPASS,
    /** Pass above the cutoff. */
    HIGHPASS,
    /** Pass between the two edges. */
    BANDPASS,
    /** Stop between the two edges. */
    BANDSTOP
  }

  /**
   * Low-pass design.
   *
   * @param order filter order, {@code >= 1}
   * @param cutoff -3 dB frequency in Hz, {@code 0 < cutoff < fs/2}
   * @param fs sampling frequency in Hz, {@code > 0}
   * @return second-order sections
   * @throws EcgArgumentException on a bad order, frequency or sampling rate
   */
  public static Sos lowpass(int order, double cutoff, double fs) {
    return design(order, BandType.LOWPASS, cutoff, Double.NaN, fs);
  }

  /**
   * High-pass design.
   *
   * @param order filter order, {@code >= 1}
   * @param cutoff -3 dB frequency in Hz, {@code 0 < cutoff < fs/2}
   * @param fs sampling frequency in Hz, {@code > 0}
   * @return second-order sections
   * @throws EcgArgumentException on a bad order, frequency or sampling rate
   */
  public static Sos highpass(int order, double cutoff, double fs) {
    return design(order, BandType.HIGHPASS, cutoff, Double.NaN, fs);
  }

  /**
   * Band-pass design (total order {@code 2 * order}).
   *
   * @param order prototype order, {@code >= 1}
   * @param low lower -3 dB edge in Hz
   * @param high upper -3 dB edge in Hz, {@code 0 < low < high < fs/2}
   * @param fs sampling frequency in Hz, {@code > 0}
   * @return second-order sections
   * @throws EcgArgumentException on a bad order, frequencies or sampling rate
   */
  public static Sos bandpass(int order, double low, double high, double fs) {
    return design(order, BandType.BANDPASS, low, high, fs);
  }

  /**
   * Band-stop design (total order {@code 2 * order}).
   *
   * @param order prototype order, {@code >= 1}
   * @param low lower -3 dB edge in Hz
   * @param high upper -3 dB edge in Hz, {@code 0 < low < high < fs/2}
   * @param fs sampling frequency in Hz, {@code > 0}
   * @return second-order sections
   * @throws EcgArgumentException on a bad order, frequencies or sampling rate
   */
  public static Sos bandstop(int order, double low, double high, double fs) {
    return design(order, BandType.BANDSTOP, low, high, fs);
  }

  /**
   * General entry point.
   *
   * @param order prototype order, {@code >= 1}
   * @param type band kind
   * @param f1 cutoff (low/high-pass) or lower edge (band) in Hz
   * @param f2 upper edge in Hz for band types; ignored for low/high-pass
   * @param fs sampling frequency in Hz, {@code > 0}
   * @return second-order sections
   * @throws EcgArgumentException if {@code order < 1}, {@code fs <= 0}, a frequency is not
   *     inside {@code (0, fs/2)}, or {@code f1 >= f2} for a band type
   */
  public static Sos design(int order, BandType type, double f1, double f2, double fs) {
    Checks.notNull(type, "type");
    Checks.positive(order, "filter order");
    Checks.fs(fs);
    boolean band = type == BandType.BANDPASS || type == BandType.BANDSTOP;
    Checks.cutoff(f1, fs, band ? "lower band edge" : "cutoff frequency");
    if (band) {
      Checks.cutoff(f2, fs, "upper band edge");
      if (!(f1 < f2)) {
        throw new EcgArgumentException("lower band edge must be below the upper edge, got low="
            + f1 + " Hz, high=" + f2 + " Hz");
      }
    }
    return Sos.of(zpk(order, type, f1, f2, fs).toSos());
  }

  /** Digital zeros, poles, gain (package-private, for tests and other designs). */
  static Zpk zpk(int order, BandType type, double f1, double f2, double fs) {
    // analog prototype
    List<Complex> p = new ArrayList<>(order);
    for (int m = -order + 1; m < order; m += 2) {
      double th = Math.PI * m / (2.0 * order);
      p.add(new Complex(-Math.cos(th), -Math.sin(th)));
    }
    List<Complex> z = new ArrayList<>();
    double k = 1;
    final double fs2 = 4.0; // 2 * fs' with fs' = 2 (normalised)
    double w1 = fs2 * Math.tan(Math.PI * (2 * f1 / fs) / 2.0);
    switch (type) {
      case LOWPASS: {
        List<Complex> q = new ArrayList<>();
        for (Complex c : p) {
          q.add(c.times(w1));
        }
        p = q;
        k = Math.pow(w1, order);
        break;
      }
      case HIGHPASS: {
        Complex prod = Complex.ONE;
        List<Complex> q = new ArrayList<>();
        for (Complex c : p) {
          prod = prod.times(c.neg());
          q.add(new Complex(w1, 0).div(c));
        }
        p = q;
        for (int i = 0; i < order; i++) {
          z.add(Complex.ZERO);
        }
        k = Complex.ONE.div(prod).re;
        break;
      }
      case BANDPASS:
      case BANDSTOP: {
        double w2 = fs2 * Math.tan(Math.PI * (2 * f2 / fs) / 2.0);
        double bw = w2 - w1;
        double wo = Math.sqrt(w1 * w2);
        Complex wo2 = new Complex(wo * wo, 0);
        List<Complex> plus = new ArrayList<>();
        List<Complex> minus = new ArrayList<>();
        Complex prod = Complex.ONE;
        for (Complex c : p) {
          Complex t;
          if (type == BandType.BANDPASS) {
            t = c.times(bw).div(2);
          } else {
            prod = prod.times(c.neg());
            t = new Complex(bw / 2, 0).div(c);
          }
          Complex s = t.times(t).minus(wo2).sqrt();
          plus.add(t.plus(s));
          minus.add(t.minus(s));
        }
        p = new ArrayList<>(plus);
        p.addAll(minus);
        if (type == BandType.BANDPASS) {
          for (int i = 0; i < order; i++) {
            z.add(Complex.ZERO);
          }
          k = Math.pow(bw, order);
        } else {
          for (int i = 0; i < order; i++) {
            z.add(new Complex(0, wo));
          }
          for (int i = 0; i < order; i++) {
            z.add(new Complex(0, -wo));
          }
          k = Complex.ONE.div(prod).re;
        }
        break;
      }
      default:
        throw new AssertionError(type);
    }
    // bilinear transform
    Complex f = new Complex(fs2, 0);
    int degree = p.size() - z.size();
    List<Complex> zd = new ArrayList<>();
    List<Complex> pd = new ArrayList<>();
    Complex num = Complex.ONE;
    Complex den = Complex.ONE;
    for (Complex c : z) {
      zd.add(f.plus(c).div(f.minus(c)));
      num = num.times(f.minus(c));
    }
    for (Complex c : p) {
      pd.add(f.plus(c).div(f.minus(c)));
      den = den.times(f.minus(c));
    }
    for (int i = 0; i < degree; i++) {
      zd.add(new Complex(-1, 0));
    }
    double kd = k * num.div(den).re;
    return new Zpk(zd, pd, kd);
  }
}
