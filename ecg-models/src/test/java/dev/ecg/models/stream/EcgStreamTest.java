package dev.ecg.models.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonReader;
import dev.ecg.core.json.JsonWriter;
import dev.ecg.io.Record;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.testdata.MitBihLead0;
import dev.ecg.models.BeatPrediction;
import dev.ecg.models.ClassificationResult;
import dev.ecg.models.EcgClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live stream gives the beats, labels and skip reasons of {@code classify} on the whole
 * record, for a package whose steps can stream exactly (the bundled beat model's weights and
 * steps with causal RR features).
 */
class EcgStreamTest {

  @TempDir
  static Path dir;

  static Path causalPackage;

  /** The bundled beat model with rr-features average = causal (same weights, same steps). */
  @BeforeAll
  static void makeCausalPackage() throws Exception {
    Path src = Path.of("src/main/resources/dev/ecg/models/bundled/mitbih-aami5");
    causalPackage = dir.resolve("mitbih-aami5-causal");
    Files.createDirectories(causalPackage);
    try (var files = Files.list(src)) {
      for (Path f : files.toList()) {
        Files.copy(f, causalPackage.resolve(f.getFileName()));
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) JsonReader.parse(
        Files.readString(src.resolve("ecg-model.json"))));
    List<Object> steps = new ArrayList<>();
    for (Object o : (List<?>) m.get("preprocessing")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> st = new LinkedHashMap<>((Map<String, Object>) o);
      if ("rr-features".equals(st.get("name"))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> params = new LinkedHashMap<>((Map<String, Object>) st.get("params"));
        params.put("average", "causal");
        st.put("params", params);
      }
      steps.add(st);
    }
    m.put("preprocessing", steps);
    Files.writeString(causalPackage.resolve("ecg-model.json"), JsonWriter.pretty(m));
  }

  record Streamed(List<EcgStream.BeatEvent> events) {}

  static Streamed stream(EcgClassifier clf, Record r, Random chunks, int maxChunk) {
    EcgStream st = EcgStream.open(clf, r.fs(), r.channelNames());
    List<EcgStream.BeatEvent> ev = new ArrayList<>();
    int n = r.length();
    int i = 0;
    while (i < n) {
      int c = Math.min(n - i, 1 + chunks.nextInt(maxChunk));
      double[][] chunk = new double[r.channelCount()][];
      for (int k = 0; k < chunk.length; k++) {
        chunk[k] = java.util.Arrays.copyOfRange(r.channel(k), i, i + c);
      }
      ev.addAll(st.push(chunk));
      i += c;
    }
    ev.addAll(st.finish());
    return new Streamed(ev);
  }

  /** Top-two probability gaps below this are engine rounding, not a different input. */
  static final float NEAR_TIE = 1e-4f;

  static int nearTies;

  /**
   * Positions, model inputs, labels, probabilities and skips, in order, against classify. The
   * inputs must be bit-identical; the probabilities agree within 1e-5 (ONNX Runtime's sums
   * depend on the batch size), so a label may differ only where the top two are within 1e-4.
   */
  static int compare(ClassificationResult batch, List<EcgStream.BeatEvent> ev, String where,
      boolean exact) {
    return compare(batch, null, ev, where, exact);
  }

