package dev.ecg.models.trees;

import ai.djl.nn.Block;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.onnx.GraphValue;
import dev.ecg.models.onnx.OnnxExporter;
import dev.ecg.models.onnx.OnnxGraph;
import java.util.List;
import java.util.Map;

/**
 * One ONNX graph for a hybrid classifier: a network's class probabilities fused with ECG
 * features by gradient-boosted trees. The input is one lead of {@code length + features}
 * values per example: the network's input window, then the features (NaN = missing). The graph
 * slices the window into the network, turns its logits into probabilities (after taking off
 * decision offsets that were folded into its output bias, so the trees see the probabilities
 * they were trained on), appends them to the features, and runs the trees
 * ({@code TreeEnsembleClassifier}, {@code ai.onnx.ml} opset {@value TreeOnnxExporter#ML_OPSET}):
 * output {@code probabilities} {@code [N, classes]}.
 *
 * <pre>{@code
 * byte[] onnx = HybridOnnxExporter.export(OnnxExporter.builder().build(), block, 187,
 *     new double[] {0, -0.25, -1.75, 0, 0}, trees, 33);
 * }</pre>
 *
 * <p>The trees must have been trained on rows {@code [features..., p_class0, ...]} in that
 * order.
 */
public final class HybridOnnxExporter {
  /** Name of the graph input. */
  public static final String INPUT = "input";

  private HybridOnnxExporter() {}

  /**
   * @param exporter converts the network (its softmax setting is ignored)
   * @param network an initialized block mapping {@code [N, 1, length]} to {@code [N, k]} logits
   * @param length the network's input length
   * @param offsetsToRemove per-class additive logit offsets the network's output bias carries,
   *     subtracted before the softmax; null or all zeros for none
   * @param trees a multi-class ensemble over {@code features + k} inputs
   * @param features how many feature values follow the network's window
   * @return the serialized ONNX model
   * @throws EcgArgumentException if sizes do not fit each other
   */
  public static byte[] export(OnnxExporter exporter, Block network, int length,
      double[] offsetsToRemove, XgbModel trees, int features) {
    if (length < 1 || features < 0) {
      throw new EcgArgumentException("length must be >= 1 and features >= 0, got " + length
          + ", " + features);
    }
    if (trees.objective() == XgbModel.Objective.BINARY_LOGISTIC) {
      throw new EcgArgumentException("hybrid export needs a multi-class tree ensemble");
    }
    int k = trees.numClasses();
    if (trees.numFeatures() != features + k) {
      throw new EcgArgumentException("the trees read " + trees.numFeatures() + " inputs, but "
          + features + " features and " + k + " network probabilities make "
          + (features + k));
    }
    if (offsetsToRemove != null && offsetsToRemove.length != k) {
      throw new EcgArgumentException(offsetsToRemove.length + " offsets for " + k + " classes");
    }
    OnnxGraph g = new OnnxGraph();
    long total = (long) length + features;
    String axes = g.int64Init("axes", new long[] {1}, new long[] {2});
    String netIn = g.node("Slice", List.of(INPUT,
        g.int64Init("net_start", new long[] {1}, new long[] {0}),
        g.int64Init("net_end", new long[] {1}, new long[] {length}), axes));
    String feat3 = g.node("Slice", List.of(INPUT,
        g.int64Init("feat_start", new long[] {1}, new long[] {length}),
        g.int64Init("feat_end", new long[] {1}, new long[] {total}), axes));
    String feats = g.node("Flatten", List.of(feat3), OnnxGraph.i("axis", 1));
    GraphValue logits = exporter.exportInto(g, network,
        new GraphValue(netIn, new long[] {1, 1, length}));
    if (logits.dim(1) != k) {
      throw new EcgArgumentException("the network has " + logits.dim(1) + " outputs, the trees "
          + k + " classes");
    }
    String l = logits.name();
    if (offsetsToRemove != null && java.util.Arrays.stream(offsetsToRemove).anyMatch(v -> v != 0)) {
      float[] off = new float[k];
      for (int c = 0; c < k; c++) {
        off[c] = (float) offsetsToRemove[c];
      }
      l = g.node("Sub", List.of(l, g.floatInit("offsets", new long[] {1, k}, off)));
    }
    String probs = g.node("Softmax", List.of(l), OnnxGraph.i("axis", -1));
    String joined = g.node("Concat", List.of(feats, probs), OnnxGraph.i("axis", 1));
    g.rawNode(TreeOnnxExporter.treeNode(trees, joined, "label",
        TreeOnnxExporter.PROBABILITIES), List.of("label", TreeOnnxExporter.PROBABILITIES));
    return g.toModel("ecg_hybrid", new GraphValue(INPUT, new long[] {1, 1, total}),
        new GraphValue(TreeOnnxExporter.PROBABILITIES, new long[] {1, k}),
        Map.of("ai.onnx.ml", (long) TreeOnnxExporter.ML_OPSET),
        "hybrid: network on input[..., 0:" + length + "] -> softmax, concatenated after the "
            + features + " features in input[..., " + length + ":" + total + "], into "
            + trees.numTrees() + " boosted trees; output probabilities [N, " + k + "]");
  }
}
