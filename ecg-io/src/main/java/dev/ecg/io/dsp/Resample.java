package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Rational-factor resampling with a polyphase FIR filter, equivalent to
 * {@code scipy.signal.resample_poly(x, up, down)} with its defaults.
 *
 * <p>Filter: after reducing {@code up/down} by their gcd, a linear-phase low-pass FIR of
 * {@code 2 * halfLen + 1} taps, {@code halfLen = 10 * max(up, down)}, cutoff {@code 1/max(up,
 * down)} of the Nyquist rate of the upsampled signal, designed by the window method (ideal
 * {@code sinc} times a Kaiser window with {@code beta = 5.0}, Kaiser 1974), normalised to unit
 * DC gain and multiplied by {@code up}. Conceptually the input is upsampled by inserting
 * {@code up - 1} zeros, convolved with the filter (samples outside the signal are zero) and
 * every {@code down}-th sample is kept, with the filter delay removed so that output sample
 * {@code i} sits at input time {@code i * down / up}. The output has
 * {@code ceil(n * up / down)} samples. The implementation never forms the upsampled signal:
 * each output sample is a dot product of one polyphase branch ({@code ~ 2 halfLen / up} taps)
 * with contiguous input samples (Crochiere and Rabiner, Multirate Digital Signal Processing,
 * 1983).
 */
public final class Resample {
  /**
   * Largest {@code down} (and reduced denominator) that {@link #ratio} uses when it has to
   * approximate a rate ratio; the filter length grows with {@code 20 * max(up, down)}.
   */
  public static final int MAX_DENOMINATOR = 1000;

  /**
   * Largest reduced factor {@code max(up, down)} accepted: the FIR has
   * {@code 20 * max(up, down) + 1} taps, so this caps it at 2 million taps (16 MB).
   */
  public static final int MAX_FACTOR = 100_000;

  /** Kaiser {@code beta} of SciPy's default filter: about 54 dB stop-band rejection and a
   * pass-band ripple of about 0.2 % (a round trip up and down can deviate by ~3e-3). */
  public static final double DEFAULT_BETA = 5.0;

  /** A sharper-rejection choice for {@link #poly(double[], int, int, double)}: about 80 dB
   * rejection and ~1e-4 ripple, at the price of a wider transition band. */
  public static final double HIGH_QUALITY_BETA = 8.0;

  private Resample() {}

  /**
   * Resamples by {@code up/down} like {@code scipy.signal.resample_poly(x, up, down)}.
   *
   * @param x input samples (not modified)
   * @param up upsampling factor, {@code >= 1}
   * @param down downsampling factor, {@code >= 1}
   * @return {@code ceil(x.length * up' / down')} samples, with {@code up', down'} reduced by
   *     their gcd; a copy of {@code x} when they reduce to 1/1
   * @throws EcgArgumentException if a factor is below 1, the reduced factors exceed
   *     {@link #MAX_FACTOR}, or the output would not fit an array
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] poly(double[] x, int up, int down) {
    return poly(x, up, down, DEFAULT_BETA);
  }

  /**
   * Resamples by {@code up/down} with a chosen Kaiser {@code beta}, like
   * {@code scipy.signal.resample_poly(x, up, down, window=('kaiser', beta))}; the filter length
   * and cutoff are those of {@link #poly(double[], int, int)}.
   *
   * @param x input samples (not modified)
   * @param up upsampling factor, {@code >= 1}
   * @param down downsampling factor, {@code >= 1}
   * @param kaiserBeta window shape, {@code >= 0} ({@link #DEFAULT_BETA}, {@link #HIGH_QUALITY_BETA})
   * @return the resampled signal
   * @throws EcgArgumentException if a factor is below 1, beta is negative or not finite, the
   *     reduced factors exceed {@link #MAX_FACTOR}, or the output would not fit an array
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] poly(double[] x, int up, int down, double kaiserBeta) {
    Checks.finite(x, "x");
    if (!(kaiserBeta >= 0) || Double.isInfinite(kaiserBeta)) {
      throw new EcgArgumentException("Kaiser beta must be finite and >= 0, got " + kaiserBeta);
    }
    Checks.positive(up, "up");
    Checks.positive(down, "down");
    int g = gcd(up, down);
    up /= g;
    down /= g;
    if (up == 1 && down == 1) {
      return x.clone();
    }
    if (Math.max(up, down) > MAX_FACTOR) {
      throw new EcgArgumentException("reduced resampling factors " + up + "/" + down
          + " exceed MAX_FACTOR = " + MAX_FACTOR + " (the filter would need "
          + (20L * Math.max(up, down) + 1) + " taps)");
    }
    int nIn = x.length;
    long nOutL = ((long) nIn * up + down - 1) / down;
    if (nOutL > Integer.MAX_VALUE - 8) {
      throw new EcgArgumentException("resampled length " + nOutL + " does not fit an array");
    }
    int nOut = (int) nOutL;
    int halfLen = halfLength(up, down);
    double[][] branch = branches(up, down, kaiserBeta);
    double[] y = new double[nOut];
    // t = halfLen + i * down = q * up + r, advanced without divisions
    int r = halfLen % up;
    long q = halfLen / up;
    final int dq = down / up, dr = down % up;
    for (int i = 0; i < nOut; i++, q += dq, r += dr) {
      if (r >= up) {
        r -= up;
        q++;
      }
      double[] b = branch[r];
      long first = q - b.length + 1; // input index for b[0]
      int j0 = first < 0 ? (int) -first : 0;
      int j1 = (int) Math.min(b.length, (long) nIn - first);
      y[i] = tap(b, x, (int) first, j0, j1);
    }
    return y;
  }

  /** Half the filter length of {@link #poly} for reduced factors {@code up/down}. */
  static int halfLength(int up, int down) {
    return 10 * Math.max(up, down);
  }

