package dev.ecg.examples;

import dev.ecg.models.train.EpochRecord;
import dev.ecg.models.train.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * A one-line console progress bar for {@link dev.ecg.models.train.EcgTrainer}: redrawn in place
 * (carriage return) after each batch, with the epoch, a bar, the percentage and the running loss,
 * and one summary line per finished epoch. When the stream is not a terminal (a log file), only
 * every tenth of an epoch is drawn, each on its own line, so logs stay short.
 */
public final class ConsoleProgressBar implements ProgressListener {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final int totalEpochs;
  private final boolean inPlace;
  private int lastTenth = -1;
  private long epochStart = System.nanoTime();

  /**
   * @param out where to draw (usually {@code System.err})
   * @param totalEpochs the maximum number of epochs, shown as the denominator
   * @param inPlace true to redraw one line with carriage returns (a terminal), false for a log
   * @throws IllegalArgumentException if {@code out} is null or {@code totalEpochs < 1}
   */
  public ConsoleProgressBar(PrintStream out, int totalEpochs, boolean inPlace) {
    if (out == null || totalEpochs < 1) {
      throw new IllegalArgumentException("progress bar needs a stream and totalEpochs >= 1, got "
          + totalEpochs);
    }
    this.out = out;
    this.totalEpochs = totalEpochs;
    this.inPlace = inPlace;
  }

  /**
   * @param epoch 1-based epoch
   * @param totalEpochs planned epochs
   * @param progress fraction of the epoch done, in [0, 1]
   * @param overall fraction of all planned training done, in [0, 1]
   * @param loss the batch loss
   * @return the bar text, e.g. {@code epoch 2/10 [#######.......]  25% (total 12%) loss 0.4321}
   */
  static String render(int epoch, int totalEpochs, double progress, double overall, double loss) {
    double p = Math.max(0, Math.min(1, progress));
    int fill = (int) Math.round(p * WIDTH);
    StringBuilder sb = new StringBuilder();
    sb.append("epoch ").append(epoch).append('/').append(totalEpochs).append(" [");
    for (int i = 0; i < WIDTH; i++) {
      sb.append(i < fill ? '#' : '.');
    }
    sb.append("] ").append(String.format(Locale.ROOT, "%3d%% (total %3d%%) loss %.4f",
        Math.round(p * 100), Math.round(Math.max(0, Math.min(1, overall)) * 100), loss));
    return sb.toString();
  }

  @Override
  public synchronized void onBatchEnd(int epoch, int batch, int batches, double progress,
      double loss) {
    double inEpoch = batches > 0 ? batch / (double) batches : 1.0;
    if (batch <= 1) {
      epochStart = System.nanoTime();
      lastTenth = -1;
    }
    if (inPlace) {
      out.print('\r' + render(epoch, totalEpochs, inEpoch, progress, loss));
      out.flush();
    } else {
      int tenth = (int) Math.floor(inEpoch * 10);
      if (tenth != lastTenth) {
        lastTenth = tenth;
        out.println(render(epoch, totalEpochs, inEpoch, progress, loss));
      }
    }
  }

  @Override
  public synchronized void onEpochEnd(EpochRecord r) {
    StringBuilder sb = new StringBuilder();
    if (inPlace) {
      sb.append('\r');
    }
    sb.append(String.format(Locale.ROOT, "epoch %d/%d done: train loss %.4f", r.epoch(),
        totalEpochs, r.trainLoss()));
    if (Double.isFinite(r.validationLoss())) {
      sb.append(String.format(Locale.ROOT, ", val loss %.4f", r.validationLoss()));
    }
    for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
      sb.append(String.format(Locale.ROOT, ", %s %.4f", e.getKey(), e.getValue()));
    }
    sb.append(String.format(Locale.ROOT, " (%.1f s)", (System.nanoTime() - epochStart) / 1e9));
    out.println(sb);
    out.flush();
  }
}
