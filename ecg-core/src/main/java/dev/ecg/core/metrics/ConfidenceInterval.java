package dev.ecg.core.metrics;

import java.util.Locale;

/**
 * A point estimate with a two-sided confidence interval, as returned by {@link Bootstrap}.
 *
 * @param point the metric on the full sample
 * @param lower lower bound of the interval
 * @param upper upper bound of the interval, {@code >= lower}
 * @param level nominal coverage in (0, 1), for example 0.95
 */
public record ConfidenceInterval(double point, double lower, double upper, double level) {
  /**
   * Checks the values.
   *
   * @param point the metric on the full sample
   * @param lower lower bound
   * @param upper upper bound
   * @param level nominal coverage in (0, 1)
   * @throws MetricInputException if a value is not finite, {@code lower > upper} or the level is
   *     outside (0, 1)
   */
  public ConfidenceInterval {
    if (!Double.isFinite(point) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
      throw new MetricInputException("confidence interval values must be finite, got point="
          + point + " lower=" + lower + " upper=" + upper);
    }
    if (lower > upper) {
      throw new MetricInputException("lower bound " + lower + " exceeds upper bound " + upper);
    }
    if (!(level > 0 && level < 1)) {
      throw new MetricInputException("confidence level must be in (0, 1), got " + level);
    }
  }

  /** @return {@code upper - lower} */
  public double width() {
    return upper - lower;
  }

  /** @return for example {@code "0.9120 [0.9001, 0.9233] 95% CI"} */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.4f [%.4f, %.4f] %s%% CI", point, lower, upper,
        stripZeros(level * 100));
  }

  private static String stripZeros(double v) {
    String s = String.format(Locale.ROOT, "%.2f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
