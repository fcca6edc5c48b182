package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;

/**
 * Running (moving) median over an odd window in {@code O(n log w)} time, equivalent to
 * {@code scipy.ndimage.median_filter(x, size=w, mode='nearest')}: the window is centred on each
 * sample and samples beyond the ends repeat the first and last value.
 *
 * <p>Method: the {@code w} window values are split between a max-heap holding the smallest
 * {@code (w+1)/2} and a min-heap holding the rest, so the median is the top of the max-heap. Each
 * window slot remembers where its value sits in which heap; sliding the window overwrites the
 * oldest slot with the incoming value, restores the heap order along one path and, if the two
 * heap tops are now out of order, swaps them (one swap always suffices because only one value
 * changed). That is {@code O(log w)} per sample, against {@code O(w log w)} for sorting each
 * window (see Hardle and Steiger, Optimal median smoothing, Applied Statistics 44, 1995, for the
 * classic double-heap idea).
 */
public final class RunningMedian {
  private RunningMedian() {}

  /**
   * Centred running median with "nearest" edge handling.
   *
   * @param x input samples (not modified)
   * @param window odd window length {@code >= 1}
   * @return the running median, same length as {@code x}
   * @throws EcgArgumentException if the window is not a positive odd number
   * @throws NanInputException if {@code x} holds a non-finite value (a median of a window
   *     holding NaN is undefined)
   */
  public static double[] filter(double[] x, int window) {
    Checks.finite(x, "x");
    if (window < 1 || window % 2 == 0) {
      throw new EcgArgumentException("median window must be a positive odd number, got "
          + window);
    }
    int n = x.length;
    double[] y = new double[n];
    if (n == 0) {
      return y;
    }
    if (window == 1) {
      return x.clone();
    }
    new Engine(x, window).run(y);
    return y;
  }

  private static final class Engine {
    final double[] x;
    final int w;
    final int h;
    final double[] val;
    final boolean[] inLo;
    final int[] pos;
    final int[] lo; // max-heap of slots, size h + 1
    final int[] hi; // min-heap of slots, size h

    Engine(double[] x, int w) {
      this.x = x;
      this.w = w;
      this.h = w / 2;
      val = new double[w];
      inLo = new boolean[w];
      pos = new int[w];
      lo = new int[h + 1];
      hi = new int[h];
    }

    double stream(int k) {
      int i = k - h;
      return x[i < 0 ? 0 : (i >= x.length ? x.length - 1 : i)];
    }

    void run(double[] y) {
      Integer[] order = new Integer[w];
      for (int k = 0; k < w; k++) {
        val[k] = stream(k);
        order[k] = k;
      }
      java.util.Arrays.sort(order, (a, b) -> Double.compare(val[a], val[b]));
      // ascending: first h+1 into the max-heap in descending order, rest ascending (valid heaps)
      for (int j = 0; j <= h; j++) {
        int s = order[h - j];
        lo[j] = s;
        inLo[s] = true;
        pos[s] = j;
      }
      for (int j = 0; j < h; j++) {
        int s = order[h + 1 + j];
        hi[j] = s;
        inLo[s] = false;
        pos[s] = j;
      }
      y[0] = val[lo[0]];
      for (int i = 1; i < y.length; i++) {
        replace((i - 1) % w, stream(i + w - 1));
        y[i] = val[lo[0]];
      }
    }

    void replace(int slot, double v) {
      double old = val[slot];
      val[slot] = v;
      if (inLo[slot]) {
        if (v > old) {
          upLo(pos[slot]);
        } else {
          downLo(pos[slot]);
        }
      } else {
        if (v < old) {
          upHi(pos[slot]);
        } else {
          downHi(pos[slot]);
        }
      }
      if (h > 0 && val[lo[0]] > val[hi[0]]) {
        int a = lo[0], b = hi[0];
        lo[0] = b;
        inLo[b] = true;
        pos[b] = 0;
        hi[0] = a;
        inLo[a] = false;
        pos[a] = 0;
        downLo(0);
        downHi(0);
      }
    }

    private void setLo(int j, int s) {
      lo[j] = s;
      pos[s] = j;
    }

    private void setHi(int j, int s) {
      hi[j] = s;
      pos[s] = j;
    }

    void upLo(int j) {
      int s = lo[j];
      double v = val[s];
      while (j > 0) {
        int p = (j - 1) >> 1;
        if (val[lo[p]] >= v) {
          break;
        }
        setLo(j, lo[p]);
        j = p;
      }
      setLo(j, s);
    }

    void downLo(int j) {
      int n = lo.length;
      int s = lo[j];
      double v = val[s];
      while (true) {
        int c = 2 * j + 1;
        if (c >= n) {
          break;
        }
        if (c + 1 < n && val[lo[c + 1]] > val[lo[c]]) {
          c++;
        }
        if (val[lo[c]] <= v) {
          break;
        }
        setLo(j, lo[c]);
        j = c;
      }
      setLo(j, s);
    }

    void upHi(int j) {
      int s = hi[j];
      double v = val[s];
      while (j > 0) {
        int p = (j - 1) >> 1;
        if (val[hi[p]] <= v) {
          break;
        }
        setHi(j, hi[p]);
        j = p;
      }
      setHi(j, s);
    }

    void downHi(int j) {
      int n = hi.length;
      int s = hi[j];
      double v = val[s];
      while (true) {
        int c = 2 * j + 1;
        if (c >= n) {
          break;
        }
        if (c + 1 < n && val[hi[c + 1]] < val[hi[c]]) {
          c++;
        }
        if (val[hi[c]] >= v) {
          break;
        }
        setHi(j, hi[c]);
        j = c;
      }
      setHi(j, s);
    }
  }
}