  static int compare(ClassificationResult batch, dev.ecg.models.ModelInputs inputs,
      List<EcgStream.BeatEvent> ev, String where, boolean exact) {
    List<EcgStream.BeatEvent> classified = ev.stream().filter(e -> e.skipped() == null)
        .toList();
    List<EcgStream.BeatEvent> skipped = ev.stream().filter(e -> e.skipped() != null).toList();
    assertEquals(batch.size(), classified.size(), where + ": classified beats");
    assertEquals(batch.skipped().size(), skipped.size(), where + ": skipped beats");
    int differ = 0;
    for (int k = 0; k < batch.size(); k++) {
      BeatPrediction b = batch.get(k);
      EcgStream.BeatEvent s = classified.get(k);
      assertEquals(b.sample(), s.sample(), where + ": beat " + k);
      if (exact) {
        if (inputs != null) {
          int idx = java.util.Arrays.binarySearch(inputs.samples(), b.sample());
          assertArrayEquals(inputs.values()[idx], s.input(), where + ": input of beat " + k);
        }
        float[] pb = b.prediction().probabilities().clone();
        java.util.Arrays.sort(pb);
        boolean tie = pb[pb.length - 1] - pb[pb.length - 2] < NEAR_TIE;
        if (tie && !b.prediction().label().equals(s.label())) {
          nearTies++;
        } else {
          assertEquals(b.prediction().label(), s.label(), where + ": label of beat " + k);
        }
        assertArrayEquals(b.prediction().probabilities(), s.prediction().probabilities(), 1e-5f,
            where + ": probabilities of beat " + k);
      } else if (!b.prediction().label().equals(s.label())) {
        differ++;
      }
    }
    for (int k = 0; k < skipped.size(); k++) {
      assertEquals(batch.skipped().get(k).sample(), skipped.get(k).sample(), where);
      assertEquals(batch.skipped().get(k).reason(), skipped.get(k).skipped(), where);
    }
    return differ;
  }

  @Test
  void equalsClassifyOnSyntheticRecordsForAnyChunking() throws Exception {
    try (EcgClassifier clf = EcgClassifier.load(causalPackage)) {
      Record r = EcgSyn.builder().optSamplingRate(360).optDuration(60).optSeed(3)
          .optPvcProbability(0.1).build().generate().record();
      ClassificationResult batch = clf.classify(r);
      assertTrue(batch.size() > 50);
      for (int maxChunk : new int[] {1, 100, 5000, r.length()}) {
        compare(batch, stream(clf, r, new Random(maxChunk), maxChunk)
            .events(), "chunks " + maxChunk, true);
      }
    }
  }

  /** A flat stretch the quality gate rejects: the same beats are skipped, for the same reason. */
  @Test
  void theQualityGateSkipsWhatBatchSkips() throws Exception {
    try (EcgClassifier clf = EcgClassifier.load(causalPackage)) {
      double[] x = EcgSyn.builder().optSamplingRate(360).optDuration(45).optSeed(4).build()
          .generate().signal().clone();
      Random noise = new Random(5);
      for (int i = 12 * 360; i < 24 * 360; i++) {
        x[i] = 0.4 * noise.nextGaussian();
      }
      Record r = new Record("noisy", 360, List.of("MLII"), List.of("mV"), new double[][] {x},
          List.of());
      ClassificationResult batch = clf.classify(r);
      assertTrue(!batch.skipped().isEmpty(), "the gate should reject the noise");
      compare(batch, stream(clf, r, new Random(6), 700).events(),
          "noisy", true);
    }
  }

  @Test
  void refusesPackagesThatCannotStreamExactly() throws Exception {
    try (EcgClassifier bundled = EcgClassifier.load("mitbih-aami5");
        EcgClassifier rhythm = EcgClassifier.load("cinc2017-rhythm")) {
      EcgArgumentException e = assertThrows(EcgArgumentException.class,
          () -> EcgStream.open(bundled, 360, List.of("MLII")));
      assertTrue(e.getMessage().contains("average causal"), e.getMessage());
      e = assertThrows(EcgArgumentException.class,
          () -> EcgStream.open(rhythm, 300, List.of("I")));
      assertTrue(e.getMessage().contains("cannot run as a stream"), e.getMessage());
    }
  }

