package dev.ecg.examples.experiments;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.labels.CincClass;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.Cinc2017;
import dev.ecg.io.datasets.MitBih;
import dev.ecg.io.dsp.Resample;
import dev.ecg.io.dsp.Spectrogram;
import dev.ecg.io.dsp.SpectrogramConfig;
import dev.ecg.io.dsp.Window;
import dev.ecg.io.wfdb.RhythmInterval;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The windows of the {@code af-windows} experiment ({@link AfWindows}): non-overlapping
 * {@link #LENGTH}-sample windows of lead 0 at {@link #FS} Hz, labelled AF (1) or non-AF (0), each
 * with the record it came from as its group.
 *
 * <ul>
 *   <li>MIT-BIH Arrhythmia (360 Hz): every record is cut into consecutive windows from sample 0
 *       (130 per 30-min record); a window is AF when at least {@link #AF_FRACTION} of its samples
 *       lie inside an {@code (AFIB} rhythm interval of the reference annotations
 *       ({@link RhythmInterval}). All AF windows are kept; the non-AF windows of each record are
 *       capped at a seeded random subset of {@code mitbihNonAfPerRecord}.
 *   <li>PhysioNet/CinC 2017 (300 Hz): resampled to 360 Hz ({@link Resample#poly}, up 6 / down 5)
 *       so that both sources share one time scale and one spectrogram frequency grid; cut into at
 *       most {@link #CINC_WINDOWS_PER_RECORD} consecutive windows from the start (a recording
 *       shorter than one window gives one zero-padded window). Label A = AF, N/O/~ = non-AF. All A
 *       recordings are kept, plus a seeded random subset of {@code cincNonAfRecords} others.
 * </ul>
 *
 * <p>Each window is z-scored on its own (the "raw" input of the 1-D network). The 2-D input is
 * the log power spectrogram ({@link Spectrogram}, Hann, {@link #NPERSEG} samples, 50 % overlap,
 * {@code 10 log10} PSD) of the z-scored window, frequency bins up to {@link #MAX_HZ} Hz only,
 * z-scored over the whole image: {@link #FREQ_BINS} x {@link #TIME_FRAMES}.
 */
public final class AfWindowsData {
  /** Common sampling rate in Hz (MIT-BIH's). */
  public static final double FS = 360.0;
  /** Window length in samples (13.9 s at 360 Hz), as in the anchor project. */
  public static final int LENGTH = 5000;
  /** Minimum share of AFIB samples for a MIT-BIH window to be labelled AF. */
  public static final double AF_FRACTION = 0.5;
  /** Windows taken from each CinC 2017 recording at most. */
  public static final int CINC_WINDOWS_PER_RECORD = 2;
  /** STFT segment length (samples). */
  public static final int NPERSEG = 256;
  /** Highest spectrogram frequency kept, in Hz. */
  public static final double MAX_HZ = 50.0;
  /** Frequency bins kept: 0 .. MAX_HZ at 360/256 Hz spacing. */
  public static final int FREQ_BINS = (int) Math.floor(MAX_HZ / (FS / NPERSEG)) + 1;
  /** Time frames of a window's spectrogram ({@code (LENGTH - NPERSEG) / (NPERSEG / 2) + 1}). */
  public static final int TIME_FRAMES = (LENGTH - NPERSEG) / (NPERSEG / 2) + 1;
  /** Class names, index = label. */
  public static final List<String> NAMES = List.of("non-AF", "AF");
  /** Source code of a MIT-BIH window. */
  public static final int MITBIH = 0;
  /** Source code of a CinC 2017 window. */
  public static final int CINC = 1;

  private static final SpectrogramConfig SPEC = SpectrogramConfig.builder().window(Window.HANN)
      .nperseg(NPERSEG).noverlap(NPERSEG / 2).logScale(true).build();

  /**
   * The loaded windows.
   *
   * @param x z-scored windows, {@link #LENGTH} samples each
   * @param y labels (1 = AF)
   * @param group record id of each window (MIT-BIH: the record number; CinC: 100000 + the
   *     recording number)
   * @param source {@link #MITBIH} or {@link #CINC}
   * @param mitbihRecords MIT-BIH records used
   * @param cincRecords CinC recordings used
   */
  public record Data(float[][] x, int[] y, int[] group, int[] source, int mitbihRecords,
      int cincRecords) {
    /** @return number of windows */
    public int size() {
      return y.length;
    }

    /**
     * @param src a source code, or -1 for both
     * @param label a label
     * @return windows of that source and label
     */
    public int count(int src, int label) {
      int n = 0;
      for (int i = 0; i < y.length; i++) {
        if (y[i] == label && (src < 0 || source[i] == src)) {
          n++;
        }
      }
      return n;
    }

    /** @return number of distinct groups */
    public int groups() {
      return (int) java.util.Arrays.stream(group).distinct().count();
    }
  }

  /** Caps and record subsets for loading. */
  public record Limits(List<String> mitbihRecords, int mitbihNonAfPerRecord,
      int cincAfRecords, int cincNonAfRecords) {}

  private AfWindowsData() {}

  /**
   * Loads and windows both databases.
   *
   * @param dataDir folder holding {@code mitdb/} and {@code cinc2017/training/}
   * @param limits record subsets and caps ({@code null} MIT-BIH list = all 48 records; a CinC
   *     count below 0 = all)
   * @param seed seed of the random subsets
   * @return the windows
   * @throws IOException when a file is missing or invalid
   */
  public static Data load(Path dataDir, Limits limits, long seed) throws IOException {
    List<float[]> xs = new ArrayList<>();
    List<int[]> meta = new ArrayList<>();
    Random rnd = new Random(seed);
    MitBih mit = new MitBih(dataDir.resolve("mitdb"));
    List<String> recs = limits.mitbihRecords() == null ? mit.records() : limits.mitbihRecords();
    for (String name : recs) {
      Record r = mit.load(name);
      double[] sig = r.signals()[0];
      if (r.fs() != FS) {
        throw new EcgArgumentException("MIT-BIH record " + name + " has fs " + r.fs()
            + ", expected " + FS);
      }
      List<RhythmInterval> rh = mit.rhythms(name);
      int g = Integer.parseInt(name);
      List<float[]> nonAf = new ArrayList<>();
      for (int s = 0; s + LENGTH <= sig.length; s += LENGTH) {
        double[] w = java.util.Arrays.copyOfRange(sig, s, s + LENGTH);
        if (!finite(w)) {
          continue;
        }
        double af = afFraction(rh, s, s + LENGTH);
        if (af >= AF_FRACTION) {
          xs.add(zScore(w));
          meta.add(new int[] {1, g, MITBIH});
        } else {
          nonAf.add(zScore(w));
        }
      }
      Collections.shuffle(nonAf, rnd);
      for (int i = 0; i < Math.min(limits.mitbihNonAfPerRecord(), nonAf.size()); i++) {
        xs.add(nonAf.get(i));
        meta.add(new int[] {0, g, MITBIH});
      }
    }
    Cinc2017 cinc = new Cinc2017(dataDir.resolve("cinc2017").resolve("training"));
    List<String> af = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (String id : cinc.records()) {
      (cinc.label(id) == CincClass.AF ? af : other).add(id);
    }
    Collections.shuffle(af, rnd);
    Collections.shuffle(other, rnd);
    if (limits.cincAfRecords() >= 0 && limits.cincAfRecords() < af.size()) {
      af = af.subList(0, limits.cincAfRecords());
    }
    if (limits.cincNonAfRecords() >= 0 && limits.cincNonAfRecords() < other.size()) {
      other = other.subList(0, limits.cincNonAfRecords());
    }
    List<String> chosen = new ArrayList<>(af);
    chosen.addAll(other);
    Collections.sort(chosen);
    int cincUsed = 0;
    for (String id : chosen) {
      Record r = cinc.load(id);
      double[] sig = r.signals()[0];
      if (!finite(sig)) {
        continue;
      }
      double[] up = Resample.toRate(sig, r.fs(), FS);
      int label = cinc.label(id) == CincClass.AF ? 1 : 0;
      int g = 100000 + Integer.parseInt(id.replaceAll("[^0-9]", ""));
      cincUsed++;
      if (up.length < LENGTH) {
        double[] z = zScoreD(up);
        double[] w = new double[LENGTH];
        System.arraycopy(z, 0, w, 0, z.length);
        xs.add(toFloat(w));
        meta.add(new int[] {label, g, CINC});
        continue;
      }
      for (int k = 0, s = 0; k < CINC_WINDOWS_PER_RECORD && s + LENGTH <= up.length;
          k++, s += LENGTH) {
        xs.add(zScore(java.util.Arrays.copyOfRange(up, s, s + LENGTH)));
        meta.add(new int[] {label, g, CINC});
      }
    }
    int n = xs.size();
    int[] y = new int[n];
    int[] group = new int[n];
    int[] source = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = meta.get(i)[0];
      group[i] = meta.get(i)[1];
      source[i] = meta.get(i)[2];
    }
    return new Data(xs.toArray(new float[0][]), y, group, source, recs.size(), cincUsed);
  }

  /**
   * Share of {@code [start, end)} covered by {@code AFIB} intervals.
   *
   * @param rhythms rhythm intervals of the record
   * @param start first sample
   * @param end end sample (exclusive), {@code > start}
   * @return a fraction in [0, 1]
   */
  public static double afFraction(List<RhythmInterval> rhythms, long start, long end) {
    long in = 0;
    for (RhythmInterval ri : rhythms) {
      if ("AFIB".equals(ri.rhythm())) {
        long a = Math.max(start, ri.start());
        long b = Math.min(end, ri.end());
        if (b > a) {
          in += b - a;
        }
      }
    }
    return in / (double) (end - start);
  }

  /**
   * The 2-D input of one window: the log power spectrogram, bins up to {@link #MAX_HZ}, z-scored
   * over the image, flattened frequency-major ({@code [f * TIME_FRAMES + t]}).
   *
   * @param window a z-scored window of {@link #LENGTH} samples
   * @return {@link #FREQ_BINS} x {@link #TIME_FRAMES} values
   */
  public static float[] spectrogram(float[] window) {
    double[] d = new double[window.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = window[i];
    }
    double[][] v = Spectrogram.compute(d, FS, SPEC).values();
    if (v[0].length != TIME_FRAMES) {
      throw new EcgArgumentException("spectrogram has " + v[0].length + " frames, expected "
          + TIME_FRAMES + " (window of " + window.length + " samples)");
    }
    double[] flat = new double[FREQ_BINS * TIME_FRAMES];
    for (int f = 0; f < FREQ_BINS; f++) {
      for (int t = 0; t < TIME_FRAMES; t++) {
        // an all-zero segment (padding) gives -3077 dB; clamp far below any real value
        flat[f * TIME_FRAMES + t] = Math.max(v[f][t], -100.0);
      }
    }
    return toFloat(zScoreD(flat));
  }

  /**
   * @param x windows
   * @return their spectrograms ({@link #spectrogram(float[])})
   */
  public static float[][] spectrograms(float[][] x) {
    float[][] out = new float[x.length][];
    java.util.stream.IntStream.range(0, x.length).forEach(i -> out[i] = spectrogram(x[i]));
    return out;
  }

  private static boolean finite(double[] w) {
    for (double v : w) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private static float[] zScore(double[] w) {
    return toFloat(zScoreD(w));
  }

  /** Z-score with a floor on the standard deviation, so a flat window gives zeros. */
  static double[] zScoreD(double[] w) {
    double m = 0;
    for (double v : w) {
      m += v;
    }
    m /= w.length;
    double s = 0;
    for (double v : w) {
      s += (v - m) * (v - m);
    }
    s = Math.max(Math.sqrt(s / w.length), 1e-6);
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = (w[i] - m) / s;
    }
    return out;
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
