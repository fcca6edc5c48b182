package com.example.ecgapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.models.ClassificationResult;
import dev.ecg.models.EcgClassifier;
import org.junit.jupiter.api.Test;

class AppTest {

  @Test
  void theSdkIsReadAsNamedModules() {
    assertEquals("com.example.ecgapp", App.class.getModule().getName());
    assertEquals("dev.ecg.models", EcgClassifier.class.getModule().getName());
    assertEquals("dev.ecg.io", dev.ecg.io.Record.class.getModule().getName());
    assertEquals("dev.ecg.core", dev.ecg.core.labels.AamiClass.class.getModule().getName());
  }

  @Test
  void aModularClientClassifiesOnTheModulePath() throws Exception {
    ClassificationResult res = App.classifySynthetic("mitbih-aami5");
    System.out.println("module-path IT: " + res.size() + " beats on the module path");
    // 30 s of ECGSYN at about 60-80 bpm: tens of beats, each labelled with an AAMI class
    assertTrue(res.size() >= 20 && res.size() <= 60, "beats: " + res.size());
    for (int i = 0; i < res.size(); i++) {
      assertTrue(java.util.List.of("N", "S", "V", "F", "Q").contains(res.get(i).prediction().label()),
          res.get(i).toString());
    }
  }
}
