package dev.ecg.models.onnx;

import static dev.ecg.models.onnx.OnnxGraph.i;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.onnx.OnnxGraph.Initializer;
import dev.ecg.models.onnx.OnnxGraph.IntAttr;
import dev.ecg.models.onnx.OnnxGraph.Node;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the int8 twin of an exported fp32 graph ({@code model.int8.onnx}), in pure Java.
 *
 * <p><b>Scheme.</b> Static post-training quantization in ONNX's QDQ form, the form ONNX Runtime's
 * graph optimizer turns into its integer kernels ({@code QLinearConv}, {@code QGemm},
 * {@code QLinearAdd}, uint8 {@code MaxPool}; VNNI on CPUs that have it):
 *
 * <ul>
 *   <li>weights of {@code Conv}, {@code Gemm} and {@code MatMul}: int8, symmetric, one scale per
 *       output channel ({@code max|w_c| / 127});
 *   <li>biases: int32 at the scale {@code s_x * s_w[c]}, as the integer kernels add them;
 *   <li>activations entering and leaving those operators and residual {@code Add}s: uint8,
 *       asymmetric, one scale per tensor from the minimum and maximum seen on calibration inputs
 *       (a {@code Relu} right after an operator is absorbed: its output is the tensor quantized,
 *       with zero point 0); pooling, flattening and reshaping pass the quantized tensor through
 *       with the same scale;
 *   <li>the last weighted operator, which makes the logits, stays fp32 (when there are more
 *       than two; {@link Options} can keep the first one too), and so do the logits;
 *   <li>{@code LSTM}: {@code com.microsoft.DynamicQuantizeLSTM}, int8 per-gate-row weights, the
 *       input quantized at run time (no calibration needed).
 * </ul>
 *
 * <p>Calibration runs the fp32 graph in ONNX Runtime with every tensor to be quantized as an
 * extra output, over the inputs given (a few hundred training windows are enough; the model's own
 * preprocessing must have made them).
 *
 * <p><b>CPUs without VNNI.</b> ONNX Runtime's uint8 x int8 kernels on AVX2 without VNNI add
 * pairs of products in 16 bits, which can saturate with full-range int8 weights; the int8 graph is
 * meant for CPUs with AVX-512 VNNI or AVX-VNNI (every x86 server CPU since 2019) and ARM64.
 * {@code EcgClassifier} loads it only when asked ({@code Precision.INT8}).
 */
public final class Int8Quantizer {

  /** Operators whose weights are quantized. */
  private static final Set<String> WEIGHTED = Set.of("Conv", "Gemm", "MatMul");
  /** Operators that pass a quantized tensor through with its scale. */
  private static final Set<String> PASS_THROUGH =
      Set.of("MaxPool", "Flatten", "Reshape", "Squeeze", "Unsqueeze", "Transpose");
  private static final int CALIBRATION_BATCH = 64;

  private Int8Quantizer() {}

  /**
   * Choices of the quantization.
   *
   * @param firstFp32 keep the first weighted operator in fp32 (it reads the raw input)
   * @param lastFp32 keep the last weighted operator in fp32 (it makes the logits)
   * @param denseFp32 keep every {@code Gemm}/{@code MatMul} in fp32 (only convolutions and
   *     LSTMs become integer)
   * @param percentile activation ranges from this percentile of the calibration values at the
   *     top and its complement at the bottom, in {@code (50, 100]}; 100 is the minimum and
   *     maximum
   */
  public record Options(boolean firstFp32, boolean lastFp32, boolean denseFp32,
      double percentile) {

    /**
     * The default: the last weighted layer (the logits) fp32, everything else int8, ranges from
     * the 99.999th percentile. Keeping the first layer fp32 as well cost half the int8 speed
     * (a float convolution over the raw input and a layout change before the integer kernels)
     * for no accuracy gain measurable on MIT-BIH DS2 (docs/performance.md).
     */
    public static final Options DEFAULT = new Options(false, true, false, 99.999);

    /**
     * Checks the percentile.
     *
     * @param firstFp32 see the record description
     * @param lastFp32 see the record description
     * @param denseFp32 see the record description
     * @param percentile see the record description
     */
    public Options {
      if (!(percentile > 50 && percentile <= 100)) {
        throw new EcgArgumentException("percentile must be in (50, 100], got " + percentile);
      }
    }
  }

