package dev.ecg.bench;

import dev.ecg.models.engine.KernelSelfTest;
import java.util.Locale;

/**
 * What the libtorch kernel self-test costs a process: run it as the first PyTorch work of a
 * fresh JVM (as {@code EcgTrainer} and the PyTorch inference engine do) and print the engine
 * load time and the checks' time. Start it several times to get a median:
 *
 * <pre>
 * for i in 1 2 3 4 5; do java -cp ecg-bench/target/benchmarks.jar dev.ecg.bench.SelfTestCost; done
 * </pre>
 */
public final class SelfTestCost {

  private SelfTestCost() {}

  /**
   * @param args unused
   */
  public static void main(String[] args) {
    KernelSelfTest.Report r = KernelSelfTest.ensurePassed();
    System.out.println(r.describe());
    System.out.printf(Locale.ROOT, "self-test: engine load %.1f ms, checks %.1f ms%n",
        r.engineLoadNanos() / 1e6, r.checkNanos() / 1e6);
  }
}
