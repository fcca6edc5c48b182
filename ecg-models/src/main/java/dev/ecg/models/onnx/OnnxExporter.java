package dev.ecg.models.onnx;

import static dev.ecg.models.onnx.OnnxGraph.f;
import static dev.ecg.models.onnx.OnnxGraph.i;
import static dev.ecg.models.onnx.OnnxGraph.ints;
import static dev.ecg.models.onnx.OnnxGraph.s;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RecurrentBlock;
import dev.ecg.core.EcgArgumentException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Exports an initialized DJL block tree to an ONNX model (opset 17) in pure Java, with no protoc
 * and no Python.
 *
 * <p>The graph has one input {@code input} of shape {@code [batch, leads, length]} (batch is
 * symbolic) and one output: {@code logits} {@code [batch, classes]} by default, or
 * {@code probabilities} (a final {@code Softmax}) when built with {@code optSoftmax(true)}.
 *
 * <p>Built-in converters: {@code SequentialBlock}; {@code ParallelBlock} whose join function is
 * element-wise sum or concatenation (recognised by probing the function on random arrays);
 * {@code Conv1d}/{@code Conv2d}; {@code BatchNorm} (inference: running statistics, any axis);
 * {@code Linear}; one-way, single- or multi-layer {@code LSTM} (PyTorch/DJL gate
 * order i,f,g,o reordered to ONNX's i,o,f,c); {@code Dropout} (identity); and the
 * {@code LambdaBlock}s DJL names {@code ReLU, ReLU6, sigmoid, Tanh, softPlus, softSign, LeakyReLU,
 * ELU, SELU, GELU, Swish, Mish, identity, batchFlatten, maxPool1d/2d, avgPool1d/2d,
 * globalMaxPool1d/2d, globalAvgPool1d/2d}. Pooling and activation parameters are read from the
 * lambda's captured arguments. The named blocks of {@code dev.ecg.models.nn} ({@code Flatten,
 * Transpose, ReverseTime, BiLstm, Residual, GlobalAvgPool, MaxPool, Pad1d, Relu}) are covered
 * too. The export reproduces what DJL 0.36 on PyTorch computes, which
 * differs from the textbook in two places: {@code Mish} uses a base-2 softplus, and average
 * pooling always counts padding. Other blocks need a converter registered on the {@link Builder}.
 *
 * <pre>{@code
 * byte[] onnx = OnnxExporter.builder().build().export(block, 1, 187);
 * }</pre>
 */
public final class OnnxExporter {

  /** Name of the graph input. */
  public static final String INPUT = "input";
  /** Name of the graph output without softmax. */
  public static final String LOGITS = "logits";
  /** Name of the graph output with softmax. */
  public static final String PROBABILITIES = "probabilities";

  private final Map<Class<?>, BlockConverter> byClass;
  private final Map<String, BlockConverter> byLambda;
  private final Set<BlockConverter> liftAware;
  private final boolean softmax;
  private final boolean conv1dAs2d;

  private OnnxExporter(Builder b) {
    this.byClass = new LinkedHashMap<>(b.byClass);
    this.byLambda = new LinkedHashMap<>(b.byLambda);
    this.liftAware = Collections.newSetFromMap(new IdentityHashMap<>());
    this.liftAware.addAll(b.liftAware);
    this.softmax = b.softmax;
    this.conv1dAs2d = b.conv1dAs2d;
  }

  /** @return whether 1-D convolution stacks are written as 2-D ({@code [N, C, 1, L]}) */
  public boolean conv1dAs2d() {
    return conv1dAs2d;
  }

  /** @return a builder preloaded with the built-in converters */
  public static Builder builder() {
    return new Builder();
  }

  /** @return whether the graph ends with a softmax (output {@code probabilities}) */
  public boolean softmax() {
    return softmax;
  }

  /**
   * Exports a block that maps {@code [batch, leads, length]} to {@code [batch, classes]}.
   *
   * @param block an initialized block (parameters present)
   * @param leads input channels
   * @param length samples per channel
   * @return the serialized ONNX {@code ModelProto}
   * @throws OnnxExportException if a block cannot be converted or the output is not rank 2
   */
  public byte[] export(Block block, int leads, int length) {
    if (leads < 1 || length < 1) {
      throw new EcgArgumentException("leads and length must be >= 1, got " + leads + ", "
          + length);
    }
    return export(block, new long[] {1, leads, length});
  }

