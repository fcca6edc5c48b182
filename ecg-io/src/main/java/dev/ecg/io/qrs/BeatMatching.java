package dev.ecg.io.qrs;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;

/**
 * One-to-one matching of detected beats to reference beats within a window, for scoring a
 * beat classifier on the beats its own detector found: each detection takes the nearest
 * reference beat within the window that no nearer detection has taken. ({@link Ec57Scorer}
 * counts the matches for detector statistics; this gives the pairs.)
 *
 * <pre>{@code
 * int[] m = BeatMatching.match(detected, reference, Math.round(0.15 * fs));
 * // m[i] = index of the reference beat of detection i, or -1 (an extra detection)
 * }</pre>
 */
public final class BeatMatching {
  private BeatMatching() {}

  /**
   * @param detected detection positions, ascending
   * @param reference reference positions, ascending
   * @param window largest distance of a match, in samples, at least 0
   * @return for each detection the index of its reference beat, or -1
   * @throws EcgArgumentException if an array is null or not ascending, or the window is negative
   */
  public static int[] match(long[] detected, long[] reference, long window) {
    if (detected == null || reference == null) {
      throw new EcgArgumentException("positions must not be null");
    }
    if (window < 0) {
      throw new EcgArgumentException("window must be >= 0, got " + window);
    }
    ascending(detected, "detections");
    ascending(reference, "reference beats");
    int[] m = new int[detected.length];
    Arrays.fill(m, -1);
    int[] owner = new int[reference.length];
    Arrays.fill(owner, -1);
    int j = 0;
    for (int i = 0; i < detected.length; i++) {
      long d = detected[i];
      while (j < reference.length && reference[j] < d - window) {
        j++;
      }
      int best = -1;
      for (int k = j; k < reference.length && reference[k] <= d + window; k++) {
        if (best < 0 || Math.abs(reference[k] - d) < Math.abs(reference[best] - d)) {
          best = k;
        }
      }
      if (best < 0) {
        continue;
      }
      int prev = owner[best];
      if (prev >= 0) {
        if (Math.abs(detected[prev] - reference[best]) <= Math.abs(d - reference[best])) {
          continue; // the earlier detection is at least as near: this one is extra
        }
        m[prev] = -1;
      }
      owner[best] = i;
      m[i] = best;
    }
    return m;
  }

  private static void ascending(long[] a, String what) {
    for (int i = 1; i < a.length; i++) {
      if (a[i] < a[i - 1]) {
        throw new EcgArgumentException(what + " must be in ascending order; position " + i
            + " is " + a[i] + " after " + a[i - 1]);
      }
    }
  }
}
