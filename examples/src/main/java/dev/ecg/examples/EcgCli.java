package dev.ecg.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ecg} command-line tool: {@code demo}, {@code train}, {@code evaluate} and
 * {@code classify}. Each subcommand lives in its own class.
 */
@Command(
    name = "ecg",
    mixinStandardHelpOptions = true,
    version = "ecg 0.1.0-SNAPSHOT",
    description = "Read, clean, segment and classify ECG recordings; train and evaluate models.",
    subcommands = {
      DemoCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      ClassifyCommand.class,
      HrvCommand.class,
      QualityCommand.class,
      CommandLine.HelpCommand.class
    })
public final class EcgCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    int rc = new CommandLine(new EcgCli()).execute(args);
    System.exit(rc);
  }
}
