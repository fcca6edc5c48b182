package dev.ecg.examples.experiments;

/**
 * One reproducible experiment, run by {@code ecg train --experiment <name>}. Implementations are
 * listed in {@link Experiments}.
 */
public interface Experiment {
  /** @return the name used on the command line, e.g. {@code mitbih-inter} */
  String name();

  /** @return one line describing data, protocol and model */
  String description();

  /**
   * Runs the experiment and writes its outputs (model package, report.json, report.txt, PNGs)
   * under {@link ExperimentContext#outDir()}.
   *
   * @param ctx data folder, output folder, seed, epochs and smoke-test switch
   * @throws Exception when data is missing or training fails
   */
  void run(ExperimentContext ctx) throws Exception;
}
