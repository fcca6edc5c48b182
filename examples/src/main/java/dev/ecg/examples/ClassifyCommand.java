package dev.ecg.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ecg classify}: not written yet. */
@Command(name = "classify", description = "(classify: not implemented yet)")
final class ClassifyCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("ecg classify is not implemented yet");
    return 2;
  }
}
