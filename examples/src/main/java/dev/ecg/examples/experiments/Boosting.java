package dev.ecg.examples.experiments;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The XGBoost4J calls the tree experiments share: {@code multi:softprob} parameters, a
 * {@link DMatrix} from chosen rows (NaN = missing, optional class weights), training and
 * prediction.
 */
final class Boosting {
  private Boosting() {}

  /**
   * @return XGBoost parameters for {@code multi:softprob} with the {@code hist} method
   */
  static Map<String, Object> params(int numClass, int maxDepth, double eta, double subsample,
      double colsample, double minChildWeight, int threads, long seed) {
    Map<String, Object> p = new HashMap<>();
    p.put("objective", "multi:softprob");
    p.put("num_class", numClass);
    p.put("eval_metric", "mlogloss");
    p.put("tree_method", "hist");
    p.put("max_depth", maxDepth);
    p.put("eta", eta);
    p.put("subsample", subsample);
    p.put("colsample_bytree", colsample);
    p.put("min_child_weight", minChildWeight);
    p.put("nthread", threads);
    p.put("seed", (int) (seed ^ (seed >>> 32)));
    p.put("verbosity", 0);
    return p;
  }

  /**
   * @param x feature rows (NaN = missing)
   * @param y labels
   * @param rows the rows to take
   * @param classWeights a weight per class, or null for none
   * @param names the column names
   * @return the matrix (the caller disposes it)
   */
  static DMatrix matrix(double[][] x, int[] y, int[] rows, double[] classWeights,
      List<String> names) throws XGBoostError {
    int nf = names.size();
    float[] data = new float[rows.length * nf];
    float[] labels = new float[rows.length];
    float[] w = new float[rows.length];
    for (int r = 0; r < rows.length; r++) {
      for (int k = 0; k < nf; k++) {
        data[r * nf + k] = (float) x[rows[r]][k];
      }
      labels[r] = y[rows[r]];
      w[r] = classWeights == null ? 1f : (float) classWeights[y[rows[r]]];
    }
    DMatrix m = new DMatrix(data, rows.length, nf, Float.NaN);
    m.setLabel(labels);
    if (classWeights != null) {
      m.setWeight(w);
    }
    m.setFeatureNames(names.toArray(new String[0]));
    return m;
  }

  /** Trains a booster on the given rows. */
  static Booster train(double[][] x, int[] y, int[] rows, double[] classWeights,
      List<String> names, Map<String, Object> params, int rounds) throws XGBoostError {
    DMatrix m = matrix(x, y, rows, classWeights, names);
    try {
      return XGBoost.train(m, params, rounds, new HashMap<>(), null, null);
    } finally {
      m.dispose();
    }
  }

  /** @return the class probabilities of the given rows */
  static double[][] predict(Booster b, double[][] x, int[] rows, List<String> names)
      throws XGBoostError {
    DMatrix m = matrix(x, new int[x.length], rows, null, names);
    try {
      float[][] p = b.predict(m);
      double[][] out = new double[p.length][];
      for (int i = 0; i < p.length; i++) {
        out[i] = new double[p[i].length];
        for (int k = 0; k < p[i].length; k++) {
          out[i][k] = p[i][k];
        }
      }
      return out;
    } finally {
      m.dispose();
    }
  }
}