  /** Quantization parameters of one activation tensor. */
  record Params(float scale, int zeroPoint) {
    static Params of(float lo, float hi) {
      lo = Math.min(lo, 0f);
      hi = Math.max(hi, 0f);
      if (!(hi - lo > 1e-12f) || !Float.isFinite(hi - lo)) {
        return new Params(1f, 0);
      }
      float scale = (hi - lo) / 255f;
      int zp = Math.round(-lo / scale);
      return new Params(scale, Math.max(0, Math.min(255, zp)));
    }
  }

  /**
   * Quantizes an exported graph.
   *
   * @param fp32 the fp32 graph as {@link OnnxExporter#exportGraph} made it
   * @param calibration calibration inputs, each flattened in the graph input's layout (the
   *     product of the input shape without its batch dimension)
   * @return the serialized int8 {@code ModelProto}
   * @throws EcgArgumentException if there are no calibration inputs or one has the wrong length
   * @throws OnnxExportException if ONNX Runtime cannot run the calibration graph
   */
  public static byte[] quantize(OnnxExporter.Exported fp32, List<float[]> calibration) {
    return quantize(fp32, calibration, Options.DEFAULT);
  }

  /**
   * Quantizes an exported graph with explicit choices.
   *
   * @param fp32 the fp32 graph as {@link OnnxExporter#exportGraph} made it
   * @param calibration calibration inputs (see {@link #quantize(OnnxExporter.Exported, List)})
   * @param options what stays fp32 and how ranges are taken
   * @return the serialized int8 {@code ModelProto}
   */
  public static byte[] quantize(OnnxExporter.Exported fp32, List<float[]> calibration,
      Options options) {
    if (calibration == null || calibration.isEmpty()) {
      throw new EcgArgumentException("int8 calibration needs at least one input");
    }
    long per = 1;
    for (int k = 1; k < fp32.inputShape().length; k++) {
      per *= fp32.inputShape()[k];
    }
    for (int k = 0; k < calibration.size(); k++) {
      if (calibration.get(k).length != per) {
        throw new EcgArgumentException("calibration input " + k + " has "
            + calibration.get(k).length + " values, the graph takes " + per);
      }
    }
    fp32 = foldBatchNorm(fp32);
    OnnxGraph g = fp32.graph();
    Plan plan = plan(g, fp32.input(), fp32.output(), options);
    Map<String, Params> params = calibrate(fp32, new ArrayList<>(plan.calibrated), calibration,
        options.percentile());
    return rewrite(fp32, plan, params);
  }

  /** Which tensors get quantized, and which borrow the parameters of another. */
  private static final class Plan {
    final Set<String> calibrated = new LinkedHashSet<>();
    final Map<String, String> same = new HashMap<>();
    /** The first and last weighted operators, kept in fp32. */
    final Set<Node> fp32 = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    boolean quantized(String t) {
      return calibrated.contains(t) || same.containsKey(t);
    }

    void need(String t) {
      if (!same.containsKey(t)) {
        calibrated.add(t);
      }
    }

    String source(String t) {
      String s = t;
      while (same.containsKey(s)) {
        s = same.get(s);
      }
      return s;
    }
  }

  private static Plan plan(OnnxGraph g, String input, String output, Options options) {
    Map<String, List<Node>> consumers = new HashMap<>();
    for (Node n : g.nodes()) {
      for (String in : n.inputs()) {
        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
      }
    }
    Plan p = new Plan();
    List<Node> weighted = new ArrayList<>();
    for (Node n : g.nodes()) {
      if (WEIGHTED.contains(n.opType()) && isWeight(g, n, 1)) {
        weighted.add(n);
      }
    }
    if (weighted.size() > 2) {
      if (options.firstFp32()) {
        p.fp32.add(weighted.get(0));
      }
      if (options.lastFp32()) {
        p.fp32.add(weighted.get(weighted.size() - 1));
      }
    }
    if (options.denseFp32()) {
      weighted.stream().filter(n -> !n.opType().equals("Conv")).forEach(p.fp32::add);
    }
    for (Node n : g.nodes()) {
      if (n.raw() != null) {
        throw new OnnxExportException("int8 export covers networks only; this graph holds a "
            + "pre-encoded node (a tree ensemble)");
      }
      String op = n.opType();
      if (WEIGHTED.contains(op) && isWeight(g, n, 1)) {
        if (!p.fp32.contains(n) && (!op.equals("Gemm") || transB(n))) {
          p.need(n.inputs().get(0));
          quantizeOutput(p, n.outputs().get(0), consumers, output);
        }
      } else if (op.equals("Add") && g.initializer(n.inputs().get(0)) == null
          && g.initializer(n.inputs().get(1)) == null) {
        p.need(n.inputs().get(0));
        p.need(n.inputs().get(1));
        quantizeOutput(p, n.outputs().get(0), consumers, output);
      } else if (PASS_THROUGH.contains(op) && p.quantized(n.inputs().get(0))
          && !n.outputs().get(0).equals(output)) {
        p.same.put(n.outputs().get(0), n.inputs().get(0));
        p.calibrated.remove(n.outputs().get(0));
      }
    }
    return p;
  }

