package dev.ecg.models.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What a {@link BlockConverter} sees of the export in progress: the graph to add nodes to, the
 * values of a block's parameters, and recursion into child blocks.
 */
public final class ExportContext {

  private final OnnxGraph graph;
  private final BiFunction<Block, GraphValue, GraphValue> recurse;

  ExportContext(OnnxGraph graph, BiFunction<Block, GraphValue, GraphValue> recurse) {
    this.graph = graph;
    this.recurse = recurse;
  }

  /**
   * Names of rank-3 values {@code [N, C, L]} that the graph holds as rank 4 {@code [N, C, 1, L]}
   * (see {@link OnnxExporter.Builder#optConv1dAs2d}); their {@link GraphValue#shape()} stays the
   * logical rank-3 shape.
   */
  private final Set<String> lifted = new HashSet<>();

  /**
   * @param v a value
   * @return whether the graph holds it as {@code [N, C, 1, L]}
   */
  boolean isLifted(GraphValue v) {
    return lifted.contains(v.name());
  }

  /**
   * @param name a tensor name the graph holds as {@code [N, C, 1, L]}
   * @param shape its logical rank-3 shape
   * @return the value, marked as lifted
   */
  GraphValue lifted(String name, long[] shape) {
    lifted.add(name);
    return new GraphValue(name, shape);
  }

  /**
   * @param v a value
   * @return {@code v} as a plain rank-3 tensor ({@code Squeeze} of axis 2 if it was lifted)
   */
  GraphValue lower(GraphValue v) {
    if (!isLifted(v)) {
      return v;
    }
    String axes = graph.int64Init("axes", new long[] {1}, new long[] {2});
    return new GraphValue(graph.node("Squeeze", List.of(v.name(), axes)), v.shape());
  }

  /**
   * @param v a rank-3 value
   * @return {@code v} held as {@code [N, C, 1, L]} ({@code Unsqueeze} of axis 2 unless it is)
   */
  GraphValue lift(GraphValue v) {
    if (isLifted(v)) {
      return v;
    }
    String axes = graph.int64Init("axes", new long[] {1}, new long[] {2});
    return lifted(graph.node("Unsqueeze", List.of(v.name(), axes)), v.shape());
  }

  /** @return the graph being built */
  public OnnxGraph graph() {
    return graph;
  }

  /**
   * Converts a child block with the exporter's registry.
   *
   * @param child a child block
   * @param input its input
   * @return its output
   */
  public GraphValue convert(Block child, GraphValue input) {
    return recurse.apply(child, input);
  }

  /**
   * @param block a block
   * @param key a parameter name ({@code weight}, {@code gamma}, {@code l_0_i2h_WEIGHT}, ...),
   *     matched exactly or as the suffix after an underscore
   * @return the parameter's array
   * @throws OnnxExportException if the block has no such initialized parameter
   */
  public NDArray param(Block block, String key) {
    for (Pair<String, Parameter> p : block.getDirectParameters()) {
      String n = p.getKey();
      if (n.equals(key) || n.endsWith("_" + key)) {
        Parameter par = p.getValue();
        if (!par.isInitialized()) {
          throw new OnnxExportException("parameter " + n + " of " + describe(block)
              + " is not initialized; initialize or load the block before export");
        }
        return par.getArray();
      }
    }
    throw new OnnxExportException(describe(block) + " has no parameter '" + key + "'");
  }

  /**
   * @param block a block
   * @param key parameter name as in {@link #param}
   * @return whether the block has that parameter
   */
  public boolean hasParam(Block block, String key) {
    for (Pair<String, Parameter> p : block.getDirectParameters()) {
      if (p.getKey().equals(key) || p.getKey().endsWith("_" + key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds a parameter as a float initializer with its own shape.
   *
   * @param block a block
   * @param key parameter name
   * @return the initializer's tensor name
   */
  public String weight(Block block, String key) {
    NDArray a = param(block, key);
    return graph.floatInit(key, a.getShape().getShape(), a.toFloatArray());
  }

  /**
   * @param shape a shape with batch first
   * @param dims dimensions to list
   * @return a list of dims, for messages
   */
  static List<Long> dims(long[] shape, int... dims) {
    List<Long> out = new ArrayList<>();
    for (int d : dims) {
      out.add(shape[d]);
    }
    return out;
  }

  static String describe(Block b) {
    String name = b instanceof ai.djl.nn.LambdaBlock lb ? " '" + lb.getName() + "'" : "";
    return b.getClass().getSimpleName() + name;
  }
}
