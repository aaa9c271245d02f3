package dev.tikhonov.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers wire-format encoder: varints (wire type 0), 32-bit fixed (type 5)
 * and length-delimited fields (type 2: strings, bytes, nested messages). Enough to write ONNX
 * models; fields are written in the order they are added, which every parser accepts.
 */
final class Protobuf {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** A varint field (int32, int64, enum, bool). Negative values take 10 bytes, as specified. */
  Protobuf varint(int field, long value) {
    tag(field, 0);
    rawVarint(value);
    return this;
  }

  /** A float field (wire type 5, little-endian IEEE 754). */
  Protobuf fixed32(int field, float value) {
    tag(field, 5);
    int bits = Float.floatToIntBits(value);
    for (int i = 0; i < 4; i++) {
      out.write((bits >>> (8 * i)) & 0xff);
    }
    return this;
  }

  Protobuf string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  Protobuf bytes(int field, byte[] value) {
    tag(field, 2);
    rawVarint(value.length);
    out.write(value, 0, value.length);
    return this;
  }

  Protobuf message(int field, Protobuf message) {
    return bytes(field, message.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void tag(int field, int wireType) {
    rawVarint(((long) field << 3) | wireType);
  }

  private void rawVarint(long value) {
    long v = value;
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
