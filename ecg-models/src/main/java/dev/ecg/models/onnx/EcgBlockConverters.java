package dev.ecg.models.onnx;

import static dev.ecg.models.onnx.OnnxGraph.i;
import static dev.ecg.models.onnx.OnnxGraph.ints;

import ai.djl.nn.Block;
import dev.ecg.models.nn.BiLstm;
import dev.ecg.models.nn.Flatten;
import dev.ecg.models.nn.GlobalAvgPool;
import dev.ecg.models.nn.MaxPool;
import dev.ecg.models.nn.Pad1d;
import dev.ecg.models.nn.Relu;
import dev.ecg.models.nn.Residual;
import dev.ecg.models.nn.ReverseTime;
import dev.ecg.models.nn.Transpose;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ONNX converters for the named blocks of {@code dev.ecg.models.nn}. */
final class EcgBlockConverters {

  private EcgBlockConverters() {}

  /**
   * @param reg the registry to fill
   * @param liftAware receives the converters that accept a lifted ({@code [N, C, 1, L]}) input
   */
  static void registerAll(Map<Class<?>, BlockConverter> reg, Set<BlockConverter> liftAware) {
    reg.put(Relu.class, add(liftAware, (b, in, ctx) -> {
      String y = ctx.graph().node("Relu", List.of(in.name()));
      return ctx.isLifted(in) ? ctx.lifted(y, in.shape()) : new GraphValue(y, in.shape());
    }));
    // Flatten(axis 1) of [N, C, 1, L] is [N, C * L] in the same order as of [N, C, L]
    reg.put(Flatten.class, add(liftAware, (b, in, ctx) -> {
      long n = 1;
      for (int d = 1; d < in.rank(); d++) {
        n *= in.dim(d);
      }
      return new GraphValue(ctx.graph().node("Flatten", List.of(in.name()), i("axis", 1)),
          new long[] {in.dim(0), n});
    }));
    reg.put(Transpose.class, (b, in, ctx) -> {
      Transpose t = (Transpose) b;
      long[] perm = new long[in.rank()];
      for (int d = 0; d < perm.length; d++) {
        perm[d] = d;
      }
      perm[t.axisA()] = t.axisB();
      perm[t.axisB()] = t.axisA();
      long[] shape = new long[in.rank()];
      for (int d = 0; d < perm.length; d++) {
        shape[d] = in.dim((int) perm[d]);
      }
      return new GraphValue(ctx.graph().node("Transpose", List.of(in.name()),
          ints("perm", perm)), shape);
    });
    reg.put(ReverseTime.class, (b, in, ctx) ->
        reverse(in, ((ReverseTime) b).axis(), ctx));
    reg.put(Residual.class, add(liftAware, (b, in, ctx) -> {
      Residual r = (Residual) b;
      GraphValue main = ctx.convert(r.main(), in);
      GraphValue sc = r.shortcut() == null ? in : ctx.convert(r.shortcut(), in);
      if (ctx.isLifted(main) != ctx.isLifted(sc)) {
        main = ctx.lower(main);
        sc = ctx.lower(sc);
      }
      String y = ctx.graph().node("Add", List.of(main.name(), sc.name()));
      return ctx.isLifted(main) ? ctx.lifted(y, main.shape()) : new GraphValue(y, main.shape());
    }));
    reg.put(GlobalAvgPool.class, add(liftAware, (b, in, ctx) -> {
      // [N, C, L] or lifted [N, C, 1, L] -> [N, C, 1(, 1)] -> [N, C]
      OnnxGraph g = ctx.graph();
      String p = g.node("GlobalAveragePool", List.of(in.name()));
      return new GraphValue(g.node("Flatten", List.of(p), i("axis", 1)),
          new long[] {in.dim(0), in.dim(1)});
    }));
    reg.put(MaxPool.class, add(liftAware, (b, in, ctx) -> {
      MaxPool m = (MaxPool) b;
      int[] k = m.kernel();
      int[] s = m.stride();
      if (ctx.isLifted(in) && k.length != 1) {
        in = ctx.lower(in);
      }
      if (ctx.isLifted(in)) {
        long[] shape = in.shape().clone();
        shape[2] = (shape[2] - k[0]) / s[0] + 1;
        return ctx.lifted(ctx.graph().node("MaxPool", List.of(in.name()),
            ints("kernel_shape", 1, k[0]), ints("strides", 1, s[0]),
            ints("pads", new long[4])), shape);
      }
      long[] kl = new long[k.length];
      long[] sl = new long[k.length];
      long[] shape = in.shape().clone();
      int first = shape.length - k.length;
      for (int d = 0; d < k.length; d++) {
        kl[d] = k[d];
        sl[d] = s[d];
        shape[first + d] = (shape[first + d] - k[d]) / s[d] + 1;
      }
      return new GraphValue(ctx.graph().node("MaxPool", List.of(in.name()),
          ints("kernel_shape", kl), ints("strides", sl), ints("pads", new long[2 * k.length])),
          shape);
    }));
    reg.put(Pad1d.class, add(liftAware, (b, in, ctx) -> {
      Pad1d p = (Pad1d) b;
      boolean lifted = ctx.isLifted(in);
      int r = lifted ? 4 : in.rank();
      long[] pads = new long[2 * r];
      pads[r - 1] = p.left();
      pads[2 * r - 1] = p.right();
      OnnxGraph g = ctx.graph();
      String padsName = g.int64Init("pads", new long[] {2L * r}, pads);
      long[] shape = in.shape().clone();
      shape[shape.length - 1] += p.left() + p.right();
      String y = g.node("Pad", List.of(in.name(), padsName), OnnxGraph.s("mode", "constant"));
      return lifted ? ctx.lifted(y, shape) : new GraphValue(y, shape);
    }));
    reg.put(BiLstm.class, EcgBlockConverters::biLstm);
  }

