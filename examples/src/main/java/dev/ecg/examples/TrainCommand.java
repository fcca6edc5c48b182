package dev.ecg.examples;

import dev.ecg.core.DataDir;
import dev.ecg.examples.experiments.Experiment;
import dev.ecg.examples.experiments.ExperimentContext;
import dev.ecg.examples.experiments.Experiments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecg train --experiment <name>}: runs one registered experiment and writes its model
 * package ({@code <out>/model/}), {@code report.json}, {@code report.txt},
 * {@code confusion.png}, {@code history.json}, {@code loss.png} and {@code metrics.png}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Run one experiment: train, test, and write the model package and reports.")
final class TrainCommand implements Callable<Integer> {
  @Option(names = "--experiment", required = true,
      description = "experiment name (--list shows them)")
  String experiment;

  @Option(names = "--data", description = "folder holding mitdb/, cinc2017/, ptbxl/ "
      + "(default: -Decg.data.dir or ../shared/data)")
  Path data;

  @Option(names = "--out", description = "output folder (default: runs/<experiment>)")
  Path out;

  @Option(names = "--seed", defaultValue = "20240601", description = "seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--epochs", description = "override the experiment's epoch count")
  Integer epochs;

  @Option(names = "--smoke", description = "a few records and one epoch: end-to-end check")
  boolean smoke;

  @Override
  public Integer call() throws Exception {
    Experiment e;
    try {
      e = Experiments.get(experiment);
    } catch (IllegalArgumentException ex) {
      System.err.println(ex.getMessage());
      return 2;
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
    if (epochs != null && epochs < 1) {
      System.err.println("--epochs must be >= 1, got " + epochs);
      return 2;
    }
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", "2");
    }
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    ExperimentContext ctx = new ExperimentContext(dataDir, outDir, seed,
        epochs == null ? OptionalInt.empty() : OptionalInt.of(epochs), smoke);
    long t0 = System.nanoTime();
    System.err.println("ecg train: " + e.name() + " - " + e.description() + " (commit "
        + dev.ecg.examples.experiments.RunInfo.gitCommit() + ")");
    e.run(ctx);
    System.err.printf(java.util.Locale.ROOT, "ecg train: %s finished in %.1f min, outputs in %s%n",
        e.name(), (System.nanoTime() - t0) / 60e9, outDir.toAbsolutePath());
    return 0;
  }
}
