package dev.ecg.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ecg} command-line tool: {@code demo}, {@code train}, {@code evaluate},
 * {@code classify}, {@code hrv}, {@code quality}, {@code models}, {@code download}, {@code stream}
 * and {@code serve}. Each subcommand lives in
 * its own class. Errors print one line ({@code --debug} adds the stack trace).
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
      ModelsCommand.class,
      DownloadCommand.class,
      StreamCommand.class,
      ServeCommand.class,
      QuantizeCommand.class,
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
    System.exit(execute(args));
  }

  /**
   * Runs the tool without exiting. A failure prints one line, {@code ecg <command>: <message>},
   * and returns 1; {@code --debug} anywhere on the line prints the stack trace as well.
   *
   * @param args command-line arguments
   * @return the exit code
   */
  public static int execute(String... args) {
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    String[] rest = java.util.Arrays.stream(args).filter(a -> !a.equals("--debug"))
        .toArray(String[]::new);
    CommandLine cl = new CommandLine(new EcgCli());
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (debug) {
        e.printStackTrace(cmd.getErr());
      } else {
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message(e)
            + " (run with --debug for the stack trace)");
      }
      return 1;
    });
    return cl.execute(rest);
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    return m;
  }
}
