package dev.ecg.examples.experiments;

import java.util.Map;

/**
 * The typed settings of one experiment: a record whose members are written to and read from
 * JSON ({@link ExperimentConfigs}), with the seed and epoch budget that {@code ecg train --seed}
 * and {@code --epochs} override.
 *
 * @param <C> the record type itself
 */
public interface ExperimentConfig<C extends ExperimentConfig<C>> {
  /** @return the seed for splits, initialisation, sampling and the bootstrap */
  long seed();

  /**
   * @param seed a seed
   * @return a copy with that seed
   */
  C withSeed(long seed);

  /**
   * @param epochs an epoch budget, at least 1
   * @return a copy in which every epoch budget of the experiment is {@code epochs}
   */
  C withEpochs(int epochs);

  /**
   * @return the members as a JSON tree (strings, numbers, booleans, lists, nulls), in a fixed
   *     order; {@link Experiment#parseConfig} reads it back to an equal record
   */
  Map<String, Object> toJson();
}
