package dev.ecg.models.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.Cinc2017;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.testdata.MitBihLead0;
import dev.ecg.models.BeatPrediction;
import dev.ecg.models.ClassificationResult;
import dev.ecg.models.EcgClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A rhythm stream gives classify's windows, probabilities and skips for any chunking. */
class RhythmStreamTest {

  static EcgClassifier rhythm;
  static EcgClassifier af;

  @BeforeAll
  static void load() throws Exception {
    rhythm = EcgClassifier.load("cinc2017-rhythm");
    af = EcgClassifier.load("af-detect");
  }

  @AfterAll
  static void close() {
    rhythm.close();
    af.close();
  }

  static List<RhythmStream.WindowEvent> stream(EcgClassifier clf, Record r, Random chunks,
      int maxChunk) {
    RhythmStream st = RhythmStream.open(clf, r.fs(), r.channelNames());
    List<RhythmStream.WindowEvent> ev = new ArrayList<>();
    int i = 0;
    while (i < r.length()) {
      int c = Math.min(r.length() - i, 1 + chunks.nextInt(maxChunk));
      double[][] chunk = new double[r.channelCount()][];
      for (int k = 0; k < chunk.length; k++) {
        chunk[k] = Arrays.copyOfRange(r.channel(k), i, i + c);
      }
      ev.addAll(st.push(chunk));
      i += c;
    }
    ev.addAll(st.finish());
    return ev;
  }

  /** Window starts, probabilities and skip reasons against classify, in order. */
  static void compare(ClassificationResult batch, List<RhythmStream.WindowEvent> ev,
      String where) {
    List<RhythmStream.WindowEvent> done = ev.stream().filter(e -> e.skipped() == null).toList();
    List<RhythmStream.WindowEvent> skipped = ev.stream().filter(e -> e.skipped() != null)
        .toList();
    assertEquals(batch.size(), done.size(), where + ": classified windows");
    assertEquals(batch.skipped().size(), skipped.size(), where + ": skipped windows");
    for (int k = 0; k < batch.size(); k++) {
      BeatPrediction b = batch.get(k);
      assertEquals(b.sample(), done.get(k).sample(), where + ": window " + k);
      assertEquals(b.time(), done.get(k).time(), 1e-12, where + ": window " + k);
      // the features are the batch step's own; ONNX Runtime's sums may differ in the last bits
      // with the batch size
      assertArrayEquals(b.prediction().probabilities(), done.get(k).prediction()
          .probabilities(), 1e-5f, where + ": probabilities of window " + k);
    }
    for (int k = 0; k < skipped.size(); k++) {
      assertEquals(batch.skipped().get(k).sample(), skipped.get(k).sample(), where);
      assertEquals(batch.skipped().get(k).reason(), skipped.get(k).skipped(), where);
    }
    for (int k = 1; k < ev.size(); k++) {
      assertTrue(ev.get(k).emittedAtSample() >= ev.get(k - 1).emittedAtSample(), where);
    }
  }

  @Test
  void equalsClassifyOnASyntheticAfRecordForAnyChunking() {
    Record r = EcgSyn.builder().optSamplingRate(360).optDuration(185).optSeed(11)
        .optAtrialFibrillation(60, 150).build().generate().record();
    for (EcgClassifier clf : List.of(rhythm, af)) {
      ClassificationResult batch = clf.classify(r);
      assertTrue(batch.size() >= 5, "windows: " + batch.size());
      for (int maxChunk : new int[] {7, 360, 9000, r.length()}) {
        compare(batch, stream(clf, r, new Random(maxChunk), maxChunk), clf.manifest().name()
            + " chunks " + maxChunk);
      }
    }
  }

  /** The end rules: one short window for a short record, an end-aligned last window. */
  @Test
  void endRulesEqualBatch() {
    for (double seconds : new double[] {3, 12, 30, 61, 95.5}) {
      Record r = EcgSyn.builder().optSamplingRate(300).optDuration(seconds).optSeed(2)
          .build().generate().record();
      for (EcgClassifier clf : List.of(rhythm, af)) {
        String where = clf.manifest().name() + " " + seconds + " s";
        compare(clf.classify(r), stream(clf, r, new Random(1), 997), where);
      }
    }
    // 95.5 s with 30 s windows every 10 s: 0, 10, ..., 60 and one at 65.5 s
    Record r = EcgSyn.builder().optSamplingRate(300).optDuration(95.5).optSeed(2).build()
        .generate().record();
    List<RhythmStream.WindowEvent> ev = stream(af, r, new Random(3), 500);
    assertEquals(8, ev.size());
    assertEquals(65.5, ev.get(7).time(), 1e-9);
  }

  @Test
  void aFlatStretchIsSkippedForTheSameReason() {
    double[] x = EcgSyn.builder().optSamplingRate(300).optDuration(150).optSeed(5).build()
        .generate().signal().clone();
    Arrays.fill(x, 40 * 300, 100 * 300, 0.0);
    Record r = new Record("flat", 300, List.of("I"), List.of("mV"), new double[][] {x},
        List.of());
    ClassificationResult batch = af.classify(r);
    assertTrue(!batch.skipped().isEmpty());
    compare(batch, stream(af, r, new Random(8), 4000), "flat");
  }

  /** A window is reported within a second of its last sample. */
  @Test
  void windowsArriveSoonAfterTheyEnd() {
    Record r = EcgSyn.builder().optSamplingRate(360).optDuration(200).optSeed(6).build()
        .generate().record();
    for (RhythmStream.WindowEvent e : stream(rhythm, r, new Random(1), 36)) {
      double late = e.emittedAtSample() / 360.0 - e.endTime();
      assertTrue(late >= 0 && late < 1.0, "window at " + e.time() + " came " + late + " s late");
    }
  }

  @Test
  void refusesABeatModel() throws Exception {
    try (EcgClassifier beats = EcgClassifier.load("mitbih-aami5-live")) {
      EcgArgumentException e = assertThrows(EcgArgumentException.class,
          () -> RhythmStream.open(beats, 360, List.of("MLII")));
      assertTrue(e.getMessage().contains("record-features"), e.getMessage());
    }
  }

  /** Real recordings: 40 CinC 2017 records and the MIT-BIH records with atrial fibrillation. */
  @Test
  void equalsClassifyOnRealRecordings() throws Exception {
    Optional<Path> cinc = DataDir.find("cinc2017/training");
    Optional<List<Record>> mit = MitBihLead0.load();
    Assumptions.assumeTrue(cinc.isPresent() || mit.isPresent(),
        DataDir.missingMessage("cinc2017/training and mitdb"));
    int windows = 0;
    if (cinc.isPresent()) {
      Cinc2017 data = new Cinc2017(cinc.get());
      List<String> ids = data.records();
      for (int k = 0; k < ids.size(); k += ids.size() / 40) {
        Record r = data.load(ids.get(k));
        for (EcgClassifier clf : List.of(rhythm, af)) {
          List<RhythmStream.WindowEvent> ev = stream(clf, r, new Random(k), 2000);
          compare(clf.classify(r), ev, r.name() + " " + clf.manifest().name());
          windows += ev.size();
        }
      }
    }
    if (mit.isPresent()) {
      for (Record r : mit.get()) {
        if (List.of("201", "203", "219").contains(r.name())) {
          List<RhythmStream.WindowEvent> ev = stream(rhythm, r, new Random(7), 3600);
          compare(rhythm.classify(r), ev, r.name());
          windows += ev.size();
        }
      }
    }
    assertTrue(windows > 100, "windows compared: " + windows);
  }
}
