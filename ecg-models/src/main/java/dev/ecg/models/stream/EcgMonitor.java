package dev.ecg.models.stream;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.hrv.Hrv;
import dev.ecg.io.hrv.HrvResult;
import dev.ecg.io.qrs.PanTompkins;
import dev.ecg.io.qrs.PanTompkinsStream;
import dev.ecg.io.quality.SignalDefects;
import dev.ecg.io.quality.SignalQuality;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.Prediction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A bedside monitor in a class: push samples as a device sends them and receive beats with their
 * labels, rhythm windows and rhythm <b>episodes</b> (atrial fibrillation, noise) with hysteresis,
 * heart rate and HRV over a sliding window, the signal-quality state, and warnings for lead-off,
 * flat line, saturation and missing samples, each as soon as it is known.
 *
 * <pre>{@code
 * EcgMonitor m = EcgMonitor.builder(360, List.of("MLII"))
 *     .beats(beatModel)        // optional: EcgStream's exact beat labels
 *     .rhythm(rhythmModel)     // optional: RhythmStream's exact windows and episodes
 *     .listener(event -> System.out.println(event))
 *     .build();
 * m.push(chunk);               // as often as samples arrive
 * m.finish();
 * }</pre>
 *
 * <h2>What it emits, and when</h2>
 * <ul>
 *   <li>{@link Beat}: from the beat model's {@link EcgStream} (the labels {@code classify} gives),
 *       or from a Pan-Tompkins stream on the first lead when there is no beat model (positions
 *       only), with the RR interval to the previous beat.
 *   <li>{@link RhythmWindow}: each window of the rhythm model's {@link RhythmStream}.
 *   <li>{@link Episode}: for each tracked label (by default the rhythm model's AF class and its
 *       noise class) an episode <em>starts</em> when {@code confirm} windows in a row reach
 *       {@code on} probability, and <em>ends</em> when {@code confirm} windows in a row fall
 *       below {@code off} (or are skipped), or the signal ends. Each episode is emitted twice:
 *       {@code ongoing} when confirmed, closed when it ends. A window stands for the hop-long
 *       slot at its centre (the slots of successive windows tile the signal); an episode spans
 *       the slots of its windows.
 *   <li>{@link Vitals} every {@code vitalsEverySeconds} [10 s]: heart rate from all RR intervals
 *       that ended in the last 10 s, and time-domain HRV (mean NN, SDNN, RMSSD, pNN50) from the
 *       NN intervals of the last {@code hrvSeconds} [300 s] (both beats labelled {@code N} when
 *       there is a beat model; every interval otherwise; never across a gap).
 *   <li>{@link Quality} when the state changes: every 5 s, {@link SignalQuality#assess} of the
 *       last 10 s of the first lead read.
 *   <li>{@link Warning}: {@link SignalDefects} on blocks of 2 s per lead; a defect that reaches a
 *       block's end is reported at once as ongoing and again when it ends.
 * </ul>
 *
 * <h2>Missing samples</h2>
 * A sample is missing when a lead the models read is NaN or infinite. A gap of at most
 * {@code maxBridgeSeconds} [0.05 s] is bridged by holding the last sample (packet loss); a
 * longer gap ends the models' streams as at the end of a record, and they start afresh after
 * it, so no beat or window straddles the gap. Either way a {@link Warning} reports it.
 *
 * <p>Memory is constant in stream length. Not thread-safe: one monitor per signal; the
 * classifiers are shared by any number of monitors. {@link #checkpoint()} and
 * {@link #restore} move a monitor between processes.
 */
public final class EcgMonitor implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Something the monitor learnt. */
  public sealed interface Event permits Beat, RhythmWindow, Episode, Vitals, Quality, Warning {
    /** @return when it happened, in seconds from the stream's start */
    double time();
  }

  /**
   * A heartbeat.
   *
   * @param sample its R peak, in input samples from the stream's start
   * @param time that in seconds
   * @param prediction label and probabilities, or null (no beat model, or skipped)
   * @param skipped why the beat model abstained, or null
   * @param rrSeconds seconds since the previous beat (NaN for the first beat after a gap)
   * @param signalUsable the latest signal-quality verdict when the beat was emitted
   * @param emittedAtSample input samples pushed when it was emitted
   */
  public record Beat(long sample, double time, Prediction prediction, String skipped,
      double rrSeconds, boolean signalUsable, long emittedAtSample) implements Event {
    /** @return the label, or "-" when there is none */
    public String label() {
      return prediction == null ? "-" : prediction.label();
    }
  }

  /**
   * A classified rhythm window.
   *
   * @param time its start in seconds
   * @param endTime its end
   * @param prediction label and probabilities, or null when skipped
   * @param skipped why it was not classified, or null
   * @param emittedAtSample input samples pushed when it was emitted
   */
  public record RhythmWindow(double time, double endTime, Prediction prediction, String skipped,
      long emittedAtSample) implements Event {
    /** @return the label, or "-" when skipped */
    public String label() {
      return prediction == null ? "-" : prediction.label();
    }
  }

  /**
   * A rhythm episode.
   *
   * @param label the rhythm class
   * @param onset its start in seconds
   * @param offset its end in seconds, or NaN while ongoing
   * @param ongoing true when reported at confirmation, false when it ended
   * @param meanProbability mean probability of the label over its windows so far
   * @param emittedAtSample input samples pushed when it was emitted
   */
  public record Episode(String label, double onset, double offset, boolean ongoing,
      double meanProbability, long emittedAtSample) implements Event {
    @Override
    public double time() {
      return ongoing ? onset : offset;
    }
  }

  /**
   * Heart rate and HRV over a sliding window.
   *
   * @param time the end of the window in seconds
   * @param heartRateBpm 60 / mean RR of the intervals that ended in the last 10 s (NaN if none)
   * @param nnIntervals NN intervals in the HRV window
   * @param meanNnMs mean NN in ms (NaN with fewer than two intervals)
   * @param sdnnMs SDNN in ms
   * @param rmssdMs RMSSD in ms
   * @param pnn50 pNN50 in percent
   */
  public record Vitals(double time, double heartRateBpm, int nnIntervals, double meanNnMs,
      double sdnnMs, double rmssdMs, double pnn50) implements Event {}

  /**
   * The signal-quality state changed (or was first assessed).
   *
   * @param time the end of the assessed stretch in seconds
   * @param usable whether the stretch can be interpreted
   * @param reasons why not, or warnings
   */
  public record Quality(double time, boolean usable, List<String> reasons) implements Event {}

  /**
   * A defective stretch of one lead.
   *
   * @param kind lead-off, flat line, saturation or missing samples
   * @param lead the lead's name
   * @param time its start in seconds
   * @param endTime its end so far (ongoing) or its end
   * @param ongoing true when reported before it ended
   */
  public record Warning(SignalDefects.Kind kind, String lead, double time, double endTime,
      boolean ongoing) implements Event {}

  // configuration
  private final double fs;
  private final List<String> leads;
  private final double maxBridge;
  private final double vitalsEvery;
  private final double hrvSeconds;
  private final double railLow;
  private final double railHigh;
  private final int qualityLead;
  private final int[] used;

  // models (transient) and their streams (restarted after a long gap)
  private transient EcgClassifier beatClf;
  private transient EcgClassifier rhythmClf;
  private transient Consumer<Event> listener;
  private EcgStream beats;
  private RhythmStream rhythm;
  private PanTompkinsStream detector; // positions only, when there is no beat model
  private boolean open;
  private long segStart; // input sample where the current streams started
  private final List<EpisodeTracker> trackers;
  private double lastWindowEnd;

  // missing samples
  private final double[] held;
  private boolean anyValid;
  private long gapStart = -1;
  private long gapLen;

  // defects per lead on blocks
  private final int block;
  private final double[][] blockBuf;
  private int blockLen;
  private long blockStart;
  private final SignalDefects.Kind[] openKind;
  private final long[] openStart;
  private final long[] openEnd;

  // quality on the last 10 s of one lead
  private final double[] ring;
  private int ringPos;
  private long nextQuality;
  private final int qualityHop;
  private Boolean usable;

  // beats for the vitals: time, normal (1/0), segment start
  private final ArrayDeque<double[]> recent = new ArrayDeque<>();
  private long nextVitals;
  private double lastBeatTime = Double.NaN;
  private boolean lastBeatNormal;

  private long pushed;
  private boolean finished;

  private EcgMonitor(Builder b) {
    this.fs = b.fs;
    this.leads = b.leads;
    this.maxBridge = b.maxBridgeSeconds;
    this.vitalsEvery = b.vitalsEverySeconds;
    this.hrvSeconds = b.hrvSeconds;
    this.railLow = b.railLow;
    this.railHigh = b.railHigh;
    this.beatClf = b.beats;
    this.rhythmClf = b.rhythm;
    this.listener = b.listener;
    this.trackers = new ArrayList<>();
    // open the streams once here: their leads, and an early failure on an unstreamable package
    openStreams(0);
    if (rhythmClf != null) {
      List<String> classes = rhythmClf.manifest().classNames();
      List<EpisodeSpec> specs = b.episodes;
      if (specs == null) {
        specs = new ArrayList<>();
        for (String c : classes) {
          String u = c.toUpperCase(Locale.ROOT);
          if (u.equals("A") || u.equals("AF") || u.equals("AFIB") || u.equals("~")
              || u.startsWith("NOIS")) {
            specs.add(new EpisodeSpec(c, 0.5, 0.35, 2));
          }
        }
      }
      for (EpisodeSpec s : specs) {
        if (!classes.contains(s.label())) {
          throw new EcgArgumentException("episode label '" + s.label() + "' is not a class of "
              + rhythmClf.manifest().name() + " " + classes);
        }
        trackers.add(new EpisodeTracker(s.label(), s.on(), s.off(), s.confirm(),
            rhythm.windowSeconds(), rhythm.hopSeconds()));
      }
    } else if (b.episodes != null && !b.episodes.isEmpty()) {
      throw new EcgArgumentException("episodes need a rhythm model");
    }
    List<Integer> u = new ArrayList<>();
    if (beats != null) {
      for (int c : beats.reads()) {
        u.add(c);
      }
    } else {
      u.add(0);
    }
    if (rhythm != null) {
      u.add(rhythm.reads());
    }
    this.used = u.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
    this.qualityLead = used[0];
    this.held = new double[leads.size()];
    this.block = Math.max(1, (int) Math.round(2 * fs));
    this.blockBuf = new double[leads.size()][block];
    this.openKind = new SignalDefects.Kind[leads.size()];
    this.openStart = new long[leads.size()];
    this.openEnd = new long[leads.size()];
    this.ring = new double[Math.max(1, (int) Math.round(10 * fs))];
    this.qualityHop = Math.max(1, (int) Math.round(5 * fs));
    this.nextQuality = ring.length;
    this.nextVitals = Math.max(1, Math.round(vitalsEvery * fs));
  }

  private void openStreams(long at) {
    beats = beatClf == null ? null : EcgStream.open(beatClf, fs, leads);
    rhythm = rhythmClf == null ? null : RhythmStream.open(rhythmClf, fs, leads);
    detector = beatClf == null ? PanTompkins.create().stream(fs) : null;
    segStart = at;
    open = true;
    lastBeatTime = Double.NaN;
    for (EpisodeTracker t : trackers) {
      t.restart();
    }
  }

  /**
   * @param fs the input's sampling rate in Hz
   * @param leadNames the input's leads, in the order of the pushed arrays
   * @return a builder
   */
  public static Builder builder(double fs, List<String> leadNames) {
    return new Builder(fs, leadNames);
  }

  /**
   * Pushes one chunk, {@code chunk[lead][i]}, every lead the same length; NaN marks a missing
   * sample.
   *
   * @param chunk samples per input lead
   * @return what became known, in order (also handed to the listener)
   * @throws EcgArgumentException on a chunk of the wrong shape
   */
  public List<Event> push(double[][] chunk) {
    if (finished) {
      throw new IllegalStateException("the monitor is finished");
    }
    if (chunk == null || chunk.length != leads.size()) {
      throw new EcgArgumentException("chunk must have " + leads.size() + " lead(s) " + leads
          + ", got " + (chunk == null ? "null" : chunk.length));
    }
    int n = EcgStream.checkChunk(chunk, used);
    List<Event> out = new ArrayList<>();
    int i = 0;
    while (i < n) {
      boolean valid = valid(chunk, i);
      int j = i + 1;
      while (j < n && valid(chunk, j) == valid) {
        j++;
      }
      if (valid) {
        validRun(chunk, i, j, out);
      } else {
        gapRun(chunk, i, j, out);
      }
      i = j;
    }
    return deliver(out);
  }

  /**
   * @param oneLead samples of a one-lead input
   * @return {@link #push(double[][])} of that lead
   */
  public List<Event> push(double[] oneLead) {
    return push(new double[][] {oneLead});
  }

  /**
   * Ends the signal: the models' end rules, open episodes and defects closed.
   *
   * @return what became known
   */
  public List<Event> finish() {
    if (finished) {
      return List.of();
    }
    finished = true;
    List<Event> out = new ArrayList<>();
    closeStreams(out);
    if (blockLen > 0) {
      defects(out);
    }
    for (int c = 0; c < leads.size(); c++) {
      closeDefect(c, out);
    }
    if (pushed >= SignalQuality.MIN_SECONDS * fs && pushed < ring.length) {
      quality(pushed, out); // a short stream still gets one assessment
    }
    return deliver(out);
  }

  private List<Event> deliver(List<Event> out) {
    if (listener != null) {
      out.forEach(listener);
    }
    return out;
  }

  private boolean valid(double[][] chunk, int i) {
    for (int c : used) {
      if (!Double.isFinite(chunk[c][i])) {
        return false;
      }
    }
    return true;
  }

  private void validRun(double[][] chunk, int from, int to, List<Event> out) {
    if (gapStart >= 0) {
      gapStart = -1;
      gapLen = 0;
    }
    if (!open) {
      openStreams(pushed);
    }
    double[][] part = new double[chunk.length][];
    for (int c = 0; c < chunk.length; c++) {
      part[c] = Arrays.copyOfRange(chunk[c], from, to);
      for (int i = 0; i < part[c].length; i++) {
        if (!Double.isFinite(part[c][i])) {
          part[c][i] = held[c]; // a lead no model reads
        } else {
          held[c] = part[c][i];
        }
      }
    }
    anyValid = true;
    feed(part, chunk, from, out);
  }

  private void gapRun(double[][] chunk, int from, int to, List<Event> out) {
    if (gapStart < 0) {
      gapStart = pushed;
    }
    int n = to - from;
    long bridge = (long) Math.floor(maxBridge * fs);
    int bridged = (int) Math.max(0, Math.min(n, bridge - gapLen));
    if (!anyValid || !open) {
      bridged = 0; // nothing to hold yet, or the streams already ended
    }
    if (bridged > 0) {
      double[][] part = new double[chunk.length][bridged];
      for (int c = 0; c < chunk.length; c++) {
        Arrays.fill(part[c], held[c]);
      }
      feed(part, chunk, from, out);
    }
    gapLen += n;
    if (gapLen > bridge && open) {
      closeStreams(out);
    }
    if (n > bridged) {
      // the unbridged rest only goes to the defect and quality checks
      double[][] raw = new double[chunk.length][];
      for (int c = 0; c < chunk.length; c++) {
        raw[c] = Arrays.copyOfRange(chunk[c], from + bridged, to);
      }
      checks(raw, out);
      pushed += n - bridged;
      tick(out);
    }
  }

  /** Pushes finite samples to the streams; the raw chunk (with NaN) goes to the checks. */
  private void feed(double[][] part, double[][] raw, int from, List<Event> out) {
    int n = part[0].length;
    double[][] rawPart = new double[raw.length][];
    for (int c = 0; c < raw.length; c++) {
      rawPart[c] = Arrays.copyOfRange(raw[c], from, from + n);
    }
    checks(rawPart, out);
    pushed += n;
    if (beats != null) {
      beatEvents(beats.push(part), out);
    } else {
      peaks(detector.push(part[0]), out);
    }
    if (rhythm != null) {
      windows(rhythm.push(part), out);
    }
    tick(out);
  }

  private void closeStreams(List<Event> out) {
    if (!open) {
      return;
    }
    if (beats != null) {
      beatEvents(beats.finish(), out);
    } else {
      peaks(detector.finish(), out);
    }
    if (rhythm != null) {
      windows(rhythm.finish(), out);
    }
    double end = pushed / fs;
    for (EpisodeTracker t : trackers) {
      out.addAll(t.close(Math.min(end, lastWindowEnd), pushed));
    }
    open = false;
  }

  // ---------------------------------------------------------------------------------- beats

  private void beatEvents(List<EcgStream.BeatEvent> evs, List<Event> out) {
    for (EcgStream.BeatEvent e : evs) {
      long s = segStart + e.sample();
      boolean normal = e.prediction() != null && "N".equals(e.prediction().label());
      beat(s, e.prediction(), e.skipped(), normal, out);
    }
  }

  private void peaks(long[] p, List<Event> out) {
    for (long s : p) {
      beat(segStart + s, null, null, true, out);
    }
  }

  private void beat(long s, Prediction p, String skipped, boolean normal, List<Event> out) {
    double t = s / fs;
    double rr = Double.isNaN(lastBeatTime) ? Double.NaN : t - lastBeatTime;
    out.add(new Beat(s, t, p, skipped, rr, usable == null || usable, pushed));
    if (!Double.isNaN(rr)) {
      // an interval: its end time, length, and whether both ends are normal beats
      recent.add(new double[] {t, rr, normal && lastBeatNormal ? 1 : 0});
    }
    lastBeatTime = t;
    lastBeatNormal = normal;
  }

  // ---------------------------------------------------------------------------------- rhythm

  private void windows(List<RhythmStream.WindowEvent> evs, List<Event> out) {
    for (RhythmStream.WindowEvent w : evs) {
      double start = (segStart + w.sample()) / fs;
      double end = segStart / fs + w.endTime();
      out.add(new RhythmWindow(start, end, w.prediction(), w.skipped(), pushed));
      lastWindowEnd = end;
      for (EpisodeTracker t : trackers) {
        out.addAll(t.window(start, w.probability(t.label()), pushed));
      }
    }
  }

  // ------------------------------------------------------------------ checks on raw samples

  private void checks(double[][] raw, List<Event> out) {
    int n = raw[0].length;
    int i = 0;
    while (i < n) {
      int k = Math.min(n - i, block - blockLen);
      for (int c = 0; c < raw.length; c++) {
        System.arraycopy(raw[c], i, blockBuf[c], blockLen, k);
      }
      double[] q = raw[qualityLead];
      for (int j = 0; j < k; j++) {
        ring[ringPos] = q[i + j];
        ringPos = (ringPos + 1) % ring.length;
      }
      blockLen += k;
      i += k;
      if (blockLen == block) {
        defects(out);
      }
      long at = pushed + i;
      if (at >= nextQuality) {
        quality(at, out);
        nextQuality += qualityHop;
      }
    }
  }

  private void defects(List<Event> out) {
    SignalDefects.Builder b = SignalDefects.builder();
    if (!Double.isNaN(railLow)) {
      b.optRails(railLow, railHigh);
    }
    SignalDefects finder = b.build();
    long end = blockStart + blockLen;
    for (int c = 0; c < leads.size(); c++) {
      double[] x = Arrays.copyOf(blockBuf[c], blockLen);
      for (int i = 0; i < x.length; i++) {
        if (Double.isInfinite(x[i])) {
          x[i] = Double.NaN; // an infinite sample is as unusable as a missing one
        }
      }
      boolean continued = false;
      for (SignalDefects.Defect d : finder.find(x, fs)) {
        long s = blockStart + d.start();
        long e = blockStart + d.end();
        if (openKind[c] != null && s == blockStart && same(openKind[c], d.kind())) {
          openEnd[c] = e;
          if (nanKind(d.kind())) {
            openKind[c] = e - openStart[c] >= 0.5 * fs ? SignalDefects.Kind.LEAD_OFF
                : SignalDefects.Kind.MISSING;
          }
          continued = true;
          if (e < end) {
            closeDefect(c, out);
          }
          continue;
        }
        if (openKind[c] != null && !continued) {
          closeDefect(c, out);
        }
        continued = true; // whatever was open is settled
        if (e == end) {
          openKind[c] = d.kind();
          openStart[c] = s;
          openEnd[c] = e;
          out.add(new Warning(d.kind(), leads.get(c), s / fs, e / fs, true));
        } else {
          out.add(new Warning(d.kind(), leads.get(c), s / fs, e / fs, false));
        }
      }
      if (!continued && openKind[c] != null) {
        closeDefect(c, out);
      }
    }
    blockStart = end;
    blockLen = 0;
  }

  private static boolean nanKind(SignalDefects.Kind k) {
    return k == SignalDefects.Kind.MISSING || k == SignalDefects.Kind.LEAD_OFF;
  }

  private static boolean same(SignalDefects.Kind a, SignalDefects.Kind b) {
    return a == b || (nanKind(a) && nanKind(b));
  }

  private void closeDefect(int c, List<Event> out) {
    if (openKind[c] != null) {
      out.add(new Warning(openKind[c], leads.get(c), openStart[c] / fs, openEnd[c] / fs,
          false));
      openKind[c] = null;
    }
  }

  private void quality(long at, List<Event> out) {
    int n = (int) Math.min(ring.length, at);
    double[] x = new double[n];
    for (int j = 0; j < n; j++) {
      x[j] = ring[Math.floorMod(ringPos - n + j, ring.length)];
      if (Double.isInfinite(x[j])) {
        x[j] = Double.NaN;
      }
    }
    if (n < SignalQuality.MIN_SECONDS * fs) {
      return;
    }
    SignalQuality.Assessment a = SignalQuality.assess(x, fs);
    if (usable == null || usable != a.usable()) {
      usable = a.usable();
      List<String> why = new ArrayList<>(a.reasons());
      why.addAll(a.warnings());
      out.add(new Quality(at / fs, a.usable(), List.copyOf(why)));
    }
  }

  // ---------------------------------------------------------------------------------- vitals

  private void tick(List<Event> out) {
    while (pushed >= nextVitals) {
      double t = nextVitals / fs;
      while (!recent.isEmpty() && recent.peek()[0] <= t - hrvSeconds) {
        recent.poll();
      }
      double hrSum = 0;
      int hrN = 0;
      List<Double> nn = new ArrayList<>();
      for (double[] r : recent) {
        if (r[0] > t) {
          continue;
        }
        if (r[0] > t - 10) {
          hrSum += r[1];
          hrN++;
        }
        if (r[2] == 1) {
          nn.add(r[1] * 1000);
        }
      }
      double hr = hrN == 0 ? Double.NaN : 60 / (hrSum / hrN);
      double mean = Double.NaN;
      double sdnn = Double.NaN;
      double rmssd = Double.NaN;
      double pnn50 = Double.NaN;
      if (nn.size() >= Hrv.MIN_PEAKS_TIME - 1) {
        HrvResult h = Hrv.time(nn.stream().mapToDouble(Double::doubleValue).toArray());
        mean = h.meanNN();
        sdnn = h.sdnn();
        rmssd = h.rmssd();
        pnn50 = h.pnn50();
      }
      out.add(new Vitals(t, hr, nn.size(), mean, sdnn, rmssd, pnn50));
      nextVitals += Math.max(1, Math.round(vitalsEvery * fs));
    }
  }

  // ---------------------------------------------------------------------------- checkpoints

  /**
   * The monitor's whole state (its streams, episodes, defect and vitals state), to store and
   * later {@link #restore}. Take it between pushes.
   *
   * @return the serialised state
   */
  public byte[] checkpoint() {
    return Checkpoints.write(this, "monitor");
  }

  private static final java.io.ObjectInputFilter FILTER = java.io.ObjectInputFilter.Config
      .createFilter("maxdepth=20;maxrefs=200000;maxbytes=268435456;maxarray=67108864;"
          + "dev.ecg.models.stream.*;dev.ecg.models.stream.EcgStream$*;"
          + "dev.ecg.models.stream.EcgMonitor$*;dev.ecg.io.qrs.*;dev.ecg.io.dsp.*;"
          + "dev.ecg.io.segment.CausalRr;dev.ecg.io.quality.SignalDefects$Kind;java.lang.Enum;"
          + "java.util.ArrayList;java.util.ArrayDeque;java.util.ImmutableCollections$*;"
          + "java.util.CollSer;java.lang.Long;java.lang.Double;java.lang.Boolean;"
          + "java.lang.Number;java.lang.String;java.lang.Record;java.lang.Object;!*");

  /**
   * Continues a monitor from a {@link #checkpoint()}: pushing the rest of the signal gives the
   * events the original would have given.
   *
   * @param state a checkpoint
   * @param beatModel the beat model it ran, or null if none
   * @param rhythmModel the rhythm model it ran, or null if none
   * @param listener receives the events from now on, or null
   * @return the monitor
   * @throws EcgArgumentException if the state is not a monitor checkpoint or the models differ
   */
  public static EcgMonitor restore(byte[] state, EcgClassifier beatModel,
      EcgClassifier rhythmModel, Consumer<Event> listener) {
    if (state == null) {
      throw new EcgArgumentException("state is required");
    }
    EcgMonitor m = Checkpoints.read(state, FILTER, EcgMonitor.class, "monitor");
    if ((m.beats != null || m.detector == null) != (beatModel != null)
        || (m.trackers.size() > 0 || m.rhythm != null) && rhythmModel == null) {
      throw new EcgArgumentException("this checkpoint ran with "
          + (m.detector == null ? "a" : "no") + " beat model; give the same models");
    }
    m.beatClf = beatModel;
    m.rhythmClf = rhythmModel;
    m.listener = listener;
    if (m.beats != null) {
      m.beats.bind(beatModel);
    }
    if (m.rhythm != null) {
      m.rhythm.bind(rhythmModel);
    }
    return m;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "EcgMonitor[%s Hz, %s, beats %s, rhythm %s, %d pushed]",
        fs, leads, beatClf == null ? "-" : beatClf.manifest().name(),
        rhythmClf == null ? "-" : rhythmClf.manifest().name(), pushed);
  }

  /** One label's hysteresis, as given to {@link Builder#episodes}. */
  private record EpisodeSpec(String label, double on, double off, int confirm) {}

  /** Options of a monitor. */
  public static final class Builder {
    private final double fs;
    private final List<String> leads;
    private EcgClassifier beats;
    private EcgClassifier rhythm;
    private Consumer<Event> listener;
    private List<EpisodeSpec> episodes;
    private double maxBridgeSeconds = 0.05;
    private double vitalsEverySeconds = 10;
    private double hrvSeconds = 300;
    private double railLow = Double.NaN;
    private double railHigh = Double.NaN;

    private Builder(double fs, List<String> leads) {
      if (!(fs > 0) || Double.isInfinite(fs)) {
        throw new EcgArgumentException("fs must be finite and positive, got " + fs);
      }
      if (leads == null || leads.isEmpty()) {
        throw new EcgArgumentException("at least one lead is required");
      }
      this.fs = fs;
      this.leads = List.copyOf(leads);
    }

    /**
     * @param model a beat model whose steps stream exactly (see {@link EcgStream})
     * @return this
     */
    public Builder beats(EcgClassifier model) {
      this.beats = model;
      return this;
    }

    /**
     * @param model a rhythm model with record-features windows (see {@link RhythmStream})
     * @return this
     */
    public Builder rhythm(EcgClassifier model) {
      this.rhythm = model;
      return this;
    }

    /**
     * @param l receives every event as it happens
     * @return this
     */
    public Builder listener(Consumer<Event> l) {
      this.listener = l;
      return this;
    }

    /**
     * Tracks episodes of a rhythm class (replacing the default AF and noise tracking on the
     * first call).
     *
     * @param label a class of the rhythm model
     * @param on probability at which a window counts towards an onset, in (0, 1]
     * @param off probability below which a window counts towards an offset, in (0, on]
     * @param confirm windows in a row needed for a change, at least 1
     * @return this
     */
    public Builder episodes(String label, double on, double off, int confirm) {
      if (!(on > 0 && on <= 1 && off > 0 && off <= on) || confirm < 1) {
        throw new EcgArgumentException("need 0 < off <= on <= 1 and confirm >= 1, got on " + on
            + ", off " + off + ", confirm " + confirm);
      }
      if (episodes == null) {
        episodes = new ArrayList<>();
      }
      episodes.add(new EpisodeSpec(label, on, off, confirm));
      return this;
    }

    /**
     * @param seconds longest run of missing samples held over, in [0, 1] (default 0.05)
     * @return this
     */
    public Builder maxBridgeSeconds(double seconds) {
      if (!(seconds >= 0 && seconds <= 1)) {
        throw new EcgArgumentException("maxBridgeSeconds must be in [0, 1], got " + seconds);
      }
      this.maxBridgeSeconds = seconds;
      return this;
    }

    /**
     * @param everySeconds how often vitals are reported (default 10)
     * @param hrvSeconds the HRV window (default 300)
     * @return this
     */
    public Builder vitals(double everySeconds, double hrvSeconds) {
      if (!(everySeconds >= 1 && everySeconds <= 3600 && hrvSeconds >= 10
          && hrvSeconds <= 86_400)) {
        throw new EcgArgumentException("need 1 <= everySeconds <= 3600 and 10 <= hrvSeconds <="
            + " 86400, got " + everySeconds + ", " + hrvSeconds);
      }
      this.vitalsEverySeconds = everySeconds;
      this.hrvSeconds = hrvSeconds;
      return this;
    }

    /**
     * @param lowMv the converter's lower limit in physical units
     * @param highMv its upper limit
     * @return this (saturation is then judged against these rails)
     */
    public Builder rails(double lowMv, double highMv) {
      if (!(lowMv < highMv) || !Double.isFinite(lowMv) || !Double.isFinite(highMv)) {
        throw new EcgArgumentException("need finite rails low < high, got " + lowMv + ", "
            + highMv);
      }
      this.railLow = lowMv;
      this.railHigh = highMv;
      return this;
    }

    /**
     * @return the monitor
     * @throws EcgArgumentException if a model's steps cannot stream or an episode label is not
     *     a class of the rhythm model
     */
    public EcgMonitor build() {
      return new EcgMonitor(this);
    }
  }
}
