package dev.ecg.models.stream;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.dsp.Resample;
import dev.ecg.io.dsp.ResampleStream;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.Prediction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A rhythm model (atrial fibrillation, noise, other rhythms) on a live signal: each overlapping
 * window is classified as soon as its last sample arrives. The windows, their probabilities and
 * their skip reasons are those {@link EcgClassifier#classify(dev.ecg.io.Record)} gives for the
 * whole signal: the resampling runs as its exact streaming twin, and each window's features are
 * computed by the batch step's own code ({@link Step.RecordFeatureWindows#window}).
 *
 * <p><b>Packages it runs.</b> Steps {@code select-leads} (optional), {@code resample}
 * (optional), {@code record-features} (required, last): the bundled {@code cinc2017-rhythm}
 * (60 s windows every 30 s) and {@code af-detect} (30 s every 10 s).
 *
 * <p><b>Delay.</b> A window is reported when its last sample has passed the resampling filter,
 * a fraction of a second after the window ends; {@link WindowEvent#emittedAtSample()} records
 * it. At {@link #finish()} the batch rule for the record's end applies: a last window aligned
 * to the end, or one short window when the whole signal was shorter than a window.
 *
 * <p><b>Memory</b>: one window of samples at the model rate (60 s at 300 Hz: 18,000 values).
 *
 * <p>Samples must be finite ({@link EcgMonitor} bridges or splits at NaN gaps). Not
 * thread-safe; the classifier may be shared by any number of streams.
 */
public final class RhythmStream implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * A classified window.
   *
   * @param sample its first sample, in the input's samples
   * @param time that in seconds from the stream's start
   * @param endTime the window's end in seconds
   * @param prediction the label and probabilities, or null when skipped
   * @param skipped why the window was not classified (flat line, lead-off), or null
   * @param emittedAtSample input samples pushed when it was reported
   */
  public record WindowEvent(long sample, double time, double endTime, Prediction prediction,
      String skipped, long emittedAtSample) {

    /** @return the label, or "-" when skipped */
    public String label() {
      return prediction == null ? "-" : prediction.label();
    }

    /**
     * @param label one of the model's classes
     * @return its probability, or NaN when skipped or unknown
     */
    public double probability(String label) {
      if (prediction == null) {
        return Double.NaN;
      }
      int k = prediction.classNames().indexOf(label);
      return k < 0 ? Double.NaN : prediction.probabilities()[k];
    }
  }

  private transient EcgClassifier clf;
  private final String fingerprint;
  private final double fs;
  private final int inputLead;
  private final double fsModel;
  private final ResampleStream resample;
  private final int len;
  private final int hop;
  private final double seconds;
  private final double hopSeconds;

  private double[] buf = new double[0]; // model-rate samples [bufBase, bufBase + bufLen)
  private long bufBase;
  private int bufLen;
  private long total; // model-rate samples so far
  private long nextStart;
  private long lastStart = -1;
  private long pushed;
  private boolean finished;

  private RhythmStream(EcgClassifier clf, double fs, List<String> inputLeads) {
    this.clf = clf;
    this.fingerprint = EcgStream.fingerprint(clf);
    this.fs = fs;
    List<Step> steps = clf.manifest().preprocessing();
    int k = 0;
    int[] sel = null;
    if (k < steps.size() && steps.get(k) instanceof Step.SelectLeads s) {
      sel = EcgStream.selected(s, inputLeads);
      k++;
    }
    double target = fs;
    if (k < steps.size() && steps.get(k) instanceof Step.Resample r) {
      target = r.fs();
      k++;
    }
    if (!(k == steps.size() - 1 && steps.get(k) instanceof Step.RecordFeatureWindows f)) {
      throw new EcgArgumentException("this package cannot run as a rhythm stream: its steps "
          + "are " + names(steps) + "; a rhythm stream needs select-leads (optional), resample "
          + "(optional) and record-features, in that order");
    }
    int channel = f.channel();
    int available = sel == null ? inputLeads.size() : sel.length;
    if (channel >= available) {
      throw new EcgArgumentException("record-features reads lead " + channel + " of "
          + available);
    }
    this.inputLead = sel == null ? channel : sel[channel];
    this.resample = Resample.stream(fs, target);
    int[] fac = resample.factors();
    this.fsModel = fs * fac[0] / fac[1];
    this.seconds = f.seconds();
    this.hopSeconds = f.hop();
    long l = Math.round(f.seconds() * fsModel);
    if (l > Step.MAX_WINDOW_SAMPLES) {
      throw new EcgArgumentException("record-features: " + f.seconds() + " s is more than "
          + Step.MAX_WINDOW_SAMPLES + " samples at " + fsModel + " Hz");
    }
    this.len = (int) l;
    this.hop = (int) Math.max(1, Math.round(f.hop() * fsModel));
  }

  private static List<String> names(List<Step> steps) {
    List<String> n = new ArrayList<>();
    for (Step s : steps) {
      n.add(s.name());
    }
    return n;
  }

  /**
   * @param clf a rhythm classifier (shared; any number of streams may use it)
   * @param fs the input's sampling rate in Hz
   * @param leadNames the input's leads, in the order of the pushed arrays
   * @return a new stream
   * @throws EcgArgumentException if the package's steps cannot stream exactly
   */
  public static RhythmStream open(EcgClassifier clf, double fs, List<String> leadNames) {
    if (clf == null || leadNames == null || leadNames.isEmpty()) {
      throw new EcgArgumentException("a classifier and at least one lead are required");
    }
    return new RhythmStream(clf, fs, List.copyOf(leadNames));
  }

  /** @return window length in seconds */
  public double windowSeconds() {
    return seconds;
  }

  /** @return seconds between window starts */
  public double hopSeconds() {
    return hopSeconds;
  }

  /** @return the classifier's class names */
  public List<String> classNames() {
    return clf.manifest().classNames();
  }

  /**
   * Pushes one chunk: {@code chunk[lead][i]}, every lead the same length.
   *
   * @param chunk samples per input lead, finite
   * @return the windows that completed, in order
   * @throws EcgArgumentException on a chunk of the wrong shape
   */
  public List<WindowEvent> push(double[][] chunk) {
    if (finished) {
      throw new IllegalStateException("the stream is finished");
    }
    int n = EcgStream.checkChunk(chunk, new int[] {inputLead});
    pushed += n;
    append(resample.push(chunk[inputLead], 0, n));
    return windows(false);
  }

  /**
   * Ends the signal: the batch rule for the last window.
   *
   * @return the windows that became final
   */
  public List<WindowEvent> finish() {
    if (finished) {
      return List.of();
    }
    finished = true;
    append(resample.finish());
    return windows(true);
  }

  private void append(double[] y) {
    if (bufLen + y.length > buf.length) {
      // keep what the next window, or an end-aligned last one, may read
      long keep = Math.min(nextStart, total - len);
      int drop = (int) Math.max(0, Math.min(bufLen, keep - bufBase));
      System.arraycopy(buf, drop, buf, 0, bufLen - drop);
      bufBase += drop;
      bufLen -= drop;
      if (bufLen + y.length > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(bufLen + y.length, Math.min(2 * buf.length + 1024,
            len + hop + y.length)));
      }
    }
    System.arraycopy(y, 0, buf, bufLen, y.length);
    bufLen += y.length;
    total += y.length;
  }

  private List<WindowEvent> windows(boolean atEnd) {
    List<long[]> spans = new ArrayList<>();
    while (nextStart + len <= total) {
      spans.add(new long[] {nextStart, nextStart + len});
      lastStart = nextStart;
      nextStart += hop;
    }
    if (atEnd && total > 0) {
      if (lastStart < 0) {
        spans.add(new long[] {0, total}); // shorter than one window: one short window
      } else if (lastStart + len < total) {
        spans.add(new long[] {total - len, total}); // aligned to the end
      }
    }
    List<WindowEvent> out = new ArrayList<>(spans.size());
    if (spans.isEmpty()) {
      return out;
    }
    List<float[]> inputs = new ArrayList<>();
    String[] rejected = new String[spans.size()];
    for (int k = 0; k < spans.size(); k++) {
      long from = spans.get(k)[0];
      long to = spans.get(k)[1];
      double[] stretch = Arrays.copyOfRange(buf, (int) (from - bufBase), (int) (to - bufBase));
      Step.RecordFeatureWindows.Window w = Step.RecordFeatureWindows.window(stretch, fsModel,
          from / fsModel, to / fsModel);
      rejected[k] = w.rejected();
      if (w.rejected() == null) {
        float[] x = new float[w.features().length];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) w.features()[i];
        }
        inputs.add(x);
      }
    }
    Prediction[] preds = inputs.isEmpty() ? new Prediction[0]
        : clf.predictBatch(inputs.toArray(float[][]::new));
    int q = 0;
    for (int k = 0; k < spans.size(); k++) {
      long from = spans.get(k)[0];
      long s = fsModel == fs ? from : Resample.samples(new long[] {from}, fsModel, fs)[0];
      s = Math.min(s, Math.max(0, pushed - 1));
      double end = spans.get(k)[1] / fsModel;
      if (rejected[k] == null) {
        out.add(new WindowEvent(s, s / fs, end, preds[q++], null, pushed));
      } else {
        out.add(new WindowEvent(s, s / fs, end, null, "rejected by preprocessing: "
            + rejected[k], pushed));
      }
    }
    return out;
  }

  /** @return the input lead this stream reads */
  int reads() {
    return inputLead;
  }

  /**
   * Continues from a state that {@link java.io.ObjectOutputStream} wrote (as part of an
   * {@link EcgMonitor} checkpoint).
   *
   * @param clf the same package
   */
  void bind(EcgClassifier clf) {
    if (!EcgStream.fingerprint(clf).equals(fingerprint)) {
      throw new EcgArgumentException("this state belongs to package " + fingerprint
          .split(" ")[0] + " (or other weights); it cannot continue on " + clf.manifest()
          .name());
    }
    this.clf = clf;
  }

  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    long keep = Math.min(nextStart, total - len);
    int drop = (int) Math.max(0, Math.min(bufLen, keep - bufBase));
    System.arraycopy(buf, drop, buf, 0, bufLen - drop);
    bufBase += drop;
    bufLen -= drop;
    double[] all = buf;
    buf = Arrays.copyOf(buf, bufLen); // only the held span is written
    try {
      out.defaultWriteObject();
    } finally {
      buf = all;
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "RhythmStream[%s, %s s every %s s, %d pushed]",
        clf.manifest().name(), seconds, hopSeconds, pushed);
  }
}
