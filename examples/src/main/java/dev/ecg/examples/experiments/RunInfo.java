package dev.ecg.examples.experiments;

import dev.ecg.models.train.BuildInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/** Source commit and date for provenance. */
public final class RunInfo {
  private static volatile String cached;

  private RunInfo() {}

  /**
   * The commit is read once, on the first call ({@code ecg train} calls it at start-up), so a
   * commit made in the working tree while a long run is going does not end up in its
   * provenance. The jar itself may still be older than HEAD; build it from a clean checkout.
   *
   * @return {@link BuildInfo#gitCommit()} ({@code -Decg.git.commit}, {@code GIT_COMMIT}, or
   *     {@code git rev-parse --short HEAD} with {@code -dirty} when tracked files are modified),
   *     or {@code unknown}
   */
  public static String gitCommit() {
    String c = cached;
    if (c == null) {
      String b = BuildInfo.gitCommit();
      c = b == null ? "unknown" : b;
      cached = c;
    }
    return c;
  }

  /**
   * Adds the provenance every experiment report carries, in this order: {@code seed},
   * {@code epochs_run}, {@code best_epoch}, {@code smoke}, {@code commit}, {@code date} and
   * {@code wall_minutes} (one decimal).
   *
   * @param info the report's ordered key/value map
   * @param seed the run's seed
   * @param epochsRun epochs trained
   * @param bestEpoch the epoch whose weights were kept
   * @param smoke whether this was a CI smoke run
   * @param minutes wall time in minutes
   */
  public static void putRun(Map<String, String> info, long seed, int epochsRun, int bestEpoch,
      boolean smoke, double minutes) {
    info.put("seed", Long.toString(seed));
    info.put("epochs_run", Integer.toString(epochsRun));
    info.put("best_epoch", Integer.toString(bestEpoch));
    info.put("smoke", Boolean.toString(smoke));
    info.put("commit", gitCommit());
    info.put("date", now());
    info.put("wall_minutes", String.format(Locale.ROOT, "%.1f", minutes));
  }

  /** @return the current UTC time, ISO-8601, to the second */
  public static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