  /**
   * The polyphase branches of {@link #poly}'s Kaiser-windowed filter for reduced factors, each
   * reversed so that it runs forward over the input.
   */
  static double[][] branches(int up, int down, double kaiserBeta) {
    int maxRate = Math.max(up, down);
    int halfLen = halfLength(up, down);
    double[] h = firwinKaiser(2 * halfLen + 1, 1.0 / maxRate, kaiserBeta);
    for (int i = 0; i < h.length; i++) {
      h[i] *= up;
    }
    int len = h.length;
    double[][] branch = new double[up][];
    for (int r = 0; r < up; r++) {
      int k = (len - r + up - 1) / up;
      double[] b = new double[k];
      for (int j = 0; j < k; j++) {
        b[j] = h[r + (k - 1 - j) * up];
      }
      branch[r] = b;
    }
    return branch;
  }

  /**
   * One output sample: {@code sum b[j] x[base + j]} over {@code j0 <= j < j1}, in four partial
   * sums that break the floating-point add dependency chain (the batch and streaming resamplers
   * share it, so they add in the same order).
   */
  static double tap(double[] b, double[] x, int base, int j0, int j1) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = j0;
    for (; j + 3 < j1; j += 4) {
      s0 += b[j] * x[base + j];
      s1 += b[j + 1] * x[base + j + 1];
      s2 += b[j + 2] * x[base + j + 2];
      s3 += b[j + 3] * x[base + j + 3];
    }
    for (; j < j1; j++) {
      s0 += b[j] * x[base + j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * A streaming twin of {@link #toRate}: push samples as they arrive, get the output samples
   * that no later input can change; {@link ResampleStream#finish()} gives the rest. The output
   * equals {@code toRate} on the whole signal, sample for sample.
   *
   * @param fsIn input rate in Hz
   * @param fsOut output rate in Hz
   * @return a new stream
   */
  public static ResampleStream stream(double fsIn, double fsOut) {
    int[] r = ratio(fsIn, fsOut);
    return new ResampleStream(r[0], r[1], DEFAULT_BETA);
  }

  /**
   * Resamples from one rate to another with {@link #poly}, using {@code up/down = }
   * {@link #ratio}{@code (fsIn, fsOut)}. For example 360 Hz to 125 Hz uses 25/72 and 500 Hz to
   * 360 Hz uses 18/25. The true output rate is {@code fsIn * up / down}, which equals
   * {@code fsOut} whenever the ratio is a fraction with denominator at most
   * {@link #MAX_DENOMINATOR} (always the case for integer rates up to 1000 Hz).
   *
   * @param x input samples
   * @param fsIn input sampling rate in Hz, {@code > 0}
   * @param fsOut wanted output sampling rate in Hz, {@code > 0}
   * @return resampled signal
   * @throws EcgArgumentException on a non-positive rate or one whose ratio rounds to zero
   * @throws NanInputException if {@code x} holds a non-finite value
   */
  public static double[] toRate(double[] x, double fsIn, double fsOut) {
    int[] r = ratio(fsIn, fsOut);
    return poly(x, r[0], r[1]);
  }

  /**
   * The resampling factors for a rate change: the fraction {@code up/down} closest to
   * {@code fsOut / fsIn} (computed exactly from the two doubles) among those with
   * {@code down <= MAX_DENOMINATOR}, in lowest terms (the rule of Python's
   * {@code Fraction.limit_denominator}).
   *
   * @param fsIn input rate in Hz, {@code > 0}
   * @param fsOut output rate in Hz, {@code > 0}
   * @return {@code {up, down}}
   * @throws EcgArgumentException on a non-positive or non-finite rate, or when the best
   *     fraction is 0 (output rate below {@code fsIn / (2 * MAX_DENOMINATOR)})
   */
  public static int[] ratio(double fsIn, double fsOut) {
    Checks.fs(fsIn);
    Checks.fs(fsOut);
    BigDecimal a = new BigDecimal(fsOut);
    BigDecimal b = new BigDecimal(fsIn);
    int scale = Math.max(a.scale(), b.scale());
    BigInteger n = a.setScale(scale).unscaledValue();
    BigInteger d = b.setScale(scale).unscaledValue();
    BigInteger g = n.gcd(d);
    n = n.divide(g);
    d = d.divide(g);
    BigInteger maxDen = BigInteger.valueOf(MAX_DENOMINATOR);
    BigInteger up;
    BigInteger down;
    if (d.compareTo(maxDen) <= 0) {
      up = n;
      down = d;
    } else {
      BigInteger p0 = BigInteger.ZERO, q0 = BigInteger.ONE, p1 = BigInteger.ONE,
          q1 = BigInteger.ZERO;
      BigInteger nn = n, dd = d;
      while (true) {
        BigInteger aa = nn.divide(dd);
        BigInteger q2 = q0.add(aa.multiply(q1));
        if (q2.compareTo(maxDen) > 0) {
          break;
        }
        BigInteger p2 = p0.add(aa.multiply(p1));
        p0 = p1;
        q0 = q1;
        p1 = p2;
        q1 = q2;
        BigInteger r = nn.subtract(aa.multiply(dd));
        nn = dd;
        dd = r;
      }
      BigInteger k = maxDen.subtract(q0).divide(q1);
      BigInteger bp = p0.add(k.multiply(p1)), bq = q0.add(k.multiply(q1));
      // compare |p1/q1 - n/d| <= |bp/bq - n/d| exactly
      BigInteger e2 = p1.multiply(d).subtract(n.multiply(q1)).abs().multiply(bq);
      BigInteger e1 = bp.multiply(d).subtract(n.multiply(bq)).abs().multiply(q1);
      if (e2.compareTo(e1) <= 0) {
        up = p1;
        down = q1;
      } else {
        up = bp;
        down = bq;
      }
      BigInteger gg = up.gcd(down);
      if (gg.signum() > 0) {
        up = up.divide(gg);
        down = down.divide(gg);
      }
    }
    if (up.signum() <= 0) {
      throw new EcgArgumentException("output rate " + fsOut + " Hz is too low relative to "
          + fsIn + " Hz to express as up/down with down <= " + MAX_DENOMINATOR);
    }
    if (up.bitLength() > 30) {
      throw new EcgArgumentException("rate ratio " + fsOut + "/" + fsIn + " needs up = " + up
          + ", too large");
    }
    return new int[] {up.intValue(), down.intValue()};
  }

  /**
   * Maps sample indices (annotation positions) from one rate to another, consistently with
   * {@link #toRate}: index {@code i} becomes {@code round(i * up / down)} with
   * {@code up/down = ratio(fsIn, fsOut)}, rounding halves up, computed exactly in integers.
   * Output sample {@code j} of {@link #poly} sits at input time {@code j * down / up}, so this
   * picks the output sample nearest to the original instant. The mapped index may equal the
   * output length when {@code i} is the last input sample and the ratio rounds up; callers that
   * index arrays should clamp.
   *
   * @param indices sample indices at {@code fsIn}, each {@code >= 0} (not modified)
   * @param fsIn input rate in Hz
   * @param fsOut output rate in Hz
   * @return mapped indices at {@code fsOut}
   * @throws EcgArgumentException on a bad rate, a null array or a negative index
   */
  public static long[] samples(long[] indices, double fsIn, double fsOut) {
    Checks.notNull(indices, "indices");
    int[] r = ratio(fsIn, fsOut);
    long up = r[0], down = r[1];
    long[] out = new long[indices.length];
    for (int i = 0; i < indices.length; i++) {
      long v = indices[i];
      if (v < 0) {
        throw new EcgArgumentException("sample index must be >= 0, got " + v + " at position "
            + i);
      }
      out[i] = BigInteger.valueOf(v).multiply(BigInteger.valueOf(2 * up))
          .add(BigInteger.valueOf(down)).divide(BigInteger.valueOf(2 * down)).longValueExact();
    }
    return out;
  }

  /**
   * Resamples every channel of a record with {@link #toRate} and moves its annotations with
   * {@link #samples} (clamped to the last output sample). The new record's rate is the exact
   * {@code fs * up / down}, which equals {@code fsOut} for integer rates up to 1000 Hz.
   *
   * @param record the record; its signals must be finite (fill NaN gaps first)
   * @param fsOut wanted rate in Hz, {@code > 0}
   * @return a new record (the input is not modified)
   * @throws EcgArgumentException on a bad rate or null record
   * @throws NanInputException if a channel holds a non-finite sample (the message names the
   *     channel and index)
   */
  public static Record record(Record record, double fsOut) {
    Checks.notNull(record, "record");
    int[] r = ratio(record.fs(), fsOut);
    double[][] in = record.signals();
    double[][] out = new double[in.length][];
    for (int c = 0; c < in.length; c++) {
      Checks.finite(in[c], "record " + record.name() + " channel " + c);
      out[c] = poly(in[c], r[0], r[1]);
    }
    long n = ((long) record.length() * r[0] + r[1] - 1) / r[1];
    List<Annotation> ann = new ArrayList<>(record.annotations().size());
    long[] idx = new long[record.annotations().size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = Math.max(0, record.annotations().get(i).sample());
    }
    long[] mapped = samples(idx, record.fs(), fsOut);
    for (int i = 0; i < idx.length; i++) {
      Annotation a = record.annotations().get(i);
      long m = n == 0 ? 0 : Math.min(mapped[i], n - 1);
      ann.add(new Annotation(m, a.symbol(), a.subtype(), a.chan(), a.num(), a.aux()));
    }
    double fsNew = record.fs() * r[0] / r[1];
    return new Record(record.name(), fsNew, record.channelNames(), record.units(), out, ann);
  }

  static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /**
   * Low-pass FIR by the window method with a symmetric Kaiser window, unit DC gain, like
   * {@code scipy.signal.firwin(numtaps, cutoff, window=('kaiser', beta))}.
   *
   * @param numtaps odd number of taps
   * @param cutoff cutoff relative to Nyquist, in (0, 1]
   * @param beta Kaiser shape parameter
   */
  static double[] firwinKaiser(int numtaps, double cutoff, double beta) {
    double[] h = new double[numtaps];
    double alpha = (numtaps - 1) / 2.0;
    double i0b = besselI0(beta);
    double sum = 0;
    for (int n = 0; n < numtaps; n++) {
      double m = n - alpha;
      double xx = cutoff * m;
      double sinc = xx == 0 ? 1.0 : Math.sin(Math.PI * xx) / (Math.PI * xx);
      double r = (n - alpha) / alpha;
      double w = numtaps == 1 ? 1.0 : besselI0(beta * Math.sqrt(1 - r * r)) / i0b;
      h[n] = cutoff * sinc * w;
      sum += h[n];
    }
    for (int n = 0; n < numtaps; n++) {
      h[n] /= sum;
    }
    return h;
  }

  /** Modified Bessel function of the first kind, order 0, by its power series. */
  static double besselI0(double x) {
    double q = x * x / 4;
    double term = 1;
    double sum = 1;
    for (int k = 1; k < 500; k++) {
      term *= q / ((double) k * k);
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    return sum;
  }
}
