package dev.ecg.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ecg train}: not written yet. */
@Command(name = "train", description = "(train: not implemented yet)")
final class TrainCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("ecg train is not implemented yet");
    return 2;
  }
}
