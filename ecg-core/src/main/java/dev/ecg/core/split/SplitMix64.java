package dev.ecg.core.split;

/**
 * The SplitMix64 pseudo-random generator (Steele, Lea and Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014), with the golden-ratio increment {@code 0x9e3779b97f4a7c15}
 * and Stafford's "Mix13" finaliser.
 *
 * <p>Its {@link #nextLong()} stream is the same as that of {@code new
 * java.util.SplittableRandom(seed)}, but every derived operation ({@link #nextInt(int)}, {@link
 * #nextDouble()}, {@link #shuffle(int[])}) is defined here, so splits made with a seed are the same
 * on every JDK version. Not thread-safe; not for cryptography.
 */
public final class SplitMix64 {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  /**
   * @param seed any value; equal seeds give equal streams
   */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /** @return the next 64 pseudo-random bits */
  public long nextLong() {
    state += GOLDEN_GAMMA;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * An unbiased integer in {@code [0, bound)}, by Lemire's multiply-and-reject method (Lemire,
   * "Fast random integer generation in an interval", ACM TOMACS 29(1), 2019) on the upper 32
   * bits of {@link #nextLong()}.
   *
   * @param bound the exclusive upper bound, at least 1
   * @return a uniformly distributed value in {@code [0, bound)}
   * @throws IllegalArgumentException if {@code bound < 1}
   */
  public int nextInt(int bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("bound must be >= 1, got " + bound);
    }
    long x = nextLong() >>> 32;
    long m = x * bound;
    long low = m & 0xFFFFFFFFL;
    if (low < bound) {
      long threshold = (0x1_0000_0000L - bound) % bound;
      while (low < threshold) {
        x = nextLong() >>> 32;
        m = x * bound;
        low = m & 0xFFFFFFFFL;
      }
    }
    return (int) (m >>> 32);
  }

  /** @return a uniformly distributed double in {@code [0, 1)} with 53 random bits */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /**
   * Shuffles the array in place with the Fisher-Yates (Durstenfeld) algorithm, walking from the
   * last position down.
   *
   * @param a the array to shuffle
   */
  public void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
