package dev.ecg.io.synth;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import dev.ecg.io.dsp.Butterworth;
import dev.ecg.io.dsp.SosFilter;

/**
 * Synthetic single-lead ECG after the dynamical model of P. E. McSharry, G. D. Clifford,
 * L. Tarassenko and L. A. Smith, "A dynamical model for generating synthetic electrocardiogram
 * signals", IEEE Trans. Biomed. Eng. 50(3):289-294, 2003, extended with atrial fibrillation,
 * premature ventricular contractions and noise at a target signal-to-noise ratio.
 *
 * <h2>Model</h2>
 *
 * A point {@code (x, y)} circles the unit circle ({@code x' = a x - w y}, {@code y' = a y + w x},
 * {@code a = 1 - sqrt(x^2 + y^2)}) at angular speed {@code w = 2 pi / RR}; the ECG is
 * {@code z' = -sum_i a_i dtheta_i exp(-dtheta_i^2 / (2 b_i^2)) - (z - z0)}, with one Gaussian event
 * per P, Q, R, S and T wave at angles -70, -15, 0, 15 and 100 degrees ({@code a = 1.2, -5, 30,
 * -7.5, 0.75}, {@code b = 0.25, 0.1, 0.1, 0.1, 0.4}; widths and angles are scaled with the mean
 * heart rate as in the paper) and a respiratory baseline {@code z0} at 0.25 Hz. The three equations
 * are integrated with classical fourth-order Runge-Kutta at an internal rate that is an integer
 * multiple of {@code fs} of at least 500 Hz, and every k-th sample is kept. The RR interval is held
 * constant from one R peak (angle 0) to the next, so the R peaks fall at the scheduled beat times.
 * The output is scaled so that the median normal R wave stands {@code amplitude} mV above the
 * median of the signal.
 *
 * <h2>RR tachogram</h2>
 *
 * Sinus rhythm RR intervals follow the paper's bimodal power spectrum: Gaussians at 0.1 Hz (Mayer
 * waves, LF) and 0.25 Hz (respiratory sinus arrhythmia, HF), both 0.01 Hz wide, with power ratio
 * LF/HF. The series is made by giving each frequency bin the square root of the spectrum and a
 * random phase, taking an inverse FFT at 4 Hz, and rescaling to the mean
 * {@code 60 / hr} and the standard deviation that a heart-rate standard deviation of
 * {@code hrStd} bpm implies ({@code 60 hrStd / hr^2}).
 *
 * <h2>Rhythms and beat types</h2>
 *
 * <ul>
 *   <li><b>Atrial fibrillation</b> episodes: independent RR intervals drawn from a normal
 *       distribution with mean 85 % of the sinus RR and a coefficient of variation of 0.22
 *       (limited to 0.3-2.0 s), no P wave, and fibrillatory f waves of about 5 % of the R
 *       amplitude whose frequency wanders between 4 and 9 Hz.
 *   <li><b>Premature ventricular contractions</b>: each sinus beat is replaced with the given
 *       probability (never two in a row) by a PVC with a coupling interval of 55-65 % of the RR
 *       (of the mean RR in atrial fibrillation; never below 0.3 s),
 *       a wide and tall QRS, no P wave and an inverted T wave, followed by a full compensatory pause
 *       (the two intervals around it sum to twice the RR). In atrial fibrillation there is no
 *       compensatory pause.
 * </ul>
 *
 * <h2>Noise</h2>
 *
 * The kinds chosen ({@link NoiseType}) get equal power and their sum is scaled so that
 * {@code 10 log10(var(clean) / var(noise))} equals the target SNR in dB.
 *
 * <p>The generator is deterministic: the same settings and seed give the same samples. True R
 * peaks are the scheduled beat times moved to the largest absolute deviation of the clean signal
 * from its local mean within 25 ms. Instances are immutable and thread-safe.
 */
public final class EcgSyn {
  // P, Q, R, S, T of a normal beat (McSharry et al. 2003, Table 1)
  private static final double[] THETA_N = {-Math.PI / 3, -Math.PI / 12, 0, Math.PI / 12,
      Math.PI / 2};
  private static final double[] A_N = {1.2, -5.0, 30.0, -7.5, 0.75};
  private static final double[] B_N = {0.25, 0.1, 0.1, 0.1, 0.4};
  // ventricular beat: no P, wide tall R, deep S, inverted T (our choice)
  private static final double[] THETA_V = {-Math.PI / 3, -Math.PI / 9, 0, Math.PI / 7,
      Math.PI * 0.6};
  private static final double[] A_V = {0.0, -1.0, 10.0, -3.75, -0.74};
  private static final double[] B_V = {0.25, 0.12, 0.22, 0.2, 0.45};

