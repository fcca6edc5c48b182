package dev.ecg.models.stream;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Record;
import dev.ecg.io.dsp.BaselineStream;
import dev.ecg.io.dsp.Resample;
import dev.ecg.io.dsp.ResampleStream;
import dev.ecg.io.pipeline.SignalWindows;
import dev.ecg.io.pipeline.Step;
import dev.ecg.io.qrs.PanTompkins;
import dev.ecg.io.qrs.PanTompkinsStream;
import dev.ecg.io.segment.CausalRr;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.Prediction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A beat model on a live signal: push samples as a monitor delivers them, in chunks of any size,
 * and receive each beat's label once nothing later can change it. The beats, labels and skip
 * reasons are those {@link EcgClassifier#classify(Record)} gives for the whole signal: every
 * preprocessing step runs as a streaming twin that equals its batch form value for value.
 *
 * <p><b>Packages it runs.</b> Beat models whose steps are, in this order and each optional
 * unless stated: {@code select-leads}, {@code resample}, {@code baseline}, {@code qrs-windows}
 * (required, detector {@code pan-tompkins}), {@code quality-gate}, {@code normalize},
 * {@code crop-pad}, {@code rr-features} with {@code average: causal}. {@link #open} refuses any
 * other package and says which step stops it. {@code rr-features} with the record's mean RR (the
 * bundled {@code mitbih-aami5}) needs the whole record, so no stream can match batch with it:
 * such a model must be trained with causal RR features to run live.
 *
 * <p><b>Delay.</b> A beat is emitted when the resampling filter, the baseline medians and the
 * detector have seen past it (about 0.8 s at 360 to 125 Hz), its window is complete, the next
 * beat has arrived (its RR features need the next interval), and, with a quality gate, the
 * gate's segment is complete (a 10 s gate: up to 12 s, or 22 s for a window across two
 * segments). {@link BeatEvent#emittedAtSample()} records when each one came.
 *
 * <p><b>Memory</b> is constant in stream length: the streaming steps keep a few seconds each,
 * the gate one segment.
 *
 * <p>Input samples must be finite. Not thread-safe: one stream per signal; the classifier is
 * shared by any number of streams.
 */
public final class EcgStream implements java.io.Serializable {
  private static final long serialVersionUID = 1L;


  /**
   * A beat.
   *
   * @param sample its R peak in the input's samples
   * @param time that in seconds from the stream's start
   * @param prediction the label and probabilities, or null when skipped
   * @param skipped why the model abstained (the quality gate), or null
   * @param emittedAtSample how many input samples had been pushed when it was emitted
   * @param input the model input built for it (null when skipped): the same floats
   *     {@link EcgClassifier#inputs(Record)} gives for the whole record
   */
  public record BeatEvent(long sample, double time, Prediction prediction, String skipped,
      long emittedAtSample, float[] input) {

    /** @return the label, or "-" when skipped */
    public String label() {
      return prediction == null ? "-" : prediction.label();
    }
  }

  private transient EcgClassifier clf;
  private final String fingerprint; // the package this state belongs to
  private final double fs;
  private final int[] leads; // input channel of each model lead
  private final double fsModel;
  private final ResampleStream[] resample;
  private final BaselineStream[] baseline;
  private final PanTompkinsStream detector;
  private final int detectLead;
  private final int before;
  private final int after;
  private final boolean zeroEdges;
  // the package's steps after qrs-windows: rebuilt from the classifier when restored
  private transient List<Step> windowSteps = new ArrayList<>(); // normalize, crop-pad
  private transient Step.QualityGate gate;
  private final int gateChannel; // input channel
  private final String gateLeadName;
  private final int windowLengthAtGate;
  private transient Step.RrFeatures rr;
  private final CausalRr causal;

  // conditioned signal at the model rate, per model lead: [base, base + len)
  private transient double[][] buf; // only the held span is serialised
  private long bufBase;
  private int bufLen;
  private long conditioned; // samples at the model rate so far

  // beats found, waiting for their window, RR features and gate verdict
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final ArrayDeque<Pending> waitingRr = new ArrayDeque<>();
  private final List<Pending> ready = new ArrayList<>();

  // quality gate: raw samples of the gated lead since the current segment's start
  private final int seg;
  private final int minSeg;
  private double[] gateBuf = new double[0];
  private int gateLen;
  private long gateStart;
  private final List<long[]> segSpans = new ArrayList<>();
  private final List<String> segVerdicts = new ArrayList<>();

  private long pushed;
  private boolean finished;

  private static final class Pending implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final long modelSample;
    final long sample;
    double[][] window;
    float[] rrValues;
    String verdict;
    boolean gated;

    Pending(long modelSample, long sample) {
      this.modelSample = modelSample;
      this.sample = sample;
    }
  }

  private EcgStream(EcgClassifier clf, double fs, List<String> inputLeads) {
    this.clf = clf;
    this.fingerprint = fingerprint(clf);
    this.fs = fs;
    List<Step> steps = clf.manifest().preprocessing();
    int k = 0;
    int[] sel = null;
    if (k < steps.size() && steps.get(k) instanceof Step.SelectLeads s) {
      sel = selected(s, inputLeads);
      k++;
    }
    if (sel == null) {
      sel = new int[inputLeads.size()];
      for (int i = 0; i < sel.length; i++) {
        sel[i] = i;
      }
    }
    this.leads = sel;
    double target = fs;
    if (k < steps.size() && steps.get(k) instanceof Step.Resample r) {
      target = r.fs();
      k++;
    }
    boolean base = false;
    if (k < steps.size() && steps.get(k) instanceof Step.Baseline) {
      base = true;
      k++;
    }
    if (!(k < steps.size() && steps.get(k) instanceof Step.QrsWindows q)
        || q.detector() != Step.Detector.PAN_TOMPKINS) {
      throw refuse(k < steps.size() ? steps.get(k) : null, "a qrs-windows step with the "
          + "pan-tompkins detector after the optional select-leads, resample and baseline");
    }
    k++;
    this.before = q.before();
    this.after = q.after();
    this.zeroEdges = q.edges() == Step.QrsWindows.Edges.ZERO;
    this.detectLead = q.channel();
    if (detectLead >= leads.length) {
      throw new EcgArgumentException("qrs-windows reads lead " + detectLead + " of "
          + leads.length);
    }
    Step.QualityGate g = null;
    int lengthAtGate = before + after;
    Step.RrFeatures rrStep = null;
    for (; k < steps.size(); k++) {
      Step st = steps.get(k);
      if (st instanceof Step.QualityGate qg && g == null && windowSteps.isEmpty()) {
        g = qg;
      } else if ((st instanceof Step.Normalize || st instanceof Step.CropPad) && rrStep == null) {
        windowSteps.add(st);
      } else if (st instanceof Step.RrFeatures r && rrStep == null) {
        if (r.average() != Step.RrFeatures.Average.CAUSAL) {
          throw refuse(st, "rr-features with average causal (this package normalises by the "
              + "record's mean RR, which a live stream cannot know before the record ends)");
        }
        rrStep = r;
      } else {
        throw refuse(st, "quality-gate, normalize, crop-pad and rr-features after "
            + "qrs-windows, in that order");
      }
    }
    this.gate = g;
    this.windowLengthAtGate = lengthAtGate;
    this.rr = rrStep;
    this.causal = rrStep == null ? null : new CausalRr(fs);
    this.resample = new ResampleStream[leads.length];
    this.baseline = base ? new BaselineStream[leads.length] : null;
    double fm = fs;
    for (int c = 0; c < leads.length; c++) {
      resample[c] = Resample.stream(fs, target);
      int[] f = resample[c].factors();
      fm = fs * f[0] / f[1];
    }
    this.fsModel = fm;
    if (base) {
      for (int c = 0; c < leads.length; c++) {
        baseline[c] = new BaselineStream(fsModel);
      }
    }
    this.detector = PanTompkins.create().stream(fsModel);
    this.buf = new double[leads.length][4096];
    if (gate != null) {
      this.gateChannel = gate.channel();
      if (gateChannel >= inputLeads.size()) {
        throw new EcgArgumentException("quality-gate reads input lead " + gateChannel + " of "
            + inputLeads.size());
      }
      this.gateLeadName = inputLeads.get(gateChannel);
      this.seg = (int) Math.round(gate.seconds() * fs);
      this.minSeg = (int) Math.ceil(dev.ecg.io.quality.SignalQuality.MIN_SECONDS * fs);
    } else {
      this.gateChannel = -1;
      this.gateLeadName = null;
      this.seg = 0;
      this.minSeg = 0;
    }
  }

  static int[] selected(Step.SelectLeads s, List<String> inputLeads) {
    if (s.indices() != null) {
      int[] out = new int[s.indices().size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = s.indices().get(i);
        if (out[i] >= inputLeads.size()) {
          throw new EcgArgumentException("the model reads input lead " + out[i] + " but the "
              + "stream has " + inputLeads.size() + " " + inputLeads);
        }
      }
      return out;
    }
    int[] out = new int[s.names().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = inputLeads.indexOf(s.names().get(i));
      if (out[i] < 0) {
        throw new EcgArgumentException("the model reads lead " + s.names().get(i) + "; the "
            + "stream has " + inputLeads);
      }
    }
    return out;
  }

  private static EcgArgumentException refuse(Step st, String needs) {
    return new EcgArgumentException("this package cannot run as a stream: "
        + (st == null ? "its steps end early" : "step " + st.name() + " " + st.params())
        + "; a stream needs " + needs);
  }

  /**
   * @param clf a beat classifier (shared; any number of streams may use it)
   * @param fs the input's sampling rate in Hz
   * @param leadNames the input's leads, in the order of the pushed arrays
   * @return a new stream
   * @throws EcgArgumentException if the package's steps cannot stream exactly
   */
  public static EcgStream open(EcgClassifier clf, double fs, List<String> leadNames) {
    if (clf == null || leadNames == null || leadNames.isEmpty()) {
      throw new EcgArgumentException("a classifier and at least one lead are required");
    }
    return new EcgStream(clf, fs, List.copyOf(leadNames));
  }

  /** @return the input's sampling rate */
  public double fs() {
    return fs;
  }

  /** @return input samples pushed so far (per lead) */
  public long samplesPushed() {
    return pushed;
  }

  /**
   * Pushes one chunk: {@code chunk[lead][i]}, every lead the same length.
   *
   * @param chunk samples per input lead, finite
   * @return the beats that became final, in order
   * @throws EcgArgumentException on a chunk of the wrong shape
   * @throws dev.ecg.io.dsp.NanInputException on a non-finite sample
   */
  public List<BeatEvent> push(double[][] chunk) {
    if (finished) {
      throw new IllegalStateException("the stream is finished");
    }
    int n = checkChunk(chunk, leads);
    if (gate != null) {
      gateAppend(chunk[gateChannel]);
    }
    pushed += n;
    double[][] y = new double[leads.length][];
    for (int c = 0; c < leads.length; c++) {
      y[c] = resample[c].push(chunk[leads[c]], 0, n);
      if (baseline != null) {
        y[c] = baseline[c].push(y[c], 0, y[c].length);
      }
    }
    return afterConditioning(y, -1);
  }

  /** @return the chunk's length per lead, after checking its shape against the leads read */
  static int checkChunk(double[][] chunk, int[] read) {
    if (chunk == null) {
      throw new EcgArgumentException("chunk must not be null");
    }
    int n = chunk.length == 0 || chunk[0] == null ? 0 : chunk[0].length;
    for (double[] c : chunk) {
      if (c == null || c.length != n) {
        throw new EcgArgumentException("every lead of a chunk must have the same length");
      }
    }
    for (int c : read) {
      if (c >= chunk.length) {
        throw new EcgArgumentException("chunk has " + chunk.length + " lead(s); the model reads "
            + "input lead " + c);
      }
    }
    return n;
  }

  /**
   * @param oneLead samples of a one-lead input
   * @return {@link #push(double[][])} of that lead
   */
  public List<BeatEvent> push(double[] oneLead) {
    return push(new double[][] {oneLead});
  }

  /**
   * Ends the signal: the batch steps' end rules, and the last beats.
   *
   * @return the beats that became final
   */
  public List<BeatEvent> finish() {
    if (finished) {
      return List.of();
    }
    finished = true;
    double[][] y = new double[leads.length][];
    for (int c = 0; c < leads.length; c++) {
      y[c] = resample[c].finish();
      if (baseline != null) {
        double[] a = baseline[c].push(y[c], 0, y[c].length);
        double[] b = baseline[c].finish();
        y[c] = concat(a, b);
      }
    }
    if (gate != null) {
      gateFinish();
    }
    return afterConditioning(y, conditioned + y[0].length);
  }

  private static double[] concat(double[] a, double[] b) {
    double[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private List<BeatEvent> afterConditioning(double[][] y, long nModel) {
    appendConditioned(y);
    long[] peaks = detector.push(y[detectLead], 0, y[detectLead].length);
    if (nModel >= 0) {
      peaks = concatL(peaks, detector.finish());
    }
    for (long p : peaks) {
      long o = fsModel == fs ? p : Resample.samples(new long[] {p}, fsModel, fs)[0];
      if (nModel >= 0) {
        o = Math.min(o, Math.max(0, pushed - 1));
      }
      pending.add(new Pending(p, o));
    }
    cutWindows(nModel);
    return drainReady(nModel >= 0);
  }

  private static long[] concatL(long[] a, long[] b) {
    long[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private void appendConditioned(double[][] y) {
    int n = y[0].length;
    if (bufLen + n > buf[0].length) {
      compact();
      if (bufLen + n > buf[0].length) {
        for (int c = 0; c < buf.length; c++) {
          buf[c] = Arrays.copyOf(buf[c], Math.max(buf[c].length * 2, bufLen + n));
        }
      }
    }
    for (int c = 0; c < buf.length; c++) {
      System.arraycopy(y[c], 0, buf[c], bufLen, n);
    }
    bufLen += n;
    conditioned += n;
  }

  /** Drops the conditioned samples no future window reads. */
  private void compact() {
    long keep = detector.earliestFuturePeak();
    if (!pending.isEmpty()) {
      keep = Math.min(keep, pending.peek().modelSample);
    }
    keep -= before + 1;
    int drop = (int) Math.max(0, Math.min(bufLen, keep - bufBase));
    for (int c = 0; c < buf.length; c++) {
      System.arraycopy(buf[c], drop, buf[c], 0, bufLen - drop);
    }
    bufBase += drop;
    bufLen -= drop;
  }

  /** Cuts the windows whose samples are all here (zeros outside the signal, as batch pads). */
  private void cutWindows(long nModel) {
    long n = nModel >= 0 ? nModel : Long.MAX_VALUE;
    while (!pending.isEmpty()) {
      Pending p = pending.peek();
      long end = p.modelSample + after;
      if (nModel < 0 && end > conditioned) {
        break;
      }
      pending.poll();
      if (!zeroEdges && (p.modelSample - before < 0 || end > n)) {
        continue; // the batch segmenter drops beats whose window runs off the signal
      }
      double[][] w = new double[buf.length][before + after];
      for (int c = 0; c < buf.length; c++) {
        for (int i = 0; i < before + after; i++) {
          long t = p.modelSample - before + i;
          // through float, as the batch segmenter stores beat windows
          w[c][i] = t < 0 || t >= n || t >= conditioned ? 0.0
              : (float) buf[c][(int) (t - bufBase)];
        }
      }
      p.window = w;
      if (rr != null) {
        double[] f = causal.add(p.sample);
        if (f != null) {
          waitingRr.peek().rrValues = Step.RrFeatures.encodeCausal(f);
          ready.add(waitingRr.poll());
        }
        waitingRr.add(p);
      } else {
        ready.add(p);
      }
    }
    if (nModel >= 0 && rr != null && !waitingRr.isEmpty()) {
      double[] f = causal.finish();
      Pending last = waitingRr.poll();
      last.rrValues = f == null ? new float[Step.RrFeatures.SLOTS]
          : Step.RrFeatures.encodeCausal(f);
      ready.add(last);
    }
  }

  // ------------------------------------------------------------------------- quality gate

  private void gateAppend(double[] x) {
    if (gateLen + x.length > gateBuf.length) {
      gateBuf = Arrays.copyOf(gateBuf, Math.max(gateBuf.length * 2, gateLen + x.length + 1024));
    }
    System.arraycopy(x, 0, gateBuf, gateLen, x.length);
    gateLen += x.length;
    // a segment is final once the signal runs minSeg past its end (else it absorbs the rest)
    while (gateLen >= seg + minSeg) {
      judge(gateStart, gateStart + seg);
      System.arraycopy(gateBuf, seg, gateBuf, 0, gateLen - seg);
      gateLen -= seg;
      gateStart += seg;
    }
  }

  private void gateFinish() {
    // the batch segmentation of what is left: whole segments, the last absorbing a short tail
    long n = gateStart + gateLen;
    long from = gateStart;
    while (from < n) {
      long to = Math.min(n, from + seg);
      if (n - to < minSeg) {
        to = n;
      }
      judge(from, to);
      from = to;
    }
    gateLen = 0;
  }

  private void judge(long from, long to) {
    double[] slice = Arrays.copyOfRange(gateBuf, (int) (from - gateStart), (int) (to
        - gateStart));
    segSpans.add(new long[] {from, to});
    segVerdicts.add(gate.segmentVerdict(slice, from, fs, gateLeadName));
  }

  /** The gate's span of a window: from its reference sample, the window's length in input. */
  private long[] span(Pending p, long length) {
    long n = Math.max(1, Math.round(windowLengthAtGate * fs / fsModel));
    long from = Math.max(0, Math.min(p.sample, length - 1));
    return new long[] {from, Math.min(length, from + n)};
  }

  // ------------------------------------------------------------------------------- output

  private List<BeatEvent> drainReady(boolean atEnd) {
    List<Pending> out = new ArrayList<>();
    int k = 0;
    for (; k < ready.size(); k++) {
      Pending p = ready.get(k);
      if (gate != null && !p.gated) {
        long length = atEnd ? pushed : Long.MAX_VALUE;
        long[] sp = span(p, length);
        long judged = segSpans.isEmpty() ? 0 : segSpans.get(segSpans.size() - 1)[1];
        if (!atEnd && sp[1] > judged) {
          break; // its segments are not complete yet
        }
        p.verdict = Step.QualityGate.windowVerdict(sp, segSpans, segVerdicts);
        p.gated = true;
      }
      out.add(p);
    }
    ready.subList(0, k).clear();
    trimSegments();
    List<float[]> inputs = new ArrayList<>();
    for (Pending p : out) {
      if (p.verdict == null) {
        inputs.add(input(p));
      }
    }
    Prediction[] preds = inputs.isEmpty() ? new Prediction[0]
        : clf.predictBatch(inputs.toArray(float[][]::new));
    List<BeatEvent> events = new ArrayList<>(out.size());
    int q = 0;
    for (Pending p : out) {
      float[] in = p.verdict == null ? inputs.get(q) : null;
      Prediction pr = p.verdict == null ? preds[q++] : null;
      events.add(new BeatEvent(p.sample, p.sample / fs, pr, p.verdict == null ? null
          : "rejected by preprocessing: " + p.verdict, pushed, in));
    }
    return events;
  }

  private void trimSegments() {
    // segments that end before every waiting beat's span can go
    long oldest = Long.MAX_VALUE;
    for (Pending p : ready) {
      oldest = Math.min(oldest, p.sample);
    }
    for (Pending p : pending) {
      oldest = Math.min(oldest, p.sample);
    }
    for (Pending p : waitingRr) {
      oldest = Math.min(oldest, p.sample);
    }
    if (oldest == Long.MAX_VALUE) {
      oldest = Math.max(0, pushed - 2L * Math.round(fs));
    }
    while (segSpans.size() > 2 && segSpans.get(0)[1] <= oldest) {
      segSpans.remove(0);
      segVerdicts.remove(0);
    }
  }

  /** The source record handed to the per-window steps, which do not read it. */
  private static final Record PLACEHOLDER = new Record("stream", 1, List.of("x"), List.of("mV"),
      new double[][] {{0}}, List.of());

  /** Lead names of the windows handed to the per-window steps; rebuilt after a restore. */
  private transient List<String> windowLeads;

  private List<String> leadNames(int n) {
    if (windowLeads == null || windowLeads.size() != n) {
      List<String> names = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        names.add("lead" + c);
      }
      windowLeads = List.copyOf(names);
    }
    return windowLeads;
  }

  /** The model input: the window through normalize and crop-pad, then the RR slots. */
  private float[] input(Pending p) {
    double[][] w = p.window;
    if (!windowSteps.isEmpty()) {
      // normalize and crop-pad read only the window itself, not its source record
      SignalWindows sw = new SignalWindows(PLACEHOLDER, fsModel, leadNames(w.length),
          List.<double[][]>of(w), new long[] {0}, true);
      for (Step st : windowSteps) {
        sw = st.apply(sw);
      }
      w = sw.windows().get(0);
    }
    int len = w[0].length;
    float[] flat = new float[w.length * len];
    for (int c = 0; c < w.length; c++) {
      for (int i = 0; i < len; i++) {
        flat[c * len + i] = (float) w[c][i];
      }
      if (rr != null) {
        for (int s = 0; s < Step.RrFeatures.SLOTS; s++) {
          float v = p.rrValues[s];
          double scaled = rr.scale() == 1 ? v : (float) (rr.scale() * v);
          flat[c * len + rr.offset() + s] = (float) scaled;
        }
      }
    }
    return flat;
  }

  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    compact();
    out.defaultWriteObject();
    double[][] held = new double[buf.length][];
    for (int c = 0; c < buf.length; c++) {
      held[c] = Arrays.copyOf(buf[c], bufLen);
    }
    out.writeObject(held);
  }

  private void readObject(java.io.ObjectInputStream in)
      throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    double[][] held = (double[][]) in.readObject();
    buf = new double[held.length][];
    for (int c = 0; c < held.length; c++) {
      buf[c] = Arrays.copyOf(held[c], Math.max(4096, held[c].length + 4096));
    }
  }

  /** Name and weight hashes: a checkpoint restores only onto the same package. */
  static String fingerprint(EcgClassifier clf) {
    StringBuilder sb = new StringBuilder(clf.manifest().name());
    clf.manifest().weights().forEach(w -> sb.append(' ').append(w.sha256()));
    return sb.toString();
  }

  /** Re-derives the per-window steps (after qrs-windows) from the package, as the constructor. */
  private void bindSteps() {
    windowSteps = new ArrayList<>();
    gate = null;
    rr = null;
    boolean afterWindows = false;
    for (Step st : clf.manifest().preprocessing()) {
      if (st instanceof Step.QrsWindows) {
        afterWindows = true;
      } else if (afterWindows) {
        if (st instanceof Step.QualityGate qg) {
          gate = qg;
        } else if (st instanceof Step.RrFeatures r) {
          rr = r;
        } else {
          windowSteps.add(st);
        }
      }
    }
  }

  /**
   * The stream's whole state, to store and later {@link #restore} (in another process or on
   * another machine, with the same package): a few seconds of samples per step and the
   * detector's and features' scalars, typically tens of kilobytes. Take it between pushes.
   *
   * @return the serialised state
   */
  public byte[] checkpoint() {
    return Checkpoints.write(this, "stream");
  }

  /** Classes a checkpoint may hold: this SDK's stream state and plain JDK containers. */
  private static final java.io.ObjectInputFilter FILTER = java.io.ObjectInputFilter.Config
      .createFilter("maxdepth=20;maxrefs=100000;maxbytes=268435456;maxarray=67108864;"
          + "dev.ecg.models.stream.EcgStream;dev.ecg.models.stream.EcgStream$*;"
          + "dev.ecg.io.qrs.*;dev.ecg.io.dsp.*;dev.ecg.io.segment.CausalRr;"
          + "java.util.ArrayList;java.util.ArrayDeque;java.lang.Long;java.lang.Double;"
          + "java.lang.Number;java.lang.String;java.lang.Record;java.lang.Object;!*");

  /**
   * Continues a stream from a {@link #checkpoint()}: pushing the rest of the signal to the
   * restored stream gives exactly the events the original would have given.
   *
   * @param state a checkpoint
   * @param clf the same package the stream ran (checked by name and weight hashes)
   * @return the restored stream
   * @throws EcgArgumentException if the state is not a stream checkpoint, holds other classes,
   *     or belongs to another package
   */
  public static EcgStream restore(byte[] state, EcgClassifier clf) {
    if (state == null || clf == null) {
      throw new EcgArgumentException("state and classifier are required");
    }
    EcgStream st = Checkpoints.read(state, FILTER, EcgStream.class, "stream");
    st.bind(clf);
    return st;
  }

  /** Attaches the package after deserialisation, checking it is the one the state ran. */
  void bind(EcgClassifier clf) {
    String fp = fingerprint(clf);
    if (!fp.equals(fingerprint)) {
      throw new EcgArgumentException("this checkpoint belongs to package " + fingerprint
          .split(" ")[0] + " (or other weights); it cannot continue on " + fp.split(" ")[0]);
    }
    this.clf = clf;
    bindSteps();
  }

  /** @return the input leads this stream reads (model leads and the gate's lead) */
  int[] reads() {
    int[] r = Arrays.copyOf(leads, leads.length + (gate != null ? 1 : 0));
    if (gate != null) {
      r[leads.length] = gateChannel;
    }
    return r;
  }

  /** @return the classifier's class names */
  List<String> classNames() {
    return clf.manifest().classNames();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "EcgStream[%s, %s Hz -> %s Hz, %d pushed]",
        clf.manifest().name(), fs, fsModel, pushed);
  }
}
