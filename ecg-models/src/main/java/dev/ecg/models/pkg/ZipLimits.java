package dev.ecg.models.pkg;

import dev.ecg.core.EcgArgumentException;

/**
 * Caps applied while extracting a zipped model package, against zip bombs. Sizes are counted on
 * the bytes actually inflated, not on the sizes the archive claims.
 *
 * @param maxTotalBytes most bytes all entries together may inflate to
 * @param maxEntries most entries the archive may hold
 * @param maxRatio most an entry may inflate relative to its compressed size, and all entries
 *     together relative to the archive's length on disk (checked once past 1 MiB, so tiny, highly
 *     compressible files such as JSON are not refused); counted on inflated bytes, with
 *     compressed sizes never taken larger than the archive itself
 */
public record ZipLimits(long maxTotalBytes, int maxEntries, long maxRatio) {

  /** 4 GiB in total, 64 entries, ratio 100. */
  public static final ZipLimits DEFAULT = new ZipLimits(4L << 30, 64, 100);

  /**
   * Checks that every cap is positive.
   *
   * @param maxTotalBytes see the record description
   * @param maxEntries see the record description
   * @param maxRatio see the record description
   */
  public ZipLimits {
    if (maxTotalBytes <= 0 || maxEntries <= 0 || maxRatio <= 0) {
      throw new EcgArgumentException("zip limits must be positive: total=" + maxTotalBytes
          + " entries=" + maxEntries + " ratio=" + maxRatio);
    }
  }
}