  private final double fs;
  private final double heartRate;
  private final double hrStd;
  private final double lfHf;
  private final double amplitude;
  private final double duration;
  private final long seed;
  private final double pvcProbability;
  private final List<double[]> afib;
  private final EnumSet<NoiseType> noise;
  private final double snrDb;
  private final double mainsHz;

  private EcgSyn(Builder b) {
    this.fs = b.fs;
    this.heartRate = b.heartRate;
    this.hrStd = b.hrStd;
    this.lfHf = b.lfHf;
    this.amplitude = b.amplitude;
    this.duration = b.duration;
    this.seed = b.seed;
    this.pvcProbability = b.pvcProbability;
    this.afib = List.copyOf(b.afib);
    this.noise = b.noise.isEmpty() ? EnumSet.noneOf(NoiseType.class) : EnumSet.copyOf(b.noise);
    this.snrDb = b.snrDb;
    this.mainsHz = b.mainsHz;
  }

  /** @return a builder with defaults: 360 Hz, 60 bpm, 1 bpm HRV, LF/HF 0.5, 1 mV, 60 s, seed 42 */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Generates the recording.
   *
   * @return the synthetic ECG with its annotations and ground truth
   */
  public SyntheticEcg generate() {
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom rngRr = root.split();
    SplittableRandom rngBeat = root.split();
    SplittableRandom rngAf = root.split();
    SplittableRandom rngNoise = root.split();
    final int n = (int) Math.round(duration * fs);

    // ---- beat schedule
    double rrMean = 60.0 / heartRate;
    double rrStd = 60.0 * hrStd / (heartRate * heartRate);
    double tachoRate = 4.0;
    double[] tacho = tachogram(duration + 10, tachoRate, rrMean, rrStd, rngRr);
    List<Double> times = new ArrayList<>();
    List<Boolean> pvc = new ArrayList<>();
    List<Boolean> inAf = new ArrayList<>();
    double t = -0.6 * rrMean; // a virtual beat before the start sets the first interval
    boolean lastPvc = false;
    double pendingPause = -1;
    while (t < duration + 2 * rrMean + 1) {
      boolean af = inAfib(t);
      times.add(t);
      pvc.add(lastPvc);
      inAf.add(af);
      double rr;
      if (af) {
        double rrAf = 0.85 * rrMean;
        rr = Math.max(0.3, Math.min(2.0, rrAf + 0.22 * rrAf * rngBeat.nextGaussian()));
      } else {
        rr = interp(tacho, tachoRate, Math.max(0, t));
      }
      boolean nextPvc = false;
      if (pendingPause > 0 && !af) {
        rr = pendingPause;
        pendingPause = -1;
      } else if (!lastPvc && pvcProbability > 0 && rngBeat.nextDouble() < pvcProbability) {
        double base = af ? 0.85 * rrMean : rr;
        double coupling = Math.max(0.3, (0.55 + 0.10 * rngBeat.nextDouble()) * base);
        pendingPause = af ? -1 : 2 * rr - coupling;
        rr = coupling;
        nextPvc = true;
      } else {
        pendingPause = -1;
      }
      lastPvc = nextPvc;
      t += rr;
    }
    final int nb = times.size();
    double[] bt = new double[nb];
    boolean[] isV = new boolean[nb];
    boolean[] noP = new boolean[nb];
    double[] ampJitter = new double[nb];
    for (int k = 0; k < nb; k++) {
      bt[k] = times.get(k);
      isV[k] = pvc.get(k);
      noP[k] = inAf.get(k);
      ampJitter[k] = 1.0 + 0.03 * rngBeat.nextGaussian();
    }

    // ---- morphology per beat (heart-rate scaled as in the paper)
    double hrFact = Math.sqrt(heartRate / 60.0);
    double hrFact2 = Math.sqrt(hrFact);
    double[] angleScale = {hrFact2, hrFact, 1, hrFact, hrFact2};
    double[][] thetas = new double[nb][5];
    double[][] as = new double[nb][5];
    double[][] bs = new double[nb][5];
    for (int k = 0; k < nb; k++) {
      for (int i = 0; i < 5; i++) {
        thetas[k][i] = (isV[k] ? THETA_V[i] : THETA_N[i]) * angleScale[i];
        as[k][i] = (isV[k] ? A_V[i] : A_N[i]) * ampJitter[k];
        bs[k][i] = (isV[k] ? B_V[i] : B_N[i]) * hrFact;
      }
      if (noP[k]) {
        as[k][0] = 0;
      }
    }

    // ---- RK4 integration at an internal rate
    int up = (int) Math.max(1, Math.ceil(500.0 / fs));
    double h = 1.0 / (fs * up);
    double[] z = new double[n];
    double theta0 = 2 * Math.PI * (0 - bt[0]) / (bt[1] - bt[0]);
    double[] state = {Math.cos(theta0), Math.sin(theta0), 0};
    Model model = new Model(bt, thetas, as, bs, 2 * Math.PI / rrMean);
    double[] k1 = new double[3];
    double[] k2 = new double[3];
    double[] k3 = new double[3];
    double[] k4 = new double[3];
    double[] tmp = new double[3];
    long steps = (long) n * up;
    for (long s = 0; s < steps; s++) {
      double ts = s * h;
      if (s % up == 0) {
        z[(int) (s / up)] = state[2];
      }
      model.eval(ts, state, k1);
      for (int i = 0; i < 3; i++) {
        tmp[i] = state[i] + 0.5 * h * k1[i];
      }
      model.eval(ts + 0.5 * h, tmp, k2);
      for (int i = 0; i < 3; i++) {
        tmp[i] = state[i] + 0.5 * h * k2[i];
      }
      model.eval(ts + 0.5 * h, tmp, k3);
      for (int i = 0; i < 3; i++) {
        tmp[i] = state[i] + h * k3[i];
      }
      model.eval(ts + h, tmp, k4);
      for (int i = 0; i < 3; i++) {
        state[i] += h / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
      }
    }

    // ---- beats inside the record, true R peaks
    int search = Math.max(1, (int) Math.round(0.025 * fs));
    List<int[]> beats = new ArrayList<>(); // {sample, isV}
    for (int k = 1; k < nb; k++) {
      long s = Math.round(bt[k] * fs);
      if (s >= 0 && s < n) {
        beats.add(new int[] {(int) s, isV[k] ? 1 : 0});
      }
    }
    // scale: median normal R height above the median level -> amplitude
    double[] sorted = z.clone();
    Arrays.sort(sorted);
    double level = n == 0 ? 0 : sorted[n / 2];
    double[] rh = beats.stream().filter(b -> b[1] == 0).mapToDouble(b -> z[b[0]] - level).sorted()
        .toArray();
    double rHeight = rh.length > 0 ? rh[rh.length / 2] : 0.048;
    double scale = amplitude / (rHeight > 0 ? rHeight : 0.048);
    double[] clean = new double[n];
    for (int i = 0; i < n; i++) {
      clean[i] = (z[i] - level) * scale;
    }
    addFibrillatoryWaves(clean, rngAf);

    int[] rPeaks = new int[beats.size()];
    String[] symbols = new String[beats.size()];
    int nr = 0;
    int base = Math.max(1, (int) Math.round(0.1 * fs));
    for (int[] b : beats) {
      int lo = Math.max(0, b[0] - search);
      int hi = Math.min(n - 1, b[0] + search);
      int blo = Math.max(0, b[0] - base);
      int bhi = Math.min(n - 1, b[0] + base);
      double mean = 0;
      for (int i = blo; i <= bhi; i++) {
        mean += clean[i];
      }
      mean /= (bhi - blo + 1);
      int best = b[0];
      double bv = -1;
      for (int i = lo; i <= hi; i++) {
        double a = Math.abs(clean[i] - mean);
        if (a > bv) {
          bv = a;
          best = i;
        }
      }
      if (nr > 0 && best <= rPeaks[nr - 1]) {
        continue;
      }
      rPeaks[nr] = best;
      symbols[nr] = b[1] == 1 ? "V" : "N";
      nr++;
    }
    rPeaks = Arrays.copyOf(rPeaks, nr);
    symbols = Arrays.copyOf(symbols, nr);

    // ---- noise
    double[] noisy = clean.clone();
    if (!noise.isEmpty() && !Double.isNaN(snrDb) && n > 1) {
      double[] sum = new double[n];
      for (NoiseType type : NoiseType.values()) {
        if (!noise.contains(type)) {
          continue;
        }
        double[] comp = noiseComponent(type, n, rngNoise);
        unitVariance(comp);
        for (int i = 0; i < n; i++) {
          sum[i] += comp[i];
        }
      }
      double ps = variance(clean);
      double pn = variance(sum);
      double g = pn > 0 ? Math.sqrt(ps / Math.pow(10, snrDb / 10) / pn) : 0;
      for (int i = 0; i < n; i++) {
        noisy[i] += g * sum[i];
      }
    }

    // ---- rhythm episodes and annotations
    List<SyntheticEcg.RhythmEpisode> episodes = rhythmEpisodes(n);
    List<Annotation> ann = new ArrayList<>();
    for (SyntheticEcg.RhythmEpisode e : episodes) {
      ann.add(new Annotation(e.startSample(), "+", 0, 0, 0, e.aux()));
    }
    for (int k = 0; k < nr; k++) {
      ann.add(Annotation.of(rPeaks[k], symbols[k]));
    }
    ann.sort((p, q) -> {
      int c = Long.compare(p.sample(), q.sample());
      return c != 0 ? c : Boolean.compare(!"+".equals(p.symbol()), !"+".equals(q.symbol()));
    });
    Record rec = new Record("ecgsyn-" + seed, fs, List.of("II"), List.of("mV"),
        new double[][] {noisy}, ann);
    return new SyntheticEcg(rec, clean, rPeaks, symbols, Collections.unmodifiableList(episodes));
  }

