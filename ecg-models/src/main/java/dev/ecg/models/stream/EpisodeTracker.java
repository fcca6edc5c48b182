package dev.ecg.models.stream;

import java.util.List;

/**
 * Episodes of one rhythm class from overlapping windows, with hysteresis: an episode starts when
 * {@code confirm} windows in a row reach {@code on}, and ends when {@code confirm} windows in a
 * row fall below {@code off} (a skipped window, probability NaN, counts as below).
 *
 * <p>Each window stands for the hop-long slot at its centre, {@code [start + (length - hop) / 2,
 * start + (length + hop) / 2)}: the slots of successive windows tile the signal. An episode is
 * the union of the slots of its windows: onset at the slot of the run's first window (the
 * signal's start when no earlier window of the segment exists), offset at the slot of the first
 * window of the closing run, or the end of the signal (the slot of an unconfirmed closing run
 * when the signal ends during one).
 */
final class EpisodeTracker implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final String label;
  private final double on;
  private final double off;
  private final int confirm;
  private final double overlap;
  private boolean in;
  private int run;
  private double runStart;
  private double runP;
  private int runN;
  private double onset;
  private double pSum;
  private int pN;
  private double offCandidate;
  private boolean seenBefore;

  EpisodeTracker(String label, double on, double off, int confirm, double windowSeconds,
      double hopSeconds) {
    this.label = label;
    this.on = on;
    this.off = off;
    this.confirm = confirm;
    this.overlap = windowSeconds - hopSeconds;
  }

  String label() {
    return label;
  }

  /** A new segment after a gap: no earlier window rules anything out. */
  void restart() {
    seenBefore = false;
    run = 0;
  }

  /**
   * @param start the window's start in seconds
   * @param p the label's probability, NaN when the window was skipped
   * @param pushed samples pushed, for the event
   * @return the episode event this window caused, if any
   */
  List<EcgMonitor.Event> window(double start, double p, long pushed) {
    if (!in) {
      if (p >= on) {
        if (run == 0) {
          runStart = seenBefore ? start + overlap / 2 : start;
          runP = 0;
          runN = 0;
        }
        run++;
        runP += p;
        runN++;
        if (run >= confirm) {
          in = true;
          onset = runStart;
          pSum = runP;
          pN = runN;
          run = 0;
          return List.of(new EcgMonitor.Episode(label, onset, Double.NaN, true, pSum / pN,
              pushed));
        }
      } else {
        run = 0;
        seenBefore = true;
      }
      return List.of();
    }
    if (!(p >= off)) {
      if (run == 0) {
        offCandidate = start + overlap / 2;
      }
      run++;
      if (run >= confirm) {
        in = false;
        run = 0;
        seenBefore = true;
        return List.of(new EcgMonitor.Episode(label, onset, Math.max(onset, offCandidate),
            false, pSum / pN, pushed));
      }
    } else {
      run = 0;
      pSum += p;
      pN++;
    }
    return List.of();
  }

  /**
   * The signal (or segment) ended.
   *
   * @param end its end in seconds
   * @param pushed samples pushed
   * @return the closing event of an open episode, if any
   */
  List<EcgMonitor.Event> close(double end, long pushed) {
    boolean leaving = in && run > 0; // a closing run had begun: it ends where that run began
    run = 0;
    if (!in) {
      return List.of();
    }
    in = false;
    double offset = leaving ? Math.min(end, offCandidate) : end;
    return List.of(new EcgMonitor.Episode(label, onset, Math.max(onset, offset), false,
        pSum / pN, pushed));
  }
}
