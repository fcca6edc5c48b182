package dev.ecg.examples.demo;

/**
 * Pairs detected beats with true beats: a detection matches the nearest still unmatched true
 * beat within a tolerance (a time sweep over both sorted lists, as in beat-by-beat comparison,
 * ANSI/AAMI EC57 with its 150 ms window).
 */
public final class BeatMatch {

  private BeatMatch() {}

  /**
   * @param detected detected positions, ascending
   * @param truth true positions, ascending
   * @param tolerance the largest allowed distance in samples
   * @return for each detection, the index of its true beat, or -1 when none is close enough
   */
  public static int[] match(long[] detected, long[] truth, long tolerance) {
    int[] out = new int[detected.length];
    boolean[] used = new boolean[truth.length];
    int j = 0;
    for (int i = 0; i < detected.length; i++) {
      long d = detected[i];
      while (j < truth.length && (used[j] || truth[j] < d - tolerance)) {
        j++;
      }
      int best = -1;
      for (int k = j; k < truth.length && truth[k] <= d + tolerance; k++) {
        if (!used[k] && (best < 0 || Math.abs(truth[k] - d) < Math.abs(truth[best] - d))) {
          best = k;
        }
      }
      out[i] = best;
      if (best >= 0) {
        used[best] = true;
      }
    }
    return out;
  }
}
