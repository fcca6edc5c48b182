package dev.ecg.examples.experiments;

import dev.ecg.core.json.JsonFields;
import java.util.List;
import java.util.Map;

/**
 * A registered experiment whose pipeline is not written yet: running it fails with a clear
 * message instead of producing numbers. Every published experiment is implemented now; tests
 * register this stand-in to keep the refusal path covered. Its configuration holds the seed only
 * (defaults: the test resource {@code dev/ecg/examples/experiments/<name>.json} when present).
 */
public final class NotYetRun implements Experiment<NotYetRun.Config> {
  private final String name;
  private final String description;

  /**
   * The configuration: a seed.
   *
   * @param seed the seed
   */
  public record Config(long seed) implements ExperimentConfig<Config> {
    @Override
    public Config withSeed(long s) {
      return new Config(s);
    }

    @Override
    public Config withEpochs(int e) {
      return this;
    }

    @Override
    public Map<String, Object> toJson() {
      return Map.of("seed", seed);
    }
  }

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
  public Config parseConfig(JsonFields f) {
    ConfigFields.exactly(f, List.of("seed"));
    return new Config(ConfigFields.seed(f));
  }

  @Override
  public void run(ExperimentContext ctx, Config config) {
    throw new UnsupportedOperationException("experiment '" + name + "' is registered but its "
        + "pipeline is not implemented yet; no result has been produced");
  }
}
