package dev.ecg.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the reference databases (MIT-BIH, CinC 2017, PTB-XL) through one setting.
 *
 * <p>The folder is taken from the system property {@value #PROPERTY}, then the environment
 * variable {@value #ENV}, and otherwise defaults to {@code ../shared/data} relative to the working
 * directory. Nothing is ever downloaded.
 */
public final class DataDir {
  /** System property naming the data folder. */
  public static final String PROPERTY = "ecg.data.dir";
  /** Environment variable naming the data folder, used when the property is unset. */
  public static final String ENV = "ECG_DATA_DIR";
  /** Default location, relative to the working directory. */
  public static final String DEFAULT = "../shared/data";

  private DataDir() {}

  /**
   * @return the configured data folder, whether or not it exists
   */
  public static Path root() {
    String p = System.getProperty(PROPERTY);
    if (p == null || p.isBlank()) {
      p = System.getenv(ENV);
    }
    if (p == null || p.isBlank()) {
      p = DEFAULT;
    }
    return Path.of(p).toAbsolutePath().normalize();
  }

  /**
   * @param database a sub-folder such as {@code mitdb}, {@code cinc2017} or {@code ptbxl}
   * @return the sub-folder when it exists, otherwise empty
   */
  public static Optional<Path> find(String database) {
    Path p = root().resolve(database);
    return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
  }

  /**
   * A one-line explanation for skipped data tests and failing examples.
   *
   * @param database the missing sub-folder
   * @return a message naming the folder that was looked at and how to change it
   */
  public static String missingMessage(String database) {
    return "ECG reference data '" + database + "' not found at " + root().resolve(database)
        + "; set -D" + PROPERTY + "=<dir> (or $" + ENV + ") to the folder holding mitdb/, cinc2017/, ptbxl/";
  }

  /** System property naming the folder of reference outputs (goldens) of peer tools. */
  public static final String GOLDENS_PROPERTY = "ecg.goldens.dir";

  /**
   * The folder of reference outputs made by peer tools (for example {@code neurokit2/}), used by
   * tests that compare against them: the {@value #GOLDENS_PROPERTY} property, else the folder
   * {@code goldens} beside the data folder ({@code ../shared/goldens} by default).
   *
   * @param set a sub-folder such as {@code neurokit2}
   * @return the sub-folder when it exists, otherwise empty
   */
  public static Optional<Path> goldens(String set) {
    String p = System.getProperty(GOLDENS_PROPERTY);
    Path base = p == null || p.isBlank() ? root().resolveSibling("goldens")
        : Path.of(p).toAbsolutePath().normalize();
    Path dir = base.resolve(set);
    return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
  }
}