  /**
   * Exports a block for an input of the given shape (dimension 0, the batch, becomes dynamic).
   *
   * @param block an initialized block
   * @param inputShape input shape with batch first
   * @return the serialized model
   * @throws OnnxExportException if a block cannot be converted or the output is not rank 2
   */
  public byte[] export(Block block, long[] inputShape) {
    return exportGraph(block, inputShape).toModel();
  }

  /**
   * A converted network before encoding: the graph with its input and output, which
   * {@link Int8Quantizer} reads to write the int8 twin.
   *
   * @param graph the graph
   * @param input input name
   * @param inputShape input shape, batch first
   * @param output output name
   * @param outputShape output shape, batch first
   * @param doc the model's doc string
   */
  public record Exported(OnnxGraph graph, String input, long[] inputShape, String output,
      long[] outputShape, String doc) {

    /** @return the serialized fp32 {@code ModelProto} */
    public byte[] toModel() {
      return graph.toModel("ecg", input, inputShape, output, outputShape, doc);
    }
  }

  /**
   * Converts a block without encoding it, for {@link Int8Quantizer}.
   *
   * @param block an initialized block
   * @param inputShape input shape with batch first
   * @return the graph and its input and output
   * @throws OnnxExportException if a block cannot be converted or the output is not rank 2
   */
  public Exported exportGraph(Block block, long[] inputShape) {
    OnnxGraph g = new OnnxGraph();
    GraphValue out = exportInto(g, block, new GraphValue(INPUT, inputShape));
    String outName = out.name();
    String finalName = softmax ? PROBABILITIES : LOGITS;
    if (softmax) {
      outName = g.node("Softmax", List.of(outName), i("axis", -1));
    }
    g.nodeMulti("Identity", List.of(outName), List.of(finalName));
    return new Exported(g, INPUT, inputShape.clone(), finalName, out.shape(),
        "exported by dev.ecg.models.onnx.OnnxExporter from " + block.getClass().getName());
  }

  /**
   * Converts a block into an existing graph, for models that put more after the network (a
   * network fused with a tree ensemble, see {@code dev.ecg.models.trees.HybridOnnxExporter}).
   * No softmax is added, whatever the builder says.
   *
   * @param g the graph
   * @param block an initialized block
   * @param input the value the block reads, {@code [batch, leads, length]} or the shape the
   *     block takes
   * @return the block's output, {@code [batch, classes]} (logits)
   * @throws OnnxExportException if a block cannot be converted or the output is not rank 2
   */
  public GraphValue exportInto(OnnxGraph g, Block block, GraphValue input) {
    Deque<String> path = new ArrayDeque<>();
    ExportContext[] ctx = new ExportContext[1];
    ctx[0] = new ExportContext(g, (child, in) -> convert(child, in, ctx[0], path));
    GraphValue in = input;
    if (conv1dAs2d && input.rank() == 3) {
      in = ctx[0].lift(in);
    }
    GraphValue out = ctx[0].convert(block, in);
    if (out.rank() != 2) {
      throw new OnnxExportException("the network must end in [batch, classes], but its output "
          + "has shape " + Arrays.toString(out.shape()));
    }
    return out;
  }

  /**
   * Exports to a file.
   *
   * @param block an initialized block
   * @param leads input channels
   * @param length samples per channel
   * @param file target {@code .onnx} file
   * @throws IOException if the file cannot be written
   */
  public void export(Block block, int leads, int length, Path file) throws IOException {
    Files.write(file, export(block, leads, length));
  }

  private GraphValue convert(Block b, GraphValue in, ExportContext ctx, Deque<String> path) {
    path.addLast(ExportContext.describe(b));
    try {
      BlockConverter c = find(b);
      if (c == null) {
        throw new OnnxExportException("no ONNX converter for " + ExportContext.describe(b)
            + " at " + String.join(" > ", path) + "; register one with "
            + "OnnxExporter.Builder.register(...) or registerLambda(...)");
      }
      if (ctx.isLifted(in) && !liftAware.contains(c)) {
        in = ctx.lower(in);
      }
      return c.convert(b, in, ctx);
    } finally {
      path.removeLast();
    }
  }

  private BlockConverter find(Block b) {
    if (b instanceof LambdaBlock lb && byLambda.containsKey(lb.getName())
        && !byClass.containsKey(b.getClass())) {
      return byLambda.get(lb.getName());
    }
    for (Class<?> c = b.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      BlockConverter conv = byClass.get(c);
      if (conv != null) {
        return conv;
      }
      if (c == LambdaBlock.class) {
        return null;
      }
    }
    return null;
  }

  // =============================================================== builder

