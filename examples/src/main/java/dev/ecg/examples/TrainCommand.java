package dev.ecg.examples;

import dev.ecg.core.DataDir;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.examples.experiments.Experiment;
import dev.ecg.examples.experiments.ExperimentConfig;
import dev.ecg.examples.experiments.ExperimentConfigs;
import dev.ecg.examples.experiments.ExperimentContext;
import dev.ecg.examples.experiments.Experiments;
import dev.ecg.models.engine.NativeMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ecg train --experiment <name> [--config FILE]}: runs one registered experiment with its
 * typed configuration (the defaults in the jar, {@code dev/ecg/examples/experiments/<name>.json},
 * with the members of {@code FILE} replacing theirs; {@code --seed} and {@code --epochs} last)
 * and writes its model package ({@code <out>/model/}), {@code report.json} (holding the
 * effective configuration as {@code "config"}), {@code report.txt}, {@code confusion.png},
 * {@code history.json}, {@code loss.png} and {@code metrics.png}. {@code --print-config} prints
 * the effective configuration as JSON and exits.
 *
 * <p>As an application it makes the process-wide choices the library leaves to it: PyTorch's
 * thread counts (2 intra-op, 1 inter-op unless set) and glibc's {@code malloc} tuning for tensors
 * ({@link NativeMemory#tuneForTensors()}, which {@code -Decg.malloc.tune=false} still forbids),
 * the settings under which the training times in {@code docs/results.md} were measured.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Run one experiment: train, test, and write the model package and reports.")
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--experiment", required = true,
      description = "experiment name (one of: ${COMPLETION-CANDIDATES})",
      completionCandidates = ExperimentNames.class)
  String experiment;

  @Option(names = "--config", description = "JSON file overriding members of the experiment's "
      + "default configuration (a partial file changes only the keys it has)")
  Path config;

  @Option(names = "--print-config", description = "print the effective configuration as JSON "
      + "and exit")
  boolean printConfig;

  @Option(names = "--data", description = "folder holding mitdb/, cinc2017/, ptbxl/ "
      + "(default: -Decg.data.dir or ../shared/data)")
  Path data;

  @Option(names = "--out", description = "output folder (default: runs/<experiment>)")
  Path out;

  @Option(names = "--seed", description = "seed (overrides the configuration's)")
  Long seed;

  @Option(names = "--epochs", description = "override every epoch budget of the configuration")
  Integer epochs;

  @Option(names = "--smoke", description = "a few records and one epoch: end-to-end check")
  boolean smoke;

  /** The registered names, for the help text. */
  static final class ExperimentNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Experiments.names().iterator();
    }
  }

  @Override
  public Integer call() throws Exception {
    Experiment<?> e;
    try {
      e = Experiments.get(experiment);
    } catch (IllegalArgumentException ex) {
      System.err.println(ex.getMessage());
      return 2;
    }
    return callTyped(e);
  }

  private <C extends ExperimentConfig<C>> int callTyped(Experiment<C> e) throws Exception {
    if (epochs != null && epochs < 1) {
      System.err.println("--epochs must be >= 1, got " + epochs);
      return 2;
    }
    C cfg;
    try {
      cfg = ExperimentConfigs.load(e, config);
    } catch (NoSuchFileException ex) {
      System.err.println("--config: " + ex.getFile() + ": file not found");
      return 2;
    } catch (EcgArgumentException ex) {
      System.err.println("--config: " + ex.getMessage());
      return 2;
    }
    if (seed != null) {
      cfg = cfg.withSeed(seed);
    }
    if (epochs != null) {
      cfg = cfg.withEpochs(epochs);
    }
    if (printConfig) {
      java.io.PrintWriter w = spec.commandLine().getOut();
      w.print(ExperimentConfigs.toJson(cfg));
      w.flush();
      return 0;
    }
    Path dataDir = data;
    if (dataDir == null) {
      dataDir = DataDir.find("mitdb").map(Path::getParent).orElse(Path.of("../shared/data"));
    }
    if (!Files.isDirectory(dataDir)) {
      System.err.println("data folder " + dataDir + " does not exist (use --data)");
      return 2;
    }
    Path outDir = out != null ? out : Path.of("runs", experiment);
    Files.createDirectories(outDir);
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", "2");
    }
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    NativeMemory.Status mem = NativeMemory.tuneForTensors();
    String configName = e.name() + (config == null ? " defaults"
        : " + " + config.getFileName());
    ExperimentContext ctx = new ExperimentContext(dataDir, outDir, cfg.seed(),
        OptionalInt.empty(), smoke, configName, cfg.toJson());
    writeConfig(outDir, cfg);
    long t0 = System.nanoTime();
    String commit = dev.ecg.examples.experiments.RunInfo.gitCommit();
    System.err.println("ecg train: " + e.name() + " - " + e.description() + " (commit "
        + commit + "; config " + configName + "; malloc "
        + (mem.applied() ? "tuned" : "untouched: " + mem.detail()) + ")");
    e.run(ctx, cfg);
    System.err.printf(Locale.ROOT, "ecg train: %s finished in %.1f min, outputs in %s%n",
        e.name(), (System.nanoTime() - t0) / 60e9, outDir.toAbsolutePath());
    return 0;
  }

  /** Writes the effective configuration as {@code config.json} beside the reports. */
  private static void writeConfig(Path outDir, ExperimentConfig<?> cfg) throws IOException {
    Files.writeString(outDir.resolve("config.json"), ExperimentConfigs.toJson(cfg));
  }
}
