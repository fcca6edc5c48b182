package dev.ecg.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * An immutable {@code k x k} confusion matrix (rows = true class, columns = predicted class) and the
 * metrics derived from it, with the same definitions as scikit-learn 1.2 called with
 * {@code labels=range(k)} and {@code zero_division=0}.
 *
 * <p>For class {@code c}: TP = C[c][c], FP = column sum minus TP, FN = row sum minus TP,
 * TN = total minus TP, FP and FN.
 * <ul>
 *   <li>precision (positive predictive value, +P) = TP / (TP + FP)</li>
 *   <li>recall (sensitivity, Se) = TP / (TP + FN)</li>
 *   <li>specificity = TN / (TN + FP)</li>
 *   <li>F1 = 2 TP / (2 TP + FP + FN), the harmonic mean of precision and recall</li>
 *   <li>support = TP + FN, the number of true samples of the class</li>
 * </ul>
 *
 * <p><b>Undefined cases.</b> When a denominator above is zero the metric is set to {@code 0.0} (as
 * scikit-learn with {@code zero_division=0}, which is also what its default "warn" returns) and a
 * message is added to {@link #undefinedMetrics()}. Macro averages run over all {@code k} classes,
 * including classes absent from both {@code yTrue} and {@code yPred}, which then count as 0 (as
 * scikit-learn with {@code labels=range(k)}); weighted averages weight each class by its support,
 * so absent classes do not matter there. {@link #balancedAccuracy()} averages recall over the
 * classes present in {@code yTrue} only (as {@code balanced_accuracy_score}). Cohen's kappa is
 * undefined when the chance agreement is 1 (every sample in one class in both vectors); then
 * {@link #cohenKappa()} throws {@link UndefinedMetricException}.
 */
public final class ConfusionMatrix {
  private final long[][] counts;
  private final List<String> classNames;
  private final long[] rowSums;
  private final long[] colSums;
  private final long total;

  private ConfusionMatrix(long[][] counts, List<String> classNames) {
    this.counts = counts;
    this.classNames = classNames;
    int k = counts.length;
    this.rowSums = new long[k];
    this.colSums = new long[k];
    long t = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        rowSums[i] += counts[i][j];
        colSums[j] += counts[i][j];
        t += counts[i][j];
      }
    }
    this.total = t;
  }

  /**
   * Counts a confusion matrix with classes named {@code "0"} to {@code "k-1"}.
   *
   * @param yTrue true class indices in {@code [0, numClasses)}
   * @param yPred predicted class indices in {@code [0, numClasses)}, same length
   * @param numClasses the number of classes {@code k >= 1}
   * @return the matrix
   * @throws MetricInputException if an array is null or empty, the lengths differ, a label is out
   *     of range or {@code numClasses < 1}
   */
  public static ConfusionMatrix of(int[] yTrue, int[] yPred, int numClasses) {
    Inputs.numClasses(numClasses);
    return of(yTrue, yPred, defaultNames(numClasses));
  }

  /**
   * Counts a confusion matrix whose class {@code i} is named {@code classNames.get(i)}.
   *
   * @param yTrue true class indices in {@code [0, classNames.size())}
   * @param yPred predicted class indices, same length
   * @param classNames one distinct, non-null name per class
   * @return the matrix
   * @throws MetricInputException if an array is null or empty, the lengths differ, a label is out
   *     of range, or the class names are empty, null or repeated
   */
  public static ConfusionMatrix of(int[] yTrue, int[] yPred, List<String> classNames) {
    List<String> names = checkNames(classNames);
    int k = names.size();
    Inputs.pair(yTrue, yPred, k);
    long[][] c = new long[k][k];
    for (int i = 0; i < yTrue.length; i++) {
      c[yTrue[i]][yPred[i]]++;
    }
    return new ConfusionMatrix(c, names);
  }

  /**
   * Wraps existing counts, for example a matrix published in a paper.
   *
   * @param counts square matrix of non-negative counts, rows = true class, columns = predicted
   * @param classNames one distinct name per row
   * @return the matrix (the counts are copied)
   * @throws MetricInputException if the matrix is not square, does not match the names, holds a
   *     negative count or sums to zero
   */
  public static ConfusionMatrix ofCounts(long[][] counts, List<String> classNames) {
    List<String> names = checkNames(classNames);
    Inputs.notNull(counts, "counts");
    int k = names.size();
    if (counts.length != k) {
      throw new MetricInputException(
          "counts has " + counts.length + " rows but there are " + k + " class names");
    }
    long[][] c = new long[k][];
    long sum = 0;
    for (int i = 0; i < k; i++) {
      if (counts[i] == null || counts[i].length != k) {
        throw new MetricInputException("counts[" + i + "] must have " + k + " columns, has "
            + (counts[i] == null ? "null" : String.valueOf(counts[i].length)));
      }
      c[i] = counts[i].clone();
      for (int j = 0; j < k; j++) {
        if (c[i][j] < 0) {
          throw new MetricInputException("counts[" + i + "][" + j + "] = " + c[i][j] + " is negative");
        }
        sum += c[i][j];
      }
    }
    if (sum == 0) {
      throw new MetricInputException("counts sum to zero; metrics need at least one sample");
    }
    return new ConfusionMatrix(c, names);
  }

  private static List<String> defaultNames(int k) {
    List<String> n = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      n.add(Integer.toString(i));
    }
    return n;
  }

  private static List<String> checkNames(List<String> classNames) {
    Inputs.notNull(classNames, "classNames");
    if (classNames.isEmpty()) {
      throw new MetricInputException("classNames is empty; need at least one class");
    }
    for (int i = 0; i < classNames.size(); i++) {
      String n = classNames.get(i);
      if (n == null) {
        throw new MetricInputException("classNames[" + i + "] is null");
      }
      if (classNames.indexOf(n) != i) {
        throw new MetricInputException("class name '" + n + "' appears twice in classNames");
      }
    }
    return List.copyOf(classNames);
  }

  /** @return the number of classes {@code k} */
  public int numClasses() {
    return counts.length;
  }

  /** @return the class names in index order (unmodifiable) */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * @param trueClass row index
   * @param predClass column index
   * @return the number of samples of {@code trueClass} predicted as {@code predClass}
   * @throws MetricInputException if an index is out of range
   */
  public long count(int trueClass, int predClass) {
    checkClass(trueClass);
    checkClass(predClass);
    return counts[trueClass][predClass];
  }

  /** @return a copy of the counts, rows = true class, columns = predicted class */
  public long[][] counts() {
    long[][] c = new long[counts.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = counts[i].clone();
    }
    return c;
  }

  /** @return the total number of samples */
  public long total() {
    return total;
  }

  /**
   * @param c class index
   * @return true positives of class {@code c}
   */
  public long truePositives(int c) {
    checkClass(c);
    return counts[c][c];
  }

  /**
   * @param c class index
   * @return false positives of class {@code c} (predicted {@code c}, true class differs)
   */
  public long falsePositives(int c) {
    checkClass(c);
    return colSums[c] - counts[c][c];
  }

  /**
   * @param c class index
   * @return false negatives of class {@code c} (true class {@code c}, predicted otherwise)
   */
  public long falseNegatives(int c) {
    checkClass(c);
    return rowSums[c] - counts[c][c];
  }

  /**
   * @param c class index
   * @return true negatives of class {@code c}
   */
  public long trueNegatives(int c) {
    checkClass(c);
    return total - rowSums[c] - colSums[c] + counts[c][c];
  }

  /**
   * @param c class index
   * @return the number of true samples of class {@code c} (row sum)
   */
  public long support(int c) {
    checkClass(c);
    return rowSums[c];
  }

  /**
   * @param c class index
   * @return the number of samples predicted as class {@code c} (column sum)
   */
  public long predictedCount(int c) {
    checkClass(c);
    return colSums[c];
  }

  /**
   * Precision, positive predictive value (+P): TP / (TP + FP); 0.0 if nothing was predicted as
   * {@code c}.
   *
   * @param c class index
   * @return the precision in [0, 1]
   */
  public double precision(int c) {
    checkClass(c);
    return ratio(counts[c][c], colSums[c]);
  }

  /**
   * Recall, sensitivity (Se): TP / (TP + FN); 0.0 if class {@code c} has no true sample.
   *
   * @param c class index
   * @return the recall in [0, 1]
   */
  public double recall(int c) {
    checkClass(c);
    return ratio(counts[c][c], rowSums[c]);
  }

  /**
   * Specificity: TN / (TN + FP); 0.0 if there is no sample outside class {@code c}.
   *
   * @param c class index
   * @return the specificity in [0, 1]
   */
  public double specificity(int c) {
    checkClass(c);
    long tn = trueNegatives(c);
    return ratio(tn, tn + falsePositives(c));
  }

  /**
   * F1 = 2 TP / (2 TP + FP + FN) = 2 TP / (row sum + column sum); 0.0 if the class appears in
   * neither vector.
   *
   * @param c class index
   * @return the F1 score in [0, 1]
   */
  public double f1(int c) {
    checkClass(c);
    return ratio(2 * counts[c][c], rowSums[c] + colSums[c]);
  }

  /** @return per-class precision, index order */
  public double[] precisions() {
    double[] r = new double[numClasses()];
    Arrays.setAll(r, this::precision);
    return r;
  }

  /** @return per-class recall, index order */
  public double[] recalls() {
    double[] r = new double[numClasses()];
    Arrays.setAll(r, this::recall);
    return r;
  }

  /** @return per-class specificity, index order */
  public double[] specificities() {
    double[] r = new double[numClasses()];
    Arrays.setAll(r, this::specificity);
    return r;
  }

  /** @return per-class F1, index order */
  public double[] f1s() {
    double[] r = new double[numClasses()];
    Arrays.setAll(r, this::f1);
    return r;
  }

  /** @return per-class support, index order */
  public long[] supports() {
    return rowSums.clone();
  }

  /** @return the fraction of samples on the diagonal */
  public double accuracy() {
    long tr = 0;
    for (int i = 0; i < counts.length; i++) {
      tr += counts[i][i];
    }
    return (double) tr / total;
  }

  /**
   * Balanced accuracy: the mean recall over the classes that occur in {@code yTrue} (support &gt; 0),
   * as scikit-learn's {@code balanced_accuracy_score} (not adjusted for chance).
   *
   * @return the balanced accuracy in [0, 1]
   */
  public double balancedAccuracy() {
    double s = 0;
    int n = 0;
    for (int c = 0; c < counts.length; c++) {
      if (rowSums[c] > 0) {
        s += recall(c);
        n++;
      }
    }
    return s / n;
  }

  /** @return unweighted mean of the per-class precisions over all {@code k} classes */
  public double macroPrecision() {
    return mean(precisions());
  }

  /** @return unweighted mean of the per-class recalls over all {@code k} classes */
  public double macroRecall() {
    return mean(recalls());
  }

  /** @return unweighted mean of the per-class F1 over all {@code k} classes */
  public double macroF1() {
    return mean(f1s());
  }

  /** @return mean of the per-class precisions weighted by support */
  public double weightedPrecision() {
    return weighted(precisions());
  }

  /** @return mean of the per-class recalls weighted by support (equals accuracy) */
  public double weightedRecall() {
    return weighted(recalls());
  }

  /** @return mean of the per-class F1 weighted by support */
  public double weightedF1() {
    return weighted(f1s());
  }

  /**
   * Micro-averaged F1 (pooled TP, FP, FN over classes). With every sample labelled in
   * {@code [0, k)} it equals {@link #accuracy()}, as do micro precision and micro recall.
   *
   * @return the micro F1 in [0, 1]
   */
  public double microF1() {
    long tp = 0;
    long fpfn = 0;
    for (int c = 0; c < counts.length; c++) {
      tp += counts[c][c];
      fpfn += rowSums[c] + colSums[c] - 2 * counts[c][c];
    }
    return ratio(2 * tp, 2 * tp + fpfn);
  }

  /**
   * Cohen's kappa (Cohen 1960): (p_o - p_e) / (1 - p_e) with p_o the observed agreement and p_e the
   * agreement expected from the marginals, computed as scikit-learn {@code cohen_kappa_score}
   * without weights.
   *
   * @return kappa in [-1, 1]
   * @throws UndefinedMetricException if p_e = 1 (all samples in one and the same class in both
   *     vectors), where kappa is 0/0
   */
  public double cohenKappa() {
    OptionalDouble k = cohenKappaIfDefined();
    if (k.isEmpty()) {
      throw new UndefinedMetricException(
          "Cohen's kappa is undefined: chance agreement is 1 (every sample has the same true and "
              + "predicted class)");
    }
    return k.getAsDouble();
  }

  /**
   * @return Cohen's kappa, or empty where {@link #cohenKappa()} would throw
   */
  public OptionalDouble cohenKappaIfDefined() {
    double n = total;
    double marg = 0;
    long tr = 0;
    for (int c = 0; c < counts.length; c++) {
      marg += (double) rowSums[c] * colSums[c];
      tr += counts[c][c];
    }
    // sum of off-diagonal expected counts, E = outer(rows, cols) / n
    double expectedOff = (n * n - marg) / n;
    if (expectedOff <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(1.0 - (n - tr) / expectedOff);
  }

  /**
   * Divides the counts as scikit-learn {@code confusion_matrix(normalize=...)}; a row or column
   * with zero sum gives zeros (scikit-learn turns its 0/0 into 0 the same way).
   *
   * @param how which sums to divide by
   * @return a new {@code k x k} array
   * @throws MetricInputException if {@code how} is null
   */
  public double[][] normalized(Normalization how) {
    Inputs.notNull(how, "normalization");
    int k = counts.length;
    double[][] r = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        long d;
        switch (how) {
          case TRUE:
            d = rowSums[i];
            break;
          case PRED:
            d = colSums[j];
            break;
          default:
            d = total;
        }
        r[i][j] = ratio(counts[i][j], d);
      }
    }
    return r;
  }

  /**
   * Lists every metric that fell back to 0.0 because its denominator was zero, one message each,
   * for example {@code "precision[S]: no predicted samples, set to 0.0"}.
   *
   * @return the messages, empty when every per-class metric was defined
   */
  public List<String> undefinedMetrics() {
    List<String> w = new ArrayList<>();
    for (int c = 0; c < counts.length; c++) {
      String n = classNames.get(c);
      if (colSums[c] == 0) {
        w.add("precision[" + n + "]: no predicted samples, set to 0.0");
      }
      if (rowSums[c] == 0) {
        w.add("recall[" + n + "]: no true samples, set to 0.0");
      }
      if (rowSums[c] + colSums[c] == 0) {
        w.add("f1[" + n + "]: no true nor predicted samples, set to 0.0");
      }
      if (total - rowSums[c] == 0) {
        w.add("specificity[" + n + "]: no samples outside the class, set to 0.0");
      }
    }
    return Collections.unmodifiableList(w);
  }

  /**
   * A plain-text table of the counts, rows = true class, columns = predicted class, with row and
   * column totals.
   */
  @Override
  public String toString() {
    int k = counts.length;
    int w = 5;
    for (String n : classNames) {
      w = Math.max(w, n.length());
    }
    w = Math.max(w, Long.toString(total).length());
    String cell = "%" + (w + 1) + "s";
    String first = "%-" + Math.max(w, 9) + "s";
    StringBuilder b = new StringBuilder();
    b.append("Confusion matrix (rows = true, columns = predicted)\n");
    b.append(String.format(Locale.ROOT, first, "true\\pred"));
    for (String n : classNames) {
      b.append(' ').append(String.format(Locale.ROOT, cell, n));
    }
    b.append(' ').append(String.format(Locale.ROOT, cell, "total")).append('\n');
    for (int i = 0; i < k; i++) {
      b.append(String.format(Locale.ROOT, first, classNames.get(i)));
      for (int j = 0; j < k; j++) {
        b.append(' ').append(String.format(Locale.ROOT, cell, counts[i][j]));
      }
      b.append(' ').append(String.format(Locale.ROOT, cell, rowSums[i])).append('\n');
    }
    b.append(String.format(Locale.ROOT, first, "total"));
    for (int j = 0; j < k; j++) {
      b.append(' ').append(String.format(Locale.ROOT, cell, colSums[j]));
    }
    b.append(' ').append(String.format(Locale.ROOT, cell, total)).append('\n');
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ConfusionMatrix)) {
      return false;
    }
    ConfusionMatrix m = (ConfusionMatrix) o;
    return classNames.equals(m.classNames) && Arrays.deepEquals(counts, m.counts);
  }

  @Override
  public int hashCode() {
    return 31 * classNames.hashCode() + Arrays.deepHashCode(counts);
  }

  private void checkClass(int c) {
    if (c < 0 || c >= counts.length) {
      throw new MetricInputException(
          "class index " + c + " is outside [0, " + counts.length + ")");
    }
  }

  private double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private double weighted(double[] v) {
    double s = 0;
    for (int c = 0; c < v.length; c++) {
      s += v[c] * rowSums[c];
    }
    return s / total;
  }

  static double ratio(long num, long den) {
    return den == 0 ? 0.0 : (double) num / den;
  }
}