  /** Registry of converters; starts with the built-ins. */
  public static final class Builder {
    private final Map<Class<?>, BlockConverter> byClass = new LinkedHashMap<>();
    private final Map<String, BlockConverter> byLambda = new LinkedHashMap<>();
    private final Set<BlockConverter> liftAware =
        Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean softmax;
    private boolean conv1dAs2d = true;

    private Builder() {
      byClass.put(SequentialBlock.class, aware(OnnxExporter::sequential));
      byClass.put(ParallelBlock.class, OnnxExporter::parallel);
      byClass.put(Conv1d.class, aware(OnnxExporter::conv));
      byClass.put(Conv2d.class, OnnxExporter::conv);
      byClass.put(BatchNorm.class, aware(OnnxExporter::batchNorm));
      byClass.put(Linear.class, OnnxExporter::linear);
      byClass.put(Dropout.class, aware((b, in, ctx) -> in));
      byClass.put(LSTM.class, OnnxExporter::lstm);
      EcgBlockConverters.registerAll(byClass, liftAware);
      unary("ReLU", "Relu");
      unary("sigmoid", "Sigmoid");
      unary("Tanh", "Tanh");
      unary("softPlus", "Softplus");
      unary("softSign", "Softsign");
      unary("SELU", "Selu");
      byLambda.put("identity", (b, in, ctx) -> in);
      byLambda.put("ReLU6", (b, in, ctx) -> {
        OnnxGraph g = ctx.graph();
        String lo = g.floatInit("zero", new long[0], new float[] {0f});
        String hi = g.floatInit("six", new long[0], new float[] {6f});
        return new GraphValue(g.node("Clip", List.of(in.name(), lo, hi)), in.shape());
      });
      byLambda.put("LeakyReLU", (b, in, ctx) -> new GraphValue(ctx.graph().node("LeakyRelu",
          List.of(in.name()), f("alpha", capturedFloat(b))), in.shape()));
      byLambda.put("ELU", (b, in, ctx) -> new GraphValue(ctx.graph().node("Elu",
          List.of(in.name()), f("alpha", capturedFloat(b))), in.shape()));
      byLambda.put("GELU", OnnxExporter::gelu);
      byLambda.put("Swish", (b, in, ctx) -> {
        OnnxGraph g = ctx.graph();
        String beta = g.floatInit("beta", new long[0], new float[] {capturedFloat(b)});
        String bx = g.node("Mul", List.of(in.name(), beta));
        String sig = g.node("Sigmoid", List.of(bx));
        return new GraphValue(g.node("Mul", List.of(in.name(), sig)), in.shape());
      });
      byLambda.put("Mish", (b, in, ctx) -> {
        // DJL 0.36 computes mish as x * tanh(log2(1 + e^x)) (base-2 softplus, measured on its
        // PyTorch engine); the export reproduces what the trained network actually computed.
        OnnxGraph g = ctx.graph();
        String ln2 = g.floatInit("ln2", new long[0], new float[] {(float) Math.log(2)});
        String sp2 = g.node("Div", List.of(g.node("Softplus", List.of(in.name())), ln2));
        String t = g.node("Tanh", List.of(sp2));
        return new GraphValue(g.node("Mul", List.of(in.name(), t)), in.shape());
      });
      byLambda.put("batchFlatten", OnnxExporter::flatten);
      for (String n : List.of("globalAvgPool1d", "globalAvgPool2d")) {
        byLambda.put(n, (b, in, ctx) -> globalPool("GlobalAveragePool", in, ctx));
      }
      for (String n : List.of("globalMaxPool1d", "globalMaxPool2d")) {
        byLambda.put(n, (b, in, ctx) -> globalPool("GlobalMaxPool", in, ctx));
      }
      for (String n : List.of("maxPool1d", "maxPool2d")) {
        byLambda.put(n, (b, in, ctx) -> pool("MaxPool", b, in, ctx));
      }
      for (String n : List.of("avgPool1d", "avgPool2d")) {
        byLambda.put(n, (b, in, ctx) -> pool("AveragePool", b, in, ctx));
      }
    }

    private void unary(String djlName, String onnxOp) {
      byLambda.put(djlName, aware((b, in, ctx) -> {
        String y = ctx.graph().node(onnxOp, List.of(in.name()));
        return ctx.isLifted(in) ? ctx.lifted(y, in.shape()) : new GraphValue(y, in.shape());
      }));
    }

    private BlockConverter aware(BlockConverter c) {
      liftAware.add(c);
      return c;
    }

