package dev.ecg.models.onnx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: reads the operator types of an ONNX {@code ModelProto}'s graph with a minimal
 * protobuf decoder (ModelProto.graph = 7, GraphProto.node = 1, NodeProto.op_type = 4), enough
 * to check what ONNX Runtime's optimizer wrote.
 */
final class OnnxOps {

  private OnnxOps() {}

  static List<String> opTypes(byte[] model) {
    List<String> ops = new ArrayList<>();
    for (byte[] graph : fields(model, 7)) {
      for (byte[] node : fields(graph, 1)) {
        for (byte[] op : fields(node, 4)) {
          ops.add(new String(op, StandardCharsets.UTF_8));
        }
      }
    }
    return ops;
  }

  /** The length-delimited values of one field number in a message. */
  private static List<byte[]> fields(byte[] msg, int wanted) {
    List<byte[]> out = new ArrayList<>();
    int[] pos = {0};
    while (pos[0] < msg.length) {
      long key = varint(msg, pos);
      int field = (int) (key >>> 3);
      int wire = (int) (key & 7);
      switch (wire) {
        case 0 -> varint(msg, pos);
        case 1 -> pos[0] += 8;
        case 5 -> pos[0] += 4;
        case 2 -> {
          int len = (int) varint(msg, pos);
          if (field == wanted) {
            byte[] v = new byte[len];
            System.arraycopy(msg, pos[0], v, 0, len);
            out.add(v);
          }
          pos[0] += len;
        }
        default -> throw new IllegalArgumentException("wire type " + wire + " at " + pos[0]);
      }
    }
    return out;
  }

  private static long varint(byte[] b, int[] pos) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      byte x = b[pos[0]++];
      v |= (long) (x & 0x7f) << shift;
      if (x >= 0) {
        return v;
      }
    }
  }
}
