package dev.ecg.models.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Record;
import dev.ecg.io.hrv.Hrv;
import dev.ecg.io.hrv.HrvResult;
import dev.ecg.io.qrs.PanTompkins;
import dev.ecg.io.quality.SignalDefects;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.models.BeatPrediction;
import dev.ecg.models.ClassificationResult;
import dev.ecg.models.EcgClassifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The monitor's beats, windows, episodes, vitals, quality and warnings on synthetic signals. */
class EcgMonitorTest {

  static EcgClassifier beats;
  static EcgClassifier rhythm;

  @BeforeAll
  static void load() throws Exception {
    beats = EcgClassifier.load("mitbih-aami5-live");
    rhythm = EcgClassifier.load("cinc2017-rhythm");
  }

  @AfterAll
  static void close() {
    beats.close();
    rhythm.close();
  }

  static List<EcgMonitor.Event> run(EcgMonitor m, double[] x, Random chunks, int maxChunk) {
    List<EcgMonitor.Event> ev = new ArrayList<>();
    int i = 0;
    while (i < x.length) {
      int c = Math.min(x.length - i, 1 + chunks.nextInt(maxChunk));
      ev.addAll(m.push(Arrays.copyOfRange(x, i, i + c)));
      i += c;
    }
    ev.addAll(m.finish());
    return ev;
  }