  private static BlockConverter add(Set<BlockConverter> set, BlockConverter c) {
    set.add(c);
    return c;
  }

  /** Reverses one axis with a negative-step Slice. */
  static GraphValue reverse(GraphValue in, int axis, ExportContext ctx) {
    OnnxGraph g = ctx.graph();
    String starts = g.int64Init("starts", new long[] {1}, new long[] {-1});
    String ends = g.int64Init("ends", new long[] {1}, new long[] {Long.MIN_VALUE});
    String axes = g.int64Init("axes", new long[] {1}, new long[] {axis});
    String steps = g.int64Init("steps", new long[] {1}, new long[] {-1});
    return new GraphValue(g.node("Slice", List.of(in.name(), starts, ends, axes, steps)),
        in.shape());
  }

  /**
   * Exports a {@link BiLstm} as one {@code direction="bidirectional"} ONNX {@code LSTM} node when
   * both children are plain one-layer LSTMs of the same size (always, for {@code BiLstm}'s own
   * children): the node's reverse direction reads the sequence backwards itself and aligns its
   * outputs with the input steps, so no reversing {@code Slice} is needed, and the final hidden
   * states {@code Y_h} are exactly the summary of {@code returnSequence=false} (forward output at
   * step T-1, backward output after reading the whole reversed sequence). ONNX Runtime then runs
   * one LSTM kernel with both directions' input projections as one matrix product, instead of two
   * LSTM nodes with their own transposes, two reversals and two gathers (measured in
   * docs/performance.md). Otherwise falls back to two one-way nodes.
   */
  private static GraphValue biLstm(Block b, GraphValue in, ExportContext ctx) {
    BiLstm bl = (BiLstm) b;
    long[] fp = OnnxExporter.plainLstm(bl.forwardLstm());
    long[] bp = OnnxExporter.plainLstm(bl.backwardLstm());
    if (fp != null && bp != null && fp[0] == bp[0] && in.rank() == 3) {
      return fusedBiLstm(bl, fp[0], fp[1] == 1, bp[1] == 1, in, ctx);
    }
    return twoNodeBiLstm(bl, in, ctx);
  }

