package dev.ecg.examples.experiments;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.labels.PtbxlSuperclass;
import dev.ecg.core.labels.ScpStatements;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.PtbXl;
import dev.ecg.io.pipeline.Pipeline;
import dev.ecg.io.pipeline.SignalWindows;
import dev.ecg.io.pipeline.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The PTB-XL NORM-vs-MI task of {@code ptbxl-mi-transfer} and {@code ecg evaluate --dataset
 * ptbxl}: labels, Kachuee beats of the 12 leads, and record-level scores.
 *
 * <p><b>Labels.</b> A record's diagnostic superclasses come from its {@code scp_codes} and
 * {@code scp_statements.csv} ({@link ScpStatements#superclassesOf(Map)}: every diagnostic code,
 * whatever its likelihood, as in the example code published with PTB-XL, Wagner et al. 2020).
 * Positive (MI): MI is among them (with or without other superclasses). Negative (NORM): NORM is
 * the only one. Every other record (STTC, CD or HYP without MI, or no diagnostic statement) is
 * left out of the task.
 *
 * <p><b>Inputs.</b> The preprocessing of {@link #steps()}, replayed by
 * {@link dev.ecg.io.pipeline.Pipeline#run}: the 12 leads in file order, R peaks found by Pan-Tompkins on lead
 * II, Kachuee et al. (2018) 187-sample beats at 125 Hz cut at the same peaks in every lead (each
 * lead min-max normalised per 10 s window), and the four de Chazal RR features in samples
 * 183-186 of every lead, exactly as the bundled MIT-BIH model {@code mitbih-aami5} saw its single
 * lead. One example = one beat = {@code 12 x 187} values. A record's score is the mean P(MI) of
 * its beats.
 */
public final class PtbxlMi {
  /** Class names, index = label. */
  public static final List<String> CLASSES = List.of("NORM", "MI");
  /** Leads in the PTB-XL file order. */
  public static final int LEADS = 12;
  /** Lead whose R peaks define the beats (II). */
  public static final int PEAK_LEAD = 1;
  /** First RR-feature sample of a beat. */
  public static final int RR_OFFSET = MitBihBeats.RR_OFFSET;
  /** The key of the record-level decision threshold in a package's provenance metrics. */
  public static final String THRESHOLD_KEY = "record_threshold_MI";

  private PtbxlMi() {}

  /**
   * One record of the task.
   *
   * @param ecgId PTB-XL ecg_id
   * @param fold strat_fold 1..10
   * @param label 0 NORM, 1 MI
   */
  public record Item(int ecgId, int fold, int label) {}

  /**
   * @param scp the statement table
   * @param scpCodes a record's raw {@code scp_codes}
   * @return 1 for MI, 0 for NORM only, empty for records outside the task
   */
  public static OptionalInt label(ScpStatements scp, String scpCodes) {
    Set<PtbxlSuperclass> s = scp.superclassesOf(ScpStatements.parseScpCodes(scpCodes));
    if (s.contains(PtbxlSuperclass.MI)) {
      return OptionalInt.of(1);
    }
    if (s.equals(Set.of(PtbxlSuperclass.NORM))) {
      return OptionalInt.of(0);
    }
    return OptionalInt.empty();
  }

  /**
   * Reads {@code scp_statements.csv} beside {@code ptbxl_database.csv}.
   *
   * @param db the database
   * @return the statements
   * @throws IOException when the file is absent or unreadable
   */
  public static ScpStatements statements(PtbXl db) throws IOException {
    Path f = db.root().resolve("scp_statements.csv");
    if (!Files.isRegularFile(f)) {
      throw new java.io.FileNotFoundException(f + ": the PTB-XL statement table is needed to "
          + "map scp_codes to NORM/MI (it ships with PTB-XL beside ptbxl_database.csv)");
    }
    return ScpStatements.read(f);
  }

  /**
   * The task's records, in file order.
   *
   * @param db the database
   * @param scp the statement table
   * @return every NORM-only or MI record
   */
  public static List<Item> items(PtbXl db, ScpStatements scp) {
    List<Item> out = new ArrayList<>();
    for (PtbXl.Row r : db.rows()) {
      OptionalInt y = label(scp, r.scpCodes());
      if (y.isPresent()) {
        out.add(new Item(r.ecgId(), r.stratFold(), y.getAsInt()));
      }
    }
    return out;
  }

  /** @return the default preprocessing: all 12 leads, R peaks on lead II, RR features */
  public static List<Step> steps() {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < LEADS; i++) {
      all.add(i);
    }
    return steps(all, PEAK_LEAD);
  }

  /**
   * The preprocessing stored in the package and replayed for every record.
   *
   * @param leads lead indices to keep, in order
   * @param peakChannel index, among the kept leads, of the lead whose R peaks cut the beats
   * @return select-leads, kachuee-segment (Pan-Tompkins), rr-features
   */
  public static List<Step> steps(List<Integer> leads, int peakChannel) {
    if (peakChannel < 0 || peakChannel >= leads.size()) {
      throw new EcgArgumentException("peak channel " + peakChannel + " outside the "
          + leads.size() + " kept leads");
    }
    return List.of(
        Step.of("select-leads", "indices", List.copyOf(leads)),
        Step.of("kachuee-segment", "detector", "pan-tompkins", "channel",
            peakChannel),
        Step.of("rr-features", "offset", RR_OFFSET,
            "features", "pre/avg-1, post/avg-1, local/avg-1, pre/local-1 clipped to [-1,1]"));
  }

  /**
   * The model inputs of one record.
   *
   * @param record a 12-lead record
   * @param steps the preprocessing ({@link #steps()} or a package's)
   * @return one flat {@code leads x 187} row per beat (possibly none)
   */
  public static float[][] beats(Record record, List<Step> steps) {
    SignalWindows s = Pipeline.run(record, steps);
    List<double[][]> ws = s.windows();
    float[][] out = new float[ws.size()][];
    for (int w = 0; w < ws.size(); w++) {
      double[][] win = ws.get(w);
      int len = win[0].length;
      float[] flat = new float[win.length * len];
      for (int c = 0; c < win.length; c++) {
        for (int i = 0; i < len; i++) {
          flat[c * len + i] = (float) win[c][i];
        }
      }
      out[w] = flat;
    }
    return out;
  }

  /**
   * Beats of several records.
   *
   * @param x one row per beat
   * @param y the record's label per beat
   * @param record index into the item list per beat
   * @param items the records
   */
  public record Beats(float[][] x, int[] y, int[] record, List<Item> items) {
    /** @return number of beats */
    public int size() {
      return y.length;
    }

    /** @return the record labels */
    public int[] recordLabels() {
      return items.stream().mapToInt(Item::label).toArray();
    }

    /** @return beats per class */
    public long[] counts() {
      long[] c = new long[CLASSES.size()];
      for (int v : y) {
        c[v]++;
      }
      return c;
    }
  }

  /**
   * Loads the beats of records.
   *
   * @param db the database
   * @param items the records
   * @param steps the preprocessing
   * @return their beats (a record without detected beats contributes none)
   * @throws IOException if a record cannot be read
   */
  public static Beats load(PtbXl db, List<Item> items, List<Step> steps)
      throws IOException {
    List<float[]> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    List<Integer> rs = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      for (float[] b : beats(db.load(it.ecgId()), steps)) {
        xs.add(b);
        ys.add(it.label());
        rs.add(i);
      }
    }
    return new Beats(xs.toArray(new float[0][]),
        ys.stream().mapToInt(Integer::intValue).toArray(),
        rs.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(items));
  }

  /**
   * Record score = mean of its beats' P(MI); a record without beats scores {@code NaN}.
   *
   * @param pMi P(MI) per beat
   * @param record record index per beat
   * @param nRecords number of records
   * @return one score per record
   */
  public static double[] recordScores(double[] pMi, int[] record, int nRecords) {
    if (pMi.length != record.length) {
      throw new EcgArgumentException(pMi.length + " beat scores for " + record.length + " beats");
    }
    double[] sum = new double[nRecords];
    int[] n = new int[nRecords];
    for (int i = 0; i < pMi.length; i++) {
      sum[record[i]] += pMi[i];
      n[record[i]]++;
    }
    double[] out = new double[nRecords];
    for (int r = 0; r < nRecords; r++) {
      out[r] = n[r] == 0 ? Double.NaN : sum[r] / n[r];
    }
    return out;
  }

  /**
   * The threshold on the record score that maximises F1 of MI on labelled records (ties: the
   * lowest such threshold); candidates are the midpoints between consecutive distinct scores.
   * Scores {@code NaN} (records without beats) count as 0.
   *
   * @param y labels
   * @param score scores
   * @return the threshold ({@code score >= t} means MI); 0.5 when no record is MI
   */
  public static double bestF1Threshold(int[] y, double[] score) {
    double[] s = score.clone();
    for (int i = 0; i < s.length; i++) {
      if (Double.isNaN(s[i])) {
        s[i] = 0;
      }
    }
    double[] sorted = java.util.Arrays.stream(s).distinct().sorted().toArray();
    double best = 0.5;
    double bestF1 = -1;
    for (int k = 0; k < sorted.length; k++) {
      double t = k == 0 ? sorted[0] : 0.5 * (sorted[k - 1] + sorted[k]);
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (int i = 0; i < s.length; i++) {
        boolean p = s[i] >= t;
        if (p && y[i] == 1) {
          tp++;
        } else if (p) {
          fp++;
        } else if (y[i] == 1) {
          fn++;
        }
      }
      double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
      if (f1 > bestF1) {
        bestF1 = f1;
        best = t;
      }
    }
    return best;
  }

  /**
   * @param score record scores ({@code NaN} = no beats, predicted NORM)
   * @param threshold decision threshold
   * @return predicted labels
   */
  public static int[] predict(double[] score, double threshold) {
    int[] p = new int[score.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = !Double.isNaN(score[i]) && score[i] >= threshold ? 1 : 0;
    }
    return p;
  }

  /**
   * @param score record scores
   * @return {@code n x 2} probability rows {@code [1 - s, s]} ({@code NaN} read as 0)
   */
  public static double[][] probabilityRows(double[] score) {
    double[][] p = new double[score.length][];
    for (int i = 0; i < p.length; i++) {
      double s = Double.isNaN(score[i]) ? 0 : score[i];
      p[i] = new double[] {1 - s, s};
    }
    return p;
  }
}