    /**
     * Writes networks with a rank-3 input {@code [N, C, L]} in rank 4 ({@code [N, C, 1, L]},
     * one {@code Unsqueeze} after the input) as long as the blocks allow: 1-D convolutions
     * become 2-D ones with {@code [1, k]} kernels, and batch norm, ReLU, residual additions,
     * max-pooling, padding, dropout and the ecg flatten / global pooling keep the rank 4; any
     * other block receives the plain rank-3 tensor ({@code Squeeze}). The values computed are
     * the same (checked against DJL to 1e-4 by the tests). Reason: ONNX Runtime's graph
     * optimizer rewrites only 2-D convolutions into its blocked-channel (NCHWc) kernels with
     * fused ReLU and residual sum, which are several times faster on AVX2/AVX-512 CPUs than its
     * 1-D im2col path (measured in docs/performance.md). Default true.
     *
     * @param as2d whether to write 1-D stacks as 2-D
     * @return this builder
     */
    public Builder optConv1dAs2d(boolean as2d) {
      this.conv1dAs2d = as2d;
      return this;
    }

    /**
     * Registers (or replaces) the converter for a block class; subclasses without their own
     * converter use their nearest registered superclass's.
     *
     * @param type block class
     * @param converter its converter
     * @return this builder
     */
    public Builder register(Class<? extends Block> type, BlockConverter converter) {
      byClass.put(type, converter);
      return this;
    }

    /**
     * Registers (or replaces) the converter for {@code LambdaBlock}s of a given name.
     *
     * @param lambdaName the name passed to the {@code LambdaBlock} constructor
     * @param converter its converter
     * @return this builder
     */
    public Builder registerLambda(String lambdaName, BlockConverter converter) {
      byLambda.put(lambdaName, converter);
      return this;
    }

    /**
     * @param withSoftmax end the graph with a softmax; the output is then named
     *     {@code probabilities} instead of {@code logits}
     * @return this builder
     */
    public Builder optSoftmax(boolean withSoftmax) {
      this.softmax = withSoftmax;
      return this;
    }

    /** @return the exporter */
    public OnnxExporter build() {
      return new OnnxExporter(this);
    }
  }

  // =============================================================== converters

