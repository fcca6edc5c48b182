package dev.ecg.examples.experiments;

/**
 * A registered experiment whose pipeline is not written yet: running it fails with a clear
 * message instead of producing numbers. Listed so that {@code ecg train --experiment} names the
 * whole published set.
 */
public final class NotYetRun implements Experiment {
  private final String name;
  private final String description;

  /**
   * @param name the name to register
   * @param description what the experiment will do
   */
  public NotYetRun(String name, String description) {
    this.name = name;
    this.description = description;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description + " (NOT IMPLEMENTED YET)";
  }

  @Override
  public void run(ExperimentContext ctx) {
    throw new UnsupportedOperationException("experiment '" + name + "' is registered but its "
        + "pipeline is not implemented yet; no result has been produced");
  }
}