  private boolean inAfib(double t) {
    for (double[] e : afib) {
      if (t >= e[0] && t < e[1]) {
        return true;
      }
    }
    return false;
  }

  private List<SyntheticEcg.RhythmEpisode> rhythmEpisodes(int n) {
    List<SyntheticEcg.RhythmEpisode> out = new ArrayList<>();
    boolean cur = inAfib(0);
    long start = 0;
    for (int i = 1; i <= n; i++) {
      boolean af = i < n && inAfib(i / fs);
      if (i == n || af != cur) {
        out.add(new SyntheticEcg.RhythmEpisode(start, i, cur ? "(AFIB" : "(N"));
        start = i;
        cur = af;
      }
    }
    if (out.isEmpty()) {
      out.add(new SyntheticEcg.RhythmEpisode(0, n, cur ? "(AFIB" : "(N"));
    }
    return out;
  }

  private void addFibrillatoryWaves(double[] clean, SplittableRandom rng) {
    if (afib.isEmpty()) {
      return;
    }
    final int n = clean.length;
    double[] drift = slowSines(n, fs, 0.02, 0.3, 4, rng);
    unitVariance(drift);
    double[] am = slowSines(n, fs, 0.05, 0.5, 4, rng);
    unitVariance(am);
    double phase = rng.nextDouble() * 2 * Math.PI;
    int taper = Math.max(1, (int) Math.round(0.2 * fs));
    for (int i = 0; i < n; i++) {
      double freq = Math.max(4.0, Math.min(9.0, 6.0 + 1.2 * drift[i]));
      phase += 2 * Math.PI * freq / fs;
      double t = i / fs;
      double w = 0;
      for (double[] e : afib) {
        if (t >= e[0] && t < e[1]) {
          double in = (t - e[0]) * fs;
          double out = (e[1] - t) * fs;
          w = Math.min(1.0, Math.min(in, out) / taper);
        }
      }
      if (w > 0) {
        double a = 0.05 * amplitude * Math.max(0.3, 1 + 0.3 * am[i]);
        clean[i] += w * a * (Math.sin(phase) + 0.3 * Math.sin(2 * phase + 1.0));
      }
    }
  }

