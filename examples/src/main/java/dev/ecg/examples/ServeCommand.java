package dev.ecg.examples;

import dev.ecg.examples.cli.ModelArg;
import dev.ecg.examples.web.ViewerServer;
import dev.ecg.models.EcgClassifier;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecg serve [--port 8080]}: the web viewer ({@link ViewerServer}) on this machine.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Start the web viewer: upload a recording (WFDB, EDF, MAT, CSV) or pick a "
        + "sample, and see its beats labelled on ECG paper, rhythm episodes, heart rate, "
        + "quality, and why a clicked beat got its label.",
        "Binds to 127.0.0.1 unless --host says otherwise; every asset comes from the jar."})
public final class ServeCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8080", description = "Port (default: "
      + "${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind "
      + "(default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(names = {"-m", "--model"}, defaultValue = "mitbih-aami5", description = "Beat model "
      + "(default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--rhythm", defaultValue = "af-detect", description = "Rhythm model for AF "
      + "and noise episodes, or none (default: ${DEFAULT-VALUE}).")
  String rhythm;

  @Option(names = "--max-upload-mb", defaultValue = "50", description = "Largest upload "
      + "(default: ${DEFAULT-VALUE} MB).")
  int maxUploadMb;

  private final PrintStream out;

  /** Prints to standard output. */
  public ServeCommand() {
    this(System.out);
  }

  ServeCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    if (maxUploadMb < 1 || maxUploadMb > 1024) {
      throw new IllegalArgumentException("--max-upload-mb must be in [1, 1024], got "
          + maxUploadMb);
    }
    EcgClassifier beats = ModelArg.load(model);
    EcgClassifier rhy = rhythm.equalsIgnoreCase("none") ? null : ModelArg.load(rhythm);
    ViewerServer server = ViewerServer.start(host, port, beats, rhy,
        (long) maxUploadMb << 20);
    out.println("ECG viewer on http://" + host + ":" + server.port() + "/ (Ctrl-C to stop)");
    out.flush();
    Thread.currentThread().join();
    return 0;
  }
}
