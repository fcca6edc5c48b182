package dev.ecg.models.onnx;

import dev.ecg.core.EcgArgumentException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds an ONNX {@code ModelProto} (IR version 8, default-domain opset 17) node by node and
 * encodes it with {@link ProtoWriter}. Field numbers follow {@code onnx/onnx.proto} of ONNX 1.12+.
 *
 * <p>Block converters call {@link #node}, {@link #floatInit} and {@link #int64Init}; the graph
 * has one float input {@code [batch, d1, ...]} whose first dimension is the symbolic
 * {@code batch}.
 */
public final class OnnxGraph {

  /** The ONNX opset of the default domain this exporter targets. */
  public static final int OPSET = 17;
  /** The ONNX IR version written (IR 8 accompanies opset 17). */
  public static final int IR_VERSION = 8;

  private static final int FLOAT = 1;
  private static final int INT64 = 7;

  private final List<ProtoWriter> nodes = new ArrayList<>();
  private final List<ProtoWriter> initializers = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private int counter;

  /** An attribute of a node. */
  public sealed interface Attr permits IntAttr, FloatAttr, IntsAttr, StringAttr {
    /** @return attribute name */
    String name();
  }

  /**
   * @param name attribute name
   * @param value value
   */
  public record IntAttr(String name, long value) implements Attr {}

  /**
   * @param name attribute name
   * @param value value
   */
  public record FloatAttr(String name, float value) implements Attr {}

  /**
   * @param name attribute name
   * @param values values
   */
  public record IntsAttr(String name, long[] values) implements Attr {}

  /**
   * @param name attribute name
   * @param value value
   */
  public record StringAttr(String name, String value) implements Attr {}

  /**
   * @param name attribute name
   * @param v value
   * @return an INT attribute
   */
  public static Attr i(String name, long v) {
    return new IntAttr(name, v);
  }

  /**
   * @param name attribute name
   * @param v value
   * @return a FLOAT attribute
   */
  public static Attr f(String name, float v) {
    return new FloatAttr(name, v);
  }

  /**
   * @param name attribute name
   * @param v values
   * @return an INTS attribute
   */
  public static Attr ints(String name, long... v) {
    return new IntsAttr(name, v.clone());
  }

  /**
   * @param name attribute name
   * @param v value
   * @return a STRING attribute
   */
  public static Attr s(String name, String v) {
    return new StringAttr(name, v);
  }

  /**
   * @param hint readable stem
   * @return a tensor name not used yet in this graph
   */
  public String fresh(String hint) {
    String base = hint.replaceAll("[^A-Za-z0-9_]", "_");
    String n;
    do {
      n = base + "_" + (counter++);
    } while (!names.add(n));
    return n;
  }

  /**
   * Adds a node with one output.
   *
   * @param opType ONNX operator, e.g. {@code Conv}
   * @param inputs input tensor names ("" for an omitted optional input)
   * @param attrs attributes
   * @return the output tensor name
   */
  public String node(String opType, List<String> inputs, Attr... attrs) {
    String out = fresh(opType.toLowerCase(java.util.Locale.ROOT));
    nodeMulti(opType, inputs, List.of(out), attrs);
    return out;
  }

  /**
   * Adds a node with given output names.
   *
   * @param opType ONNX operator
   * @param inputs input tensor names
   * @param outputs output tensor names
   * @param attrs attributes
   */
  public void nodeMulti(String opType, List<String> inputs, List<String> outputs,
      Attr... attrs) {
    ProtoWriter n = new ProtoWriter();
    for (String in : inputs) {
      n.string(1, in);
    }
    for (String o : outputs) {
      names.add(o);
      n.string(2, o);
    }
    n.string(3, fresh("n_" + opType));
    n.string(4, opType);
    for (Attr a : attrs) {
      ProtoWriter w = new ProtoWriter().string(1, a.name());
      if (a instanceof IntAttr x) {
        w.int64(3, x.value()).int64(20, 2);
      } else if (a instanceof FloatAttr x) {
        w.float32(2, x.value()).int64(20, 1);
      } else if (a instanceof IntsAttr x) {
        for (long v : x.values()) {
          w.int64(8, v);
        }
        w.int64(20, 7);
      } else if (a instanceof StringAttr x) {
        w.string(4, x.value()).int64(20, 3);
      }
      n.message(5, w);
    }
    nodes.add(n);
  }

  /**
   * Adds a float initializer (stored as little-endian {@code raw_data}).
   *
   * @param hint name stem
   * @param dims its shape
   * @param data row-major values, product(dims) of them
   * @return its tensor name
   */
  public String floatInit(String hint, long[] dims, float[] data) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    if (n != data.length) {
      throw new EcgArgumentException("initializer " + hint + ": shape "
          + java.util.Arrays.toString(dims) + " needs " + n + " values, got " + data.length);
    }
    ByteBuffer bb = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bb.asFloatBuffer().put(data);
    return init(hint, dims, FLOAT, bb.array());
  }

  /**
   * Adds an int64 initializer (shapes, axes).
   *
   * @param hint name stem
   * @param dims its shape
   * @param data values
   * @return its tensor name
   */
  public String int64Init(String hint, long[] dims, long[] data) {
    ByteBuffer bb = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    bb.asLongBuffer().put(data);
    return init(hint, dims, INT64, bb.array());
  }

  private String init(String hint, long[] dims, int type, byte[] raw) {
    String name = fresh(hint);
    ProtoWriter t = new ProtoWriter();
    for (long d : dims) {
      t.int64(1, d);
    }
    t.int64(2, type);
    t.string(8, name);
    t.bytes(9, raw);
    initializers.add(t);
    return name;
  }

  private static ProtoWriter valueInfo(String name, long[] shape) {
    ProtoWriter dims = new ProtoWriter();
    for (int k = 0; k < shape.length; k++) {
      ProtoWriter d = new ProtoWriter();
      if (k == 0) {
        d.string(2, "batch");
      } else {
        d.int64(1, shape[k]);
      }
      dims.message(1, d);
    }
    ProtoWriter tensorType = new ProtoWriter().int64(1, FLOAT).message(2, dims);
    ProtoWriter type = new ProtoWriter().message(1, tensorType);
    return new ProtoWriter().string(1, name).message(2, type);
  }

  /**
   * Adds a node written by the caller (for operators of other domains, such as
   * {@code ai.onnx.ml}'s {@code TreeEnsembleClassifier}); its output names are reserved.
   *
   * @param node a {@code NodeProto}
   * @param outputs its output names
   */
  public void rawNode(ProtoWriter node, List<String> outputs) {
    names.addAll(outputs);
    nodes.add(node);
  }

  /**
   * Encodes a model with one input, one output and extra operator set imports.
   *
   * @param graphName graph name
   * @param input graph input (dimension 0 written as symbolic {@code batch})
   * @param output graph output (dimension 0 written as symbolic {@code batch})
   * @param extraOpsets operator set imports besides the default domain's {@value #OPSET}, e.g.
   *     {@code ai.onnx.ml} 3
   * @param docString free text stored in the model
   * @return the serialized {@code ModelProto}
   */
  public byte[] toModel(String graphName, GraphValue input, GraphValue output,
      java.util.Map<String, Long> extraOpsets, String docString) {
    byte[] base = toModel(graphName, input.name(), input.shape(), output.name(), output.shape(),
        docString);
    ProtoWriter m = new ProtoWriter();
    m.raw(base);
    for (java.util.Map.Entry<String, Long> e : extraOpsets.entrySet()) {
      m.message(8, new ProtoWriter().string(1, e.getKey()).int64(2, e.getValue()));
    }
    return m.toByteArray();
  }

  /**
   * Encodes the model.
   *
   * @param graphName graph name
   * @param input graph input name
   * @param inputShape its shape (dimension 0 written as symbolic {@code batch})
   * @param output graph output name
   * @param outputShape its shape (dimension 0 written as symbolic {@code batch})
   * @param docString free text stored in the model
   * @return the serialized {@code ModelProto}
   */
  public byte[] toModel(String graphName, String input, long[] inputShape, String output,
      long[] outputShape, String docString) {
    ProtoWriter g = new ProtoWriter();
    for (ProtoWriter n : nodes) {
      g.message(1, n);
    }
    g.string(2, graphName);
    for (ProtoWriter t : initializers) {
      g.message(5, t);
    }
    g.message(11, valueInfo(input, inputShape));
    g.message(12, valueInfo(output, outputShape));
    ProtoWriter m = new ProtoWriter();
    m.int64(1, IR_VERSION);
    m.string(2, "dev.ecg.models");
    m.string(3, "0.1");
    if (docString != null) {
      m.string(6, docString);
    }
    m.message(7, g);
    m.message(8, new ProtoWriter().string(1, "").int64(2, OPSET));
    return m.toByteArray();
  }
}