  private double[] noiseComponent(NoiseType type, int n, SplittableRandom rng) {
    switch (type) {
      case BASELINE_WANDER:
        return slowSines(n, fs, 0.05, 0.5, 6, rng);
      case MUSCLE:
        return bandNoise(n, fs, 20.0, Math.min(150.0, 0.45 * fs), rng);
      case ELECTRODE_MOTION: {
        double[] x = bandNoise(n, fs, 0.5, Math.min(8.0, 0.45 * fs), rng);
        double[] env = new double[n];
        double t = rng.nextDouble() * 3;
        double total = n / fs;
        while (t < total) {
          double len = 0.5 + 1.5 * rng.nextDouble();
          double amp = 0.5 + rng.nextDouble();
          int s0 = (int) (t * fs);
          int s1 = (int) Math.min(n, (t + len) * fs);
          for (int i = Math.max(0, s0); i < s1; i++) {
            double u = (i - s0) / (len * fs);
            env[i] += amp * 0.5 * (1 - Math.cos(2 * Math.PI * u));
          }
          t += len + 1.0 + 4.0 * rng.nextDouble();
        }
        for (int i = 0; i < n; i++) {
          x[i] *= env[i];
        }
        return x;
      }
      case MAINS: {
        double[] x = new double[n];
        double ph = rng.nextDouble() * 2 * Math.PI;
        double f = mainsHz;
        for (int i = 0; i < n; i++) {
          double arg = 2 * Math.PI * f * i / fs + ph;
          x[i] = Math.sin(arg) + (3 * f < fs / 2 ? 0.1 * Math.sin(3 * arg) : 0);
        }
        return x;
      }
      default:
        throw new IllegalStateException(type.toString());
    }
  }

