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

  /** ONNX {@code TensorProto.DataType} FLOAT. */
  public static final int FLOAT = 1;
  /** ONNX {@code TensorProto.DataType} UINT8. */
  public static final int UINT8 = 2;
  /** ONNX {@code TensorProto.DataType} INT8. */
  public static final int INT8 = 3;
  /** ONNX {@code TensorProto.DataType} INT32. */
  public static final int INT32 = 6;
  /** ONNX {@code TensorProto.DataType} INT64. */
  public static final int INT64 = 7;

  private final List<Node> nodes = new ArrayList<>();
  private final List<Initializer> initializers = new ArrayList<>();
  private final java.util.Map<String, Initializer> initByName = new java.util.HashMap<>();
  private final java.util.Map<String, Long> opsets = new java.util.LinkedHashMap<>();
  private final Set<String> names = new HashSet<>();
  private int counter;

  /**
   * A node as added, kept until {@link #toModel} encodes it so that a later pass (the int8
   * quantizer) can read the graph.
   *
   * @param opType operator
   * @param domain operator set domain, "" for the default
   * @param inputs input names ("" for an omitted optional input)
   * @param outputs output names
   * @param attrs attributes
   * @param name the node's name
   * @param raw the encoded node for nodes added with {@link #rawNode}, else null
   */
  public record Node(String opType, String domain, List<String> inputs, List<String> outputs,
      List<Attr> attrs, String name, ProtoWriter raw) {

    /**
     * @param attr attribute name
     * @return the attribute, or null
     */
    public Attr attr(String attr) {
      for (Attr a : attrs) {
        if (a.name().equals(attr)) {
          return a;
        }
      }
      return null;
    }
  }

  /**
   * An initializer.
   *
   * @param name tensor name
   * @param dims shape
   * @param type ONNX data type ({@link #FLOAT}, {@link #INT64}, ...)
   * @param raw little-endian {@code raw_data}
   */
  public record Initializer(String name, long[] dims, int type, byte[] raw) {

    /** @return the values of a FLOAT initializer */
    public float[] floats() {
      if (type != FLOAT) {
        throw new IllegalStateException(name + " is not a float tensor");
      }
      float[] f = new float[raw.length / 4];
      ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
      return f;
    }
  }

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
    nodeIn("", opType, inputs, outputs, attrs);
  }

  /**
   * Adds a node of an operator set domain other than the default one (for example
   * {@code com.microsoft}), importing that domain at the given version.
   *
   * @param domain operator set domain ("" for the default)
   * @param version its version (ignored for the default domain)
   * @param opType operator
   * @param inputs input tensor names
   * @param outputs output tensor names
   * @param attrs attributes
   */
  public void nodeIn(String domain, long version, String opType, List<String> inputs,
      List<String> outputs, Attr... attrs) {
    if (!domain.isEmpty()) {
      opsets.merge(domain, version, Math::max);
    }
    nodeIn(domain, opType, inputs, outputs, attrs);
  }

  private void nodeIn(String domain, String opType, List<String> inputs, List<String> outputs,
      Attr... attrs) {
    names.addAll(outputs);
    nodes.add(new Node(opType, domain, List.copyOf(inputs), List.copyOf(outputs),
        List.of(attrs), fresh("n_" + opType), null));
  }

  private static ProtoWriter encode(Node node) {
    if (node.raw() != null) {
      return node.raw();
    }
    ProtoWriter n = new ProtoWriter();
    for (String in : node.inputs()) {
      n.string(1, in);
    }
    for (String o : node.outputs()) {
      n.string(2, o);
    }
    n.string(3, node.name());
    n.string(4, node.opType());
    for (Attr a : node.attrs()) {
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
    if (!node.domain().isEmpty()) {
      n.string(7, node.domain());
    }
    return n;
  }

  /** @return the nodes added so far, in order */
  public List<Node> nodes() {
    return java.util.Collections.unmodifiableList(nodes);
  }

  /**
   * @param name tensor name
   * @return the initializer of that name, or null when the tensor is computed
   */
  public Initializer initializer(String name) {
    return initByName.get(name);
  }

  /** @return the initializers added so far, in order */
  public List<Initializer> initializers() {
    return java.util.Collections.unmodifiableList(initializers);
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

  /**
   * Adds an initializer of any type from its little-endian bytes.
   *
   * @param hint name stem
   * @param dims shape
   * @param type ONNX data type
   * @param raw little-endian values
   * @return its tensor name
   */
  public String init(String hint, long[] dims, int type, byte[] raw) {
    String name = fresh(hint);
    Initializer t = new Initializer(name, dims.clone(), type, raw);
    initializers.add(t);
    initByName.put(name, t);
    return name;
  }

  private static ProtoWriter encode(Initializer i) {
    ProtoWriter t = new ProtoWriter();
    for (long d : i.dims()) {
      t.int64(1, d);
    }
    t.int64(2, i.type());
    t.string(8, i.name());
    t.bytes(9, i.raw());
    return t;
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
    nodes.add(new Node("", "", List.of(), List.copyOf(outputs), List.of(), "", node));
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
    return toModel(graphName, input, inputShape, output, outputShape, List.of(), docString);
  }

  /**
   * Encodes the model with extra float outputs of unknown shape (intermediate tensors a
   * calibration run reads).
   *
   * @param graphName graph name
   * @param input graph input name
   * @param inputShape its shape (dimension 0 written as symbolic {@code batch})
   * @param output graph output name
   * @param outputShape its shape (dimension 0 written as symbolic {@code batch})
   * @param extraOutputs names of further float tensors to output
   * @param docString free text stored in the model
   * @return the serialized {@code ModelProto}
   */
  public byte[] toModel(String graphName, String input, long[] inputShape, String output,
      long[] outputShape, List<String> extraOutputs, String docString) {
    ProtoWriter g = new ProtoWriter();
    for (Node n : nodes) {
      g.message(1, encode(n));
    }
    g.string(2, graphName);
    for (Initializer t : initializers) {
      g.message(5, encode(t));
    }
    g.message(11, valueInfo(input, inputShape));
    g.message(12, valueInfo(output, outputShape));
    for (String extra : extraOutputs) {
      // type only: the probe outputs of the int8 calibration have shapes ONNX Runtime infers
      ProtoWriter tensorType = new ProtoWriter().int64(1, FLOAT);
      g.message(12, new ProtoWriter().string(1, extra)
          .message(2, new ProtoWriter().message(1, tensorType)));
    }
    ProtoWriter m = new ProtoWriter();
    m.int64(1, IR_VERSION);
    m.string(2, "dev.ecg.models");
    m.string(3, "0.1");
    if (docString != null) {
      m.string(6, docString);
    }
    m.message(7, g);
    m.message(8, new ProtoWriter().string(1, "").int64(2, OPSET));
    for (java.util.Map.Entry<String, Long> e : opsets.entrySet()) {
      m.message(8, new ProtoWriter().string(1, e.getKey()).int64(2, e.getValue()));
    }
    return m.toByteArray();
  }
}