  /**
   * Folds each {@code BatchNormalization} that alone reads a {@code Conv}'s output into that
   * convolution's weights and bias (what ONNX Runtime does to fp32 graphs, which it cannot do
   * once quantize/dequantize pairs stand between them).
   */
  static OnnxExporter.Exported foldBatchNorm(OnnxExporter.Exported fp32) {
    OnnxGraph src = fp32.graph();
    Map<String, List<Node>> consumers = new HashMap<>();
    for (Node n : src.nodes()) {
      for (String in : n.inputs()) {
        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
      }
    }
    Map<Node, Node> foldedInto = new HashMap<>();
    for (Node n : src.nodes()) {
      if (!n.opType().equals("Conv") || !isWeight(src, n, 1)) {
        continue;
      }
      List<Node> c = consumers.getOrDefault(n.outputs().get(0), List.of());
      if (c.size() == 1 && c.get(0).opType().equals("BatchNormalization")
          && c.get(0).outputs().size() == 1 && c.get(0).inputs().subList(1, 5).stream()
              .allMatch(t -> src.initializer(t) != null)
          && (n.inputs().size() < 3 || src.initializer(n.inputs().get(2)) != null)) {
        foldedInto.put(c.get(0), n);
      }
    }
    if (foldedInto.isEmpty()) {
      return fp32;
    }
    Map<Node, Node> bnOf = new HashMap<>();
    foldedInto.forEach((bn, conv) -> bnOf.put(conv, bn));
    OnnxGraph g = new OnnxGraph();
    Map<String, String> copied = new HashMap<>();
    java.util.function.Function<String, String> ref = t -> {
      Initializer init = src.initializer(t);
      return init == null ? t
          : copied.computeIfAbsent(t, k -> g.init(k, init.dims(), init.type(), init.raw()));
    };
    for (Node n : src.nodes()) {
      if (foldedInto.containsKey(n)) {
        continue;
      }
      Node bn = bnOf.get(n);
      List<String> ins = new ArrayList<>();
      if (bn == null) {
        n.inputs().forEach(t -> ins.add(ref.apply(t)));
        g.nodeIn(n.domain(), 1, n.opType(), ins, n.outputs(),
            n.attrs().toArray(new OnnxGraph.Attr[0]));
        continue;
      }
      Initializer w = src.initializer(n.inputs().get(1));
      float[] wf = w.floats();
      int ch = (int) w.dims()[0];
      int inner = wf.length / ch;
      float[] gamma = src.initializer(bn.inputs().get(1)).floats();
      float[] beta = src.initializer(bn.inputs().get(2)).floats();
      float[] mean = src.initializer(bn.inputs().get(3)).floats();
      float[] var = src.initializer(bn.inputs().get(4)).floats();
      float eps = bn.attr("epsilon") instanceof OnnxGraph.FloatAttr fa ? fa.value() : 1e-5f;
      float[] bias = n.inputs().size() > 2 ? src.initializer(n.inputs().get(2)).floats()
          : new float[ch];
      float[] nb = new float[ch];
      float[] nw = new float[wf.length];
      for (int c = 0; c < ch; c++) {
        double k = gamma[c] / Math.sqrt((double) var[c] + eps);
        for (int j = 0; j < inner; j++) {
          nw[c * inner + j] = (float) (wf[c * inner + j] * k);
        }
        nb[c] = (float) ((bias[c] - mean[c]) * k + beta[c]);
      }
      ins.add(n.inputs().get(0));
      ins.add(g.floatInit(w.name() + "_bn", w.dims(), nw));
      ins.add(g.floatInit(w.name() + "_bnbias", new long[] {ch}, nb));
      g.nodeIn("", 1, "Conv", ins, bn.outputs(), n.attrs().toArray(new OnnxGraph.Attr[0]));
    }
    return new OnnxExporter.Exported(g, fp32.input(), fp32.inputShape(), fp32.output(),
        fp32.outputShape(), fp32.doc());
  }

