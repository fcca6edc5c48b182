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
  /** Largest window accepted (the engine keeps a few arrays of the window's length). */
  public static final int MAX_WINDOW = 1 << 24;

  private RunningMedian() {}

  /**
   * Centred running median with "nearest" edge handling.
   *
   * @param x input samples (not modified)
   * @param window odd window length {@code >= 1}
   * @return the running median, same length as {@code x}
   * @throws EcgArgumentException if the window is not a positive odd number up to
   *     {@link #MAX_WINDOW}
   * @throws NanInputException if {@code x} holds a non-finite value (a median of a window
   *     holding NaN is undefined)
   */
  public static double[] filter(double[] x, int window) {
    Checks.finite(x, "x");
    if (window < 1 || window % 2 == 0 || window > MAX_WINDOW) {
      throw new EcgArgumentException("median window must be a positive odd number <= "
          + MAX_WINDOW + ", got " + window);
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

  /**
   * Double heap. Heap entries keep their value next to their slot ({@code loVal/loSlot},
   * {@code hiVal/hiSlot}) so that sifting compares contiguous values; {@code pos[slot]} is the
   * entry's index in its heap, {@code inLo[slot]} says which heap.
   */
  private static final class Engine {
    final double[] x;
    final int w;
    final int h;
    final boolean[] inLo;
    final int[] pos;
    final double[] loVal; // max-heap, size h + 1
    final int[] loSlot;
    final double[] hiVal; // min-heap, size h
    final int[] hiSlot;

    Engine(double[] x, int w) {
      this.x = x;
      this.w = w;
      this.h = w / 2;
      inLo = new boolean[w];
      pos = new int[w];
      loVal = new double[h + 1];
      loSlot = new int[h + 1];
      hiVal = new double[h];
      hiSlot = new int[h];
    }

    double stream(int k) {
      int i = k - h;
      return x[i < 0 ? 0 : (i >= x.length ? x.length - 1 : i)];
    }

    void run(double[] y) {
      double[] init = new double[w];
      Integer[] order = new Integer[w];
      for (int k = 0; k < w; k++) {
        init[k] = stream(k);
        order[k] = k;
      }
      java.util.Arrays.sort(order, (a, b) -> Double.compare(init[a], init[b]));
      // ascending order: the first h+1 go to the max-heap in descending order and the rest to
      // the min-heap in ascending order; both arrays are then valid heaps
      for (int j = 0; j <= h; j++) {
        int s = order[h - j];
        loVal[j] = init[s];
        loSlot[j] = s;
        inLo[s] = true;
        pos[s] = j;
      }
      for (int j = 0; j < h; j++) {
        int s = order[h + 1 + j];
        hiVal[j] = init[s];
        hiSlot[j] = s;
        inLo[s] = false;
        pos[s] = j;
      }
      y[0] = loVal[0];
      int slot = 0;
      for (int i = 1; i < y.length; i++) {
        replace(slot, stream(i + w - 1));
        if (++slot == w) {
          slot = 0;
        }
        y[i] = loVal[0];
      }
    }

    void replace(int slot, double v) {
      int j = pos[slot];
      if (inLo[slot]) {
        double old = loVal[j];
        if (v > old) {
          upLo(j, slot, v);
        } else if (v < old) {
          downLo(j, slot, v);
        } else {
          return;
        }
      } else {
        double old = hiVal[j];
        if (v < old) {
          upHi(j, slot, v);
        } else if (v > old) {
          downHi(j, slot, v);
        } else {
          return;
        }
      }
      if (h > 0 && loVal[0] > hiVal[0]) {
        double a = loVal[0], b = hiVal[0];
        int sa = loSlot[0], sb = hiSlot[0];
        inLo[sb] = true;
        inLo[sa] = false;
        downLo(0, sb, b);
        downHi(0, sa, a);
      }
    }

    /** Places (slot, v) at index j of the max-heap and moves it up. */
    void upLo(int j, int slot, double v) {
      while (j > 0) {
        int p = (j - 1) >> 1;
        if (loVal[p] >= v) {
          break;
        }
        loVal[j] = loVal[p];
        loSlot[j] = loSlot[p];
        pos[loSlot[j]] = j;
        j = p;
      }
      loVal[j] = v;
      loSlot[j] = slot;
      pos[slot] = j;
    }

    /** Places (slot, v) at index j of the max-heap and moves it down. */
    void downLo(int j, int slot, double v) {
      int n = loVal.length;
      while (true) {
        int c = 2 * j + 1;
        if (c >= n) {
          break;
        }
        if (c + 1 < n && loVal[c + 1] > loVal[c]) {
          c++;
        }
        if (loVal[c] <= v) {
          break;
        }
        loVal[j] = loVal[c];
        loSlot[j] = loSlot[c];
        pos[loSlot[j]] = j;
        j = c;
      }
      loVal[j] = v;
      loSlot[j] = slot;
      pos[slot] = j;
    }

    /** Places (slot, v) at index j of the min-heap and moves it up. */
    void upHi(int j, int slot, double v) {
      while (j > 0) {
        int p = (j - 1) >> 1;
        if (hiVal[p] <= v) {
          break;
        }
        hiVal[j] = hiVal[p];
        hiSlot[j] = hiSlot[p];
        pos[hiSlot[j]] = j;
        j = p;
      }
      hiVal[j] = v;
      hiSlot[j] = slot;
      pos[slot] = j;
    }

    /** Places (slot, v) at index j of the min-heap and moves it down. */
    void downHi(int j, int slot, double v) {
      int n = hiVal.length;
      while (true) {
        int c = 2 * j + 1;
        if (c >= n) {
          break;
        }
        if (c + 1 < n && hiVal[c + 1] < hiVal[c]) {
          c++;
        }
        if (hiVal[c] >= v) {
          break;
        }
        hiVal[j] = hiVal[c];
        hiSlot[j] = hiSlot[c];
        pos[hiSlot[j]] = j;
        j = c;
      }
      hiVal[j] = v;
      hiSlot[j] = slot;
      pos[slot] = j;
    }
  }
}
