package dev.ecg.models;

import dev.ecg.io.Record;
import dev.ecg.io.synth.EcgSyn;

/**
 * Run by {@link OnnxOnlyClasspathTest} in a JVM without the PyTorch jars: loads every bundled
 * model with the default engine choice and classifies an ECGSYN record, printing one line per
 * model ({@code OK name engine windows}).
 */
public final class OnnxOnlyMain {
  private OnnxOnlyMain() {}

  /**
   * @param args unused
   * @throws Exception if a model does not load or classify
   */
  public static void main(String[] args) throws Exception {
    Record r = EcgSyn.builder().optSamplingRate(360).optDuration(40).optSeed(2).build()
        .generate().record();
    for (String name : dev.ecg.models.pkg.ModelPackage.bundledNames(
        OnnxOnlyMain.class.getClassLoader())) {
      try (EcgClassifier clf = EcgClassifier.load(name)) {
        ClassificationResult res = clf.classify(r);
        System.out.println("OK " + name + " " + clf.engineName() + " " + res.size());
      }
    }
    // asking for PyTorch without it: one clear sentence naming the artifact to add
    try (EcgClassifier clf = EcgClassifier.load("mitbih-aami5", new EcgClassifier.Options(
        dev.ecg.models.engine.EngineChoice.PYTORCH, EcgClassifier.LengthPolicy.REJECT, 0))) {
      System.out.println("UNEXPECTED PyTorch engine loaded: " + clf.engineName());
    } catch (dev.ecg.models.engine.EngineException e) {
      System.out.println("REFUSED " + e.getMessage());
    }
    try {
      dev.ecg.models.engine.KernelSelfTest.ensurePassed();
      System.out.println("UNEXPECTED self-test ran");
    } catch (dev.ecg.models.engine.EngineException e) {
      System.out.println("REFUSED " + e.getMessage());
    }
  }
}
