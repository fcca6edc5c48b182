package dev.ecg.models.trees;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Test helpers: hand-made XGBoost JSON models and an ONNX Runtime call on an exported model. */
final class TreeFixtures {

  private TreeFixtures() {}

  /** One tree in XGBoost's array layout. */
  record T(int[] left, int[] right, int[] feature, double[] cond, int[] defaultLeft) {}

  /** The output of one ONNX Runtime run. */
  record OrtOut(long[] label, float[][] proba) {}

  /** XGBoost 3.0-style model JSON around the given trees. */
  static String json(String objective, int numClass, int numFeature, String baseScore,
      List<T> trees, int[] treeInfo) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"learner\":{\"attributes\":{},\"feature_names\":[],\"feature_types\":[],");
    sb.append("\"gradient_booster\":{\"model\":{");
    sb.append("\"gbtree_model_param\":{\"num_parallel_tree\":\"1\",");
    sb.append("\"num_trees\":\"").append(trees.size()).append("\"},\"iteration_indptr\":[],");
    sb.append("\"tree_info\":").append(ints(treeInfo)).append(",\"trees\":[");
    for (int t = 0; t < trees.size(); t++) {
      T tr = trees.get(t);
      int n = tr.left.length;
      if (t > 0) {
        sb.append(',');
      }
      sb.append("{\"base_weights\":").append(doubles(tr.cond))
          .append(",\"default_left\":").append(ints(tr.defaultLeft))
          .append(",\"id\":").append(t)
          .append(",\"left_children\":").append(ints(tr.left))
          .append(",\"right_children\":").append(ints(tr.right))
          .append(",\"split_conditions\":").append(doubles(tr.cond))
          .append(",\"split_indices\":").append(ints(tr.feature))
          .append(",\"split_type\":").append(ints(new int[n]))
          .append(",\"tree_param\":{\"num_deleted\":\"0\",\"num_feature\":\"").append(numFeature)
          .append("\",\"num_nodes\":\"").append(n).append("\",\"size_leaf_vector\":\"1\"}}");
    }
    sb.append("]},\"name\":\"gbtree\"},");
    sb.append("\"learner_model_param\":{\"base_score\":\"").append(baseScore)
        .append("\",\"boost_from_average\":\"1\",\"num_class\":\"").append(numClass)
        .append("\",\"num_feature\":\"").append(numFeature).append("\",\"num_target\":\"1\"},");
    sb.append("\"objective\":{\"name\":\"").append(objective).append("\"}},");
    sb.append("\"version\":[3,0,4]}");
    return sb.toString();
  }

  /** A stump: x[f] &lt; c goes left to leaf a, else right to leaf b; NaN goes left if dl. */
  static T stump(int f, double c, double a, double b, boolean dl) {
    return new T(new int[] {1, -1, -1}, new int[] {2, -1, -1}, new int[] {f, 0, 0},
        new double[] {c, a, b}, new int[] {dl ? 1 : 0, 0, 0});
  }

  static String ints(int[] a) {
    StringBuilder sb = new StringBuilder("[");
    for (int k = 0; k < a.length; k++) {
      sb.append(k == 0 ? "" : ",").append(a[k]);
    }
    return sb.append(']').toString();
  }

  static String doubles(double[] a) {
    StringBuilder sb = new StringBuilder("[");
    for (int k = 0; k < a.length; k++) {
      sb.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", a[k]));
    }
    return sb.append(']').toString();
  }

  /** Runs an exported model on ONNX Runtime (the 1.21.1 build DJL's onnxruntime-engine brings). */
  static OrtOut ort(byte[] onnx, float[][] rows) throws OrtException {
    int n = rows.length;
    int f = rows[0].length;
    float[] flat = new float[n * f];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows[i], 0, flat, i * f, f);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        OrtSession s = env.createSession(onnx, so);
        OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), new long[] {n, f});
        OrtSession.Result r = s.run(Map.of(TreeOnnxExporter.INPUT, t))) {
      long[] label = (long[]) r.get(TreeOnnxExporter.LABEL).orElseThrow().getValue();
      float[][] proba = (float[][]) r.get(TreeOnnxExporter.PROBABILITIES).orElseThrow()
          .getValue();
      return new OrtOut(label, proba);
    }
  }

  /** The custom metadata ({@code metadata_props}) ONNX Runtime reads from a model. */
  static Map<String, String> metadata(byte[] onnx) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        OrtSession s = env.createSession(onnx, so)) {
      return s.getMetadata().getCustomMetadata();
    }
  }

  static List<T> list(T... t) {
    return new ArrayList<>(List.of(t));
  }
}
