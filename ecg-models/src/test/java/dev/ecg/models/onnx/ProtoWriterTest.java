package dev.ecg.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Expected bytes are the worked examples of the Protocol Buffers encoding guide. */
class ProtoWriterTest {

  static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void varintsFollowTheSpecExamples() {
    assertArrayEquals(bytes(0x01), new ProtoWriter().varint(1).toByteArray());
    assertArrayEquals(bytes(0x96, 0x01), new ProtoWriter().varint(150).toByteArray());
    assertArrayEquals(bytes(0xac, 0x02), new ProtoWriter().varint(300).toByteArray());
    // negative int64: ten bytes, two's complement
    assertArrayEquals(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01),
        new ProtoWriter().varint(-1).toByteArray());
  }

  @Test
  void fieldsFollowTheSpecExamples() {
    // "message Test1 { int32 a = 1; }" with a = 150 -> 08 96 01
    assertArrayEquals(bytes(0x08, 0x96, 0x01), new ProtoWriter().int64(1, 150).toByteArray());
    // "message Test2 { string b = 2; }" with b = "testing" -> 12 07 74 65 73 74 69 6e 67
    assertArrayEquals(bytes(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67),
        new ProtoWriter().string(2, "testing").toByteArray());
    // "message Test3 { Test1 c = 3; }" -> 1a 03 08 96 01
    assertArrayEquals(bytes(0x1a, 0x03, 0x08, 0x96, 0x01),
        new ProtoWriter().message(3, new ProtoWriter().int64(1, 150)).toByteArray());
    // fixed32 float 1.0f = 0x3f800000 little-endian, field 2 wire type 5 -> 15
    assertArrayEquals(bytes(0x15, 0x00, 0x00, 0x80, 0x3f),
        new ProtoWriter().float32(2, 1.0f).toByteArray());
  }
}
