package dev.ecg.io.qrs;

import dev.ecg.io.dsp.BaselineStream;
import dev.ecg.io.dsp.Resample;
import dev.ecg.io.dsp.ResampleStream;
import java.util.Arrays;

/**
 * The beat-finding front end of a beat model on a live lead: resampling to the model's rate,
 * median-filter baseline removal and Pan-Tompkins, as the pipeline steps {@code resample},
 * {@code baseline} and {@code qrs-windows} (detector {@code pan-tompkins}) do on a whole record.
 * Each R peak is reported at the model's rate and mapped back to the input's sample index
 * ({@link Resample#samples}), exactly as the batch steps report it, once no later sample can
 * change it.
 *
 * <p>Built from {@link ResampleStream}, {@link BaselineStream} and {@link PanTompkinsStream},
 * each equal to its batch twin sample for sample, so the peaks equal the batch pipeline's for
 * any chunking. Look-ahead: the resampling filter's half length, 0.4 s of medians and the
 * detector's own (about 0.3 s); 0.9 s in all at 360 to 125 Hz (see docs/realtime.md).
 * Samples must be finite. Not thread-safe.
 */
public final class BeatStream {

  /**
   * An R peak.
   *
   * @param modelSample index at the model's rate
   * @param sample index in the input stream
   */
  public record Peak(long modelSample, long sample) {}

  private final double fsIn;
  private final double fsModel;
  private final boolean baseline;
  private final ResampleStream resample;
  private final BaselineStream base;
  private final PanTompkinsStream detector;
  private long pushed;

  /**
   * @param fsIn the input's sampling rate in Hz
   * @param fsModel the rate to detect at (the model's; equal to {@code fsIn} for none)
   * @param baseline whether to remove the baseline first (the {@code baseline} step)
   * @param detector the detector's settings
   */
  public BeatStream(double fsIn, double fsModel, boolean baseline, PanTompkins detector) {
    this.fsIn = fsIn;
    this.resample = Resample.stream(fsIn, fsModel);
    int[] r = resample.factors();
    this.fsModel = fsIn * r[0] / r[1];
    this.baseline = baseline;
    this.base = baseline ? new BaselineStream(this.fsModel) : null;
    this.detector = detector.stream(this.fsModel);
  }

  /** @return the exact rate detection runs at, {@code fsIn * up / down} */
  public double modelRate() {
    return fsModel;
  }

  /**
   * @param x input samples, finite
   * @param from first index to take
   * @param n how many
   * @return the peaks that became final, in order
   */
  public Peak[] push(double[] x, int from, int n) {
    double[] y = resample.push(x, from, n);
    pushed += n;
    if (baseline) {
      y = base.push(y, 0, y.length);
    }
    return map(detector.push(y, 0, y.length), -1);
  }

  /**
   * @param x input samples
   * @return {@link #push(double[], int, int)} of the whole array
   */
  public Peak[] push(double[] x) {
    return push(x, 0, x.length);
  }

  /** @return the last peaks, with the batch steps' end rules */
  public Peak[] finish() {
    double[] y = resample.finish();
    long[] a;
    if (baseline) {
      double[] b = base.push(y, 0, y.length);
      double[] c = base.finish();
      double[] both = Arrays.copyOf(b, b.length + c.length);
      System.arraycopy(c, 0, both, b.length, c.length);
      y = both;
    }
    long[] p1 = detector.push(y, 0, y.length);
    long[] p2 = detector.finish();
    a = Arrays.copyOf(p1, p1.length + p2.length);
    System.arraycopy(p2, 0, a, p1.length, p2.length);
    return map(a, pushed);
  }

  private Peak[] map(long[] p, long length) {
    long[] orig = fsModel == fsIn ? p.clone() : Resample.samples(p, fsModel, fsIn);
    Peak[] out = new Peak[p.length];
    for (int i = 0; i < p.length; i++) {
      long o = orig[i];
      if (length >= 0) {
        o = Math.min(o, Math.max(0, length - 1)); // as the pipeline clamps to the record
      }
      out[i] = new Peak(p[i], o);
    }
    return out;
  }
}
