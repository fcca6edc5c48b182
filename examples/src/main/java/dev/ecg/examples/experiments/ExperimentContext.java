package dev.ecg.examples.experiments;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * What every experiment gets from the command line.
 *
 * @param dataDir folder holding mitdb/, cinc2017/, ptbxl/ (see {@code dev.ecg.core.DataDir})
 * @param outDir folder for the model package, reports and plots
 * @param seed the seed for splits, initialisation and sampling
 * @param epochs an override of the experiment's default epoch count, or empty
 * @param smoke when true, a few records and one epoch: proves the pipeline runs end to end
 */
public record ExperimentContext(
    Path dataDir, Path outDir, long seed, OptionalInt epochs, boolean smoke) {}