  /**
   * Gaussian white noise through a 4th-order Butterworth band-pass ({@link Butterworth},
   * {@link SosFilter}), after a burn-in of four periods of the low edge so the filter has settled.
   */
  static double[] bandNoise(int n, double fs, double lo, double hi, SplittableRandom rng) {
    int burn = (int) Math.ceil(4 * fs / lo);
    double[] w = new double[n + burn];
    for (int i = 0; i < w.length; i++) {
      w[i] = rng.nextGaussian();
    }
    double[] y = SosFilter.sosfilt(Butterworth.bandpass(4, lo, hi, fs), w);
    return Arrays.copyOfRange(y, burn, burn + n);
  }

  /** A random sum of {@code count} sinusoids with frequencies in [lo, hi] Hz. */
  static double[] slowSines(int n, double fs, double lo, double hi, int count,
      SplittableRandom rng) {
    double[] x = new double[n];
    for (int c = 0; c < count; c++) {
      double f = lo + (hi - lo) * rng.nextDouble();
      double ph = rng.nextDouble() * 2 * Math.PI;
      double a = 0.5 + rng.nextDouble();
      for (int i = 0; i < n; i++) {
        x[i] += a * Math.sin(2 * Math.PI * f * i / fs + ph);
      }
    }
    return x;
  }

  /** The paper's RR tachogram, sampled at {@code rate} Hz for {@code seconds}. */
  private static double[] tachogram(double seconds, double rate, double mean, double std,
      double lfHf, SplittableRandom rng) {
    int m = 2;
    while (m < seconds * rate) {
      m <<= 1;
    }
    final double f1 = 0.1;
    final double f2 = 0.25;
    final double c = 0.01;
    double s1 = lfHf / (1 + lfHf);
    double s2 = 1 / (1 + lfHf);
    double[] re = new double[m];
    double[] im = new double[m];
    for (int k = 1; k < m / 2; k++) {
      double f = k * rate / m;
      double s = s1 * Math.exp(-(f - f1) * (f - f1) / (2 * c * c))
          + s2 * Math.exp(-(f - f2) * (f - f2) / (2 * c * c));
      double amp = Math.sqrt(s / (Math.sqrt(2 * Math.PI) * c));
      double ph = rng.nextDouble() * 2 * Math.PI;
      re[k] = amp * Math.cos(ph);
      im[k] = amp * Math.sin(ph);
      re[m - k] = re[k]; // Hermitian symmetry: a real series
      im[m - k] = -im[k];
    }
    inverseFft(re, im);
    double[] a = re;
    double sd = Math.sqrt(variance(a));
    double mu = 0;
    for (double v : a) {
      mu += v;
    }
    mu /= m;
    for (int i = 0; i < m; i++) {
      a[i] = mean + (sd > 0 ? (a[i] - mu) / sd * std : 0);
      a[i] = Math.max(0.25, a[i]);
    }
    return a;
  }

  /**
   * In-place inverse discrete Fourier transform (radix-2, iterative Cooley-Tukey, no 1/m scaling)
   * of a power-of-two length. Written here rather than taken from JTransforms because JTransforms
   * starts non-daemon worker threads for long transforms, which would keep a short program alive
   * after it ends.
   */
  static void inverseFft(double[] re, double[] im) {
    final int m = re.length;
    for (int i = 1, j = 0; i < m; i++) {
      int bit = m >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int len = 2; len <= m; len <<= 1) {
      double ang = 2 * Math.PI / len;
      double wr = Math.cos(ang);
      double wi = Math.sin(ang);
      for (int i = 0; i < m; i += len) {
        double cr = 1;
        double ci = 0;
        for (int k = 0; k < len / 2; k++) {
          int a = i + k;
          int b = a + len / 2;
          double xr = re[b] * cr - im[b] * ci;
          double xi = re[b] * ci + im[b] * cr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
          double nr = cr * wr - ci * wi;
          ci = cr * wi + ci * wr;
          cr = nr;
        }
      }
    }
  }