  /**
   * All 48 MIT-BIH records (lead 0, 30 min each) in seeded random chunks: every beat, model
   * input, label and skip equals classify.
   */
  @Test
  void equalsClassifyOnAll48MitBihRecords() throws Exception {
    Optional<List<Record>> data = MitBihLead0.load();
    Assumptions.assumeTrue(data.isPresent(), DataDir.missingMessage("mitdb"));
    Random chunks = new Random(1919);
    int beats = 0;
    int skipped = 0;
    List<Long> delays = new ArrayList<>();
    try (EcgClassifier clf = EcgClassifier.load(causalPackage)) {
      for (Record r : data.get()) {
        boolean fine = chunks.nextBoolean();
        Streamed s = stream(clf, r, chunks, fine ? 16 : 3600);
        ClassificationResult batch = clf.classify(r);
        compare(batch, clf.inputs(r), s.events(), "record " + r.name(), true);
        beats += batch.size();
        skipped += batch.skipped().size();
        if (fine) {
          for (EcgStream.BeatEvent e : s.events()) {
            if (e.emittedAtSample() < r.length()) {
              delays.add(e.emittedAtSample() - e.sample());
            }
          }
        }
      }
    }
    long[] d = delays.stream().mapToLong(Long::longValue).sorted().toArray();
    double fs = 360;
    System.out.printf(Locale.ROOT, "EcgStream on 48 MIT-BIH records: %d beats and %d skips "
        + "equal to classify (causal RR), inputs bit-identical, %d label(s) differing at a "
        + "top-two tie below 1e-4; delay from R peak to emission over %d beats (s): "
        + "median %.2f, p90 %.2f, max %.2f (the 10 s quality gate waits for its segment)%n",
        beats, skipped, nearTies, d.length, d[d.length / 2] / fs,
        d[(int) (d.length * 0.9)] / fs, d[d.length - 1] / fs);
    assertEquals(48, data.get().size());
  }