  private static boolean transB(Node n) {
    return n.attr("transB") instanceof IntAttr a && a.value() == 1;
  }

  private static boolean isWeight(OnnxGraph g, Node n, int k) {
    Initializer w = n.inputs().size() > k ? g.initializer(n.inputs().get(k)) : null;
    return w != null && w.type() == OnnxGraph.FLOAT && w.dims().length >= 2;
  }

  /** The output, or the output of a Relu that alone reads it, unless it leaves the network. */
  private static void quantizeOutput(Plan p, String out, Map<String, List<Node>> consumers,
      String graphOutput) {
    List<Node> c = consumers.getOrDefault(out, List.of());
    if (c.size() == 1 && c.get(0).opType().equals("Relu")) {
      out = c.get(0).outputs().get(0);
      c = consumers.getOrDefault(out, List.of());
    }
    if (c.isEmpty() || out.equals(graphOutput)) {
      return;
    }
    for (Node n : c) {
      if (n.opType().equals("Identity") || n.opType().equals("Softmax")) {
        return;
      }
    }
    p.need(out);
  }

  /** Most calibration values kept per tensor for the percentiles. */
  private static final int SAMPLE_CAP = 1 << 18;

  private static Map<String, Params> calibrate(OnnxExporter.Exported fp32, List<String> tensors,
      List<float[]> inputs, double percentile) {
    Map<String, Params> out = new HashMap<>();
    if (tensors.isEmpty()) {
      return out;
    }
    byte[] probe = fp32.graph().toModel("calibration", fp32.input(), fp32.inputShape(),
        fp32.output(), fp32.outputShape(), tensors, null);
    int nt = tensors.size();
    float[] lo = new float[nt];
    float[] hi = new float[nt];
    java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
    float[][] sample = new float[nt][];
    int[] kept = new int[nt];
    long[] seen = new long[nt];
    long[] stride = new long[nt];
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
      so.setIntraOpNumThreads(1);
      so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
      try (OrtSession s = env.createSession(probe, so)) {
        int per = inputs.get(0).length;
        for (int from = 0; from < inputs.size(); from += CALIBRATION_BATCH) {
          int n = Math.min(CALIBRATION_BATCH, inputs.size() - from);
          FloatBuffer buf = FloatBuffer.allocate(n * per);
          for (int k = 0; k < n; k++) {
            buf.put(inputs.get(from + k));
          }
          buf.flip();
          long[] shape = fp32.inputShape().clone();
          shape[0] = n;
          try (OnnxTensor x = OnnxTensor.createTensor(env, buf, shape);
              OrtSession.Result r = s.run(Map.of(fp32.input(), x), new LinkedHashSet<>(tensors))) {
            for (int t = 0; t < nt; t++) {
              FloatBuffer v = ((OnnxTensor) r.get(tensors.get(t)).orElseThrow()).getFloatBuffer();
              if (sample[t] == null) {
                // the same number of values per window in every batch
                long total = (long) v.remaining() / n * inputs.size();
                stride[t] = Math.max(1, (total + SAMPLE_CAP - 1) / SAMPLE_CAP);
                sample[t] = new float[(int) Math.min(total, SAMPLE_CAP) + 1];
              }
              while (v.hasRemaining()) {
                float f = v.get();
                lo[t] = Math.min(lo[t], f);
                hi[t] = Math.max(hi[t], f);
                if (seen[t]++ % stride[t] == 0 && kept[t] < sample[t].length) {
                  sample[t][kept[t]++] = f;
                }
              }
            }
          }
        }
      }
    } catch (OrtException e) {
      throw new OnnxExportException("ONNX Runtime could not run the int8 calibration graph: "
          + e.getMessage(), e);
    }
    for (int t = 0; t < nt; t++) {
      float a = lo[t];
      float b = hi[t];
      if (percentile < 100 && kept[t] > 0) {
        float[] v = java.util.Arrays.copyOf(sample[t], kept[t]);
        java.util.Arrays.sort(v);
        int top = (int) Math.min(v.length - 1, Math.ceil(percentile / 100 * v.length) - 1);
        int bottom = Math.max(0, v.length - 1 - top);
        a = v[bottom];
        b = v[Math.max(top, 0)];
      }
      out.put(tensors.get(t), Params.of(a, b));
    }
    return out;
  }

  private static byte[] rewrite(OnnxExporter.Exported fp32, Plan plan,
      Map<String, Params> calibrated) {
    OnnxGraph src = fp32.graph();
    OnnxGraph g = new OnnxGraph();
    Map<String, String> alias = new HashMap<>();
    Map<String, String> copied = new HashMap<>();
    Map<String, Params> params = new HashMap<>();
    for (String t : plan.calibrated) {
      params.put(t, calibrated.get(t));
    }
    for (Map.Entry<String, String> e : plan.same.entrySet()) {
      params.put(e.getKey(), calibrated.get(plan.source(e.getKey())));
    }
    Rewriter rw = new Rewriter(src, g, alias, copied, params);
    if (plan.quantized(fp32.input())) {
      rw.qdq(fp32.input());
    }
    for (Node n : src.nodes()) {
      String op = n.opType();
      if (WEIGHTED.contains(op) && isWeight(src, n, 1) && !plan.fp32.contains(n)
          && plan.quantized(n.inputs().get(0))) {
        rw.weighted(n);
      } else if (op.equals("LSTM") && isWeight(src, n, 1) && isWeight(src, n, 2)) {
        rw.lstm(n);
      } else {
        List<String> ins = new ArrayList<>();
        for (String in : n.inputs()) {
          ins.add(rw.ref(in));
        }
        g.nodeIn(n.domain(), 1, n.opType(), ins, n.outputs(),
            n.attrs().toArray(new OnnxGraph.Attr[0]));
      }
      for (String o : n.outputs()) {
        if (plan.quantized(o)) {
          rw.qdq(o);
        }
      }
    }
    return g.toModel("ecg_int8", fp32.input(), fp32.inputShape(), fp32.output(),
        fp32.outputShape(), (fp32.doc() == null ? "" : fp32.doc() + "; ")
            + "int8 (QDQ, per-channel weights) by dev.ecg.models.onnx.Int8Quantizer");
  }

  /** Emits the int8 graph node by node. */
  private static final class Rewriter {
    final OnnxGraph src;
    final OnnxGraph g;
    final Map<String, String> alias;
    final Map<String, String> copied;
    final Map<String, Params> params;

    Rewriter(OnnxGraph src, OnnxGraph g, Map<String, String> alias, Map<String, String> copied,
        Map<String, Params> params) {
      this.src = src;
      this.g = g;
      this.alias = alias;
      this.copied = copied;
      this.params = params;
    }

    /** The name to read a source tensor by: its dequantized twin, or a copied initializer. */
    String ref(String t) {
      if (t.isEmpty()) {
        return t;
      }
      if (alias.containsKey(t)) {
        return alias.get(t);
      }
      Initializer init = src.initializer(t);
      if (init == null) {
        return t;
      }
      return copied.computeIfAbsent(t, k -> g.init(k, init.dims(), init.type(), init.raw()));
    }

    void qdq(String t) {
      Params p = params.get(t);
      String scale = g.floatInit(t + "_scale", new long[0], new float[] {p.scale()});
      String zp = g.init(t + "_zp", new long[0], OnnxGraph.UINT8,
          new byte[] {(byte) p.zeroPoint()});
      String q = g.node("QuantizeLinear", List.of(ref(t), scale, zp));
      alias.put(t, g.node("DequantizeLinear", List.of(q, scale, zp)));
    }

    void weighted(Node n) {
      Initializer w = src.initializer(n.inputs().get(1));
      long[] d = w.dims();
      // the output channel: rows of Conv and Gemm(transB), columns of MatMul
      boolean rows = !n.opType().equals("MatMul");
      int channels = (int) (rows ? d[0] : d[d.length - 1]);
      float[] wf = w.floats();
      int inner = wf.length / channels;
      float[] scale = new float[channels];
      for (int k = 0; k < wf.length; k++) {
        int c = rows ? k / inner : k % channels;
        scale[c] = Math.max(scale[c], Math.abs(wf[k]));
      }
      for (int c = 0; c < channels; c++) {
        scale[c] = scale[c] > 0 ? scale[c] / 127f : 1f;
      }
      byte[] q = new byte[wf.length];
      for (int k = 0; k < wf.length; k++) {
        int c = rows ? k / inner : k % channels;
        q[k] = (byte) Math.max(-127, Math.min(127, Math.round(wf[k] / scale[c])));
      }
      long axis = rows ? 0 : d.length - 1;
      String ws = g.floatInit(w.name() + "_scale", new long[] {channels}, scale);
      String wzp = g.init(w.name() + "_zp", new long[] {channels}, OnnxGraph.INT8,
          new byte[channels]);
      String wq = g.init(w.name() + "_q", d, OnnxGraph.INT8, q);
      List<String> ins = new ArrayList<>();
      ins.add(ref(n.inputs().get(0)));
      ins.add(g.node("DequantizeLinear", List.of(wq, ws, wzp), i("axis", axis)));
      if (n.inputs().size() > 2) {
        Initializer b = src.initializer(n.inputs().get(2));
        Params px = params.get(n.inputs().get(0));
        if (b != null && b.type() == OnnxGraph.FLOAT && b.floats().length == channels
            && px != null) {
          float[] bf = b.floats();
          float[] bs = new float[channels];
          ByteBuffer bq = ByteBuffer.allocate(4 * channels).order(ByteOrder.LITTLE_ENDIAN);
          for (int c = 0; c < channels; c++) {
            bs[c] = px.scale() * scale[c];
            bq.putInt((int) Math.max(Integer.MIN_VALUE + 1L,
                Math.min(Integer.MAX_VALUE, Math.round((double) bf[c] / bs[c]))));
          }
          String bsn = g.floatInit(b.name() + "_scale", new long[] {channels}, bs);
          String bzp = g.init(b.name() + "_zp", new long[] {channels}, OnnxGraph.INT32,
              new byte[4 * channels]);
          String bqn = g.init(b.name() + "_q", b.dims(), OnnxGraph.INT32, bq.array());
          ins.add(g.node("DequantizeLinear", List.of(bqn, bsn, bzp), i("axis", 0)));
        } else {
          ins.add(ref(n.inputs().get(2)));
        }
      }
      g.nodeIn("", 1, n.opType(), ins, n.outputs(), n.attrs().toArray(new OnnxGraph.Attr[0]));
    }

    /** LSTM to DynamicQuantizeLSTM: W [D, 4H, I] and R [D, 4H, H] become [D, I|H, 4H] int8. */
    void lstm(Node n) {
      String[] wr = new String[2];
      String[] scales = new String[2];
      String[] zps = new String[2];
      for (int m = 0; m < 2; m++) {
        Initializer w = src.initializer(n.inputs().get(1 + m));
        long[] d = w.dims();
        int dirs = (int) d[0];
        int rows = (int) d[1];
        int cols = (int) d[2];
        float[] f = w.floats();
        float[] s = new float[dirs * rows];
        for (int k = 0; k < f.length; k++) {
          int r = k / cols;
          s[r] = Math.max(s[r], Math.abs(f[k]));
        }
        for (int r = 0; r < s.length; r++) {
          s[r] = s[r] > 0 ? s[r] / 127f : 1f;
        }
        byte[] q = new byte[f.length];
        for (int dir = 0; dir < dirs; dir++) {
          for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
              int from = (dir * rows + r) * cols + c;
              int to = (dir * cols + c) * rows + r;
              q[to] = (byte) Math.max(-127, Math.min(127,
                  Math.round(f[from] / s[dir * rows + r])));
            }
          }
        }
        wr[m] = g.init(w.name() + "_q", new long[] {dirs, cols, rows}, OnnxGraph.INT8, q);
        scales[m] = g.floatInit(w.name() + "_scale", new long[] {dirs, rows}, s);
        zps[m] = g.init(w.name() + "_zp", new long[] {dirs, rows}, OnnxGraph.INT8,
            new byte[dirs * rows]);
      }
      List<String> ins = new ArrayList<>();
      ins.add(ref(n.inputs().get(0)));
      ins.add(wr[0]);
      ins.add(wr[1]);
      for (int k = 3; k < 8; k++) {
        ins.add(k < n.inputs().size() ? ref(n.inputs().get(k)) : "");
      }
      ins.addAll(List.of(scales[0], zps[0], scales[1], zps[1]));
      g.nodeIn("com.microsoft", 1, "DynamicQuantizeLSTM", ins, n.outputs(),
          n.attrs().toArray(new OnnxGraph.Attr[0]));
    }
  }

}
