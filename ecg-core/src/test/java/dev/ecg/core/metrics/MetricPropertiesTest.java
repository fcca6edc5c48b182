package dev.ecg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the metrics over random inputs. */
class MetricPropertiesTest {
  /** Paired label vectors with k in [2, 6] and n in [1, 60]. */
  record Labels(int k, int[] yTrue, int[] yPred) {}

  /** Labels with integer-valued scores in [-20, 20] (ties are frequent). */
  record Scored(int k, int[] yTrue, double[][] scores) {}

  @Provide
  Arbitrary<Labels> labels() {
    return Arbitraries.integers().between(2, 6).flatMap(k ->
        Arbitraries.integers().between(1, 60).flatMap(n -> Combinators.combine(
            Arbitraries.integers().between(0, k - 1).array(int[].class).ofSize(n),
            Arbitraries.integers().between(0, k - 1).array(int[].class).ofSize(n))
            .as((t, p) -> new Labels(k, t, p))));
  }

  @Provide
  Arbitrary<Scored> scored() {
    return Arbitraries.integers().between(2, 5).flatMap(k ->
        Arbitraries.integers().between(2, 50).flatMap(n -> Combinators.combine(
            Arbitraries.integers().between(0, k - 1).array(int[].class).ofSize(n),
            Arbitraries.integers().between(-20, 20).array(int[].class).ofSize(n * k))
            .as((t, flat) -> {
              double[][] s = new double[n][k];
              for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                  s[i][j] = flat[i * k + j];
                }
              }
              return new Scored(k, t, s);
            })));
  }

  private static void unit(double v, String what) {
    assertTrue(v >= 0.0 && v <= 1.0, what + " = " + v + " outside [0, 1]");
  }

  @Property(tries = 300)
  void perClassAndAveragedMetricsStayInUnitInterval(@ForAll("labels") Labels l) {
    ConfusionMatrix m = ConfusionMatrix.of(l.yTrue(), l.yPred(), l.k());
    for (int c = 0; c < l.k(); c++) {
      unit(m.precision(c), "precision");
      unit(m.recall(c), "recall");
      unit(m.f1(c), "f1");
      unit(m.specificity(c), "specificity");
      double p = m.precision(c);
      double r = m.recall(c);
      // F1 lies between min and max of precision and recall (harmonic mean)
      assertTrue(m.f1(c) <= Math.max(p, r) + 1e-12 && m.f1(c) >= Math.min(p, r) * (p + r > 0 ? 1 : 0) - 1e-12);
    }
    unit(m.macroF1(), "macro F1");
    unit(m.weightedF1(), "weighted F1");
    unit(m.accuracy(), "accuracy");
    unit(m.balancedAccuracy(), "balanced accuracy");
    assertEquals(m.accuracy(), m.microF1(), 1e-12);
    assertEquals(m.accuracy(), m.weightedRecall(), 1e-12);
    assertEquals(l.yTrue().length, m.total());
  }

  @Property(tries = 300)
  void kappaIsAtMostOne(@ForAll("labels") Labels l) {
    ConfusionMatrix m = ConfusionMatrix.of(l.yTrue(), l.yPred(), l.k());
    m.cohenKappaIfDefined().ifPresent(k -> assertTrue(k <= 1.0 + 1e-12 && k >= -1.0 - 1e-12, "kappa " + k));
    ConfusionMatrix self = ConfusionMatrix.of(l.yTrue(), l.yTrue(), l.k());
    self.cohenKappaIfDefined().ifPresent(k -> assertEquals(1.0, k, 1e-12));
  }

  @Property(tries = 200)
  void aucUnchangedUnderStrictlyMonotoneTransforms(@ForAll("scored") Scored s) {
    double[][] exp = new double[s.scores().length][];
    double[][] cubic = new double[s.scores().length][];
    for (int i = 0; i < exp.length; i++) {
      exp[i] = new double[s.k()];
      cubic[i] = new double[s.k()];
      for (int j = 0; j < s.k(); j++) {
        double x = s.scores()[i][j];
        exp[i][j] = Math.exp(x / 4.0);
        cubic[i][j] = x * x * x + 5 * x - 100;
      }
    }
    var a = RocAuc.perClassIfDefined(s.yTrue(), s.scores());
    var b = RocAuc.perClassIfDefined(s.yTrue(), exp);
    var c = RocAuc.perClassIfDefined(s.yTrue(), cubic);
    var pa = AveragePrecision.perClassIfDefined(s.yTrue(), s.scores());
    var pb = AveragePrecision.perClassIfDefined(s.yTrue(), exp);
    for (int j = 0; j < s.k(); j++) {
      assertEquals(a[j], b[j]);
      assertEquals(a[j], c[j]);
      assertEquals(pa[j], pb[j]);
      a[j].ifPresent(v -> unit(v, "AUC"));
      pa[j].ifPresent(v -> unit(v, "AP"));
    }
  }

  @Property(tries = 200)
  void aucEqualsBruteForcePairCount(@ForAll("scored") Scored s) {
    for (int c = 0; c < s.k(); c++) {
      double num = 0;
      long pairs = 0;
      for (int i = 0; i < s.yTrue().length; i++) {
        for (int j = 0; j < s.yTrue().length; j++) {
          if (s.yTrue()[i] == c && s.yTrue()[j] != c) {
            double si = s.scores()[i][c];
            double sj = s.scores()[j][c];
            num += si > sj ? 1 : si == sj ? 0.5 : 0;
            pairs++;
          }
        }
      }
      var auc = RocAuc.perClassIfDefined(s.yTrue(), s.scores())[c];
      if (pairs == 0) {
        assertTrue(auc.isEmpty());
      } else {
        assertEquals(num / pairs, auc.getAsDouble(), 1e-12);
      }
    }
  }

  @Property(tries = 100)
  void eceInUnitInterval(@ForAll("scored") Scored s, @ForAll @IntRange(min = 1, max = 20) int bins) {
    double[][] p = new double[s.scores().length][];
    for (int i = 0; i < p.length; i++) {
      double[] row = s.scores()[i];
      double max = Double.NEGATIVE_INFINITY;
      for (double v : row) {
        max = Math.max(max, v);
      }
      double sum = 0;
      p[i] = new double[row.length];
      for (int j = 0; j < row.length; j++) {
        p[i][j] = Math.exp(row[j] - max);
        sum += p[i][j];
      }
      for (int j = 0; j < row.length; j++) {
        p[i][j] /= sum;
      }
    }
    unit(Calibration.expectedCalibrationError(s.yTrue(), p, bins), "ECE");
  }

  @Property(tries = 30)
  void bootstrapIsOrderedAndDeterministic(@ForAll("labels") Labels l, @ForAll long seed) {
    Bootstrap b = Bootstrap.of(50, 0.9, seed);
    Bootstrap.LabelMetric f1 = (t, p) -> ConfusionMatrix.of(t, p, l.k()).macroF1();
    ConfidenceInterval ci = b.interval(l.yTrue(), l.yPred(), f1);
    assertTrue(ci.lower() <= ci.upper());
    unit(ci.lower(), "lower");
    unit(ci.upper(), "upper");
    assertEquals(ci, Bootstrap.of(50, 0.9, seed).interval(l.yTrue(), l.yPred(), f1));
  }
}
