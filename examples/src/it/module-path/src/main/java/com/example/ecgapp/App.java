package com.example.ecgapp;

import dev.ecg.io.Record;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.models.ClassificationResult;
import dev.ecg.models.EcgClassifier;

/** Classifies a synthetic record with a bundled model. */
public final class App {
  private App() {}

  /**
   * @param model a bundled model name
   * @return the beat-by-beat result on 30 s of ECGSYN at 360 Hz
   * @throws Exception if the model does not load
   */
  public static ClassificationResult classifySynthetic(String model) throws Exception {
    Record r = EcgSyn.builder().optSamplingRate(360).optDuration(30).optSeed(7).build()
        .generate().record();
    try (EcgClassifier clf = EcgClassifier.load(model)) {
      return clf.classify(r);
    }
  }

  /**
   * @param args optional model name (default mitbih-aami5)
   * @throws Exception if the model does not load
   */
  public static void main(String[] args) throws Exception {
    ClassificationResult res = classifySynthetic(args.length > 0 ? args[0] : "mitbih-aami5");
    System.out.println(res.size() + " windows classified");
  }
}
