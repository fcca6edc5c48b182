package dev.ecg.examples.experiments;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What every experiment gets from the command line.
 *
 * @param dataDir folder holding mitdb/, cinc2017/, ptbxl/ (see {@code dev.ecg.core.DataDir})
 * @param outDir folder for the model package, reports and plots
 * @param seed the seed for splits, initialisation and sampling (the configuration's)
 * @param epochs an override of the experiment's epoch count, or empty (the configuration holds
 *     the epochs; {@code ecg train --epochs} is applied to it before the run)
 * @param smoke when true, a few records and one epoch: proves the pipeline runs end to end
 * @param configName how the configuration was made: the experiment name, plus the override
 *     file's name when {@code --config} was given
 * @param config the effective configuration as a JSON tree, written into every report.json
 */
public record ExperimentContext(Path dataDir, Path outDir, long seed, OptionalInt epochs,
    boolean smoke, String configName, Map<String, Object> config) {

  /**
   * Copies the configuration tree.
   *
   * @param dataDir see the record description
   * @param outDir see the record description
   * @param seed see the record description
   * @param epochs see the record description
   * @param smoke see the record description
   * @param configName see the record description
   * @param config see the record description
   */
  public ExperimentContext {
    config = config == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
    configName = configName == null ? "none" : configName;
  }

  /**
   * A context without a configuration (tests and tools).
   *
   * @param dataDir see the record description
   * @param outDir see the record description
   * @param seed see the record description
   * @param epochs see the record description
   * @param smoke see the record description
   */
  public ExperimentContext(Path dataDir, Path outDir, long seed, OptionalInt epochs,
      boolean smoke) {
    this(dataDir, outDir, seed, epochs, smoke, null, null);
  }

  /**
   * @param dir another output folder
   * @return this context writing there
   */
  public ExperimentContext withOutDir(Path dir) {
    return new ExperimentContext(dataDir, dir, seed, epochs, smoke, configName, config);
  }

  /**
   * @param dir another output folder
   * @param newSeed another seed
   * @return this context writing there with that seed (further seeds of one run)
   */
  public ExperimentContext withOutDirAndSeed(Path dir, long newSeed) {
    return new ExperimentContext(dataDir, dir, newSeed, epochs, smoke, configName, config);
  }
}
