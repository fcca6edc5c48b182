package dev.ecg.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ecg evaluate}: not written yet. */
@Command(name = "evaluate", description = "(evaluate: not implemented yet)")
final class EvaluateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("ecg evaluate is not implemented yet");
    return 2;
  }
}