  private static GraphValue sequential(Block b, GraphValue in, ExportContext ctx) {
    GraphValue v = in;
    for (Block child : b.getChildren().values()) {
      v = ctx.convert(child, v);
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static GraphValue parallel(Block b, GraphValue in, ExportContext ctx) {
    List<GraphValue> outs = new ArrayList<>();
    for (Block child : b.getChildren().values()) {
      outs.add(ctx.convert(child, in));
    }
    if (outs.isEmpty()) {
      throw new OnnxExportException("ParallelBlock without children");
    }
    Function<List<NDList>, NDList> fn =
        (Function<List<NDList>, NDList>) readField(ParallelBlock.class, b, "function");
    String join = probeJoin(fn, outs);
    OnnxGraph g = ctx.graph();
    List<String> names = outs.stream().map(GraphValue::name).toList();
    if (join.equals("sum")) {
      return new GraphValue(g.node("Sum", names), outs.get(0).shape());
    }
    int axis = Integer.parseInt(join.substring("concat".length()));
    long[] shape = outs.get(0).shape().clone();
    shape[axis] = outs.stream().mapToLong(o -> o.shape()[axis]).sum();
    return new GraphValue(g.node("Concat", names, i("axis", axis)), shape);
  }

  /**
   * Finds what a ParallelBlock's join function computes by applying it to random arrays and
   * comparing with the candidates (sum, concatenation along each axis).
   */
  private static String probeJoin(Function<List<NDList>, NDList> fn, List<GraphValue> outs) {
    dev.ecg.models.engine.PyTorchAvailability.require("ONNX export of a DJL block");
    dev.ecg.models.engine.OneDnnPolicy.apply(); // before libtorch's first use
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      List<NDList> ins = new ArrayList<>();
      List<NDArray> arrays = new ArrayList<>();
      for (GraphValue o : outs) {
        long[] sh = o.shape().clone();
        sh[0] = 2;
        NDArray a = m.randomUniform(-1f, 1f, new Shape(sh));
        arrays.add(a);
        ins.add(new NDList(a));
      }
      NDList res = fn.apply(ins);
      if (res.size() != 1) {
        throw new OnnxExportException("ParallelBlock join returns " + res.size()
            + " arrays; only single-array joins export");
      }
      NDArray r = res.singletonOrThrow();
      boolean sameShapes = outs.stream().allMatch(o -> Arrays.equals(o.shape(),
          outs.get(0).shape()));
      if (sameShapes && r.getShape().equals(arrays.get(0).getShape())) {
        NDArray sum = arrays.get(0);
        for (int k = 1; k < arrays.size(); k++) {
          sum = sum.add(arrays.get(k));
        }
        if (sum.allClose(r, 1e-6, 1e-6, false)) {
          return "sum";
        }
      }
      for (int axis = 1; axis < outs.get(0).rank(); axis++) {
        try {
          NDArray cat = ai.djl.ndarray.NDArrays.concat(new NDList(arrays), axis);
          if (cat.getShape().equals(r.getShape()) && cat.allClose(r, 0, 0, false)) {
            return "concat" + axis;
          }
        } catch (RuntimeException e) {
          // shapes do not concatenate along this axis
        }
      }
      throw new OnnxExportException("ParallelBlock join function is neither a sum nor a "
          + "concatenation; register a converter for this block");
    }
  }

  private static GraphValue conv(Block b, GraphValue in, ExportContext ctx) {
    Convolution c = (Convolution) b;
    long[] k = c.getKernelShape().getShape();
    long[] st = c.getStride().getShape();
    long[] pad = c.getPadding().getShape();
    long[] dil = c.getDilation().getShape();
    int nd = k.length;
    if (in.rank() != nd + 2) {
      throw new OnnxExportException(ExportContext.describe(b) + " expects rank " + (nd + 2)
          + " input, got " + in);
    }
    long[] pads = new long[2 * nd];
    long[] shape = new long[nd + 2];
    shape[0] = in.dim(0);
    shape[1] = c.getFilters();
    for (int d = 0; d < nd; d++) {
      pads[d] = pad[d];
      pads[d + nd] = pad[d];
      shape[d + 2] = Math.floorDiv(in.dim(d + 2) + 2 * pad[d] - dil[d] * (k[d] - 1) - 1, st[d])
          + 1;
    }
    if (nd == 1 && ctx.isLifted(in)) {
      // [N, C, 1, L] with a [1, k] kernel: ONNX Runtime's blocked (NCHWc) convolution path
      OnnxGraph g = ctx.graph();
      NDArray w = ctx.param(b, "weight");
      long[] ws = w.getShape().getShape();
      List<String> in4 = new ArrayList<>(List.of(in.name(),
          g.floatInit("weight", new long[] {ws[0], ws[1], 1, ws[2]}, w.toFloatArray())));
      if (c.isIncludeBias()) {
        in4.add(ctx.weight(b, "bias"));
      }
      String y = g.node("Conv", in4, ints("kernel_shape", 1, k[0]), ints("strides", 1, st[0]),
          ints("pads", 0, pad[0], 0, pad[0]), ints("dilations", 1, dil[0]),
          i("group", c.getGroups()));
      return ctx.lifted(y, shape);
    }
    List<String> inputs = new ArrayList<>(List.of(in.name(), ctx.weight(b, "weight")));
    if (c.isIncludeBias()) {
      inputs.add(ctx.weight(b, "bias"));
    }
    String out = ctx.graph().node("Conv", inputs, ints("kernel_shape", k), ints("strides", st),
        ints("pads", pads), ints("dilations", dil), i("group", c.getGroups()));
    return new GraphValue(out, shape);
  }

  private static GraphValue batchNorm(Block b, GraphValue in, ExportContext ctx) {
    int axis = (Integer) readField(BatchNorm.class, b, "axis");
    float eps = (Float) readField(BatchNorm.class, b, "epsilon");
    int ax = axis < 0 ? axis + in.rank() : axis;
    OnnxGraph g = ctx.graph();
    if (ctx.isLifted(in) && ax == 1) {
      return ctx.lifted(g.node("BatchNormalization", List.of(in.name(), ctx.weight(b, "gamma"),
          ctx.weight(b, "beta"), ctx.weight(b, "runningMean"), ctx.weight(b, "runningVar")),
          f("epsilon", eps)), in.shape());
    }
    in = ctx.lower(in);
    String x = in.name();
    long[] perm = null;
    if (ax != 1) {
      perm = new long[in.rank()];
      for (int d = 0; d < perm.length; d++) {
        perm[d] = d;
      }
      perm[1] = ax;
      perm[ax] = 1;
      x = g.node("Transpose", List.of(x), ints("perm", perm));
    }
    String y = g.node("BatchNormalization", List.of(x, ctx.weight(b, "gamma"),
        ctx.weight(b, "beta"), ctx.weight(b, "runningMean"), ctx.weight(b, "runningVar")),
        f("epsilon", eps));
    if (perm != null) {
      y = g.node("Transpose", List.of(y), ints("perm", perm));
    }
    return new GraphValue(y, in.shape());
  }

  private static GraphValue linear(Block b, GraphValue in, ExportContext ctx) {
    NDArray w = ctx.param(b, "weight");
    long units = w.getShape().get(0);
    long inFeatures = w.getShape().get(1);
    if (in.dim(-1) != inFeatures) {
      throw new OnnxExportException("Linear expects last dimension " + inFeatures + ", got "
          + in);
    }
    boolean bias = ctx.hasParam(b, "bias");
    OnnxGraph g = ctx.graph();
    long[] shape = in.shape().clone();
    shape[shape.length - 1] = units;
    if (in.rank() == 2) {
      List<String> inputs = new ArrayList<>(List.of(in.name(), ctx.weight(b, "weight")));
      if (bias) {
        inputs.add(ctx.weight(b, "bias"));
      }
      return new GraphValue(g.node("Gemm", inputs, i("transB", 1)), shape);
    }
    float[] wv = w.toFloatArray();
    float[] wt = new float[wv.length];
    for (int r = 0; r < units; r++) {
      for (int c = 0; c < inFeatures; c++) {
        wt[(int) (c * units + r)] = wv[(int) (r * inFeatures + c)];
      }
    }
    String y = g.node("MatMul", List.of(in.name(),
        g.floatInit("weight_t", new long[] {inFeatures, units}, wt)));
    if (bias) {
      y = g.node("Add", List.of(y, ctx.weight(b, "bias")));
    }
    return new GraphValue(y, shape);
  }

  /** PyTorch/DJL gate rows are i,f,g,o; ONNX wants i,o,f,c. */
  private static float[] reorderGates(float[] a) {
    int block = a.length / 4;
    float[] out = new float[a.length];
    int[] from = {0, 3, 1, 2};
    for (int k = 0; k < 4; k++) {
      System.arraycopy(a, from[k] * block, out, k * block, block);
    }
    return out;
  }

  static GraphValue lstm(Block b, GraphValue in, ExportContext ctx) {
    long hidden = (Long) readField(RecurrentBlock.class, b, "stateSize");
    int layers = (Integer) readField(RecurrentBlock.class, b, "numLayers");
    boolean batchFirst = (Boolean) readField(RecurrentBlock.class, b, "batchFirst");
    boolean bidir = (Boolean) readField(RecurrentBlock.class, b, "bidirectional");
    boolean biases = (Boolean) readField(RecurrentBlock.class, b, "hasBiases");
    boolean returnState = (Boolean) readField(RecurrentBlock.class, b, "returnState");
    if (returnState) {
      throw new OnnxExportException("LSTM with returnState=true is not exportable; "
          + "only the output sequence is supported");
    }
    if (bidir) {
      throw new OnnxExportException("bidirectional DJL LSTM is not exported: DJL 0.36 hands its "
          + "parameters to libtorch in the order [fwd W_ih, fwd W_hh, rev W_ih, rev W_hh, biases]"
          + " while libtorch reads [fwd W_ih, W_hh, b_ih, b_hh, rev ...], so the network does not"
          + " compute a bidirectional LSTM; build one from two one-way LSTMs instead");
    }
    if (in.rank() != 3) {
      throw new OnnxExportException("LSTM expects a rank-3 input, got " + in);
    }
    OnnxGraph g = ctx.graph();
    String x = in.name();
    long seq = batchFirst ? in.dim(1) : in.dim(0);
    if (batchFirst) {
      x = g.node("Transpose", List.of(x), ints("perm", 1, 0, 2));
    }
    String[] dirs = bidir ? new String[] {"l", "r"} : new String[] {"l"};
    long nd = dirs.length;
    String flat = g.int64Init("shape", new long[] {3}, new long[] {0, 0, -1});
    for (int layer = 0; layer < layers; layer++) {
      List<float[]> ws = new ArrayList<>();
      List<float[]> rs = new ArrayList<>();
      List<float[]> bs = new ArrayList<>();
      long inSize = 0;
      for (String d : dirs) {
        String p = d + "_" + layer + "_";
        float[][] wrb = lstmWeights(b, ctx, p, hidden, biases);
        inSize = wrb[0].length / (4 * hidden);
        ws.add(wrb[0]);
        rs.add(wrb[1]);
        bs.add(wrb[2]);
      }
      String w = g.floatInit("lstm_W", new long[] {nd, 4 * hidden, inSize}, concat(ws));
      String r = g.floatInit("lstm_R", new long[] {nd, 4 * hidden, hidden}, concat(rs));
      String bb = g.floatInit("lstm_B", new long[] {nd, 8 * hidden}, concat(bs));
      String y = g.fresh("lstm_Y");
      g.nodeMulti("LSTM", List.of(x, w, r, bb), List.of(y), i("hidden_size", hidden),
          s("direction", bidir ? "bidirectional" : "forward"));
      // Y: [seq, dirs, batch, hidden] -> [seq, batch, dirs * hidden]
      String t = g.node("Transpose", List.of(y), ints("perm", 0, 2, 1, 3));
      x = g.node("Reshape", List.of(t, flat));
    }
    long out = nd * hidden;
    if (batchFirst) {
      x = g.node("Transpose", List.of(x), ints("perm", 1, 0, 2));
      return new GraphValue(x, new long[] {in.dim(0), seq, out});
    }
    return new GraphValue(x, new long[] {seq, in.dim(1), out});
  }

  /**
   * One direction of one LSTM layer in ONNX layout (gates i, o, f, c).
   *
   * @param b the DJL LSTM block
   * @param ctx export context
   * @param p parameter prefix, e.g. {@code l_0_}
   * @param hidden hidden size
   * @param biases whether the block has biases (else zeros)
   * @return {W [4H x in], R [4H x H], B [8H]} as flat row-major arrays
   */
  static float[][] lstmWeights(Block b, ExportContext ctx, String p, long hidden,
      boolean biases) {
    float[] w = reorderGates(ctx.param(b, p + "i2h_WEIGHT").toFloatArray());
    float[] r = reorderGates(ctx.param(b, p + "h2h_WEIGHT").toFloatArray());
    float[] bias = new float[(int) (8 * hidden)];
    if (biases) {
      System.arraycopy(reorderGates(ctx.param(b, p + "i2h_BIAS").toFloatArray()), 0,
          bias, 0, (int) (4 * hidden));
      System.arraycopy(reorderGates(ctx.param(b, p + "h2h_BIAS").toFloatArray()), 0,
          bias, (int) (4 * hidden), (int) (4 * hidden));
    }
    return new float[][] {w, r, bias};
  }

  /**
   * Checks that a DJL LSTM is the plain one-way, one-layer, batch-first kind that
   * {@link dev.ecg.models.nn.BiLstm} builds, and returns its hidden size and biases flag.
   *
   * @param b the block
   * @return {hidden, hasBiases ? 1 : 0}, or null if the block is of another kind
   */
  static long[] plainLstm(Block b) {
    if (!(b instanceof LSTM)) {
      return null;
    }
    long hidden = (Long) readField(RecurrentBlock.class, b, "stateSize");
    int layers = (Integer) readField(RecurrentBlock.class, b, "numLayers");
    boolean batchFirst = (Boolean) readField(RecurrentBlock.class, b, "batchFirst");
    boolean bidir = (Boolean) readField(RecurrentBlock.class, b, "bidirectional");
    boolean biases = (Boolean) readField(RecurrentBlock.class, b, "hasBiases");
    boolean returnState = (Boolean) readField(RecurrentBlock.class, b, "returnState");
    if (layers != 1 || !batchFirst || bidir || returnState) {
      return null;
    }
    return new long[] {hidden, biases ? 1 : 0};
  }

  static float[] concat(List<float[]> parts) {
    int n = parts.stream().mapToInt(p -> p.length).sum();
    float[] out = new float[n];
    int o = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }

  private static GraphValue gelu(Block b, GraphValue in, ExportContext ctx) {
    // exact GELU: 0.5 * x * (1 + erf(x / sqrt(2))), as torch.nn.functional.gelu computes
    OnnxGraph g = ctx.graph();
    String sqrt2 = g.floatInit("sqrt2", new long[0], new float[] {(float) Math.sqrt(2)});
    String one = g.floatInit("one", new long[0], new float[] {1f});
    String half = g.floatInit("half", new long[0], new float[] {0.5f});
    String e = g.node("Erf", List.of(g.node("Div", List.of(in.name(), sqrt2))));
    String y = g.node("Mul", List.of(g.node("Mul", List.of(in.name(), half)),
        g.node("Add", List.of(e, one))));
    return new GraphValue(y, in.shape());
  }

  private static GraphValue flatten(Block b, GraphValue in, ExportContext ctx) {
    long n = 1;
    for (int d = 1; d < in.rank(); d++) {
      n *= in.dim(d);
    }
    return new GraphValue(ctx.graph().node("Flatten", List.of(in.name()), i("axis", 1)),
        new long[] {in.dim(0), n});
  }

  private static GraphValue globalPool(String op, GraphValue in, ExportContext ctx) {
    OnnxGraph g = ctx.graph();
    String p = g.node(op, List.of(in.name()));
    return new GraphValue(g.node("Flatten", List.of(p), i("axis", 1)),
        new long[] {in.dim(0), in.dim(1)});
  }

  private static GraphValue pool(String op, Block b, GraphValue in, ExportContext ctx) {
    List<Object> cap = captured((LambdaBlock) b);
    List<Shape> shapes = cap.stream().filter(o -> o instanceof Shape).map(o -> (Shape) o)
        .toList();
    List<Boolean> flags = cap.stream().filter(o -> o instanceof Boolean).map(o -> (Boolean) o)
        .toList();
    if (shapes.size() != 3 || flags.isEmpty()) {
      throw new OnnxExportException("cannot read the arguments of pooling block "
          + ExportContext.describe(b) + " (captured " + cap + ")");
    }
    long[] k = shapes.get(0).getShape();
    long[] st = shapes.get(1).getShape();
    long[] pad = shapes.get(2).getShape();
    boolean ceil = flags.get(0);
    int nd = k.length;
    long[] pads = new long[2 * nd];
    long[] shape = new long[nd + 2];
    shape[0] = in.dim(0);
    shape[1] = in.dim(1);
    for (int d = 0; d < nd; d++) {
      pads[d] = pad[d];
      pads[d + nd] = pad[d];
      long span = in.dim(d + 2) + 2 * pad[d] - k[d];
      long o = (ceil ? Math.floorDiv(span + st[d] - 1, st[d]) : Math.floorDiv(span, st[d])) + 1;
      if (ceil && (o - 1) * st[d] >= in.dim(d + 2) + pad[d]) {
        o--;
      }
      shape[d + 2] = o;
    }
    List<OnnxGraph.Attr> attrs = new ArrayList<>(List.of(ints("kernel_shape", k),
        ints("strides", st), ints("pads", pads), i("ceil_mode", ceil ? 1 : 0)));
    if (op.equals("AveragePool")) {
      // DJL 0.36's PyTorch engine always counts padded zeros in the average, whatever the
      // block's countIncludePad flag says (measured); export what the network computes.
      attrs.add(i("count_include_pad", 1));
    }
    return new GraphValue(ctx.graph().node(op, List.of(in.name()),
        attrs.toArray(new OnnxGraph.Attr[0])), shape);
  }

  // =============================================================== reflection helpers

  /**
   * Reads a private configuration field of a DJL block (DJL exposes no getter for it).
   *
   * @param owner class declaring the field
   * @param target the block
   * @param name field name
   * @return its value
   */
  static Object readField(Class<?> owner, Object target, String name) {
    try {
      Field fld = owner.getDeclaredField(name);
      fld.setAccessible(true);
      return fld.get(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new OnnxExportException("cannot read " + owner.getSimpleName() + "." + name
          + " of this DJL version: " + e, e);
    }
  }

  /**
   * The arguments a {@code LambdaBlock}'s function captured (DJL's pooling and activation
   * factories capture their kernel, stride, padding, alpha...), in capture order, looking
   * through DJL's {@code singleton} wrapper.
   *
   * @param lb a lambda block
   * @return captured values that are not functions
   */
  static List<Object> captured(LambdaBlock lb) {
    List<Object> out = new ArrayList<>();
    collect(readField(LambdaBlock.class, lb, "lambda"), out, 0);
    return out;
  }

  private static void collect(Object fn, List<Object> out, int depth) {
    if (fn == null || depth > 4) {
      return;
    }
    Field[] fields = fn.getClass().getDeclaredFields();
    Arrays.sort(fields, Comparator.comparing(Field::getName));
    for (Field fld : fields) {
      if (Modifier.isStatic(fld.getModifiers())) {
        continue;
      }
      try {
        fld.setAccessible(true);
        Object v = fld.get(fn);
        if (v instanceof Function<?, ?>) {
          collect(v, out, depth + 1);
        } else {
          out.add(v);
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new OnnxExportException("cannot read captured arguments of lambda block: " + e, e);
      }
    }
  }

  private static float capturedFloat(Block b) {
    for (Object o : captured((LambdaBlock) b)) {
      if (o instanceof Float x) {
        return x;
      }
    }
    throw new OnnxExportException("cannot read the float argument of " + ExportContext.describe(b));
  }
}