  private static GraphValue fusedBiLstm(BiLstm bl, long hidden, boolean fwdBias,
      boolean bwdBias, GraphValue in, ExportContext ctx) {
    OnnxGraph g = ctx.graph();
    float[][] f = OnnxExporter.lstmWeights(bl.forwardLstm(), ctx, "l_0_", hidden, fwdBias);
    float[][] r = OnnxExporter.lstmWeights(bl.backwardLstm(), ctx, "l_0_", hidden, bwdBias);
    long inSize = f[0].length / (4 * hidden);
    String w = g.floatInit("bilstm_W", new long[] {2, 4 * hidden, inSize},
        OnnxExporter.concat(List.of(f[0], r[0])));
    String rr = g.floatInit("bilstm_R", new long[] {2, 4 * hidden, hidden},
        OnnxExporter.concat(List.of(f[1], r[1])));
    String bb = g.floatInit("bilstm_B", new long[] {2, 8 * hidden},
        OnnxExporter.concat(List.of(f[2], r[2])));
    // [N, T, C] -> [T, N, C], the layout of ONNX LSTM (layout=0)
    String x = g.node("Transpose", List.of(in.name()), ints("perm", 1, 0, 2));
    long n = in.dim(0);
    long t = in.dim(1);
    if (bl.returnSequence()) {
      String y = g.fresh("bilstm_Y");
      g.nodeMulti("LSTM", List.of(x, w, rr, bb), List.of(y), i("hidden_size", hidden),
          OnnxGraph.s("direction", "bidirectional"));
      // Y: [T, 2, N, H] -> [N, T, 2, H] -> [N, T, 2H]
      String tr = g.node("Transpose", List.of(y), ints("perm", 2, 0, 1, 3));
      String shape = g.int64Init("shape", new long[] {3}, new long[] {0, 0, -1});
      return new GraphValue(g.node("Reshape", List.of(tr, shape)),
          new long[] {n, t, 2 * hidden});
    }
    String yh = g.fresh("bilstm_Yh");
    g.nodeMulti("LSTM", List.of(x, w, rr, bb), List.of("", yh), i("hidden_size", hidden),
        OnnxGraph.s("direction", "bidirectional"));
    // Y_h: [2, N, H] -> [N, 2, H] -> [N, 2H] (forward first, as BiLstm concatenates)
    String tr = g.node("Transpose", List.of(yh), ints("perm", 1, 0, 2));
    return new GraphValue(g.node("Flatten", List.of(tr), i("axis", 1)),
        new long[] {n, 2 * hidden});
  }

  private static GraphValue twoNodeBiLstm(BiLstm bl, GraphValue in, ExportContext ctx) {
    OnnxGraph g = ctx.graph();
    GraphValue fwd = ctx.convert(bl.forwardLstm(), in);
    GraphValue bwd = ctx.convert(bl.backwardLstm(), reverse(in, 1, ctx));
    long h = fwd.dim(2);
    if (bl.returnSequence()) {
      GraphValue back = reverse(bwd, 1, ctx);
      return new GraphValue(g.node("Concat", List.of(fwd.name(), back.name()), i("axis", 2)),
          new long[] {in.dim(0), in.dim(1), 2 * h});
    }
    String last = g.int64Init("last", new long[0], new long[] {in.dim(1) - 1});
    String f = g.node("Gather", List.of(fwd.name(), last), i("axis", 1));
    String bk = g.node("Gather", List.of(bwd.name(), last), i("axis", 1));
    return new GraphValue(g.node("Concat", List.of(f, bk), i("axis", 1)),
        new long[] {in.dim(0), 2 * h});
  }
}
