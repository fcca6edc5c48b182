package dev.ecg.models.trees;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A gradient-boosted tree ensemble read from XGBoost's own JSON model format
 * ({@code Booster.saveModel("model.json")} in XGBoost4J, {@code save_model("model.json")} in
 * Python), with a pure-Java reference prediction. XGBoost itself is never needed to read or
 * predict: it is only the trainer.
 *
 * <p>Supported: the {@code gbtree} booster with numerical splits, objectives
 * {@code multi:softprob} and {@code binary:logistic}, missing values (NaN), several parallel trees
 * per round. Rejected with an {@link EcgArgumentException} that names the member: other
 * objectives and boosters ({@code dart}, {@code gblinear}), categorical splits, vector-valued
 * {@code base_score} (XGBoost 3.1+ multi-target intercepts), inconsistent arrays, children that
 * form a cycle or share a parent, trees deeper than {@value #MAX_DEPTH} levels, and sizes over the
 * caps ({@value #MAX_JSON_BYTES} bytes of JSON, {@value #MAX_TOTAL_NODES} nodes,
 * {@value #MAX_TREES} trees, {@value #MAX_FEATURES} features, {@value #MAX_CLASSES} classes),
 * so a hostile file cannot exhaust time or memory.
 *
 * <h2>Prediction, as XGBoost 3.0 defines it</h2>
 * A row descends each tree from node 0: at a split on feature {@code j} with threshold
 * {@code t} it goes to the left child when {@code x[j] < t}, to the right child otherwise, and
 * to the child named by {@code default_left} when {@code x[j]} is NaN (missing). The leaf value
 * ({@code split_conditions} of a leaf, the learning rate already applied) is added to the margin
 * of the tree's class ({@code tree_info}). The margin starts at the base margin, which XGBoost
 * stores in {@code learner_model_param.base_score} in probability space and maps with the
 * objective's {@code ProbToMargin}: the logit {@code ln(b / (1 - b))} for
 * {@code binary:logistic}, the identity for {@code multi:softprob} (the same {@code b} for every
 * class, which softmax then cancels). The probabilities are the softmax of the class margins, or
 * {@code [1 - s, s]} with {@code s} the logistic sigmoid of the margin for binary models (two
 * columns, class 0 then class 1, unlike XGBoost's one column). Chen and Guestrin, "XGBoost: a
 * scalable tree boosting system", KDD 2016.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class XgbModel {

  /** Deepest tree accepted (edges from the root to the deepest leaf). */
  public static final int MAX_DEPTH = 64;
  /** Largest JSON file {@link #read(Path)} accepts, in bytes (64 MiB). */
  public static final long MAX_JSON_BYTES = 64L << 20;
  /** Most nodes accepted over all trees. */
  public static final int MAX_TOTAL_NODES = 4_000_000;
  /** Most trees accepted. */
  public static final int MAX_TREES = 1_000_000;
  /** Most input features accepted. */
  public static final int MAX_FEATURES = 1_000_000;
  /** Most classes accepted. */
  public static final int MAX_CLASSES = 10_000;

  /** The learning objectives this reader understands. */
  public enum Objective {
    /** {@code multi:softprob}: one tree per class and round, softmax of the class margins. */
    MULTI_SOFTPROB("multi:softprob"),
    /** {@code binary:logistic}: one tree per round, logistic sigmoid of the margin. */
    BINARY_LOGISTIC("binary:logistic");

    private final String xgbName;

    Objective(String xgbName) {
      this.xgbName = xgbName;
    }

    /** @return the name XGBoost uses, e.g. {@code multi:softprob} */
    public String xgbName() {
      return xgbName;
    }
  }

  /**
   * One regression tree in XGBoost's array layout, restricted to the nodes reachable from the root
   * (node 0). For a leaf {@code left[i] == -1} and {@code value[i]} is the leaf value; for a split
   * {@code value[i]} is the threshold and {@code feature[i]} the feature index.
   *
   * @param group the class (output group) the tree adds to: 0 for binary models
   * @param left left child of each node, -1 for a leaf
   * @param right right child of each node, -1 for a leaf
   * @param feature split feature of each node (0 for a leaf)
   * @param value threshold of a split, or leaf value
   * @param defaultLeft whether a missing (NaN) value goes to the left child
   * @param reachable whether the node is reachable from the root (deleted nodes are not)
   */
  record Tree(int group, int[] left, int[] right, int[] feature, float[] value,
      boolean[] defaultLeft, boolean[] reachable) {

    /** @return the number of nodes, reachable or not */
    int size() {
      return left.length;
    }

    /** @return whether node {@code i} is a leaf */
    boolean leaf(int i) {
      return left[i] < 0;
    }

    float leafFor(float[] row) {
      int i = 0;
      while (left[i] >= 0) {
        float x = row[feature[i]];
        if (Float.isNaN(x)) {
          i = defaultLeft[i] ? left[i] : right[i];
        } else {
          i = x < value[i] ? left[i] : right[i];
        }
      }
      return value[i];
    }
  }

  private final Objective objective;
  private final int numFeatures;
  private final int numGroups;
  private final float baseScore;
  private final List<String> featureNames;
  private final List<Tree> trees;
  private final int totalNodes;
  private final String where;
  /** Per-group additive margin offsets (decision offsets), or null. */
  private final float[] groupOffsets;

  private XgbModel(Objective objective, int numFeatures, int numGroups, float baseScore,
      List<String> featureNames, List<Tree> trees, int totalNodes, String where) {
    this(objective, numFeatures, numGroups, baseScore, featureNames, trees, totalNodes, where,
        null);
  }

  private XgbModel(Objective objective, int numFeatures, int numGroups, float baseScore,
      List<String> featureNames, List<Tree> trees, int totalNodes, String where,
      float[] groupOffsets) {
    this.groupOffsets = groupOffsets;
    this.objective = objective;
    this.numFeatures = numFeatures;
    this.numGroups = numGroups;
    this.baseScore = baseScore;
    this.featureNames = featureNames;
    this.trees = trees;
    this.totalNodes = totalNodes;
    this.where = where;
  }

  /**
   * Reads an XGBoost JSON model file.
   *
   * @param json the file {@code Booster.saveModel} wrote (name ending in {@code .json})
   * @return the validated model
   * @throws IOException if the file cannot be read
   * @throws EcgArgumentException if it is larger than {@value #MAX_JSON_BYTES} bytes, not valid
   *     JSON, or not a supported XGBoost model (the message names the file and the member)
   */
  public static XgbModel read(Path json) throws IOException {
    long size = Files.size(json);
    if (size > MAX_JSON_BYTES) {
      throw new EcgArgumentException(json + ": " + size + " bytes, more than the "
          + MAX_JSON_BYTES + " an XGBoost JSON model may have here");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(json)) {
      bytes = in.readNBytes((int) MAX_JSON_BYTES + 1);
    }
    if (bytes.length > MAX_JSON_BYTES) {
      throw new EcgArgumentException(json + ": grew beyond " + MAX_JSON_BYTES + " bytes");
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), json.toString());
  }

  /**
   * Parses the text of an XGBoost JSON model.
   *
   * @param text the JSON text
   * @param where how to name it in messages, e.g. the file name
   * @return the validated model
   * @throws EcgArgumentException if the text is not valid JSON or not a supported XGBoost model
   *     (the message names {@code where} and the member)
   */
  public static XgbModel parse(String text, String where) {
    if (text == null || where == null) {
      throw new EcgArgumentException("XgbModel.parse: text and where must not be null");
    }
    if (text.length() > MAX_JSON_BYTES) {
      throw new EcgArgumentException(where + ": " + text.length()
          + " characters, more than the " + MAX_JSON_BYTES + " accepted");
    }
    Object root;
    try {
      root = JsonReader.parse(text);
    } catch (EcgArgumentException e) {
      throw new EcgArgumentException(where + ": not valid JSON: " + e.getMessage(), e);
    }
    JsonFields top = JsonFields.of(root, where);
    checkVersion(top);
    JsonFields learner = top.object("learner");
    JsonFields obj = learner.object("objective");
    String objName = obj.string("name");
    Objective objective = null;
    for (Objective o : Objective.values()) {
      if (o.xgbName.equals(objName)) {
        objective = o;
      }
    }
    if (objective == null) {
      throw new EcgArgumentException(obj.where() + ".name: objective \"" + objName
          + "\" is not supported; train with multi:softprob (several classes) or binary:logistic");
    }
    JsonFields param = learner.object("learner_model_param");
    int numFeatures = (int) stringWhole(param, "num_feature", 1, MAX_FEATURES);
    int numClass = (int) stringWhole(param, "num_class", 0, MAX_CLASSES);
    if (param.has("num_target")) {
      stringWhole(param, "num_target", 1, 1); // multi-target regression trees are not supported
    }
    int numGroups;
    if (objective == Objective.MULTI_SOFTPROB) {
      if (numClass < 2) {
        throw new EcgArgumentException(param.where() + ".num_class: multi:softprob needs at"
            + " least 2 classes, got " + numClass);
      }
      numGroups = numClass;
    } else {
      if (numClass > 1) {
        throw new EcgArgumentException(param.where() + ".num_class: binary:logistic needs 0 or 1,"
            + " got " + numClass);
      }
      numGroups = 1;
    }
    float baseScore = baseScore(param, objective);
    List<String> names = featureNames(learner, numFeatures);

    JsonFields booster = learner.object("gradient_booster");
    String boosterName = booster.string("name");
    if (!"gbtree".equals(boosterName)) {
      throw new EcgArgumentException(booster.where() + ".name: booster \"" + boosterName
          + "\" is not supported; only gbtree (dart and gblinear are not)");
    }
    JsonFields model = booster.object("model");
    JsonFields gbParam = model.object("gbtree_model_param");
    int numTrees = (int) stringWhole(gbParam, "num_trees", 1, MAX_TREES);
    List<?> treeList = rawList(model, "trees", numTrees, numTrees);
    List<?> treeInfo = rawList(model, "tree_info", numTrees, numTrees);
    List<Tree> trees = new ArrayList<>(numTrees);
    long total = 0;
    for (int t = 0; t < numTrees; t++) {
      String tw = model.where() + ".trees[" + t + "]";
      int group = (int) whole(treeInfo.get(t), model.where() + ".tree_info[" + t + "]", 0,
          numGroups - 1);
      Tree tree = tree(JsonFields.of(treeList.get(t), tw), t, group, numFeatures,
          MAX_TOTAL_NODES - total);
      total += tree.size();
      trees.add(tree);
    }
    return new XgbModel(objective, numFeatures, numGroups, baseScore, names,
        Collections.unmodifiableList(trees), (int) total, where);
  }

  private static void checkVersion(JsonFields top) {
    if (!top.has("version")) {
      return;
    }
    List<?> v = rawList(top, "version", 1, 3);
    long major = whole(v.get(0), top.where() + ".version[0]", 0, Long.MAX_VALUE);
    if (major < 1 || major > 3) {
      throw new EcgArgumentException(top.where() + ".version: XGBoost " + v
          + " is not supported; models of XGBoost 1.x to 3.0 are");
    }
  }

  private static float baseScore(JsonFields param, Objective objective) {
    Object v = param.map().get("base_score");
    double b;
    String w = param.where() + ".base_score";
    if (v instanceof String s) {
      if (s.startsWith("[")) {
        throw new EcgArgumentException(w + ": a vector base_score (" + clip(s) + ", XGBoost 3.1+)"
            + " is not supported; save the model with XGBoost 3.0");
      }
      try {
        b = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw new EcgArgumentException(w + ": expected a number in a string, got \"" + clip(s)
            + "\"", e);
      }
    } else if (v instanceof Number n) {
      b = n.doubleValue();
    } else {
      throw new EcgArgumentException(w + ": expected a number (as a string), got "
          + describe(v));
    }
    if (!Double.isFinite(b)) {
      throw new EcgArgumentException(w + ": must be finite, got " + b);
    }
    if (objective == Objective.BINARY_LOGISTIC && !(b > 0 && b < 1)) {
      throw new EcgArgumentException(w + ": binary:logistic needs a probability in (0, 1), got "
          + b);
    }
    return (float) b;
  }

  private static List<String> featureNames(JsonFields learner, int numFeatures) {
    Object v = learner.map().get("feature_names");
    if (v == null || (v instanceof List<?> l && l.isEmpty())) {
      return List.of();
    }
    List<String> names = learner.stringList("feature_names");
    if (names.size() != numFeatures) {
      throw new EcgArgumentException(learner.where() + ".feature_names: " + names.size()
          + " names for " + numFeatures + " features");
    }
    return List.copyOf(names);
  }

  private static Tree tree(JsonFields f, int index, int group, int numFeatures, long budget) {
    String w = f.where();
    if (f.has("id")) {
      whole(f.map().get("id"), w + ".id", index, index);
    }
    JsonFields tp = f.object("tree_param");
    long declared = stringWhole(tp, "num_nodes", 1, Integer.MAX_VALUE);
    if (declared > budget) {
      throw new EcgArgumentException(tp.where() + ".num_nodes: " + declared + " nodes would pass"
          + " the cap of " + MAX_TOTAL_NODES + " nodes over all trees");
    }
    if (tp.has("size_leaf_vector")) {
      long slv = stringWhole(tp, "size_leaf_vector", 0, Long.MAX_VALUE);
      if (slv > 1) {
        throw new EcgArgumentException(tp.where() + ".size_leaf_vector: vector leaves ("
            + slv + ") are not supported");
      }
    }
    int n = (int) declared;
    List<?> left = rawList(f, "left_children", n, n);
    List<?> right = rawList(f, "right_children", n, n);
    List<?> feat = rawList(f, "split_indices", n, n);
    List<?> cond = rawList(f, "split_conditions", n, n);
    List<?> defLeft = rawList(f, "default_left", n, n);
    if (f.has("base_weights")) {
      rawList(f, "base_weights", n, n);
    }
    if (f.has("split_type")) {
      List<?> st = rawList(f, "split_type", n, n);
      for (int i = 0; i < n; i++) {
        if (whole(st.get(i), w + ".split_type[" + i + "]", 0, 1) != 0) {
          throw new EcgArgumentException(w + ".split_type[" + i + "]: categorical splits are not"
              + " supported; encode categories as numbers");
        }
      }
    }
    int[] l = new int[n];
    int[] r = new int[n];
    int[] fi = new int[n];
    float[] val = new float[n];
    boolean[] dl = new boolean[n];
    int[] parents = new int[n];
    java.util.Arrays.fill(parents, -1);
    for (int i = 0; i < n; i++) {
      l[i] = (int) whole(left.get(i), w + ".left_children[" + i + "]", -1, n - 1);
      r[i] = (int) whole(right.get(i), w + ".right_children[" + i + "]", -1, n - 1);
      if ((l[i] < 0) != (r[i] < 0)) {
        throw new EcgArgumentException(w + ": node " + i + " has one child (left " + l[i]
            + ", right " + r[i] + "); a node is a leaf (-1, -1) or has two");
      }
      double c = number(cond.get(i), w + ".split_conditions[" + i + "]");
      val[i] = (float) c;
      if (l[i] >= 0) {
        if (l[i] == r[i] || l[i] == 0 || r[i] == 0 || l[i] == i || r[i] == i) {
          throw new EcgArgumentException(w + ": node " + i + " has children " + l[i] + " and "
              + r[i] + "; children must be two distinct nodes other than itself and the root");
        }
        for (int child : new int[] {l[i], r[i]}) {
          if (parents[child] >= 0) {
            throw new EcgArgumentException(w + ": node " + child + " is a child of both node "
                + parents[child] + " and node " + i + " (not a tree)");
          }
          parents[child] = i;
        }
        fi[i] = (int) whole(feat.get(i), w + ".split_indices[" + i + "]", 0, numFeatures - 1);
      }
      Object d = defLeft.get(i);
      if (d instanceof Boolean bb) {
        dl[i] = bb;
      } else {
        dl[i] = whole(d, w + ".default_left[" + i + "]", 0, 1) == 1;
      }
    }
    // Every node has at most one parent and the root none, so the walk below meets each
    // reachable node once: no cycle can be reached. Depth is bounded on the way.
    boolean[] reach = new boolean[n];
    int[] stack = new int[n];
    int[] depth = new int[n];
    int sp = 0;
    stack[sp++] = 0;
    reach[0] = true;
    while (sp > 0) {
      int i = stack[--sp];
      if (l[i] < 0) {
        continue;
      }
      if (depth[i] + 1 > MAX_DEPTH) {
        throw new EcgArgumentException(w + ": deeper than " + MAX_DEPTH + " levels at node "
            + i);
      }
      for (int child : new int[] {l[i], r[i]}) {
        depth[child] = depth[i] + 1;
        reach[child] = true;
        stack[sp++] = child;
      }
    }
    return new Tree(group, l, r, fi, val, dl, reach);
  }

  /** The list member {@code key}, without copying, with a size checked before use. */
  private static List<?> rawList(JsonFields f, String key, int min, int max) {
    Object v = f.map().get(key);
    if (!(v instanceof List<?> l)) {
      throw new EcgArgumentException(f.where() + "." + key + ": expected an array, got "
          + describe(v));
    }
    if (l.size() < min || l.size() > max) {
      throw new EcgArgumentException(f.where() + "." + key + ": " + l.size()
          + " entries, expected " + (min == max ? String.valueOf(min) : min + " to " + max));
    }
    return l;
  }

  /** XGBoost writes model parameters as numbers inside strings, e.g. {@code "num_class": "3"}. */
  private static long stringWhole(JsonFields f, String key, long min, long max) {
    Object v = f.map().get(key);
    String w = f.where() + "." + key;
    if (v instanceof String s) {
      long x;
      try {
        x = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw new EcgArgumentException(w + ": expected a whole number in a string, got \""
            + clip(s) + "\"", e);
      }
      return check(x, w, min, max);
    }
    return whole(v, w, min, max);
  }

  private static long whole(Object v, String w, long min, long max) {
    if (!(v instanceof Number n)) {
      throw new EcgArgumentException(w + ": expected a whole number, got " + describe(v));
    }
    double d = n.doubleValue();
    if (d != Math.rint(d) || Double.isInfinite(d)) {
      throw new EcgArgumentException(w + ": expected a whole number, got " + n);
    }
    return check(n.longValue(), w, min, max);
  }

  private static long check(long x, String w, long min, long max) {
    if (x < min || x > max) {
      throw new EcgArgumentException(w + ": " + x + " is outside [" + min + ", " + max + "]");
    }
    return x;
  }

  private static double number(Object v, String w) {
    if (!(v instanceof Number n)) {
      throw new EcgArgumentException(w + ": expected a number, got " + describe(v));
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d) || !Float.isFinite((float) d)) {
      throw new EcgArgumentException(w + ": " + d + " is not a finite float");
    }
    return d;
  }

  private static String describe(Object v) {
    if (v == null) {
      return "nothing (missing or null)";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof String s) {
      return "the string \"" + clip(s) + "\"";
    }
    return v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + v;
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** @return the objective */
  public Objective objective() {
    return objective;
  }

  /** @return the number of input features a row must have */
  public int numFeatures() {
    return numFeatures;
  }

  /**
   * @return the number of probability columns: {@code num_class} for {@code multi:softprob}, 2
   *     for {@code binary:logistic}
   */
  public int numClasses() {
    return objective == Objective.BINARY_LOGISTIC ? 2 : numGroups;
  }

  /** @return the number of margins the trees add to: classes, or 1 for a binary model */
  public int numGroups() {
    return numGroups;
  }

  /** @return {@code base_score} as XGBoost stores it (probability space) */
  public float baseScore() {
    return baseScore;
  }

  /**
   * @return the base margin every group starts from: {@code ln(b / (1 - b))} for
   *     {@code binary:logistic}, {@code b} itself for {@code multi:softprob}
   */
  public float baseMargin() {
    if (objective == Objective.BINARY_LOGISTIC) {
      return (float) Math.log(baseScore / (1.0 - baseScore));
    }
    return baseScore;
  }

  /**
   * A copy whose class margins are shifted by fixed offsets before the softmax: decision offsets
   * on log-probabilities ({@code dev.ecg.core.metrics.DecisionOffsets}), since
   * {@code log p_c = margin_c - logsumexp(margins)}. The ONNX export carries them in the
   * ensemble's base values.
   *
   * @param offsets one finite offset per class
   * @return the shifted model
   * @throws EcgArgumentException for a binary model or a wrong count
   */
  public XgbModel withClassOffsets(double[] offsets) {
    if (objective == Objective.BINARY_LOGISTIC) {
      throw new EcgArgumentException("XgbModel " + where + ": class offsets need a "
          + "multi-class model");
    }
    if (offsets == null || offsets.length != numGroups) {
      throw new EcgArgumentException("XgbModel " + where + ": need " + numGroups
          + " offsets, got " + (offsets == null ? "null" : offsets.length));
    }
    float[] g = new float[numGroups];
    for (int k = 0; k < g.length; k++) {
      if (!Double.isFinite(offsets[k])) {
        throw new EcgArgumentException("XgbModel " + where + ": offset " + k + " is "
            + offsets[k]);
      }
      g[k] = (float) offsets[k] + (groupOffsets == null ? 0f : groupOffsets[k]);
    }
    return new XgbModel(objective, numFeatures, numGroups, baseScore, featureNames, trees,
        totalNodes, where, g);
  }

  /**
   * @return the margin each group starts from: {@link #baseMargin()} plus the group's offset
   *     from {@link #withClassOffsets}
   */
  public float[] baseMargins() {
    float[] b = new float[numGroups];
    for (int k = 0; k < numGroups; k++) {
      b[k] = baseMargin() + (groupOffsets == null ? 0f : groupOffsets[k]);
    }
    return b;
  }

  /** @return the feature names saved with the model, or an empty list when it has none */
  public List<String> featureNames() {
    return featureNames;
  }

  /** @return the trees in XGBoost's order */
  List<Tree> trees() {
    return trees;
  }

  /** @return the number of trees (rounds times groups times parallel trees) */
  public int numTrees() {
    return trees.size();
  }

  /** @return the number of nodes over all trees, reachable or not */
  public int totalNodes() {
    return totalNodes;
  }

  /** @return how the source was named (file name) */
  public String source() {
    return where;
  }

  private void checkRow(float[] row) {
    if (row == null || row.length != numFeatures) {
      throw new EcgArgumentException("XgbModel " + where + ": a row needs " + numFeatures
          + " features (NaN for missing), got " + (row == null ? "null" : row.length));
    }
  }

  /**
   * The raw margins: base margin plus the sum of the leaf values of each group's trees.
   *
   * @param row {@link #numFeatures()} values, NaN for missing
   * @return one margin per group ({@link #numGroups()})
   * @throws EcgArgumentException if the row has the wrong length
   */
  public float[] predictMargin(float[] row) {
    checkRow(row);
    double[] m = new double[numGroups];
    for (Tree t : trees) {
      m[t.group] += t.leafFor(row);
    }
    float[] base = baseMargins();
    float[] out = new float[numGroups];
    for (int g = 0; g < numGroups; g++) {
      out[g] = (float) (base[g] + m[g]);
    }
    return out;
  }

  /**
   * Class probabilities, the reference for the ONNX export.
   *
   * @param row {@link #numFeatures()} values, NaN for missing
   * @return {@link #numClasses()} probabilities summing to 1: the softmax of the margins, or
   *     {@code [1 - s, s]} for {@code binary:logistic}
   * @throws EcgArgumentException if the row has the wrong length
   */
  public float[] predictProba(float[] row) {
    float[] m = predictMargin(row);
    if (objective == Objective.BINARY_LOGISTIC) {
      double s = 1.0 / (1.0 + Math.exp(-m[0]));
      return new float[] {(float) (1.0 - s), (float) s};
    }
    double max = Double.NEGATIVE_INFINITY;
    for (float v : m) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] e = new double[m.length];
    for (int k = 0; k < m.length; k++) {
      e[k] = Math.exp(m[k] - max);
      sum += e[k];
    }
    float[] p = new float[m.length];
    for (int k = 0; k < m.length; k++) {
      p[k] = (float) (e[k] / sum);
    }
    return p;
  }

  @Override
  public String toString() {
    return "XgbModel[" + objective.xgbName + ", " + numClasses() + " classes, " + numFeatures
        + " features, " + trees.size() + " trees, " + totalNodes + " nodes, base_score "
        + baseScore + "]";
  }
}
