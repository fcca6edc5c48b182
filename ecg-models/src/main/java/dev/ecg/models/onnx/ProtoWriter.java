package dev.ecg.models.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal Protocol Buffers wire-format encoder: varints, 64-bit varint integers, fixed32
 * floats, length-delimited bytes, strings and nested messages, which is all the ONNX schema needs.
 * Repeated scalars are written unpacked (one tag per value), which every parser accepts.
 *
 * <p>Wire format as specified in the Protocol Buffers encoding guide
 * (https://protobuf.dev/programming-guides/encoding/). Public so that other exporters in this
 * module (the tree-ensemble exporter in {@code dev.ecg.models.trees}) write ONNX with the same
 * encoder instead of a protobuf library.
 */
public final class ProtoWriter {

  /** An empty message. */
  public ProtoWriter() {}

  private static final int VARINT = 0;
  private static final int LEN = 2;
  private static final int I32 = 5;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /**
   * Writes a bare base-128 varint (no tag).
   *
   * @param v the value, as unsigned 64 bits
   * @return this writer
   */
  public ProtoWriter varint(long v) {
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

  /**
   * Writes an int32/int64/enum/bool field (negative values take ten bytes, as the spec requires).
   *
   * @param field field number
   * @param v value
   * @return this writer
   */
  public ProtoWriter int64(int field, long v) {
    return tag(field, VARINT).varint(v);
  }

  /**
   * Writes a {@code float} field (fixed32, little-endian).
   *
   * @param field field number
   * @param v value
   * @return this writer
   */
  public ProtoWriter float32(int field, float v) {
    tag(field, I32);
    int bits = Float.floatToIntBits(v);
    out.write(bits);
    out.write(bits >>> 8);
    out.write(bits >>> 16);
    out.write(bits >>> 24);
    return this;
  }

  /**
   * Writes a length-delimited bytes field.
   *
   * @param field field number
   * @param b the bytes
   * @return this writer
   */
  public ProtoWriter bytes(int field, byte[] b) {
    tag(field, LEN).varint(b.length);
    out.write(b, 0, b.length);
    return this;
  }

  /**
   * Writes a string field (UTF-8).
   *
   * @param field field number
   * @param s the string
   * @return this writer
   */
  public ProtoWriter string(int field, String s) {
    return bytes(field, s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes a nested message field.
   *
   * @param field field number
   * @param m the message
   * @return this writer
   */
  public ProtoWriter message(int field, ProtoWriter m) {
    return bytes(field, m.toByteArray());
  }

  /**
   * Appends encoded fields as they are (protobuf merges concatenated messages: repeated fields
   * append, so a serialized message followed by more fields is that message with them added).
   *
   * @param encoded serialized fields
   * @return this writer
   */
  public ProtoWriter raw(byte[] encoded) {
    out.writeBytes(encoded);
    return this;
  }

  /**
   * @return the bytes written so far
   */
  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
