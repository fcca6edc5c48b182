package dev.ecg.examples.experiments;

import dev.ecg.core.json.JsonFields;

/**
 * One reproducible experiment, run by {@code ecg train --experiment <name>}. Implementations are
 * listed in {@link Experiments}; their settings are a typed {@link ExperimentConfig} whose
 * defaults ship in the jar as {@code dev/ecg/examples/experiments/<name>.json} and which a
 * {@code --config} file overrides key by key ({@link ExperimentConfigs}).
 *
 * @param <C> the experiment's configuration record
 */
public interface Experiment<C extends ExperimentConfig<C>> {
  /** @return the name used on the command line, e.g. {@code mitbih-inter} */
  String name();

  /** @return one line describing data, protocol and model */
  String description();

  /**
   * Reads a complete configuration: every member must be present, no other member may be, and
   * each must have the right type and range.
   *
   * @param f the JSON object, named after the file it came from
   * @return the configuration
   * @throws dev.ecg.core.EcgArgumentException naming the file and the member that is wrong
   */
  C parseConfig(JsonFields f);

  /**
   * Runs the experiment and writes its outputs (model package, report.json with the effective
   * configuration under {@code "config"}, report.txt, PNGs) under {@link
   * ExperimentContext#outDir()}.
   *
   * @param ctx data folder, output folder, seed, smoke-test switch and the configuration's JSON
   * @param config the effective configuration (its seed is {@code ctx.seed()})
   * @throws Exception when data is missing or training fails
   */
  void run(ExperimentContext ctx, C config) throws Exception;
}
