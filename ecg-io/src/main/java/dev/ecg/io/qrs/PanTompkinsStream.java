package dev.ecg.io.qrs;

import dev.ecg.core.EcgArgumentException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PanTompkins} on a live signal: push samples in chunks of any size and receive each R
 * peak once no later sample can change it. The peaks are exactly those {@link
 * PanTompkins#detect(double[], double)} returns for the whole signal, ends included: every
 * intermediate value is computed with the same arithmetic in the same order, a value is only
 * computed once all the samples it depends on have arrived, and {@link #finish()} applies the
 * batch detector's end rules.
 *
 * <p><b>Look-ahead.</b> A peak is final once the signal has run on by the detector's windows:
 * the band-pass and integration windows, half a refractory period to confirm the integrated
 * peak, and the 0.2 s baseline of the R-peak correction. At 360 Hz with the paper's settings that
 * is about 0.4 s after the R peak for a beat found at once. A beat found by search-back (a missed
 * beat recovered after 166 % of the regular RR) is known only when the next candidate arrives,
 * so about 1.7 RR later. A run of invalid (NaN) samples delays everything after its start until
 * it ends, because it is bridged by interpolation to the next valid sample.
 *
 * <p><b>Memory</b> is constant in stream length: the stream keeps the samples its windows and a
 * possible search-back can still reach (a few seconds; a longer stretch without any beat keeps
 * that stretch's candidates), and the detector's scalar state.
 *
 * <p>Not thread-safe: one stream per signal, used by one thread at a time.
 */
public final class PanTompkinsStream implements java.io.Serializable {
  private static final long serialVersionUID = 1L;


  private final double fs;
  private final double frac;
  private final double searchBackFactor;
  private final boolean irregularHalving;
  private final boolean decay;
  private final int m;
  private final int p;
  private final int step;
  private final int win;
  private final int refractory;
  private final int tWave;
  private final int half;
  private final int hw;
  private final int learnFull;
  private final int cw;
  private final int bw;

  // bridged input
  private long pushed;
  private long nanStart = -1;
  private double lastValid = Double.NaN;
  private boolean anyValid;
  private final Series s = new Series();
  private final Series invalid = new Series();
  private final Series ps = new Series(); // prefix of s: ps[k] = sum of s[0..k)
  // band-pass: lp1 = MA(s, m), lp = MA(lp1, m), f = lp - MA(lp, p)
  private final Series plp1 = new Series();
  private long lp1Next;
  private final Series lp = new Series();
  private final Series plp = new Series();
  private final Series f = new Series();
  private final Series der = new Series();
  private final Series psq = new Series();
  private final Series mwi = new Series();
  private long candNext = 1;

  // decision state, as in PanTompkins.decide
  private boolean learned;
  private double spki;
  private double npki;
  private double spkf;
  private double npkf;
  private final ArrayDeque<Cand> undecided = new ArrayDeque<>();
  private Cand last;
  private double lastSlope;
  private final RrAverages rrs;
  private final List<Cand> noise = new ArrayList<>();
  private boolean decayed;

  // R-peak correction
  private final ArrayDeque<Long> raw = new ArrayDeque<>();
  private long lastOut = Long.MIN_VALUE;
  private final List<Long> ready = new ArrayList<>();
  private boolean finished;

  private record Cand(long pos, double peakI, double peakF, double slope)
      implements java.io.Serializable {}

  /**
   * @param config the detector's settings
   * @param fs sampling rate in Hz
   */
  PanTompkinsStream(PanTompkins config, double fs) {
    SignalChecks.checkRate(fs);
    this.fs = fs;
    this.frac = config.frac();
    this.searchBackFactor = config.searchBackFactor();
    this.irregularHalving = config.irregularHalving();
    this.decay = config.decay();
    this.m = Math.max(1, (int) Math.round(6.0 * fs / 200.0));
    this.p = Math.max(1, (int) Math.round(32.0 * fs / 200.0));
    this.step = Math.max(1, (int) Math.round(fs / 200.0));
    this.win = Math.max(1, (int) Math.round(config.integrationSeconds() * fs));
    this.refractory = Math.max(1, (int) Math.round(config.refractorySeconds() * fs));
    this.tWave = (int) Math.round(config.tWaveSeconds() * fs);
    this.half = Math.max(1, refractory / 2);
    this.hw = win / 2;
    this.learnFull = (int) Math.round(2.0 * fs);
    this.cw = Math.max(1, (int) Math.round(config.correctionSeconds() * fs));
    this.bw = Math.max(1, (int) Math.round(0.2 * fs));
    this.rrs = new RrAverages(fs);
    ps.add(0.0);
    plp1.add(0.0);
    plp.add(0.0);
    psq.add(0.0);
  }

  /** @return the sampling rate */
  public double fs() {
    return fs;
  }

  /** @return the number of samples pushed so far */
  public long samplesPushed() {
    return pushed;
  }

  /**
   * @return the earliest sample index a peak emitted from now on can have: callers that cut
   *     windows around peaks keep their signal from there
   */
  public long earliestFuturePeak() {
    return Math.max(0, firstFutureDetection() - cw);
  }

  /**
   * The earliest position a detection made from now on can have before its R-peak correction:
   * the first pending one, the first noise candidate (search-back), and the first undecided or
   * not yet found candidate.
   */
  private long firstFutureDetection() {
    long future = candNext;
    if (!undecided.isEmpty()) {
      future = Math.min(future, undecided.peek().pos());
    }
    if (!noise.isEmpty()) {
      future = Math.min(future, noise.get(0).pos());
    }
    if (!raw.isEmpty()) {
      future = Math.min(future, raw.peek());
    }
    return future;
  }

  /** @return values held in the stream's buffers (for memory checks): constant in length */
  public int bufferedValues() {
    return s.size() + invalid.size() + ps.size() + plp1.size() + lp.size() + plp.size()
        + f.size() + der.size() + psq.size() + mwi.size() + noise.size() + undecided.size();
  }

  /**
   * Appends samples (NaN = invalid, bridged as the batch detector does).
   *
   * @param x samples
   * @param from first index of {@code x} to take
   * @param count how many
   * @return the R peaks (absolute sample indices, increasing) that became final
   * @throws InvalidSignalException on an infinite sample, naming its index in the stream
   * @throws IllegalStateException after {@link #finish()}
   */
  public long[] push(double[] x, int from, int count) {
    if (finished) {
      throw new IllegalStateException("the stream is finished");
    }
    if (x == null || from < 0 || count < 0 || from + count > x.length) {
      throw new EcgArgumentException("push: chunk [" + from + ", " + from + "+" + count
          + ") is not inside an array of " + (x == null ? "null" : x.length));
    }
    for (int k = from; k < from + count; k++) {
      double v = x[k];
      if (Double.isInfinite(v)) {
        throw new InvalidSignalException("signal has an infinite sample at index " + pushed);
      }
      take(v);
    }
    advance(-1);
    return drain();
  }

  /**
   * @param x samples
   * @return {@link #push(double[], int, int)} of the whole array
   */
  public long[] push(double[] x) {
    return push(x, 0, x == null ? 0 : x.length);
  }

  /**
   * Ends the signal: applies the batch detector's end rules and returns the last peaks.
   *
   * @return the R peaks that became final
   * @throws InvalidSignalException if nothing or only NaN was pushed (as the batch detector)
   */
  public long[] finish() {
    if (finished) {
      return new long[0];
    }
    finished = true;
    if (pushed == 0) {
      throw new InvalidSignalException("signal is empty");
    }
    if (!anyValid) {
      throw new InvalidSignalException("signal has no valid sample (all " + pushed
          + " are NaN)");
    }
    if (nanStart >= 0) {
      // trailing NaN run: held at the last valid value
      bridge(nanStart, pushed, lastValid, lastValid);
      nanStart = -1;
    }
    advance(pushed);
    return drain();
  }

  private long[] drain() {
    long[] out = new long[ready.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ready.get(i);
    }
    ready.clear();
    return out;
  }

  // ------------------------------------------------------------------------------ input

  private void take(double v) {
    long i = pushed++;
    if (Double.isNaN(v)) {
      if (nanStart < 0) {
        nanStart = i;
      }
      return;
    }
    if (nanStart >= 0) {
      double left = anyValid ? lastValid : v; // leading run: held at the first valid value
      bridge(nanStart, i, left, v);
      nanStart = -1;
    }
    anyValid = true;
    lastValid = v;
    append(v, false);
  }

  private void bridge(long start, long endExclusive, double left, double right) {
    int len = (int) (endExclusive - start + 1);
    for (long k = start; k < endExclusive; k++) {
      double t = (double) (k - start + 1) / len;
      append(left + t * (right - left), true);
    }
  }

  private void append(double v, boolean bad) {
    s.add(v);
    invalid.add(bad ? 1 : 0);
    ps.add(ps.get(ps.end() - 1) + v);
  }

  // --------------------------------------------------------------------------- stages

  /** Centred moving average at {@code i} from a prefix series, {@code n} = length or -1. */
  private static double ma(Series prefix, long i, int w, long n) {
    int left = (w - 1) / 2;
    int right = w / 2;
    long lo = Math.max(0, i - left);
    long hi = n < 0 ? i + right + 1 : Math.min(n, i + right + 1);
    return (prefix.get(hi) - prefix.get(lo)) / (hi - lo);
  }

  /**
   * @param i index to compute
   * @param w window
   * @param avail values of the averaged series available
   * @param n the signal length, or -1 while streaming
   * @return whether the average at {@code i} can be computed now
   */
  private static boolean maReady(long i, int w, long avail, long n) {
    return n >= 0 ? i < n : i + w / 2 + 1 <= avail;
  }

  private static long clamp(long i, long n) {
    return i < 0 ? 0 : (i >= n ? n - 1 : i);
  }

  private void advance(long n) {
    long sN = s.end();
    // lp1 = MA(s, m), kept only as its prefix
    while (lp1Next < sN && maReady(lp1Next, m, sN, n)) {
      double v = ma(ps, lp1Next, m, n);
      plp1.add(plp1.get(plp1.end() - 1) + v);
      lp1Next++;
    }
    // lp = MA(lp1, m)
    while (lp.end() < lp1Next && maReady(lp.end(), m, lp1Next, n)) {
      double v = ma(plp1, lp.end(), m, n);
      lp.add(v);
      plp.add(plp.get(plp.end() - 1) + v);
    }
    // f = lp - MA(lp, p)
    while (f.end() < lp.end() && maReady(f.end(), p, lp.end(), n)) {
      long i = f.end();
      f.add(lp.get(i) - ma(plp, i, p, n));
    }
    // derivative, squared, at i needs f up to i + 2 step (clamped at the end)
    while (der.end() < f.end() && (n >= 0 || der.end() + 2L * step < f.end())) {
      long i = der.end();
      long nn = n >= 0 ? n : Long.MAX_VALUE;
      double dv = (2.0 * (f.get(clamp(i + step, nn)) - f.get(clamp(i - step, nn)))
          + f.get(clamp(i + 2L * step, nn)) - f.get(clamp(i - 2L * step, nn))) / 8.0;
      der.add(Math.abs(dv));
      psq.add(psq.get(psq.end() - 1) + dv * dv);
    }
    // moving-window integration
    while (mwi.end() < der.end() && maReady(mwi.end(), win, der.end(), n)) {
      mwi.add(ma(psq, mwi.end(), win, n));
    }
    findCandidates(n);
    if (!learned && (n >= 0 || (mwi.end() >= learnFull && f.end() >= learnFull))) {
      learn(n);
    }
    if (learned) {
      while (!undecided.isEmpty()) {
        decide(undecided.poll());
      }
      if (n >= 0) {
        searchBack(n + refractory); // the batch detector's final search-back
      }
    }
    correct(n);
    trim();
  }

  private void findCandidates(long n) {
    long mN = mwi.end();
    while (true) {
      long i = candNext;
      if (n >= 0) {
        if (i > n - 2) {
          break;
        }
      } else if (i + Math.max(1, half) >= mN || i + hw >= der.end()) {
        break;
      }
      long nn = n >= 0 ? n : Long.MAX_VALUE;
      double v = mwi.get(i);
      if (v > mwi.get(i - 1) && v >= mwi.get(i + 1)) {
        boolean largest = true;
        long lo = Math.max(0, i - half);
        long hi = Math.min(nn - 1, i + half);
        for (long j = lo; j <= hi && largest; j++) {
          double w = mwi.get(j);
          if (w > v || (w == v && j < i)) {
            largest = false;
          }
        }
        if (largest) {
          long flo = Math.max(0, i - hw);
          long fhi = Math.min(nn - 1, i + hw);
          double fm = 0;
          double sm = 0;
          for (long j = flo; j <= fhi; j++) {
            double a = Math.abs(f.get(j));
            if (a > fm) {
              fm = a;
            }
            if (der.get(j) > sm) {
              sm = der.get(j);
            }
          }
          undecided.add(new Cand(i, v, fm, sm));
        }
      }
      candNext++;
    }
  }

  private void learn(long n) {
    long learn = n >= 0 ? Math.min(n, learnFull) : learnFull;
    double maxI = 0;
    double sumI = 0;
    double maxF = 0;
    double sumF = 0;
    for (long i = 0; i < learn; i++) {
      maxI = Math.max(maxI, mwi.get(i));
      sumI += mwi.get(i);
      maxF = Math.max(maxF, Math.abs(f.get(i)));
      sumF += Math.abs(f.get(i));
    }
    spki = maxI / 3.0;
    npki = sumI / learn / 2.0;
    spkf = maxF / 3.0;
    npkf = sumF / learn / 2.0;
    learned = true;
  }

  private void searchBack(long pos) {
    while (last != null && pos - last.pos() > searchBackFactor * rrs.regularAverage()) {
      double thrI2 = 0.5 * (npki + frac * (spki - npki));
      double thrF2 = 0.5 * (npkf + frac * (spkf - npkf));
      Cand best = null;
      for (Cand q : noise) {
        if (q.pos() - last.pos() >= refractory && q.peakI() > thrI2 && q.peakF() > thrF2
            && (best == null || q.peakI() > best.peakI())) {
          best = q;
        }
      }
      if (best == null) {
        if (decay && !decayed) {
          spki = PanTompkins.DECAY * spki + (1 - PanTompkins.DECAY) * npki;
          spkf = PanTompkins.DECAY * spkf + (1 - PanTompkins.DECAY) * npkf;
          decayed = true;
          continue;
        }
        break;
      }
      spki = 0.25 * best.peakI() + 0.75 * spki;
      spkf = 0.25 * best.peakF() + 0.75 * spkf;
      double rr = best.pos() - last.pos();
      raw.add(best.pos());
      decayed = false;
      last = best;
      lastSlope = best.slope();
      final long b = best.pos();
      noise.removeIf(q -> q.pos() <= b);
      rrs.add(rr, false);
    }
  }

  private void decide(Cand c) {
    long pos = c.pos();
    searchBack(pos);
    if (last != null && pos - last.pos() < refractory) {
      return;
    }
    double thrI1 = npki + frac * (spki - npki);
    double thrF1 = npkf + frac * (spkf - npkf);
    if (rrs.irregular() && irregularHalving) {
      thrI1 *= 0.5;
      thrF1 *= 0.5;
    }
    boolean isQrs = c.peakI() > thrI1 && c.peakF() > thrF1;
    if (isQrs && last != null && pos - last.pos() < tWave && c.slope() < 0.5 * lastSlope) {
      isQrs = false;
    }
    if (isQrs) {
      spki = 0.125 * c.peakI() + 0.875 * spki;
      spkf = 0.125 * c.peakF() + 0.875 * spkf;
      if (last != null) {
        rrs.add(pos - last.pos(), true);
      }
      raw.add(pos);
      decayed = false;
      last = c;
      lastSlope = c.slope();
      noise.clear();
    } else {
      npki = 0.125 * c.peakI() + 0.875 * npki;
      npkf = 0.125 * c.peakF() + 0.875 * npkf;
      noise.add(c);
    }
  }

  /** PeakCorrection.correct, one detection at a time, once the samples it reads are here. */
  private void correct(long n) {
    long sN = s.end();
    while (!raw.isEmpty()) {
      long q = raw.peek();
      if (n < 0 && q + Math.max(bw, cw) + 1 > sN) {
        break;
      }
      raw.poll();
      long nn = n >= 0 ? n : Long.MAX_VALUE;
      long blo = Math.max(0, q - bw);
      long bhi = Math.min(nn, q + bw + 1);
      double base = (ps.get(bhi) - ps.get(blo)) / (bhi - blo);
      long lo = Math.max(0, q - cw);
      long hi = Math.min(nn - 1, q + cw);
      long best = q;
      double bv = -1;
      for (long j = lo; j <= hi; j++) {
        double a = Math.abs(s.get(j) - base);
        if (a > bv) {
          bv = a;
          best = j;
        }
      }
      if (invalid.get(best) != 0) {
        continue;
      }
      if (lastOut != Long.MIN_VALUE && best - lastOut < refractory) {
        continue;
      }
      lastOut = best;
      ready.add(best);
    }
  }

  /** Drops what no later computation can read. */
  private void trim() {
    long keepS = Math.min(firstFutureDetection() - Math.max(bw, cw) - 1, lp1Next - m - 1);
    s.trimBefore(keepS);
    invalid.trimBefore(keepS);
    ps.trimBefore(keepS);
    plp1.trimBefore(lp.end() - m - 1);
    long keepLp = f.end() - p - 1;
    lp.trimBefore(keepLp);
    plp.trimBefore(keepLp);
    long keepF = Math.min(der.end() - 2L * step - 1, candNext - hw - 1);
    if (!learned) {
      keepF = 0;
    }
    f.trimBefore(keepF);
    der.trimBefore(candNext - hw - 1);
    psq.trimBefore(mwi.end() - win - 1);
    mwi.trimBefore(learned ? candNext - half - 2 : 0);
  }
}
