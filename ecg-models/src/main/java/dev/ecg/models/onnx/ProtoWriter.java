package dev.ecg.models.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal Protocol Buffers wire-format encoder: varints, 64-bit varint integers, fixed32
 * floats, length-delimited bytes, strings and nested messages, which is all the ONNX schema needs.
 * Repeated scalars are written unpacked (one tag per value), which every parser accepts.
 *
 * <p>Wire format as specified in the Protocol Buffers encoding guide
 * (https://protobuf.dev/programming-guides/encoding/).
 */
final class ProtoWriter {

  private static final int VARINT = 0;
  private static final int LEN = 2;
  private static final int I32 = 5;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ProtoWriter varint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    return this;
  }

  private ProtoWriter tag(int field, int wireType) {
    return varint(((long) field << 3) | wireType);
  }

  /** int32/int64/enum/bool field (negative values take ten bytes, as the spec requires). */
  ProtoWriter int64(int field, long v) {
    return tag(field, VARINT).varint(v);
  }

  ProtoWriter float32(int field, float v) {
    tag(field, I32);
    int bits = Float.floatToIntBits(v);
    out.write(bits);
    out.write(bits >>> 8);
    out.write(bits >>> 16);
    out.write(bits >>> 24);
    return this;
  }

  ProtoWriter bytes(int field, byte[] b) {
    tag(field, LEN).varint(b.length);
    out.write(b, 0, b.length);
    return this;
  }

  ProtoWriter string(int field, String s) {
    return bytes(field, s.getBytes(StandardCharsets.UTF_8));
  }

  ProtoWriter message(int field, ProtoWriter m) {
    return bytes(field, m.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