  /**
   * Many streams share one classifier from many threads: every stream gets exactly what it gets
   * alone.
   */
  @Test
  void manyStreamsShareOneClassifier() throws Exception {
    try (EcgClassifier clf = EcgClassifier.load(causalPackage)) {
      int streams = 24;
      List<Record> records = new ArrayList<>();
      List<List<EcgStream.BeatEvent>> alone = new ArrayList<>();
      for (int k = 0; k < streams; k++) {
        Record r = EcgSyn.builder().optSamplingRate(k % 2 == 0 ? 360 : 250).optDuration(40)
            .optSeed(100 + k).optPvcProbability(0.1).build().generate().record();
        records.add(r);
        alone.add(stream(clf, r, new Random(k), 500).events());
      }
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors
          .newFixedThreadPool(8);
      try {
        List<java.util.concurrent.Future<List<EcgStream.BeatEvent>>> futures = new ArrayList<>();
        for (int k = 0; k < streams; k++) {
          final int kk = k;
          futures.add(pool.submit(() -> stream(clf, records.get(kk), new Random(1000 + kk), 37)
              .events()));
        }
        for (int k = 0; k < streams; k++) {
          List<EcgStream.BeatEvent> got = futures.get(k).get();
          List<EcgStream.BeatEvent> want = alone.get(k);
          assertEquals(want.size(), got.size(), "stream " + k);
          for (int b = 0; b < want.size(); b++) {
            assertEquals(want.get(b).sample(), got.get(b).sample());
            assertEquals(want.get(b).label(), got.get(b).label());
            assertArrayEquals(want.get(b).input(), got.get(b).input());
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * The bundled live model streams exactly, without a quality gate: on the first 8 MIT-BIH
   * records, in chunks of at most 16 samples, every beat and label equals classify, and the
   * delay is the front end's plus the next beat.
   */
  @Test
  void theBundledLiveModelOnMitBih() throws Exception {
    Optional<List<Record>> data = MitBihLead0.load();
    Assumptions.assumeTrue(data.isPresent(), DataDir.missingMessage("mitdb"));
    List<Long> delays = new ArrayList<>();
    int beats = 0;
    try (EcgClassifier live = EcgClassifier.load("mitbih-aami5-live")) {
      for (Record r : data.get().subList(0, 8)) {
        Streamed s = stream(live, r, new Random(r.name().hashCode()), 16);
        ClassificationResult batch = live.classify(r);
        compare(batch, live.inputs(r), s.events(), "live, record " + r.name(), true);
        beats += batch.size();
        for (EcgStream.BeatEvent e : s.events()) {
          if (e.emittedAtSample() < r.length()) {
            delays.add(e.emittedAtSample() - e.sample());
          }
        }
      }
    }
    long[] d = delays.stream().mapToLong(Long::longValue).sorted().toArray();
    double fs = 360;
    System.out.printf(Locale.ROOT, "mitbih-aami5-live stream on 8 MIT-BIH records: %d beats "
        + "equal to classify; delay from R peak to emission (s): median %.2f, p90 %.2f, p99 "
        + "%.2f, max %.2f%n", beats, d[d.length / 2] / fs, d[(int) (d.length * 0.9)] / fs,
        d[(int) (d.length * 0.99)] / fs, d[d.length - 1] / fs);
    // the front end (about 0.8 s) plus one RR for the post-RR feature
    assertTrue(d[d.length / 2] / fs < 2.5, "median delay " + d[d.length / 2] / fs);
  }

  /**
   * A stream checkpointed between any two pushes and restored (as after a restart or a move to
   * another machine) continues exactly: no beat lost, repeated or changed.
   */
  @Test
  void checkpointAndRestoreContinueExactly() throws Exception {
    try (EcgClassifier clf = EcgClassifier.load(causalPackage);
        EcgClassifier live = EcgClassifier.load("mitbih-aami5-live")) {
      double[] x = EcgSyn.builder().optSamplingRate(360).optDuration(60).optSeed(31)
          .optPvcProbability(0.1).build().generate().signal().clone();
      Random noise = new Random(32);
      for (int i = 20 * 360; i < 32 * 360; i++) {
        x[i] = 0.4 * noise.nextGaussian(); // the gate of the causal package rejects this
      }
      Record r = new Record("ckpt", 360, List.of("MLII"), List.of("mV"), new double[][] {x},
          List.of());
      for (EcgClassifier model : List.of(clf, live)) {
        List<EcgStream.BeatEvent> whole = stream(model, r, new Random(33), 900).events();
        Random rnd = new Random(34);
        EcgStream st = EcgStream.open(model, 360, r.channelNames());
        List<EcgStream.BeatEvent> got = new ArrayList<>();
        int maxState = 0;
        int i = 0;
        while (i < x.length) {
          int c = Math.min(x.length - i, 1 + rnd.nextInt(900));
          got.addAll(st.push(java.util.Arrays.copyOfRange(x, i, i + c)));
          i += c;
          byte[] state = st.checkpoint();
          maxState = Math.max(maxState, state.length);
          st = EcgStream.restore(state, model); // continue on the restored copy only
        }
        got.addAll(st.finish());
        assertEquals(whole.size(), got.size(), model.manifest().name());
        for (int b = 0; b < whole.size(); b++) {
          assertEquals(whole.get(b).sample(), got.get(b).sample());
          assertEquals(whole.get(b).label(), got.get(b).label());
          assertEquals(whole.get(b).skipped(), got.get(b).skipped());
          assertArrayEquals(whole.get(b).input(), got.get(b).input());
        }
        System.out.printf(Locale.ROOT, "EcgStream checkpoints of %s: at most %d bytes%n",
            model.manifest().name(), maxState);
        assertTrue(maxState < 2_000_000, "state of " + maxState + " bytes");
      }
      // a checkpoint belongs to its package, and junk is refused with a typed error
      byte[] state = EcgStream.open(clf, 360, List.of("MLII")).checkpoint();
      EcgArgumentException e = assertThrows(EcgArgumentException.class,
          () -> EcgStream.restore(state, live));
      assertTrue(e.getMessage().contains("belongs to package"), e.getMessage());
      assertThrows(EcgArgumentException.class,
          () -> EcgStream.restore(new byte[] {1, 2, 3}, clf));
      byte[] other;
      try (java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
          java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(b)) {
        o.writeObject(new java.util.HashMap<String, String>());
        o.flush();
        other = b.toByteArray();
      }
      assertThrows(EcgArgumentException.class, () -> EcgStream.restore(other, clf));
    }
  }
}
