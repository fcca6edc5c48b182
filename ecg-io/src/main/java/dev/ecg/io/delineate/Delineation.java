package dev.ecg.io.delineate;

import dev.ecg.core.EcgArgumentException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The fiducial points of each beat of one signal: for every R peak, the sample index of each
 * {@link Wave} point, or {@link #ABSENT} where none was found. Entry {@code i} of every wave
 * belongs to R peak {@code i}, as in NeuroKit2's {@code ecg_delineate} output (which uses NaN where
 * this class uses {@code -1}).
 *
 * <p>Indices are samples of the signal that was delineated, at {@link #samplingRate()}.
 * Instances are immutable; accessors return copies.
 */
public final class Delineation {
  /** Marks a point that was not found (NeuroKit2's NaN). */
  public static final int ABSENT = -1;

  private final double fs;
  private final int[] rPeaks;
  private final EnumMap<Wave, int[]> points;

  private Delineation(double fs, int[] rPeaks, EnumMap<Wave, int[]> points) {
    this.fs = fs;
    this.rPeaks = rPeaks;
    this.points = points;
  }

  /**
   * Builds a delineation from per-beat points, for example to compute {@link #intervals()} of
   * points found by another tool.
   *
   * @param samplingRate sampling rate of the indices in Hz, finite and positive
   * @param rPeaks R-peak sample indices, non-negative and strictly increasing
   * @param points for each wave, one index per R peak ({@link #ABSENT} where none); waves not in
   *     the map are absent for every beat
   * @return the delineation (the arrays are copied)
   * @throws EcgArgumentException if the rate is not positive, an array is null, has the wrong
   *     length or holds an index below {@code -1}, or the R peaks are not increasing
   */
  public static Delineation of(double samplingRate, int[] rPeaks, Map<Wave, int[]> points) {
    if (!(samplingRate > 0) || Double.isInfinite(samplingRate)) {
      throw new EcgArgumentException("sampling rate must be finite and positive, got "
          + samplingRate);
    }
    if (rPeaks == null || points == null) {
      throw new EcgArgumentException("R peaks and points must not be null");
    }
    for (int i = 0; i < rPeaks.length; i++) {
      if (rPeaks[i] < 0 || (i > 0 && rPeaks[i] <= rPeaks[i - 1])) {
        throw new EcgArgumentException("R peaks must be non-negative and strictly increasing; "
            + "peak " + i + " is " + rPeaks[i] + (i > 0 ? " after " + rPeaks[i - 1] : ""));
      }
    }
    EnumMap<Wave, int[]> copy = new EnumMap<>(Wave.class);
    for (Wave w : Wave.values()) {
      int[] p = points.get(w);
      if (p == null) {
        p = new int[rPeaks.length];
        Arrays.fill(p, ABSENT);
      } else if (p.length != rPeaks.length) {
        throw new EcgArgumentException(w + " has " + p.length + " points for " + rPeaks.length
            + " R peaks; give one per R peak, " + ABSENT + " where absent");
      } else {
        p = p.clone();
        for (int i = 0; i < p.length; i++) {
          if (p[i] < ABSENT) {
            throw new EcgArgumentException(w + " point " + i + " is " + p[i]
                + "; indices are >= 0, or " + ABSENT + " when absent");
          }
        }
      }
      copy.put(w, p);
    }
    return new Delineation(samplingRate, rPeaks.clone(), copy);
  }

  /** @return the number of beats (R peaks) */
  public int beats() {
    return rPeaks.length;
  }

  /** @return the sampling rate of all indices, in Hz */
  public double samplingRate() {
    return fs;
  }

  /** @return a copy of the R-peak sample indices */
  public int[] rPeaks() {
    return rPeaks.clone();
  }

  /**
   * @param wave which point
   * @return a copy of its sample index for every beat, {@link #ABSENT} where not found
   */
  public int[] points(Wave wave) {
    return get(wave).clone();
  }

  /**
   * @param wave which point
   * @param beat the beat (index into {@link #rPeaks()})
   * @return its sample index, or empty where not found
   * @throws EcgArgumentException if {@code beat} is out of range
   */
  public OptionalInt point(Wave wave, int beat) {
    if (beat < 0 || beat >= rPeaks.length) {
      throw new EcgArgumentException("beat " + beat + " out of range 0.." + (rPeaks.length - 1));
    }
    int v = get(wave)[beat];
    return v == ABSENT ? OptionalInt.empty() : OptionalInt.of(v);
  }

  /**
   * @param wave which point
   * @return how many beats have it
   */
  public int count(Wave wave) {
    int c = 0;
    for (int v : get(wave)) {
      if (v != ABSENT) {
        c++;
      }
    }
    return c;
  }

  /**
   * @return PR, QRS, QT, RR and corrected QT of every beat, with their medians
   * @see BeatIntervals#of(Delineation)
   */
  public BeatIntervals intervals() {
    return BeatIntervals.of(this);
  }

  private int[] get(Wave wave) {
    if (wave == null) {
      throw new EcgArgumentException("wave must not be null");
    }
    return points.get(wave);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Delineation[").append(rPeaks.length).append(" beats at ")
        .append(fs).append(" Hz");
    for (Wave w : Wave.values()) {
      b.append(", ").append(w).append(' ').append(count(w));
    }
    return b.append(']').toString();
  }
}