  private double[] tachogram(double seconds, double rate, double mean, double std,
      SplittableRandom rng) {
    return tachogram(seconds, rate, mean, std, lfHf, rng);
  }

  private static double interp(double[] series, double rate, double t) {
    double p = t * rate;
    int i = (int) Math.floor(p);
    if (i >= series.length - 1) {
      return series[series.length - 1];
    }
    double u = p - i;
    return series[i] * (1 - u) + series[i + 1] * u;
  }

  private static double variance(double[] x) {
    double mu = 0;
    for (double v : x) {
      mu += v;
    }
    mu /= x.length;
    double s = 0;
    for (double v : x) {
      s += (v - mu) * (v - mu);
    }
    return s / x.length;
  }

  private static void unitVariance(double[] x) {
    double mu = 0;
    for (double v : x) {
      mu += v;
    }
    mu /= x.length;
    double sd = Math.sqrt(variance(x));
    for (int i = 0; i < x.length; i++) {
      x[i] = sd > 0 ? (x[i] - mu) / sd : 0;
    }
  }

  /** The right-hand side of the three ODEs for a given beat schedule. */
  private static final class Model {
    private final double[] bt;
    private final double[][] thetas;
    private final double[][] as;
    private final double[][] bs;
    private final double wRef;
    private int j;

    Model(double[] bt, double[][] thetas, double[][] as, double[][] bs, double wRef) {
      this.wRef = wRef;
      this.bt = bt;
      this.thetas = thetas;
      this.as = as;
      this.bs = bs;
    }

    void eval(double t, double[] s, double[] d) {
      while (j < bt.length - 2 && bt[j + 1] <= t) {
        j++;
      }
      double w = 2 * Math.PI / (bt[j + 1] - bt[j]);
      double x = s[0];
      double y = s[1];
      double alpha = 1 - Math.sqrt(x * x + y * y);
      d[0] = alpha * x - w * y;
      d[1] = alpha * y + w * x;
      double th = Math.atan2(y, x);
      int beat = th < 0 ? j + 1 : j;
      double[] ti = thetas[beat];
      double[] ai = as[beat];
      double[] bi = bs[beat];
      double dz = 0;
      for (int i = 0; i < 5; i++) {
        if (ai[i] == 0) {
          continue;
        }
        double dt = th - ti[i];
        dt -= 2 * Math.PI * Math.floor((dt + Math.PI) / (2 * Math.PI));
        if (Math.abs(dt) > 6 * bi[i]) {
          continue;
        }
        dz -= ai[i] * dt * Math.exp(-dt * dt / (2 * bi[i] * bi[i]));
      }
      double z0 = 0.005 * Math.sin(2 * Math.PI * 0.25 * t);
      d[2] = dz * w / wRef - (s[2] - z0);
    }
  }

  @Override
  public String toString() {
    return "EcgSyn[fs=" + fs + ", hr=" + heartRate + ", hrStd=" + hrStd + ", lfHf=" + lfHf
        + ", amplitude=" + amplitude + ", duration=" + duration + ", seed=" + seed + ", pvc="
        + pvcProbability + ", afibEpisodes=" + afib.size() + ", noise=" + noise + ", snrDb="
        + snrDb + "]";
  }

  /** Builder for {@link EcgSyn}; all settings are optional. */
  public static final class Builder {
    private double fs = 360;
    private double heartRate = 60;
    private double hrStd = 1;
    private double lfHf = 0.5;
    private double amplitude = 1.0;
    private double duration = 60;
    private long seed = 42;
    private double pvcProbability;
    private final List<double[]> afib = new ArrayList<>();
    private final EnumSet<NoiseType> noise = EnumSet.noneOf(NoiseType.class);
    private double snrDb = Double.NaN;
    private double mainsHz = 50;

    private Builder() {}

    private static double check(String name, double v, double lo, double hi) {
      if (!(v >= lo && v <= hi)) {
        throw new EcgArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + v);
      }
      return v;
    }