  static <T extends EcgMonitor.Event> List<T> only(List<EcgMonitor.Event> ev, Class<T> type) {
    return ev.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void beatsAndWindowsAreThoseOfClassifyAndAfBecomesAnEpisode() {
    Record r = EcgSyn.builder().optSamplingRate(360).optDuration(300).optSeed(21)
        .optPvcProbability(0.05).optAtrialFibrillation(90, 210).build().generate().record();
    List<EcgMonitor.Event> heard = new ArrayList<>();
    EcgMonitor m = EcgMonitor.builder(360, r.channelNames()).beats(beats).rhythm(rhythm)
        .listener(heard::add).build();
    List<EcgMonitor.Event> ev = run(m, r.channel(0), new Random(1), 900);
    assertEquals(ev, heard, "the listener hears what push returns");

    ClassificationResult b = beats.classify(r);
    List<EcgMonitor.Beat> got = only(ev, EcgMonitor.Beat.class);
    assertEquals(b.size() + b.skipped().size(), got.size());
    List<EcgMonitor.Beat> labelled = got.stream().filter(e -> e.prediction() != null).toList();
    assertEquals(b.size(), labelled.size());
    for (int k = 0; k < b.size(); k++) {
      BeatPrediction p = b.get(k);
      assertEquals(p.sample(), labelled.get(k).sample());
      assertArrayEquals(p.prediction().probabilities(), labelled.get(k).prediction()
          .probabilities(), 1e-5f);
    }
    for (int k = 1; k < got.size(); k++) {
      assertEquals((got.get(k).sample() - got.get(k - 1).sample()) / 360.0,
          got.get(k).rrSeconds(), 1e-12);
    }

    ClassificationResult w = rhythm.classify(r);
    List<EcgMonitor.RhythmWindow> windows = only(ev, EcgMonitor.RhythmWindow.class);
    assertEquals(w.size(), windows.size());
    for (int k = 0; k < w.size(); k++) {
      assertEquals(w.get(k).time(), windows.get(k).time(), 1e-9);
      assertEquals(w.get(k).label(), windows.get(k).label());
    }

    // the synthetic AF from 90 to 210 s: one AF episode, confirmed while it lasts
    List<EcgMonitor.Episode> af = only(ev, EcgMonitor.Episode.class).stream()
        .filter(e -> e.label().equals("A")).toList();
    assertEquals(2, af.size(), "AF episode reported when confirmed and when ended: " + af
        + "; windows " + windows.stream().map(x -> x.time() + " " + x.label()).toList());
    assertTrue(af.get(0).ongoing() && !af.get(1).ongoing());
    assertTrue(af.get(1).onset() >= 60 && af.get(1).onset() <= 120, af.toString());
    assertTrue(af.get(1).offset() >= 180 && af.get(1).offset() <= 240, af.toString());
    assertTrue(af.get(0).emittedAtSample() / 360.0 < 210, "reported during the episode");
  }

  @Test
  void vitalsFollowTheHeartRateAndEqualBatchHrvOverTheSameBeats() {
    double[] x = EcgSyn.builder().optSamplingRate(250).optDuration(200).optHeartRate(75)
        .optHeartRateStd(2).optSeed(8).build().generate().signal();
    EcgMonitor m = EcgMonitor.builder(250, List.of("II")).vitals(10, 60).build();
    List<EcgMonitor.Event> ev = run(m, x, new Random(2), 400);
    // no beat model: the beats are the batch Pan-Tompkins detections of the whole signal
    int[] peaks = PanTompkins.create().detect(x, 250);
    List<EcgMonitor.Beat> got = only(ev, EcgMonitor.Beat.class);
    assertEquals(peaks.length, got.size());
    for (int k = 0; k < peaks.length; k++) {
      assertEquals(peaks[k], got.get(k).sample());
    }
    List<EcgMonitor.Vitals> vitals = only(ev, EcgMonitor.Vitals.class);
    assertEquals(20, vitals.size(), "every 10 s of 200 s");
    int checked = 0;
    for (EcgMonitor.Vitals v : vitals) {
      if (v.time() < 20) {
        continue;
      }
      assertEquals(75, v.heartRateBpm(), 4, "at " + v.time());
      // the beats known when this was emitted, by the batch detector's positions
      int idx = ev.indexOf(v);
      long known = only(ev.subList(0, idx), EcgMonitor.Beat.class).size();
      List<Double> rr = new ArrayList<>();
      for (int k = 1; k < known; k++) {
        double end = peaks[k] / 250.0;
        if (end > v.time() - 60 && end <= v.time()) {
          rr.add((peaks[k] - peaks[k - 1]) / 250.0 * 1000);
        }
      }
      HrvResult h = Hrv.time(rr.stream().mapToDouble(Double::doubleValue).toArray());
      assertEquals(rr.size(), v.nnIntervals());
      assertEquals(h.sdnn(), v.sdnnMs(), 1e-9);
      assertEquals(h.rmssd(), v.rmssdMs(), 1e-9);
      assertEquals(h.meanNN(), v.meanNnMs(), 1e-9);
      checked++;
    }
    assertTrue(checked >= 15);
  }

  /** Injected defects are reported where they are, a long gap restarts the streams. */
  @Test
  void warnsOfGapsLeadOffAndSaturationAndBridgesShortGaps() {
    double fs = 360;
    double[] clean = EcgSyn.builder().optSamplingRate(fs).optDuration(120).optSeed(9).build()
        .generate().signal();
    double[] x = clean.clone();
    Arrays.fill(x, (int) (20 * fs), (int) (20 * fs) + 7, Double.NaN); // 19 ms: bridged
    Arrays.fill(x, (int) (40 * fs), (int) (42 * fs), Double.NaN); // 2 s: the streams restart
    Arrays.fill(x, (int) (60 * fs), (int) (63 * fs), 0.0); // electrode off: flat at zero
    double top = Arrays.stream(clean).max().getAsDouble();
    for (int i = (int) (80 * fs); i < (int) (85 * fs); i++) {
      x[i] = Math.min(x[i], 0.25 * top); // clipped at a quarter of the R height
    }
    EcgMonitor m = EcgMonitor.builder(fs, List.of("MLII")).beats(beats)
        .rails(-10, 0.25 * top).build();
    List<EcgMonitor.Event> ev = run(m, x, new Random(4), 500);
    List<EcgMonitor.Warning> warn = only(ev, EcgMonitor.Warning.class).stream()
        .filter(w -> !w.ongoing()).toList();
    Function<SignalDefects.Kind, List<EcgMonitor.Warning>> of = k -> warn.stream()
        .filter(w -> w.kind() == k).toList();
    assertEquals(1, of.apply(SignalDefects.Kind.MISSING).size(), warn.toString());
    assertEquals(20, of.apply(SignalDefects.Kind.MISSING).get(0).time(), 1e-9);
    List<EcgMonitor.Warning> off = of.apply(SignalDefects.Kind.LEAD_OFF);
    assertEquals(2, off.size(), warn.toString());
    assertEquals(40, off.get(0).time(), 1e-9);
    assertEquals(42, off.get(0).endTime(), 1e-9);
    assertEquals(60, off.get(1).time(), 0.05);
    assertEquals(63, off.get(1).endTime(), 0.05);
    List<EcgMonitor.Warning> sat = of.apply(SignalDefects.Kind.SATURATION);
    assertTrue(sat.size() >= 3, "clipped beats: " + warn);
    for (EcgMonitor.Warning w : sat) {
      assertTrue(w.time() >= 80 && w.endTime() <= 85.01, w.toString());
    }
    // the 2 s gap was announced while it lasted
    assertTrue(only(ev, EcgMonitor.Warning.class).stream().anyMatch(w -> w.ongoing()
        && w.kind() == SignalDefects.Kind.LEAD_OFF && w.time() == 40.0));

    List<EcgMonitor.Beat> got = only(ev, EcgMonitor.Beat.class);
    assertTrue(got.stream().noneMatch(b -> b.time() >= 40 && b.time() < 42), "no beat in gap");
    // the first beat after the gap starts a new RR series
    EcgMonitor.Beat after = got.stream().filter(b -> b.time() >= 42).findFirst().orElseThrow();
    assertTrue(Double.isNaN(after.rrSeconds()));
    assertTrue(after.time() < 44, "beats resume after the gap: " + after);
    // the bridged 19 ms moved no beat by more than a sample against the clean signal's beats
    List<EcgMonitor.Beat> ref = only(run(EcgMonitor.builder(fs, List.of("MLII")).beats(beats)
        .build(), clean, new Random(4), 500), EcgMonitor.Beat.class);
    List<EcgMonitor.Beat> near20 = got.stream().filter(b -> b.time() > 10 && b.time() < 30)
        .toList();
    List<EcgMonitor.Beat> ref20 = ref.stream().filter(b -> b.time() > 10 && b.time() < 30)
        .toList();
    assertEquals(ref20.size(), near20.size());
    for (int k = 0; k < ref20.size(); k++) {
      assertEquals(ref20.get(k).sample(), near20.get(k).sample(), 1, "beat " + k);
    }
  }

  @Test
  void qualityTurnsUnusableDuringLeadOffAndBack() {
    double fs = 250;
    double[] x = EcgSyn.builder().optSamplingRate(fs).optDuration(90).optSeed(10).build()
        .generate().signal().clone();
    Arrays.fill(x, (int) (30 * fs), (int) (50 * fs), 0.0);
    EcgMonitor m = EcgMonitor.builder(fs, List.of("II")).build();
    List<EcgMonitor.Quality> q = only(run(m, x, new Random(5), 300), EcgMonitor.Quality.class);
    assertTrue(q.size() >= 3, q.toString());
    assertTrue(q.get(0).usable());
    EcgMonitor.Quality bad = q.stream().filter(v -> !v.usable()).findFirst().orElseThrow();
    assertTrue(bad.time() > 30 && bad.time() <= 40, bad.toString());
    assertFalse(bad.reasons().isEmpty());
    EcgMonitor.Quality back = q.get(q.indexOf(bad) + 1);
    assertTrue(back.usable() && back.time() > 50 && back.time() <= 65, back.toString());
  }

  /** Restoring after every push gives exactly the uninterrupted events. */
  @Test
  void checkpointsContinueExactly() {
    Record r = EcgSyn.builder().optSamplingRate(360).optDuration(150).optSeed(12)
        .optAtrialFibrillation(30, 120).build().generate().record();
    double[] x = r.channel(0).clone();
    Arrays.fill(x, 50 * 360, 52 * 360, Double.NaN);
    List<String> straight = render(run(EcgMonitor.builder(360, r.channelNames()).beats(beats)
        .rhythm(rhythm).build(), x, new Random(3), 2000));
    EcgMonitor m = EcgMonitor.builder(360, r.channelNames()).beats(beats).rhythm(rhythm)
        .build();
    List<EcgMonitor.Event> ev = new ArrayList<>();
    Random chunks = new Random(3);
    int i = 0;
    int largest = 0;
    while (i < x.length) {
      int c = Math.min(x.length - i, 1 + chunks.nextInt(2000));
      ev.addAll(m.push(Arrays.copyOfRange(x, i, i + c)));
      i += c;
      byte[] state = m.checkpoint();
      largest = Math.max(largest, state.length);
      m = EcgMonitor.restore(state, beats, rhythm, null);
    }
    ev.addAll(m.finish());
    assertEquals(straight, render(ev));
    assertTrue(largest < 250_000, "state " + largest + " bytes");
    assertThrows(EcgArgumentException.class, () -> EcgMonitor.restore(new byte[] {1, 2, 3},
        beats, rhythm, null));
    byte[] state = m.checkpoint();
    assertThrows(EcgArgumentException.class, () -> EcgMonitor.restore(state, rhythm, beats,
        null));
  }

  static List<String> render(List<EcgMonitor.Event> ev) {
    List<String> out = new ArrayList<>();
    for (EcgMonitor.Event e : ev) {
      String s = e.toString();
      if (e instanceof EcgMonitor.Beat b && b.prediction() != null) {
        s = String.format(Locale.ROOT, "beat %d %s %s %s %d", b.sample(), b.label(),
            Arrays.toString(b.prediction().probabilities()), b.rrSeconds(), b.emittedAtSample());
      } else if (e instanceof EcgMonitor.RhythmWindow w && w.prediction() != null) {
        s = String.format(Locale.ROOT, "window %s %s %s %d", w.time(), w.label(),
            Arrays.toString(w.prediction().probabilities()), w.emittedAtSample());
      }
      out.add(s);
    }
    return out;
  }

  @Test
  void refusesWhatItCannotDo() {
    assertThrows(EcgArgumentException.class, () -> EcgMonitor.builder(360, List.of("MLII"))
        .episodes("A", 0.5, 0.3, 2).build());
    EcgArgumentException e = assertThrows(EcgArgumentException.class,
        () -> EcgMonitor.builder(360, List.of("MLII")).rhythm(rhythm).episodes("AF", 0.5, 0.3, 2)
            .build());
    assertTrue(e.getMessage().contains("[N, A, O, ~]"), e.getMessage());
    assertThrows(EcgArgumentException.class, () -> EcgMonitor.builder(360, List.of("MLII"))
        .episodes("A", 0.3, 0.5, 2));
    EcgMonitor m = EcgMonitor.builder(360, List.of("MLII", "V5")).build();
    assertThrows(EcgArgumentException.class, () -> m.push(new double[][] {{1, 2}}));
    assertThrows(EcgArgumentException.class, () -> m.push(new double[][] {{1, 2}, {1}}));
    assertThrows(EcgArgumentException.class, () -> EcgMonitor.builder(0, List.of("I")));
  }
}
