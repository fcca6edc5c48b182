package dev.ecg.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ecg demo}: not written yet. */
@Command(name = "demo", description = "(demo: not implemented yet)")
final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("ecg demo is not implemented yet");
    return 2;
  }
}
