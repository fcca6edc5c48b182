package dev.ecg.models;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.pipeline.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Episodes of one rhythm (atrial fibrillation, say) in a long record, from the overlapping
 * windows a rhythm model classified: every stretch of {@code hop} seconds gets the mean
 * probability of the label over the windows that cover it; consecutive stretches at or above the
 * threshold form one episode. Onsets and offsets are therefore known to one hop (10 s for the
 * bundled {@code af-detect}), and an episode shorter than about one window may be missed.
 *
 * <pre>{@code
 * try (EcgClassifier af = EcgClassifier.load("af-detect")) {
 *   ClassificationResult r = af.classify(Records.read(Path.of("holter.hea")));
 *   for (RhythmEpisodes.Episode e : RhythmEpisodes.find(af, r, "AF", 0.5)) {
 *     System.out.println(e);   // AF 120.0-310.0 s (mean p 0.93)
 *   }
 * }
 * }</pre>
 */
public final class RhythmEpisodes {

  private RhythmEpisodes() {}

  /**
   * One episode.
   *
   * @param label the class
   * @param onsetSeconds where it starts, seconds from the record's start
   * @param offsetSeconds where it ends
   * @param meanProbability the mean probability of the label over its stretches
   */
  public record Episode(String label, double onsetSeconds, double offsetSeconds,
      double meanProbability) {
    /** @return the duration in seconds */
    public double durationSeconds() {
      return offsetSeconds - onsetSeconds;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s %.1f-%.1f s (mean p %.2f)", label, onsetSeconds,
          offsetSeconds, meanProbability);
    }
  }

  /**
   * Episodes of a label in a result of a model whose preprocessing ends in
   * {@code record-features} or {@code rhythm-windows} (window length and hop from its manifest).
   *
   * @param model the classifier that made the result
   * @param result its result for one record
   * @param label one of the model's classes
   * @param threshold probability at or above which a stretch belongs to the label, in (0, 1]
   * @return the episodes in time order (empty when none)
   * @throws EcgArgumentException if the label is not the model's, the threshold is outside
   *     (0, 1], or the model does not classify overlapping rhythm windows
   */
  public static List<Episode> find(EcgClassifier model, ClassificationResult result,
      String label, double threshold) {
    double seconds = Double.NaN;
    double hop = Double.NaN;
    for (Step s : model.manifest().preprocessing()) {
      if (s instanceof Step.RecordFeatureWindows f) {
        seconds = f.seconds();
        hop = f.hop();
      } else if (s instanceof Step.RhythmWindows w) {
        seconds = w.seconds();
        hop = w.hop();
      }
    }
    if (Double.isNaN(seconds)) {
      throw new EcgArgumentException("model " + model.manifest().name() + " does not classify "
          + "overlapping rhythm windows (no record-features or rhythm-windows step)");
    }
    return find(result, label, threshold, seconds, hop);
  }

  /**
   * Episodes of a label from windows of {@code seconds} every {@code hop} seconds.
   *
   * @param result a classification result whose predictions start at their windows' starts
   * @param label one of its classes
   * @param threshold probability at or above which a stretch belongs to the label, in (0, 1]
   * @param seconds window length in seconds (a window is cut at the record's end)
   * @param hop seconds between window starts, in (0, seconds]
   * @return the episodes in time order
   * @throws EcgArgumentException on an unknown label or a parameter out of range
   */
  public static List<Episode> find(ClassificationResult result, String label, double threshold,
      double seconds, double hop) {
    int c = result.isEmpty() ? -1 : result.get(0).prediction().classNames().indexOf(label);
    if (!result.isEmpty() && c < 0) {
      throw new EcgArgumentException("unknown label '" + label + "'; the model's classes are "
          + result.get(0).prediction().classNames());
    }
    if (!(threshold > 0 && threshold <= 1)) {
      throw new EcgArgumentException("threshold must be in (0, 1], got " + threshold);
    }
    if (!(seconds > 0 && hop > 0 && hop <= seconds) || !Double.isFinite(seconds)) {
      throw new EcgArgumentException("need 0 < hop <= seconds, got seconds " + seconds
          + ", hop " + hop);
    }
    double duration = result.summary().durationSeconds();
    List<Episode> out = new ArrayList<>();
    if (result.isEmpty() || !(duration > 0)) {
      return out;
    }
    int slots = (int) Math.min(Integer.MAX_VALUE - 1, Math.ceil(duration / hop));
    double[] sum = new double[slots];
    int[] n = new int[slots];
    for (BeatPrediction b : result) {
      double from = b.time();
      double to = Math.min(duration, from + seconds);
      double p = b.prediction().probabilities()[c];
      // every slot whose middle lies in the window
      int first = (int) Math.max(0, Math.ceil(from / hop - 0.5));
      for (int k = first; k < slots && (k + 0.5) * hop <= to; k++) {
        sum[k] += p;
        n[k]++;
      }
    }
    int start = -1;
    double acc = 0;
    int accN = 0;
    for (int k = 0; k <= slots; k++) {
      boolean in = k < slots && n[k] > 0 && sum[k] / n[k] >= threshold;
      if (in) {
        if (start < 0) {
          start = k;
          acc = 0;
          accN = 0;
        }
        acc += sum[k] / n[k];
        accN++;
      } else if (start >= 0) {
        out.add(new Episode(label, start * hop, Math.min(duration, k * hop), acc / accN));
        start = -1;
      }
    }
    return out;
  }
}
