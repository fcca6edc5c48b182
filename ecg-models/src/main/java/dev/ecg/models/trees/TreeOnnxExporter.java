package dev.ecg.models.trees;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonWriter;
import dev.ecg.models.onnx.ProtoWriter;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link XgbModel} as an ONNX model with a single ONNX-ML
 * {@code TreeEnsembleClassifier} node, so gradient-boosted trees run on ONNX Runtime alone
 * (no XGBoost at run time). The encoding reuses the project's pure-Java protobuf writer
 * ({@link ProtoWriter}); no protobuf library is involved.
 *
 * <p>The graph: input {@value #INPUT} float {@code [N, F]} (NaN for a missing value), outputs
 * {@value #LABEL} int64 {@code [N]} (class index 0..C-1, the most probable class) and
 * {@value #PROBABILITIES} float {@code [N, C]} (no {@code ZipMap}). Operator set
 * {@code ai.onnx.ml} version {@value #ML_OPSET} (TreeEnsembleClassifier-3, which ONNX Runtime
 * 1.21 implements), default domain {@value #ONNX_OPSET}, IR version {@value #IR_VERSION}.
 *
 * <p>Mapping of XGBoost's trees: every split becomes {@code BRANCH_LT} (true branch = XGBoost's
 * left child, taken when {@code x < threshold}), {@code nodes_missing_value_tracks_true} is
 * XGBoost's {@code default_left}, leaves add their value to the class of their tree
 * ({@code tree_info}), and {@code base_values} holds the base margin ({@link
 * XgbModel#baseMargin()}).
 * {@code multi:softprob} uses {@code post_transform = SOFTMAX}.
 *
 * <p>{@code binary:logistic} needs care: for exactly two class labels ONNX Runtime takes a binary
 * path the specification does not define. On ONNX Runtime 1.21.1 the usual converter layout
 * (leaves on class 0, {@code LOGISTIC}) gives a class-0 "probability" of 2.09 when every leaf
 * weight is positive, and two scores {@code ±z/2} with {@code SOFTMAX} were wrong in both binary
 * test models (the second score is rebuilt from the first). So a binary model is written as three
 * classes, all of them on the well-defined multi-class path: class 0 with margin 0 (base value,
 * no leaves), class 1 with the XGBoost margin {@code z} (base value plus the leaves), and a
 * padding class 2 with base value {@code -1e30}, with {@code post_transform = SOFTMAX}. The
 * softmax of {@code [0, z, -1e30]} is exactly {@code [1 - sigmoid(z), sigmoid(z), 0]}; a
 * {@code Slice} node (default domain) keeps the first two columns, and the label (argmax) can
 * never be the padding class.
 *
 * <p>The feature names and count, the objective and the class count are stored in the model's
 * {@code metadata_props} ({@code ecg.feature_names} as a JSON array, {@code ecg.num_features},
 * {@code ecg.objective}, {@code ecg.num_classes}) and summarised in its doc string.
 */
public final class TreeOnnxExporter {

  /** Name of the graph input. */
  public static final String INPUT = "features";
  /** Name of the label output (int64 class index). */
  public static final String LABEL = "label";
  /** Name of the probabilities output (float, one column per class). */
  public static final String PROBABILITIES = "probabilities";
  /** Version of the {@code ai.onnx.ml} operator set written. */
  public static final int ML_OPSET = 3;
  /** Version of the default operator set written. */
  public static final int ONNX_OPSET = 17;
  /** ONNX IR version written. */
  public static final int IR_VERSION = 8;

  /** Base value of the padding class of a binary model: its softmax weight is exactly 0. */
  private static final float BINARY_PADDING = -1e30f;
  private static final int FLOAT = 1;
  private static final int INT64 = 7;

  private TreeOnnxExporter() {}

  /**
   * Exports with the model's own feature names (those saved by XGBoost, if any).
   *
   * @param model the trees
   * @return the serialized ONNX {@code ModelProto}
   */
  public static byte[] export(XgbModel model) {
    return export(model, model.featureNames());
  }

  /**
   * Exports and names the features.
   *
   * @param model the trees
   * @param featureNames one name per feature, or an empty list for none
   * @return the serialized ONNX {@code ModelProto}
   * @throws EcgArgumentException if the number of names differs from the model's feature count
   */
  public static byte[] export(XgbModel model, List<String> featureNames) {
    if (model == null || featureNames == null) {
      throw new EcgArgumentException("TreeOnnxExporter.export: model and names must not be null");
    }
    if (!featureNames.isEmpty() && featureNames.size() != model.numFeatures()) {
      throw new EcgArgumentException("TreeOnnxExporter.export: " + featureNames.size()
          + " feature names for a model of " + model.numFeatures() + " features");
    }
    boolean binary = model.objective() == XgbModel.Objective.BINARY_LOGISTIC;
    int classes = model.numClasses();

    ProtoWriter node = treeNode(model, INPUT, LABEL,
        binary ? "probabilities_padded" : PROBABILITIES);

    ProtoWriter graph = new ProtoWriter();
    graph.message(1, node);
    if (binary) {
      ProtoWriter slice = new ProtoWriter();
      for (String in : List.of("probabilities_padded", "slice_starts", "slice_ends",
          "slice_axes")) {
        slice.string(1, in);
      }
      slice.string(2, PROBABILITIES);
      slice.string(3, "drop_padding");
      slice.string(4, "Slice");
      graph.message(1, slice);
    }
    graph.string(2, "xgboost_trees");
    if (binary) {
      graph.message(5, int64Tensor("slice_starts", 0));
      graph.message(5, int64Tensor("slice_ends", 2));
      graph.message(5, int64Tensor("slice_axes", 1));
    }
    graph.message(11, valueInfo(INPUT, FLOAT, model.numFeatures()));
    graph.message(12, valueInfo(LABEL, INT64));
    graph.message(12, valueInfo(PROBABILITIES, FLOAT, classes));

    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("ecg.objective", model.objective().xgbName());
    meta.put("ecg.num_classes", String.valueOf(classes));
    meta.put("ecg.num_features", String.valueOf(model.numFeatures()));
    meta.put("ecg.feature_names", JsonWriter.compact(featureNames));
    meta.put("ecg.base_score", String.valueOf(model.baseScore()));
    meta.put("ecg.num_trees", String.valueOf(model.numTrees()));

    ProtoWriter m = new ProtoWriter();
    m.int64(1, IR_VERSION);
    m.string(2, "dev.ecg.models.trees");
    m.string(3, "0.1");
    m.string(6, "XGBoost " + model.objective().xgbName() + " tree ensemble: " + model.numTrees()
        + " trees, " + classes + " classes, input '" + INPUT + "' float [N, "
        + model.numFeatures() + "] (NaN = missing), features "
        + (featureNames.isEmpty() ? "unnamed" : String.join(", ", featureNames))
        + "; outputs '" + LABEL + "' int64 [N], '" + PROBABILITIES + "' float [N, " + classes
        + "]");
    m.message(7, graph);
    m.message(8, new ProtoWriter().string(1, "").int64(2, ONNX_OPSET));
    m.message(8, new ProtoWriter().string(1, "ai.onnx.ml").int64(2, ML_OPSET));
    for (Map.Entry<String, String> e : meta.entrySet()) {
      m.message(14, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue()));
    }
    return m.toByteArray();
  }

  /**
   * The {@code ai.onnx.ml} {@code TreeEnsembleClassifier} node of a model (softmax or logistic
   * post-transform as XGBoost applies it), for graphs that hold more than the trees. A binary
   * model's node has three classes (see the class comment); use multi-class models in fused
   * graphs.
   *
   * @param model the trees
   * @param input the name of the {@code [N, features]} float input
   * @param label the name of the int64 label output
   * @param probabilities the name of the probability output
   * @return the {@code NodeProto}
   */
  public static ProtoWriter treeNode(XgbModel model, String input, String label,
      String probabilities) {
    boolean binary = model.objective() == XgbModel.Objective.BINARY_LOGISTIC;
    int classes = model.numClasses();
    List<Long> treeIds = new ArrayList<>();
    List<Long> nodeIds = new ArrayList<>();
    List<Long> featureIds = new ArrayList<>();
    List<String> modes = new ArrayList<>();
    List<Float> values = new ArrayList<>();
    List<Long> trueIds = new ArrayList<>();
    List<Long> falseIds = new ArrayList<>();
    List<Long> missingTrue = new ArrayList<>();
    List<Long> cTree = new ArrayList<>();
    List<Long> cNode = new ArrayList<>();
    List<Long> cId = new ArrayList<>();
    List<Float> cWeight = new ArrayList<>();

    List<XgbModel.Tree> trees = model.trees();
    for (int t = 0; t < trees.size(); t++) {
      XgbModel.Tree tree = trees.get(t);
      for (int i = 0; i < tree.size(); i++) {
        if (!tree.reachable()[i]) {
          continue;
        }
        treeIds.add((long) t);
        nodeIds.add((long) i);
        if (tree.leaf(i)) {
          featureIds.add(0L);
          modes.add("LEAF");
          values.add(0f);
          trueIds.add(0L);
          falseIds.add(0L);
          missingTrue.add(0L);
          float w = tree.value()[i];
          if (binary) {
            addWeight(cTree, cNode, cId, cWeight, t, i, 1, w);
          } else {
            addWeight(cTree, cNode, cId, cWeight, t, i, tree.group(), w);
          }
        } else {
          featureIds.add((long) tree.feature()[i]);
          modes.add("BRANCH_LT");
          values.add(tree.value()[i]);
          trueIds.add((long) tree.left()[i]);
          falseIds.add((long) tree.right()[i]);
          missingTrue.add(tree.defaultLeft()[i] ? 1L : 0L);
        }
      }
    }
    int treeClasses = binary ? 3 : classes;
    float[] base = new float[treeClasses];
    float margin = model.baseMargin();
    if (binary) {
      base[0] = 0f;
      base[1] = margin;
      base[2] = BINARY_PADDING;
    } else {
      base = model.baseMargins();
    }
    long[] labels = new long[treeClasses];
    for (int k = 0; k < treeClasses; k++) {
      labels[k] = k;
    }

    ProtoWriter node = new ProtoWriter();
    node.string(1, input);
    node.string(2, label);
    node.string(2, probabilities);
    node.string(3, "trees");
    node.string(4, "TreeEnsembleClassifier");
    node.message(5, floats("base_values", toFloats(base)));
    node.message(5, ints("class_ids", cId));
    node.message(5, ints("class_nodeids", cNode));
    node.message(5, ints("class_treeids", cTree));
    node.message(5, floats("class_weights", cWeight));
    node.message(5, ints("classlabels_int64s", toList(labels)));
    node.message(5, ints("nodes_falsenodeids", falseIds));
    node.message(5, ints("nodes_featureids", featureIds));
    node.message(5, ints("nodes_missing_value_tracks_true", missingTrue));
    node.message(5, strings("nodes_modes", modes));
    node.message(5, ints("nodes_nodeids", nodeIds));
    node.message(5, ints("nodes_treeids", treeIds));
    node.message(5, ints("nodes_truenodeids", trueIds));
    node.message(5, floats("nodes_values", values));
    node.message(5, new ProtoWriter().string(1, "post_transform").string(4, "SOFTMAX")
        .int64(20, 3));
    node.string(7, "ai.onnx.ml");

    return node;
  }

  /**
   * Exports to a file, written to a temporary sibling and moved into place so a reader never sees
   * half a model.
   *
   * @param model the trees
   * @param onnx the target file, e.g. {@code model.onnx} in a model package
   * @throws IOException if the file cannot be written
   */
  public static void write(XgbModel model, Path onnx) throws IOException {
    byte[] bytes = export(model);
    Path abs = onnx.toAbsolutePath();
    Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void addWeight(List<Long> tree, List<Long> node, List<Long> id,
      List<Float> weight, int t, int i, int cls, float w) {
    tree.add((long) t);
    node.add((long) i);
    id.add((long) cls);
    weight.add(w);
  }

  /** A one-element int64 tensor (an initializer). */
  private static ProtoWriter int64Tensor(String name, long v) {
    byte[] raw = new byte[8];
    for (int k = 0; k < 8; k++) {
      raw[k] = (byte) (v >>> (8 * k));
    }
    return new ProtoWriter().int64(1, 1).int64(2, INT64).string(8, name).bytes(9, raw);
  }

  private static ProtoWriter ints(String name, List<Long> v) {
    ProtoWriter w = new ProtoWriter().string(1, name);
    for (long x : v) {
      w.int64(8, x);
    }
    return w.int64(20, 7);
  }

  private static ProtoWriter floats(String name, List<Float> v) {
    ProtoWriter w = new ProtoWriter().string(1, name);
    for (float x : v) {
      w.float32(7, x);
    }
    return w.int64(20, 6);
  }

  private static ProtoWriter strings(String name, List<String> v) {
    ProtoWriter w = new ProtoWriter().string(1, name);
    for (String x : v) {
      w.string(9, x);
    }
    return w.int64(20, 8);
  }

  private static List<Float> toFloats(float[] a) {
    List<Float> l = new ArrayList<>(a.length);
    for (float x : a) {
      l.add(x);
    }
    return l;
  }

  private static List<Long> toList(long[] a) {
    List<Long> l = new ArrayList<>(a.length);
    for (long x : a) {
      l.add(x);
    }
    return l;
  }

  /** A tensor type with symbolic batch dimension {@code N} followed by {@code dims}. */
  private static ProtoWriter valueInfo(String name, int elemType, long... dims) {
    ProtoWriter shape = new ProtoWriter();
    shape.message(1, new ProtoWriter().string(2, "N"));
    for (long d : dims) {
      shape.message(1, new ProtoWriter().int64(1, d));
    }
    ProtoWriter tensorType = new ProtoWriter().int64(1, elemType).message(2, shape);
    ProtoWriter type = new ProtoWriter().message(1, tensorType);
    return new ProtoWriter().string(1, name).message(2, type);
  }
}
