package dev.ecg.io.dsp;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;

/**
 * {@link Resample#poly} on a live signal (from {@link Resample#stream(double, double)}). An
 * output sample is emitted once every input its filter reads has arrived, with the batch
 * resampler's arithmetic, so the concatenated output equals {@code Resample.poly} of the whole
 * input; {@link #finish()} applies the batch end (inputs past the end read as zero, and
 * {@code ceil(n up / down)} outputs in all).
 *
 * <p>Look-ahead: half the filter, {@code 10 max(up, down) / up} input samples (about 0.2 s for
 * 360 to 125 Hz). Memory: one filter length of input. Not thread-safe.
 */
public final class ResampleStream implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final int up;
  private final int down;
  private transient double[][] branch; // rebuilt from up, down and beta when restored
  private final double beta;
  private final int halfLen;
  private final int maxBranch;
  // inputs [bufStart, bufStart + bufLen) in buf
  private transient double[] buf = new double[4096]; // only the held inputs are serialised
  private long bufStart;
  private int bufLen;
  private long pushed;
  private long nextOut;
  private boolean finished;

  ResampleStream(int up, int down, double beta) {
    int g = Resample.gcd(up, down);
    this.up = up / g;
    this.down = down / g;
    this.beta = beta;
    this.branch = Resample.branches(this.up, this.down, beta);
    this.halfLen = Resample.halfLength(this.up, this.down);
    int mb = 0;
    for (double[] b : branch) {
      mb = Math.max(mb, b.length);
    }
    this.maxBranch = mb;
  }

  /** @return the output rate over the input rate, {@code {up, down}} in lowest terms */
  public int[] factors() {
    return new int[] {up, down};
  }

  /** @return output samples emitted so far */
  public long outputCount() {
    return nextOut;
  }

  /**
   * @param x input samples, finite
   * @param from first index to take
   * @param count how many
   * @return the output samples that became final
   * @throws NanInputException on a non-finite sample, naming its index in the stream
   */
  public double[] push(double[] x, int from, int count) {
    if (finished) {
      throw new IllegalStateException("the stream is finished");
    }
    if (x == null || from < 0 || count < 0 || from + count > x.length) {
      throw new EcgArgumentException("push: chunk [" + from + ", " + from + "+" + count
          + ") is not inside an array of " + (x == null ? "null" : x.length));
    }
    for (int k = from; k < from + count; k++) {
      if (!Double.isFinite(x[k])) {
        throw new NanInputException("resample stream input", (int) Math.min(Integer.MAX_VALUE,
            pushed + k - from), x[k]);
      }
    }
    if (up == 1 && down == 1) {
      pushed += count;
      nextOut += count;
      return Arrays.copyOfRange(x, from, from + count);
    }
    ensure(count);
    System.arraycopy(x, from, buf, bufLen, count);
    bufLen += count;
    pushed += count;
    return emit(-1);
  }

  /**
   * @param x input samples
   * @return {@link #push(double[], int, int)} of the whole array
   */
  public double[] push(double[] x) {
    return push(x, 0, x == null ? 0 : x.length);
  }

  /** @return the last output samples, as the batch resampler ends */
  public double[] finish() {
    if (finished) {
      return new double[0];
    }
    finished = true;
    if (up == 1 && down == 1) {
      return new double[0];
    }
    return emit(pushed);
  }

  private void ensure(int more) {
    if (bufLen + more <= buf.length) {
      return;
    }
    compact();
    if (bufLen + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, bufLen + more));
    }
  }

  /** Drops the inputs no future output reads. */
  private void compact() {
    // output nextOut reads from its first tap on (a later output's first tap can sit one
    // before this one's when branches differ in length)
    long first = firstInput(nextOut) - 2;
    int drop = (int) Math.max(0, Math.min(bufLen, first - bufStart));
    System.arraycopy(buf, drop, buf, 0, bufLen - drop);
    bufStart += drop;
    bufLen -= drop;
  }

  /** Input index of branch tap 0 for output {@code i}. */
  private long firstInput(long i) {
    long t = halfLen + i * down;
    long q = t / up;
    int r = (int) (t % up);
    return q - branch[r].length + 1;
  }

  private double[] emit(long n) {
    long nOut = n >= 0 ? (n * up + down - 1) / down : Long.MAX_VALUE;
    double[] out = new double[16];
    int k = 0;
    while (nextOut < nOut) {
      long t = halfLen + nextOut * down;
      long q = t / up;
      int r = (int) (t % up);
      double[] b = branch[r];
      long first = q - b.length + 1;
      long lastNeeded = first + b.length - 1; // = q
      if (n < 0 && lastNeeded >= pushed) {
        break;
      }
      long avail = n >= 0 ? n : pushed;
      int j0 = first < 0 ? (int) -first : 0;
      int j1 = (int) Math.min(b.length, avail - first);
      double v = Resample.tap(b, buf, (int) (first - bufStart), j0, j1);
      if (k == out.length) {
        out = Arrays.copyOf(out, k * 2);
      }
      out[k++] = v;
      nextOut++;
    }
    return Arrays.copyOf(out, k);
  }

  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    compact();
    out.defaultWriteObject();
    out.writeObject(Arrays.copyOf(buf, bufLen));
  }

  private void readObject(java.io.ObjectInputStream in)
      throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    this.branch = Resample.branches(up, down, beta);
    double[] held = (double[]) in.readObject();
    this.buf = Arrays.copyOf(held, Math.max(4096, held.length + 4096));
  }

  @Override
  public String toString() {
    return "ResampleStream[" + up + "/" + down + ", taps " + maxBranch + "]";
  }
}