    /**
     * @param hz output sampling rate (default 360)
     * @return this builder
     * @throws EcgArgumentException if not in [50, 10000]
     */
    public Builder optSamplingRate(double hz) {
      this.fs = check("sampling rate", hz, 50, 10000);
      return this;
    }

    /**
     * @param bpm mean heart rate (default 60)
     * @return this builder
     * @throws EcgArgumentException if not in [30, 200]
     */
    public Builder optHeartRate(double bpm) {
      this.heartRate = check("heart rate", bpm, 30, 200);
      return this;
    }

    /**
     * @param bpm standard deviation of the heart rate (default 1)
     * @return this builder
     * @throws EcgArgumentException if not in [0, 20]
     */
    public Builder optHeartRateStd(double bpm) {
      this.hrStd = check("heart rate std", bpm, 0, 20);
      return this;
    }

    /**
     * @param ratio LF/HF power ratio of the RR tachogram (default 0.5)
     * @return this builder
     * @throws EcgArgumentException if not in [0.01, 100]
     */
    public Builder optLfHfRatio(double ratio) {
      this.lfHf = check("LF/HF ratio", ratio, 0.01, 100);
      return this;
    }

    /**
     * @param mV height of the median normal R wave above the median level (default 1)
     * @return this builder
     * @throws EcgArgumentException if not in [0.01, 10]
     */
    public Builder optAmplitude(double mV) {
      this.amplitude = check("amplitude", mV, 0.01, 10);
      return this;
    }

    /**
     * @param seconds record length (default 60)
     * @return this builder
     * @throws EcgArgumentException if not in [1, 86400]
     */
    public Builder optDuration(double seconds) {
      this.duration = check("duration", seconds, 1, 86400);
      return this;
    }

    /**
     * @param s random seed (default 42); the same seed gives the same record
     * @return this builder
     */
    public Builder optSeed(long s) {
      this.seed = s;
      return this;
    }

    /**
     * @param probability chance that a sinus beat is a premature ventricular contraction
     *     (default 0)
     * @return this builder
     * @throws EcgArgumentException if not in [0, 0.5]
     */
    public Builder optPvcProbability(double probability) {
      this.pvcProbability = check("PVC probability", probability, 0, 0.5);
      return this;
    }

    /**
     * Adds an episode of atrial fibrillation.
     *
     * @param startSeconds episode start
     * @param endSeconds episode end (exclusive)
     * @return this builder
     * @throws EcgArgumentException if {@code startSeconds < 0} or {@code endSeconds <= startSeconds}
     */
    public Builder optAtrialFibrillation(double startSeconds, double endSeconds) {
      if (!(startSeconds >= 0) || !(endSeconds > startSeconds)) {
        throw new EcgArgumentException("AF episode must satisfy 0 <= start < end, got ["
            + startSeconds + ", " + endSeconds + ")");
      }
      afib.add(new double[] {startSeconds, endSeconds});
      return this;
    }

    /**
     * Makes the whole record atrial fibrillation.
     *
     * @return this builder
     */
    public Builder optAtrialFibrillation() {
      afib.clear();
      afib.add(new double[] {0, Double.MAX_VALUE});
      return this;
    }

    /**
     * Adds noise of the given kinds (equal power each) at a target SNR.
     *
     * @param db target {@code 10 log10(var(clean) / var(noise))}
     * @param types kinds of noise; at least one
     * @return this builder
     * @throws EcgArgumentException if {@code db} is not in [-20, 80] or no type is given
     */
    public Builder optNoise(double db, NoiseType... types) {
      this.snrDb = check("SNR dB", db, -20, 80);
      if (types == null || types.length == 0) {
        throw new EcgArgumentException("at least one noise type is needed");
      }
      noise.clear();
      noise.addAll(Arrays.asList(types));
      return this;
    }

    /**
     * @param hz mains frequency for {@link NoiseType#MAINS} (default 50)
     * @return this builder
     * @throws EcgArgumentException if not 50 or 60
     */
    public Builder optMainsFrequency(double hz) {
      if (hz != 50 && hz != 60) {
        throw new EcgArgumentException("mains frequency must be 50 or 60 Hz, got " + hz);
      }
      this.mainsHz = hz;
      return this;
    }

    /** @return the generator */
    public EcgSyn build() {
      return new EcgSyn(this);
    }
  }
}
